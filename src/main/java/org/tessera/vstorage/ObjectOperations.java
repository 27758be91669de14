package org.tessera.vstorage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.tessera.enforcement.sigv4.SigV4PolicyAuthorizer;

/**
 * S3's object operations on {@link BucketStore}: PutObject, GetObject (with one byte
 * range and the {@code response-*} overrides), HeadObject and DeleteObject; each is
 * decided by the signer's policies first.
 */
class ObjectOperations {

	/** S3's limit on the {@code x-amz-meta-*} headers of an object. */
	static final int MAXIMUM_METADATA_BYTES = 2048;

	private static final String META_PREFIX = "x-amz-meta-";

	private static final Map<String, String> OVERRIDES = Map.of("response-content-type", "Content-Type",
			"response-content-language", "Content-Language", "response-expires", "Expires", "response-cache-control",
			"Cache-Control", "response-content-disposition", "Content-Disposition", "response-content-encoding",
			"Content-Encoding");

	private final BucketStore store;

	private final SigV4PolicyAuthorizer authorizer;

	ObjectOperations(BucketStore store, SigV4PolicyAuthorizer authorizer) {
		this.store = store;
		this.authorizer = authorizer;
	}

	/** {@code PUT /<bucket>/<key>}. */
	void put(S3Call call) throws IOException {
		S3Path path = call.path();
		HttpServletRequest request = call.request();
		if (request.getHeader("x-amz-copy-source") != null) {
			throw S3Exception.unsupported("CopyObject");
		}
		require(call, VStorageResources.PUT_OBJECT);
		if (call.verified().contentLength() > this.store.maxObjectBytes()) {
			throw BucketStore.entityTooLarge();
		}
		Map<String, String> metadata = metadata(request);
		String contentType = (request.getContentType() != null) ? request.getContentType() : "binary/octet-stream";
		StoredObject object = this.store.put(call.account(), path.bucket(), path.key(), call.verified().body(),
				contentType, metadata, request.getHeader("Content-MD5"));
		call.response().setHeader("ETag", object.etag());
		call.response().setStatus(200);
		call.response().setContentLength(0);
	}

	/** {@code GET} and {@code HEAD /<bucket>/<key>}. */
	void get(S3Call call) throws IOException {
		S3Path path = call.path();
		require(call, VStorageResources.GET_OBJECT);
		Optional<BucketStore.ObjectFile> found = this.store.find(call.account(), path.bucket(), path.key());
		if (found.isEmpty()) {
			throw S3Exception.noSuchKey();
		}
		StoredObject object = found.get().object();
		HttpServletResponse response = call.response();
		response.setHeader("ETag", object.etag());
		response.setHeader("Last-Modified", S3Responses.httpDate(object.lastModified()));
		response.setHeader("Accept-Ranges", "bytes");
		response.setContentType(object.contentType());
		object.metadata().forEach((name, value) -> response.setHeader(META_PREFIX + name, value));
		if (!call.head()) {
			OVERRIDES.forEach((parameter, header) -> {
				String value = call.parameter(parameter);
				if (value != null) {
					response.setHeader(header, value);
				}
			});
		}
		ByteRange range = ByteRange.parse(call.request().getHeader("Range"), object.size());
		long start = (range != null) ? range.first() : 0;
		long length = (range != null) ? range.length() : object.size();
		if (range != null) {
			response.setStatus(206);
			response.setHeader("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + object.size());
		}
		else {
			response.setStatus(200);
		}
		response.setContentLengthLong(length);
		if (call.head()) {
			return;
		}
		try (InputStream in = Files.newInputStream(found.get().data())) {
			in.skipNBytes(start);
			OutputStream out = response.getOutputStream();
			byte[] buffer = new byte[64 * 1024];
			long remaining = length;
			while (remaining > 0) {
				int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
				if (n < 0) {
					break;
				}
				out.write(buffer, 0, n);
				remaining -= n;
			}
		}
	}

	/** {@code DELETE /<bucket>/<key>}: 204 whether the object existed or not. */
	void delete(S3Call call) throws IOException {
		S3Path path = call.path();
		require(call, VStorageResources.DELETE_OBJECT);
		this.store.delete(call.account(), path.bucket(), path.key());
		call.response().setStatus(204);
	}

	private void require(S3Call call, String action) {
		this.authorizer.require(call.verified().principal(), action,
				VStorageResources.object(call.account(), call.path().bucket(), call.path().key()));
	}

	private static Map<String, String> metadata(HttpServletRequest request) {
		Map<String, String> metadata = new TreeMap<>();
		int bytes = 0;
		for (String name : Collections.list(request.getHeaderNames())) {
			String lower = name.toLowerCase(Locale.ROOT);
			if (lower.startsWith(META_PREFIX) && lower.length() > META_PREFIX.length()) {
				String value = String.join(",", Collections.list(request.getHeaders(name)));
				bytes += lower.length() - META_PREFIX.length() + value.getBytes(StandardCharsets.UTF_8).length;
				if (value.chars().anyMatch((c) -> Character.isISOControl(c) && c != '\t')) {
					throw S3Exception.invalidArgument("A metadata value holds a control character.");
				}
				metadata.put(lower.substring(META_PREFIX.length()), value);
			}
		}
		if (bytes > MAXIMUM_METADATA_BYTES) {
			throw new S3Exception("MetadataTooLarge", 400,
					"Your metadata headers exceed the maximum allowed metadata size.");
		}
		return metadata;
	}

}
