package org.tessera.vstorage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

import org.tessera.enforcement.sigv4.QueryParameter;
import org.tessera.enforcement.sigv4.SigV4PolicyAuthorizer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * S3's service and bucket operations on {@link BucketStore}: ListBuckets, CreateBucket,
 * DeleteBucket, HeadBucket, GetBucketLocation, ListObjects (v1) and ListObjectsV2, and
 * DeleteObjects; each is decided by the signer's policies first.
 */
class BucketOperations {

	private static final int MAXIMUM_KEYS = 1000;

	private final BucketStore store;

	private final SigV4PolicyAuthorizer authorizer;

	BucketOperations(BucketStore store, SigV4PolicyAuthorizer authorizer) {
		this.store = store;
		this.authorizer = authorizer;
	}

	/** {@code GET /}. */
	void listBuckets(S3Call call) throws IOException {
		require(call, VStorageResources.LIST_BUCKETS, VStorageResources.allBuckets(call.account()));
		XmlDocument xml = XmlDocument.s3("ListAllMyBucketsResult")
			.start("Owner")
			.text("ID", call.account())
			.text("DisplayName", call.account())
			.end()
			.start("Buckets");
		for (Bucket bucket : this.store.buckets(call.account())) {
			xml.start("Bucket")
				.text("Name", bucket.name())
				.text("CreationDate", S3Responses.ISO_MILLIS.format(bucket.created()))
				.end();
		}
		S3Responses.xml(call.response(), 200, xml.end().toBytes());
	}

	/** {@code PUT /<bucket>}, with an optional CreateBucketConfiguration. */
	void createBucket(S3Call call) throws IOException {
		String bucket = call.path().bucket();
		require(call, VStorageResources.CREATE_BUCKET, VStorageResources.bucket(call.account(), bucket));
		byte[] body = XmlBodies.read(call.verified().body());
		if (body.length > 0) {
			Document configuration = XmlBodies.parse(body);
			if (!"CreateBucketConfiguration".equals(configuration.getDocumentElement().getLocalName())) {
				throw S3Exception.malformedXml();
			}
		}
		this.store.createBucket(call.account(), bucket);
		call.response().setHeader("Location", "/" + bucket);
		call.response().setStatus(200);
		call.response().setContentLength(0);
	}

	/** {@code DELETE /<bucket>}. */
	void deleteBucket(S3Call call) throws IOException {
		String bucket = call.path().bucket();
		require(call, VStorageResources.DELETE_BUCKET, VStorageResources.bucket(call.account(), bucket));
		this.store.deleteBucket(call.account(), bucket);
		call.response().setStatus(204);
	}

	/** {@code HEAD /<bucket>}. */
	void headBucket(S3Call call) {
		String bucket = call.path().bucket();
		require(call, VStorageResources.LIST_OBJECTS, VStorageResources.bucket(call.account(), bucket));
		this.store.requireBucket(call.account(), bucket);
		call.response().setHeader("x-amz-bucket-region", "us-east-1");
		call.response().setStatus(200);
		call.response().setContentLength(0);
	}

	/** {@code GET /<bucket>?location}: us-east-1, written as S3 does, empty. */
	void location(S3Call call) throws IOException {
		String bucket = call.path().bucket();
		require(call, VStorageResources.LIST_OBJECTS, VStorageResources.bucket(call.account(), bucket));
		this.store.requireBucket(call.account(), bucket);
		S3Responses.xml(call.response(), 200, XmlDocument.s3("LocationConstraint").toBytes());
	}

