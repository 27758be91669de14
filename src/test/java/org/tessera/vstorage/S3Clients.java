package org.tessera.vstorage;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * AWS SDK clients of a vStorage, with the SDK's default checksum and signing settings,
 * path-style addressing and region us-east-1, as an application would configure them.
 */
final class S3Clients {

	private S3Clients() {
	}

	static S3Client client(String endpoint, StubSigningKeys.AccessKey key) {
		return client(endpoint, key.id(), key.secret());
	}

	static S3Client client(String endpoint, String accessKeyId, String secret) {
		return S3Client.builder()
			.endpointOverride(URI.create(endpoint))
			.forcePathStyle(true)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
			.build();
	}

	static S3Presigner presigner(String endpoint, StubSigningKeys.AccessKey key) {
		return S3Presigner.builder()
			.endpointOverride(URI.create(endpoint))
			.serviceConfiguration(
					software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build())
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.id(), key.secret())))
			.build();
	}

}
