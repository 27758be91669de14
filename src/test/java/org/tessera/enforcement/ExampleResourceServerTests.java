package org.tessera.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tessera.enforcement.example.ReportsApplication;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;
import org.tessera.support.Tessera;

/**
 * The complete resource server of the resource-server guide ({@link ReportsApplication},
 * the same code) runs beside the authorization server with one property, the issuer, and
 * enforces Tessera's tokens: a token whose policies allow {@code reports:PublishReport}
 * publishes, one without is refused with 403 problem+json, no token gets 401. The test
 * classpath holds the whole of Tessera, so the launch switches off the database and
 * authorization-server auto-configurations a resource server's own classpath would not
 * have, and reads no {@code application.properties} (the authorization server's).
 */
class ExampleResourceServerTests extends IntegrationTest {

	private static final int PORT = freePort();

	private static final Http reports = new Http("http://localhost:" + PORT);

	private static ConfigurableApplicationContext example;

	private String account;

	private String publisher;

	private String reader;

	@BeforeAll
	static void startTheExample() {
		example = new SpringApplicationBuilder(ReportsApplication.class)
			.properties("spring.config.name=reports",
					"spring.autoconfigure.exclude="
							+ "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
							+ "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
							+ "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet."
							+ "OAuth2AuthorizationServerAutoConfiguration,"
							+ "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet."
							+ "OAuth2AuthorizationServerJwtAutoConfiguration")
			.run("--server.port=" + PORT, "--tessera.enforcement.issuer=" + issuer());
	}

	@AfterAll
	static void stopTheExample() {
		if (example != null) {
			example.close();
		}
	}

	@BeforeEach
	void anAccountWithAPublisherAndAReader() {
		this.account = this.tessera.signUp();
		String root = this.tessera.loginRoot(this.account);
		this.tessera.createPolicy(this.account, root, "PublishReports", "Allow", List.of("reports:PublishReport"),
				List.of("crn:reports:" + this.account + ":report/*"));
		this.tessera.createUser(this.account, root, "Publisher");
		this.tessera.attachToUser(this.account, root, "Publisher", "PublishReports");
		this.tessera.createUser(this.account, root, "Reader");
		this.publisher = this.tessera.login(this.account, "Publisher", Tessera.PASSWORD);
		this.reader = this.tessera.login(this.account, "Reader", Tessera.PASSWORD);
	}

	@Test
	void aTokenWhosePoliciesAllowTheActionPublishesTheReport() {
		Http.Response publish = reports.post(publishPath(this.account, "r-1"), this.publisher, "");

		assertThat(publish.status()).as(publish.toString()).isEqualTo(200);
		assertThat(publish.json().get("state").asString()).isEqualTo("published");
	}

	@Test
	void aTokenWithoutThePermissionIsRefusedWith403ProblemJsonNamingActionAndResource() {
		Http.Response publish = reports.post(publishPath(this.account, "r-1"), this.reader, "");

		assertForbidden(publish, "crn:reports:" + this.account + ":report/r-1");
	}

	@Test
	void thePublishersTokenCannotPublishAReportOfAnotherAccount() {
		String other = this.tessera.signUp();

		assertForbidden(reports.post(publishPath(other, "r-1"), this.publisher, ""),
				"crn:reports:" + other + ":report/r-1");
	}

	@Test
	void aRequestWithoutATokenGets401WithABearerChallenge() {
		Http.Response publish = reports.post(publishPath(this.account, "r-1"), null, "");

		assertThat(publish.status()).as(publish.toString()).isEqualTo(401);
		assertThat(publish.header("WWW-Authenticate")).startsWith("Bearer");
		assertThat(publish.contentType()).startsWith("application/problem+json");
	}

	@Test
	void anUnsignedTokenGets401WithInvalidToken() {
		Http.Response publish = reports.post(publishPath(this.account, "r-1"), "eyJhbGciOiJub25lIn0.e30.", "");

		assertThat(publish.status()).as(publish.toString()).isEqualTo(401);
		assertThat(publish.header("WWW-Authenticate")).contains("invalid_token");
	}

	@Test
	void theResourceServerGuideShowsExactlyThisApplicationInUnder40Lines() throws IOException {
		String guide = Files.readString(Path.of("src/site/markdown/resource-server-guide.md"));
		String section = guide.substring(guide.indexOf("## Your own resource server with the enforcement artifact"));
		int start = section.indexOf("```java\n") + "```java\n".length();
		String shown = section.substring(start, section.indexOf("```\n", start));
		String tested = Files
			.readString(Path.of("src/test/java/org/tessera/enforcement/example/ReportsApplication.java"))
			.replace("package org.tessera.enforcement.example;", "package com.example.reports;")
			.replaceFirst("(?s)/\\*\\*.*?\\*/\n", "");

		assertThat(shown).isEqualTo(tested);
		assertThat(shown.lines().count()).isLessThan(40);
	}

	private static void assertForbidden(Http.Response response, String resource) {
		assertThat(response.status()).as(response.toString()).isEqualTo(403);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("action").asString()).isEqualTo("reports:PublishReport");
		assertThat(response.json().get("resource").asString()).isEqualTo(resource);
	}

	private static String publishPath(String account, String report) {
		return "/reports/v1/accounts/" + account + "/reports/" + report + "/publish";
	}

}
