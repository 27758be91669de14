package org.tessera.vstorage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An application using the AWS SDK for Java v2, with its default settings (flexible
 * checksums, chunked signed uploads over http), does its everyday work on vStorage:
 * buckets, objects of every size and name, listings page by page, and refusals in S3's
 * terms that the SDK understands.
 */
class VStorageSdkTests {

	private static StubSigningKeys tessera;

	private static StubSigningKeys.RunningVStorage vStorage;

	private static StubSigningKeys.AccessKey key;

	private static S3Client s3;

	@BeforeAll
	static void start() throws IOException {
		tessera = StubSigningKeys.start();
		vStorage = tessera.startVStorage();
		key = tessera.fullAccess("53461");
		s3 = S3Clients.client(vStorage.url(), key);
	}

	@AfterAll
	static void stop() {
		s3.close();
		vStorage.close();
		tessera.close();
	}

	@Test
	void anApplicationCreatesABucketPutsGetsListsAndDeletesObjectsThenDeletesTheBucket() throws Exception {
		s3.createBucket((b) -> b.bucket("photos"));
		assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).contains("photos");
		s3.headBucket((b) -> b.bucket("photos"));
		assertThat(s3.getBucketLocation((b) -> b.bucket("photos")).locationConstraintAsString()).isEmpty();

		byte[] large = new byte[1024 * 1024 + 17];
		new Random(7).nextBytes(large);
		String odd = "2026/summer holidays/élan 日本 🎉//double slash.txt";
		s3.putObject(
				(b) -> b.bucket("photos").key("small.txt").contentType("text/plain").metadata(Map.of("owner", "ops")),
				RequestBody.fromString("hello"));
		s3.putObject((b) -> b.bucket("photos").key("large.bin"), RequestBody.fromBytes(large));
		s3.putObject((b) -> b.bucket("photos").key(odd), RequestBody.fromString("odd"));

		ResponseBytes<GetObjectResponse> small = s3.getObjectAsBytes((b) -> b.bucket("photos").key("small.txt"));
		assertThat(small.asUtf8String()).isEqualTo("hello");
		assertThat(small.response().contentType()).isEqualTo("text/plain");
		assertThat(small.response().metadata()).containsEntry("owner", "ops");
		assertThat(small.response().eTag()).isEqualTo("\"" + md5("hello".getBytes(StandardCharsets.UTF_8)) + "\"");
		assertThat(s3.getObjectAsBytes((b) -> b.bucket("photos").key("large.bin")).asByteArray()).isEqualTo(large);
		assertThat(s3.getObjectAsBytes((b) -> b.bucket("photos").key(odd)).asUtf8String()).isEqualTo("odd");

		HeadObjectResponse head = s3.headObject((b) -> b.bucket("photos").key("large.bin"));
		assertThat(head.contentLength()).isEqualTo(large.length);
		assertThat(head.eTag()).isEqualTo("\"" + md5(large) + "\"");
		assertThat(head.lastModified()).isNotNull();

		ListObjectsV2Response all = s3.listObjectsV2((b) -> b.bucket("photos"));
		assertThat(all.contents()).extracting(S3Object::key).containsExactly(odd, "large.bin", "small.txt");
		assertThat(all.contents().get(1).size()).isEqualTo(large.length);

		s3.deleteObject((b) -> b.bucket("photos").key("small.txt"));
		s3.deleteObject((b) -> b.bucket("photos").key("never-there"));
		assertThatExceptionOfType(NoSuchKeyException.class)
			.isThrownBy(() -> s3.getObject((b) -> b.bucket("photos").key("small.txt")));
		assertThat(status(() -> s3.headObject((b) -> b.bucket("photos").key("small.txt")))).isEqualTo(404);

