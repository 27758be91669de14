package org.tessera.enforcement.sigv4;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The canonical request of SigV4 as S3 defines it: method, the path exactly as sent (S3
 * neither normalizes it nor encodes it again), the query parameters RFC 3986-encoded and
 * sorted (without {@code X-Amz-Signature}), each signed header as {@code name:value} with
 * its values trimmed, inner runs of spaces collapsed and several values joined by commas,
 * the signed header names, and the payload hash.
 */
final class CanonicalRequest {

	private CanonicalRequest() {
	}

	/**
	 * @param headerValues every value of a header by lowercase name, empty when absent
	 * @throws SigV4Exception if a signed header is absent
	 */
	static String of(String method, String rawPath, List<QueryParameter> parameters,
			Function<String, List<String>> headerValues, List<String> signedHeaders, String payloadHash) {
		StringBuilder canonical = new StringBuilder(512);
		canonical.append(method).append('\n');
		canonical.append(rawPath.isEmpty() ? "/" : rawPath).append('\n');
		canonical.append(query(parameters)).append('\n');
		for (String name : signedHeaders) {
			List<String> values = headerValues.apply(name);
			if (values.isEmpty()) {
				throw SigV4Exception.signatureDoesNotMatch();
			}
			canonical.append(name).append(':');
			for (int i = 0; i < values.size(); i++) {
				if (i > 0) {
					canonical.append(',');
				}
				canonical.append(trim(values.get(i)));
			}
			canonical.append('\n');
		}
		canonical.append('\n');
		canonical.append(String.join(";", signedHeaders)).append('\n');
		canonical.append(payloadHash);
		return canonical.toString();
	}

	private static String query(List<QueryParameter> parameters) {
		List<String[]> encoded = new ArrayList<>(parameters.size());
		for (QueryParameter parameter : parameters) {
			if (!parameter.name().equals("X-Amz-Signature")) {
				encoded.add(new String[] { QueryParameter.encode(parameter.name()),
						QueryParameter.encode(parameter.value()) });
			}
		}
		encoded.sort(Comparator.<String[], String>comparing((pair) -> pair[0]).thenComparing((pair) -> pair[1]));
		StringBuilder query = new StringBuilder();
		for (String[] pair : encoded) {
			if (!query.isEmpty()) {
				query.append('&');
			}
			query.append(pair[0]).append('=').append(pair[1]);
		}
		return query.toString();
	}

	/** Strips the value and collapses each inner run of spaces to one space. */
	static String trim(String value) {
		String stripped = value.strip();
		StringBuilder trimmed = new StringBuilder(stripped.length());
		boolean space = false;
		for (int i = 0; i < stripped.length(); i++) {
			char c = stripped.charAt(i);
			if (c == ' ' || c == '\t') {
				if (!space) {
					trimmed.append(' ');
				}
				space = true;
			}
			else {
				trimmed.append(c);
				space = false;
			}
		}
		return trimmed.toString();
	}

}