	/** {@code GET /<bucket>?list-type=2} and, without list-type, ListObjects v1. */
	void listObjects(S3Call call) throws IOException {
		String bucket = call.path().bucket();
		String listType = call.parameter("list-type");
		boolean v2 = listType != null;
		if (v2 && !listType.equals("2")) {
			throw S3Exception.invalidArgument("Invalid List Type");
		}
		String encodingType = call.parameter("encoding-type");
		if (encodingType != null && !encodingType.equals("url")) {
			throw S3Exception.invalidArgument("Invalid Encoding Method specified in Request");
		}
		int maxKeys = maxKeys(call.parameter("max-keys"));
		String prefix = call.parameter("prefix");
		String delimiter = call.parameter("delimiter");
		String marker;
		String continuationToken = null;
		if (v2) {
			continuationToken = call.parameter("continuation-token");
			marker = (continuationToken != null) ? decodeToken(continuationToken) : call.parameter("start-after");
		}
		else {
			marker = call.parameter("marker");
		}
		require(call, VStorageResources.LIST_OBJECTS, VStorageResources.bucket(call.account(), bucket));
		ObjectListing page = ObjectListing.page(this.store.objects(call.account(), bucket), prefix, delimiter,
				(marker == null || marker.isEmpty()) ? null : marker, maxKeys);
		UnaryOperator<String> encode = (encodingType != null)
				? (value) -> (value == null) ? null : QueryParameter.encode(value).replace("%2F", "/")
				: UnaryOperator.identity();
		XmlDocument xml = XmlDocument.s3("ListBucketResult")
			.text("Name", bucket)
			.text("Prefix", encode.apply((prefix == null) ? "" : prefix));
		if (v2) {
			xml.text("KeyCount", page.objects().size() + page.commonPrefixes().size());
			xml.text("ContinuationToken", continuationToken);
			if (page.truncated() && page.last() != null) {
				xml.text("NextContinuationToken", encodeToken(page.last()));
			}
			xml.text("StartAfter", encode.apply(call.parameter("start-after")));
		}
		else {
			xml.text("Marker", encode.apply((marker == null) ? "" : marker));
			if (page.truncated() && page.last() != null) {
				xml.text("NextMarker", encode.apply(page.last()));
			}
		}
		xml.text("MaxKeys", maxKeys)
			.text("Delimiter", encode.apply(delimiter))
			.text("EncodingType", encodingType)
			.text("IsTruncated", page.truncated());
		boolean owner = !v2 || "true".equals(call.parameter("fetch-owner"));
		for (StoredObject object : page.objects()) {
			xml.start("Contents")
				.text("Key", encode.apply(object.key()))
				.text("LastModified", S3Responses.ISO_MILLIS.format(object.lastModified()))
				.text("ETag", object.etag())
				.text("Size", object.size());
			if (owner) {
				xml.start("Owner").text("ID", call.account()).text("DisplayName", call.account()).end();
			}
			xml.text("StorageClass", "STANDARD").end();
		}
		for (String common : page.commonPrefixes()) {
			xml.start("CommonPrefixes").text("Prefix", encode.apply(common)).end();
		}
		S3Responses.xml(call.response(), 200, xml.toBytes());
	}

	/**
	 * {@code POST /<bucket>?delete}: each key is decided and deleted on its own, and the
	 * refused ones are listed as errors.
	 */
	void deleteObjects(S3Call call) throws IOException {
		String bucket = call.path().bucket();
		Document document = XmlBodies.parse(XmlBodies.read(call.verified().body()));
		Element root = document.getDocumentElement();
		if (!"Delete".equals(root.getLocalName())) {
			throw S3Exception.malformedXml();
		}
		boolean quiet = false;
		List<String> keys = new ArrayList<>();
		NodeList children = root.getChildNodes();
		for (int i = 0; i < children.getLength(); i++) {
			Node child = children.item(i);
			if (child instanceof Element element) {
				if ("Quiet".equals(element.getLocalName())) {
					quiet = "true".equals(element.getTextContent().strip());
				}
				else if ("Object".equals(element.getLocalName())) {
					keys.add(key(element));
				}
			}
		}
		if (keys.isEmpty() || keys.size() > MAXIMUM_KEYS) {
			throw S3Exception.malformedXml();
		}
		this.store.requireBucket(call.account(), bucket);
		XmlDocument xml = XmlDocument.s3("DeleteResult");
		for (String key : keys) {
			if (!this.authorizer.allows(call.verified().principal(), VStorageResources.DELETE_OBJECT,
					VStorageResources.object(call.account(), bucket, key))) {
				xml.start("Error").text("Key", key).text("Code", "AccessDenied").text("Message", "Access Denied").end();
				continue;
			}
			this.store.delete(call.account(), bucket, key);
			if (!quiet) {
				xml.start("Deleted").text("Key", key).end();
			}
		}
		S3Responses.xml(call.response(), 200, xml.toBytes());
	}

	private static String key(Element object) {
		NodeList children = object.getChildNodes();
		for (int i = 0; i < children.getLength(); i++) {
			if (children.item(i) instanceof Element element && "Key".equals(element.getLocalName())) {
				String key = element.getTextContent();
				if (key.isEmpty() || key.length() > S3Path.MAXIMUM_KEY_BYTES
						|| key.chars().anyMatch(Character::isISOControl)) {
					throw S3Exception.malformedXml();
				}
				return key;
			}
		}
		throw S3Exception.malformedXml();
	}

	private void require(S3Call call, String action, String resource) {
		this.authorizer.require(call.verified().principal(), action, resource);
	}

	private static int maxKeys(String value) {
		if (value == null) {
			return MAXIMUM_KEYS;
		}
		try {
			int maxKeys = Integer.parseInt(value);
			if (maxKeys >= 0) {
				return Math.min(maxKeys, MAXIMUM_KEYS);
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw S3Exception.invalidArgument("Provided max-keys not an integer or within integer range");
	}

	private static String encodeToken(String last) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(last.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	private static String decodeToken(String token) {
		try {
			return new String(Base64.getUrlDecoder().decode(token), java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw S3Exception.invalidArgument("The continuation token provided is incorrect");
		}
	}

}