		assertThat(code(() -> s3.deleteBucket((b) -> b.bucket("photos")))).isEqualTo("BucketNotEmpty");
		s3.deleteObject((b) -> b.bucket("photos").key("large.bin"));
		s3.deleteObject((b) -> b.bucket("photos").key(odd));
		s3.deleteBucket((b) -> b.bucket("photos"));
		assertThatExceptionOfType(NoSuchBucketException.class)
			.isThrownBy(() -> s3.listObjectsV2((b) -> b.bucket("photos")));
	}

	@Test
	void listingsRollUpCommonPrefixesAndComePageByPage() {
		s3.createBucket((b) -> b.bucket("listing"));
		List<String> keys = List.of("a.txt", "docs/1.txt", "docs/2.txt", "docs/sub/3.txt", "img/1.png", "img/2.png",
				"z.txt");
		for (String k : keys) {
			s3.putObject((b) -> b.bucket("listing").key(k), RequestBody.fromString(k));
		}
		ListObjectsV2Response top = s3.listObjectsV2((b) -> b.bucket("listing").delimiter("/"));
		assertThat(top.contents()).extracting(S3Object::key).containsExactly("a.txt", "z.txt");
		assertThat(top.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("docs/", "img/");
		assertThat(top.keyCount()).isEqualTo(4);

		ListObjectsV2Response docs = s3.listObjectsV2((b) -> b.bucket("listing").prefix("docs/").delimiter("/"));
		assertThat(docs.contents()).extracting(S3Object::key).containsExactly("docs/1.txt", "docs/2.txt");
		assertThat(docs.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("docs/sub/");

		List<String> paged = new ArrayList<>();
		String token = null;
		int pages = 0;
		do {
			String continuation = token;
			ListObjectsV2Response page = s3
				.listObjectsV2((b) -> b.bucket("listing").maxKeys(3).continuationToken(continuation));
			page.contents().forEach((o) -> paged.add(o.key()));
			assertThat(page.keyCount()).isLessThanOrEqualTo(3);
			token = page.isTruncated() ? page.nextContinuationToken() : null;
			pages++;
		}
		while (token != null);
		assertThat(paged).containsExactlyElementsOf(keys);
		assertThat(pages).isEqualTo(3);
		assertThat(s3.listObjectsV2Paginator((b) -> b.bucket("listing").maxKeys(2).delimiter("/"))
			.stream()
			.mapToInt((p) -> p.keyCount())
			.sum()).isEqualTo(4);

		assertThat(s3.listObjectsV2((b) -> b.bucket("listing").startAfter("img/1.png")).contents())
			.extracting(S3Object::key)
			.containsExactly("img/2.png", "z.txt");
		assertThat(s3.listObjects((b) -> b.bucket("listing").marker("docs/sub/3.txt").maxKeys(2)).contents())
			.extracting(S3Object::key)
			.containsExactly("img/1.png", "img/2.png");
		assertThat(s3.listObjects((b) -> b.bucket("listing").prefix("img/")).contents()).hasSize(2);

		s3.deleteObjects((b) -> b.bucket("listing")
			.delete((d) -> d.objects(keys.stream()
				.map((k) -> software.amazon.awssdk.services.s3.model.ObjectIdentifier.builder().key(k).build())
				.toList())));
		assertThat(s3.listObjectsV2((b) -> b.bucket("listing")).contents()).isEmpty();
		s3.deleteBucket((b) -> b.bucket("listing"));
	}

	@Test
	void aBucketThatExistsOrDoesNotIsRefusedInS3Terms() {
		s3.createBucket((b) -> b.bucket("twice"));
		assertThat(code(() -> s3.createBucket((b) -> b.bucket("twice")))).isEqualTo("BucketAlreadyOwnedByYou");
		assertThat(status(() -> s3.createBucket((b) -> b.bucket("twice")))).isEqualTo(409);
		assertThat(code(() -> s3.deleteBucket((b) -> b.bucket("never")))).isEqualTo("NoSuchBucket");
		assertThat(status(() -> s3.headBucket((b) -> b.bucket("never")))).isEqualTo(404);
		s3.deleteBucket((b) -> b.bucket("twice"));
	}

	@Test
	void bucketsOfOneAccountAreInvisibleToAnother() {
		StubSigningKeys.AccessKey other = tessera.fullAccess("77001");
		try (S3Client otherS3 = S3Clients.client(vStorage.url(), other)) {
			s3.createBucket((b) -> b.bucket("mine"));
			s3.putObject((b) -> b.bucket("mine").key("secret.txt"), RequestBody.fromString("mine"));
			assertThat(otherS3.listBuckets().buckets()).extracting(Bucket::name).doesNotContain("mine");
			assertThatExceptionOfType(NoSuchBucketException.class)
				.isThrownBy(() -> otherS3.getObject((b) -> b.bucket("mine").key("secret.txt")));
			otherS3.createBucket((b) -> b.bucket("mine"));
			assertThat(otherS3.listObjectsV2((b) -> b.bucket("mine")).contents()).isEmpty();
			otherS3.deleteBucket((b) -> b.bucket("mine"));
			s3.deleteObject((b) -> b.bucket("mine").key("secret.txt"));
			s3.deleteBucket((b) -> b.bucket("mine"));
		}
	}

	@Test
	void aReadOnlyKeyListsAndReadsButCannotWrite() {
		s3.createBucket((b) -> b.bucket("shared"));
		s3.putObject((b) -> b.bucket("shared").key("report.csv"), RequestBody.fromString("a,b"));
		StubSigningKeys.AccessKey reader = tessera.add("53461",
				List.of(StubSigningKeys.statement("vstorage:List*", "crn:vstorage:53461:*"),
						StubSigningKeys.statement("vstorage:Get*", "crn:vstorage:53461:*")));
		try (S3Client readOnly = S3Clients.client(vStorage.url(), reader)) {
			assertThat(readOnly.listBuckets().buckets()).extracting(Bucket::name).contains("shared");
			assertThat(readOnly.getObjectAsBytes((b) -> b.bucket("shared").key("report.csv")).asUtf8String())
				.isEqualTo("a,b");
			assertThat(code(
					() -> readOnly.putObject((b) -> b.bucket("shared").key("new.csv"), RequestBody.fromString("x"))))
				.isEqualTo("AccessDenied");
			assertThat(status(() -> readOnly.deleteObject((b) -> b.bucket("shared").key("report.csv")))).isEqualTo(403);
			assertThat(code(() -> readOnly.createBucket((b) -> b.bucket("other")))).isEqualTo("AccessDenied");
		}
		s3.deleteObject((b) -> b.bucket("shared").key("report.csv"));
		s3.deleteBucket((b) -> b.bucket("shared"));
	}

	@Test
	void aWrongSecretOrAnUnknownKeyIsRefusedInS3Terms() {
		try (S3Client wrongSecret = S3Clients.client(vStorage.url(), key.id(), "not-the-secret");
				S3Client unknown = S3Clients.client(vStorage.url(), "AKUNKNOWN0000000000", "whatever")) {
			assertThat(code(() -> wrongSecret.listBuckets())).isEqualTo("SignatureDoesNotMatch");
			assertThat(status(() -> wrongSecret.listBuckets())).isEqualTo(403);
			assertThat(code(() -> unknown.listBuckets())).isEqualTo("InvalidAccessKeyId");
			assertThat(status(() -> unknown.listBuckets())).isEqualTo(403);
		}
	}

	static String code(Runnable call) {
		try {
			call.run();
		}
		catch (S3Exception ex) {
			return ex.awsErrorDetails().errorCode();
		}
		throw new AssertionError("the call succeeded");
	}

	static int status(Runnable call) {
		try {
			call.run();
		}
		catch (S3Exception ex) {
			return ex.statusCode();
		}
		throw new AssertionError("the call succeeded");
	}

	static String md5(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
	}

}
