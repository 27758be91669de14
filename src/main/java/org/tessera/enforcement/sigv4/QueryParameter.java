package org.tessera.enforcement.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One parameter of a raw query string, percent-decoded once ({@code +} stays a plus, as
 * SigV4 clients encode a space as {@code %20}). Parsing never reads a request body,
 * unlike the servlet API's parameters.
 *
 * @param name the decoded name
 * @param value the decoded value, empty when the parameter has no {@code =}
 */
public record QueryParameter(String name, String value) {

	/**
	 * The parameters of {@code rawQuery} in order, none for null or empty.
	 * @throws IllegalArgumentException if a part is not valid percent-encoded UTF-8
	 */
	public static List<QueryParameter> parse(String rawQuery) {
		List<QueryParameter> parameters = new ArrayList<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return parameters;
		}
		for (String pair : rawQuery.split("&", -1)) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = (equals < 0) ? pair : pair.substring(0, equals);
			String value = (equals < 0) ? "" : pair.substring(equals + 1);
			parameters.add(new QueryParameter(decode(name), decode(value)));
		}
		return parameters;
	}

	/**
	 * Percent-decodes once, as strict UTF-8.
	 * @throws IllegalArgumentException if an escape or the UTF-8 is malformed
	 */
	public static String decode(String text) {
		if (text.indexOf('%') < 0) {
			return text;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '%') {
				if (i + 2 >= text.length()) {
					throw new IllegalArgumentException("a truncated percent escape");
				}
				int high = Character.digit(text.charAt(i + 1), 16);
				int low = Character.digit(text.charAt(i + 2), 16);
				if (high < 0 || low < 0) {
					throw new IllegalArgumentException("a malformed percent escape");
				}
				bytes.write((high << 4) | low);
				i += 2;
			}
			else {
				byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
				if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
					encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
					i++;
				}
				bytes.writeBytes(encoded);
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new IllegalArgumentException("not UTF-8", ex);
		}
	}

	/**
	 * RFC 3986 encoding as SigV4 wants it: every byte but the unreserved characters
	 * {@code A-Z a-z 0-9 - _ . ~} as {@code %XY} with uppercase hex.
	 */
	public static String encode(String text) {
		StringBuilder encoded = new StringBuilder(text.length() + 16);
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
					|| c == '.' || c == '~') {
				encoded.append((char) c);
			}
			else {
				encoded.append('%')
					.append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
			}
		}
		return encoded.toString();
	}

}
