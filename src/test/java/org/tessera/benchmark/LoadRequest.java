package org.tessera.benchmark;

import java.util.Map;

/** One request repeated by a load run: method, URL, headers and form or empty body. */
record LoadRequest(String method, String url, Map<String, String> headers, String body) {
}
