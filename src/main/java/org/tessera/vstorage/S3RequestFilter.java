package org.tessera.vstorage;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tessera.enforcement.PolicyDeniedException;
import org.tessera.enforcement.sigv4.QueryParameter;
import org.tessera.enforcement.sigv4.SigV4Exception;
import org.tessera.enforcement.sigv4.SigV4Verifier;
import org.tessera.enforcement.sigv4.SigningKeyUnavailableException;
import org.tessera.enforcement.sigv4.VerifiedRequest;

/**
 * vStorage's front door, in front of every path: it answers every request itself and
 * never passes one on, so nothing behind it is reachable. Each request is read as S3
 * reads it (the raw path, the raw query), its SigV4 signature verified, then routed to
 * the operation its method, path and sub-resource name; every refusal is S3's XML error
 * with S3's status, and the container's error dispatches are answered the same way.
 */
class S3RequestFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(S3RequestFilter.class);

	/** Sub-resources of S3 that vStorage does not implement. */
	private static final Set<String> UNSUPPORTED = Set.of("accelerate", "acl", "analytics", "attributes", "cors",
			"encryption", "intelligent-tiering", "inventory", "legal-hold", "lifecycle", "logging", "metadataTable",
			"metrics", "notification", "object-lock", "ownershipControls", "partNumber", "policy", "policyStatus",
			"publicAccessBlock", "replication", "requestPayment", "restore", "retention", "select", "session",
			"tagging", "torrent", "uploadId", "uploads", "versionId", "versioning", "versions", "website",
			"renameObject");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SigV4Verifier verifier;

	private final BucketOperations buckets;

	private final ObjectOperations objects;

	S3RequestFilter(SigV4Verifier verifier, BucketOperations buckets, ObjectOperations objects) {
		this.verifier = verifier;
		this.buckets = buckets;
		this.objects = objects;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean head = "HEAD".equals(request.getMethod());
		String requestId = HexFormat.of().withUpperCase().formatHex(randomBytes());
		response.setHeader("x-amz-request-id", requestId);
		String resource = request.getRequestURI();
		if (request.getDispatcherType() == DispatcherType.ERROR) {
			S3Responses.error(response, head, 400, "InvalidRequest", "The request is not valid.", resource, requestId);
			return;
		}
		try {
			handle(request, response);
		}
		catch (S3Exception ex) {
			S3Responses.error(response, head, ex.status(), ex.code(), ex.getMessage(), resource, requestId);
		}
		catch (SigV4Exception ex) {
			S3Responses.error(response, head, ex.status(), ex.code(), ex.getMessage(), resource, requestId);
		}
		catch (PolicyDeniedException ex) {
			S3Responses.error(response, head, 403, "AccessDenied", "Access Denied", resource, requestId);
		}
		catch (SigningKeyUnavailableException ex) {
			log.warn("Cannot verify a request: {}", ex.getMessage());
			S3Responses.error(response, head, 503, "ServiceUnavailable",
					"Please reduce your request rate or try again later: the signing keys cannot be fetched.", resource,
					requestId);
		}
		catch (IOException ex) {
			log.debug("The connection failed while a request was read or answered", ex);
			S3Responses.error(response, head, 400, "IncompleteBody",
					"You did not provide the number of bytes specified by the Content-Length HTTP header.", resource,
					requestId);
		}
		catch (RuntimeException ex) {
			log.error("A request failed: {} {}", request.getMethod(), resource, ex);
			S3Responses.error(response, head, 500, "InternalError",
					"We encountered an internal error. Please try again.", resource, requestId);
		}
		if (log.isDebugEnabled()) {
			log.debug("{} {} -> {} ({})", request.getMethod(), resource, response.getStatus(), requestId);
		}
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[8];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	/** Parse, verify, route. */
	private void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
		List<QueryParameter> parameters;
		try {
			parameters = QueryParameter.parse(request.getQueryString());
		}
		catch (IllegalArgumentException ex) {
			throw S3Exception.invalidArgument("The query string is not valid percent-encoded UTF-8.");
		}
		S3Path path = S3Path.parse(request.getRequestURI());
		VerifiedRequest verified = this.verifier.verify(request, parameters);
		S3Call call = new S3Call(request, response, path, parameters, verified);
		for (QueryParameter parameter : parameters) {
			if (UNSUPPORTED.contains(parameter.name())) {
				throw S3Exception.unsupported("The sub-resource ?" + parameter.name());
			}
		}
		if (path.bucket() == null) {
			service(call);
		}
		else if (path.key() == null) {
			bucket(call);
		}
		else {
			object(call);
		}
	}

	private void service(S3Call call) throws IOException {
		if (!"GET".equals(call.request().getMethod())) {
			throw S3Exception.methodNotAllowed();
		}
		this.buckets.listBuckets(call);
	}

	private void bucket(S3Call call) throws IOException {
		switch (call.request().getMethod()) {
			case "GET" -> {
				if (call.has("location")) {
					this.buckets.location(call);
				}
				else {
					this.buckets.listObjects(call);
				}
			}
			case "HEAD" -> this.buckets.headBucket(call);
			case "PUT" -> this.buckets.createBucket(call);
			case "DELETE" -> this.buckets.deleteBucket(call);
			case "POST" -> {
				if (!call.has("delete")) {
					throw S3Exception.methodNotAllowed();
				}
				this.buckets.deleteObjects(call);
			}
			default -> throw S3Exception.methodNotAllowed();
		}
	}

	private void object(S3Call call) throws IOException {
		switch (call.request().getMethod()) {
			case "GET", "HEAD" -> this.objects.get(call);
			case "PUT" -> this.objects.put(call);
			case "DELETE" -> this.objects.delete(call);
			default -> throw S3Exception.methodNotAllowed();
		}
	}

}
