package org.tessera.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends one HTTP/1.1 request over a plain socket and reads the answer until the server
 * closes. For requests a server refuses before reading them whole (headers over its
 * limit): it answers and closes while the JDK client is still writing, which then fails
 * with a broken pipe and loses the answer; a socket whose whole request the kernel has
 * buffered still reads it.
 */
public final class SocketHttp {

	private SocketHttp() {
	}

	/**
	 * {@code headers} are name, value pairs; Host, Content-Length and Connection: close
	 * are added.
	 */
	public static Http.Response send(String base, String method, String path, byte[] body, String... headers) {
		return sendFrom(null, base, method, path, body, headers);
	}

	/**
	 * As {@link #send}, from the local address {@code source} (such as 127.0.0.2, which
	 * reaches a server on 127.0.0.1 on Linux), or from any when null: the JDK client
	 * cannot choose its source.
	 */
	public static Http.Response sendFrom(String source, String base, String method, String path, byte[] body,
			String... headers) {
		URI uri = URI.create(base);
		StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + uri.getAuthority()
				+ "\r\nConnection: close\r\nContent-Length: " + ((body == null) ? 0 : body.length) + "\r\n");
		for (int i = 0; i < headers.length; i += 2) {
			head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
		}
		head.append("\r\n");
		try (Socket socket = (source == null) ? new Socket(uri.getHost(), uri.getPort())
				: new Socket(uri.getHost(), uri.getPort(), InetAddress.getByName(source), 0)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.UTF_8));
			if (body != null) {
				out.write(body);
			}
			out.flush();
			return parse(readAll(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("no answer over a plain socket either", ex);
		}
	}

	/**
	 * Sends {@code body} as a chunked body in chunks of at most 8 KB, with
	 * {@code transferEncoding} as the Transfer-Encoding header's raw value (e.g.
	 * {@code ,chunked} or {@code gzip, chunked}) and no Content-Length; {@code headers}
	 * are name, value pairs, Host and Connection: close are added. Stops writing when the
	 * server has answered and closed, and still reads its answer.
	 */
	public static Http.Response sendChunked(String base, String method, String path, String transferEncoding,
			byte[] body, String... headers) {
		URI uri = URI.create(base);
		StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + uri.getAuthority()
				+ "\r\nConnection: close\r\nTransfer-Encoding: " + transferEncoding + "\r\n");
		for (int i = 0; i < headers.length; i += 2) {
			head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
		}
		head.append("\r\n");
		try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.UTF_8));
			try {
				for (int at = 0; at < body.length; at += 8192) {
					int size = Math.min(8192, body.length - at);
					out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
					out.write(body, at, size);
					out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
				}
				out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
			}
			catch (IOException ex) {
				// the server answered early and closed: its answer may still be read
			}
			return parse(readAll(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("no answer to the chunked request", ex);
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		in.transferTo(bytes);
		return bytes.toByteArray();
	}

	private static Http.Response parse(byte[] raw) {
		String text = new String(raw, StandardCharsets.ISO_8859_1);
		int end = text.indexOf("\r\n\r\n");
		String[] lines = text.substring(0, end).split("\r\n");
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.computeIfAbsent(lines[i].substring(0, colon).trim(), (name) -> new ArrayList<>())
				.add(lines[i].substring(colon + 1).trim());
		}
		String body = text.substring(end + 4);
		boolean chunked = headers.entrySet()
			.stream()
			.anyMatch((header) -> header.getKey().equalsIgnoreCase("Transfer-Encoding")
					&& header.getValue().toString().toLowerCase(Locale.ROOT).contains("chunked"));
		byte[] content = (chunked ? dechunk(body) : body).getBytes(StandardCharsets.ISO_8859_1);
		return new Http.Response(Integer.parseInt(lines[0].split(" ")[1]), HttpHeaders.of(headers, (a, b) -> true),
				new String(content, StandardCharsets.UTF_8));
	}

	private static String dechunk(String body) {
		StringBuilder content = new StringBuilder();
		int at = 0;
		while (true) {
			int lineEnd = body.indexOf("\r\n", at);
			int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].trim(), 16);
			if (size == 0) {
				return content.toString();
			}
			content.append(body, lineEnd + 2, lineEnd + 2 + size);
			at = lineEnd + 2 + size + 2;
		}
	}

}
