package org.tessera.hardening.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.SocketHttp;

/**
 * Whatever its Transfer-Encoding header says, a body of no declared length over 64 KB is
 * refused with 413 before it is parsed: at sign-up (no login needed), at policy creation,
 * and at the token endpoint (RFC 6749 JSON there). Tomcat reads {@code ,chunked},
 * {@code gzip, chunked} and the like as chunked bodies too.
 */
class ChunkedBodyLimitTests extends IntegrationTest {

	/**
	 * Transfer-Encoding values Tomcat reads as chunked: every such body over 64 KB is
	 * 413, never parsed.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "chunked", ",chunked", "chunked,", " , chunked", "CHUNKED", ",,chunked" })
	void aTwoMegabyteSignUpBodyIsRefusedWith413WhateverItsTransferEncodingSays(String encoding) {
		Http.Response response = SocketHttp.sendChunked(issuer(), "POST", "/iam/v1/accounts", encoding, largeSignUp(),
				"Content-Type", "application/json", "Accept", "application/json");

		assertThat(response.status()).as(encoding + ": " + response).isEqualTo(413);
		assertThat(response.contentType()).contains("application/problem+json");
	}

	/**
	 * Transfer-Encoding values Tomcat refuses itself (400 or 501), in JSON as well,
	 * before anything is read.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "gzip, chunked", "identity, chunked", "chunked, chunked", "chunked, gzip" })
	void aSignUpBodyOfAnEncodingTomcatRefusesIsRefusedInJson(String encoding) {
		Http.Response response = SocketHttp.sendChunked(issuer(), "POST", "/iam/v1/accounts", encoding, largeSignUp(),
				"Content-Type", "application/json", "Accept", "application/json");

		assertRefusedBeforeParsing(response, encoding);
	}

	private static byte[] largeSignUp() {
		return ("{\"email\":\"" + "a".repeat(2 * 1024 * 1024) + "@example.com\",\"password\":\"x\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

	@ParameterizedTest
	@ValueSource(strings = { "chunked", ",chunked", "chunked,", " , chunked" })
	void anEightySixKilobytePolicyIsRefusedWith413AndNotStored(String encoding) {
		String account = this.tessera.signUp();
		String token = this.tessera.loginRoot(account);
		String name = "Large" + Math.abs(encoding.hashCode());
		byte[] body = policy(name, 86 * 1024);

		Http.Response response = SocketHttp.sendChunked(issuer(), "POST", "/iam/v1/accounts/" + account + "/policies",
				encoding, body, "Content-Type", "application/json", "Accept", "application/json", "Authorization",
				"Bearer " + token);

		assertThat(response.status()).as(encoding + ": " + response).isEqualTo(413);
		assertThat(response.contentType()).contains("application/problem+json");
		assertThat(this.tessera.http().get("/iam/v1/accounts/" + account + "/policies/" + name, token).status())
			.isEqualTo(404);
	}

	@Test
	void aSmallChunkedPolicyIsStillAccepted() {
		String account = this.tessera.signUp();
		String token = this.tessera.loginRoot(account);

		Http.Response response = SocketHttp.sendChunked(issuer(), "POST", "/iam/v1/accounts/" + account + "/policies",
				",chunked", policy("Small", 1024), "Content-Type", "application/json", "Accept", "application/json",
				"Authorization", "Bearer " + token);

		assertThat(response.status()).as(response.toString()).isEqualTo(201);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "chunked", ",chunked", "chunked,", "gzip, chunked", "identity, chunked", "chunked, chunked" })
	void aLargeTokenRequestOfNoDeclaredLengthIsRefusedInOAuth2Json(String encoding) {
		byte[] body = ("grant_type=client_credentials&client_id=x&client_secret=" + "s".repeat(1024 * 1024))
			.getBytes(StandardCharsets.US_ASCII);

		for (String endpoint : List.of("/oauth2/token", "/oauth2/introspect", "/oauth2/revoke")) {
			Http.Response response = SocketHttp.sendChunked(issuer(), "POST", endpoint, encoding, body, "Content-Type",
					"application/x-www-form-urlencoded");

			assertThat(response.status()).as(endpoint + " " + encoding + ": " + response).isIn(400, 413, 501);
			assertThat(response.contentType()).as(endpoint + " " + encoding).contains("json");
			assertThat(response.body()).doesNotContain("Exception");
		}
	}

	/**
	 * 413 in problem+json from our filter, or a refusal by Tomcat itself of an encoding
	 * it does not take (400 for a repeated chunked, 501 for gzip), also in JSON: never a
	 * parsed body.
	 */
	private static void assertRefusedBeforeParsing(Http.Response response, String encoding) {
		assertThat(response.status()).as(encoding + ": " + response).isIn(400, 413, 501);
		if (response.status() == 400) {
			assertThat(response.body()).as(encoding).doesNotContain("email").doesNotContain("statements");
		}
		assertThat(response.contentType()).as(encoding).contains("json");
		assertThat(response.body()).as(encoding).doesNotContain("Exception");
	}

	private static byte[] policy(String name, int approximateBytes) {
		StringBuilder resources = new StringBuilder();
		int i = 0;
		while (resources.length() < approximateBytes) {
			resources.append((i == 0) ? "" : ",").append("\"crn:vserver:1:server/srv-").append(i++).append("\"");
		}
		return ("{\"name\":\"" + name + "\",\"statements\":[{\"effect\":\"Allow\",\"actions\":[\"vserver:GetServer\"],"
				+ "\"resources\":[" + resources + "]}]}")
			.getBytes(StandardCharsets.UTF_8);
	}

}
