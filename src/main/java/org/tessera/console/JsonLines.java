package org.tessera.console;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonPointer;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where in a JSON text a field lies, so that the JSON editor can show an error of the
 * policy language at the line it refers to: the API names fields as
 * {@code statements[0].actions[2]}.
 */
final class JsonLines {

	private JsonLines() {
	}

	/**
	 * The 1-based line of the value at {@code field} in {@code text}, or of the nearest
	 * enclosing value found; 0 when the text is no JSON or the field is none of its.
	 */
	static int lineOf(JsonMapper json, String text, String field) {
		if (field == null || field.isBlank()) {
			return 0;
		}
		JsonPointer wanted = JsonPointer.compile("/" + field.replaceAll("\\[(\\d+)]", "/$1").replace('.', '/'));
		int best = 0;
		int bestLength = -1;
		try (JsonParser parser = json.createParser(text)) {
			for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
				if (token == JsonToken.PROPERTY_NAME || token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
					continue;
				}
				JsonPointer here = parser.streamReadContext().pathAsPointer();
				String path = here.toString();
				if (wanted.toString().equals(path)) {
					return parser.currentTokenLocation().getLineNr();
				}
				if (wanted.toString().startsWith(path + "/") && path.length() > bestLength) {
					best = parser.currentTokenLocation().getLineNr();
					bestLength = path.length();
				}
			}
		}
		catch (JacksonException ex) {
			return best;
		}
		return best;
	}

}
