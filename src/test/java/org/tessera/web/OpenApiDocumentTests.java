package org.tessera.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springdoc.core.service.OpenAPIService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.tessera.support.Http;
import org.tessera.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * The management API's reference is generated from the code and served without a token:
 * every route the server maps under {@code /iam/v1} is in the OpenAPI document with its
 * method, its request body and its problem+json answers, and nothing else is.
 */
class OpenApiDocumentTests extends IntegrationTest {

	private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
			"trace");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Autowired
	private OpenAPIService documents;

	@Test
	void anyoneReadsTheOpenApi31DocumentWithoutAToken() {
		Http.Response response = this.tessera.http().get("/v3/api-docs", null);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/json");
		JsonNode document = response.json();
		assertThat(document.path("openapi").asString()).startsWith("3.1");
		assertThat(document.path("info").path("title").asString()).isEqualTo("Tessera management API");
		assertThat(document.path("info").path("version").asString()).isNotBlank().doesNotContain("@");
		assertThat(this.tessera.http().exchange("GET", "/v3/api-docs.yaml", null).body()).startsWith("openapi: 3.1");
		assertThat(this.tessera.http().exchange("HEAD", "/v3/api-docs", null).status()).isEqualTo(200);
	}

	@Test
	void everyRouteTheServerMapsUnderIamV1IsDocumentedWithItsMethodAndNothingElseIs() {
		Set<String> mapped = new TreeSet<>();
		this.mappings.getHandlerMethods()
			.keySet()
			.forEach((
					info) -> routes(info).stream().filter((route) -> route.contains(" /iam/v1/")).forEach(mapped::add));
		Set<String> documented = new TreeSet<>();
		document().path("paths")
			.properties()
			.forEach((path) -> path.getValue()
				.properties()
				.stream()
				.filter((operation) -> METHODS.contains(operation.getKey()))
				.forEach((operation) -> documented.add(operation.getKey().toUpperCase() + " " + path.getKey())));

		assertThat(mapped).hasSizeGreaterThan(30);
		assertThat(documented).containsExactlyElementsOf(mapped);
	}

	@Test
	void everyOperationListsItsSuccessAndItsProblemJsonAnswers() {
		operations().forEach((operation) -> {
			JsonNode responses = operation.node().path("responses");
			assertThat(responses.properties().stream().map((response) -> response.getKey())).as(operation.name())
				.anyMatch((status) -> status.startsWith("2"))
				.contains("406");
			assertThat(responses.properties().stream().filter((response) -> response.getKey().startsWith("4")))
				.as(operation.name())
				.isNotEmpty()
				.allMatch((response) -> response.getValue()
					.path("content")
					.path("application/problem+json")
					.path("schema")
					.path("$ref")
					.asString()
					.equals("#/components/schemas/ProblemDetail"));
		});
		assertThat(document().path("components").path("schemas").path("ProblemDetail").path("properties").has("detail"))
			.isTrue();
	}

	@Test
	void everyOperationThatReadsABodyDocumentsItsSchemaAndTheBodyRefusals() {
		List<String> withBody = new ArrayList<>();
		this.mappings.getHandlerMethods().forEach((info, handler) -> {
			if (readsBody(handler)) {
				// the document is the management API's; /storage/v1 is the storage
				// services'
				// contract, documented in object-storage.md
				routes(info).stream().filter((route) -> route.contains(" /iam/v1")).forEach(withBody::add);
			}
		});
		JsonNode paths = document().path("paths");

		assertThat(withBody).isNotEmpty();
		for (String route : withBody) {
			String[] methodAndPath = route.split(" ", 2);
			JsonNode operation = paths.path(methodAndPath[1]).path(methodAndPath[0].toLowerCase());
			assertThat(operation.path("requestBody").path("content").path("application/json").has("schema")).as(route)
				.isTrue();
			assertThat(operation.path("responses").has("413") && operation.path("responses").has("415")).as(route)
				.isTrue();
		}
	}

	@Test
	void theDocumentSaysWhichCallsNeedABearerTokenAsTheServerEnforces() {
		Http http = this.tessera.http();
		assertThat(document().path("components").path("securitySchemes").path("bearer").path("scheme").asString())
			.isEqualTo("bearer");
		operations().forEach((operation) -> {
			boolean needsToken = !operation.node().path("security").isEmpty();
			String path = operation.path().replaceAll("\\{[^}]+}", "x");
			String body = operation.node().has("requestBody") ? "{}" : null;
			Http.Response answer = (body != null)
					? http.exchange(operation.method(), path, body, "Content-Type", "application/json")
					: http.exchange(operation.method(), path, null);

			assertThat(answer.status()).as(operation.name() + " without a token").satisfies((status) -> {
				if (needsToken) {
					assertThat(status).isEqualTo(401);
				}
				else {
					assertThat(status).isNotEqualTo(401);
				}
			});
			assertThat(operation.node().path("responses").has("401")).as(operation.name()).isEqualTo(needsToken);
		});
		assertThat(operations()).filteredOn((operation) -> operation.node().path("security").isEmpty())
			.extracting(Operation::name)
			.containsExactly("POST /iam/v1/accounts");
	}

	@Test
	void theDocumentShowsNoInternals() {
		String document = document().toString();

		assertThat(document).doesNotContain("/oauth2", "/actuator", "/login", "/error", "Caller");
		operations().forEach((operation) -> assertThat(
				operation.node().path("parameters").valueStream().map((parameter) -> parameter.path("name").asString()))
			.as(operation.name())
			.doesNotContain("caller", "principal", "actors"));
	}

	@Test
	void creatingCallsAnswer201AndBodilessOnes204() {
		JsonNode paths = document().path("paths");

		assertThat(paths.path("/iam/v1/accounts").path("post").path("responses").has("201")).isTrue();
		assertThat(paths.path("/iam/v1/accounts/{acct}/service-accounts/{saId}/keys")
			.path("post")
			.path("responses")
			.has("201")).isTrue();
		assertThat(paths.path("/iam/v1/accounts/{acct}/service-accounts/{saId}/disable")
			.path("post")
			.path("responses")
			.has("200")).isTrue();
		assertThat(paths.path("/iam/v1/accounts/{acct}/policies/{name}").path("delete").path("responses").has("204"))
			.isTrue();
		assertThat(paths.path("/iam/v1/accounts/{acct}/policies/{name}")
			.path("get")
			.path("responses")
			.path("200")
			.path("content")
			.has("application/json")).isTrue();
	}

	@Test
	void peopleReadTheReferenceInSwaggerUiWithoutAToken() {
		Http http = this.tessera.http();
		Http.Response entry = http.browse("/swagger-ui");
		assertThat(entry.status()).isIn(200, 302);
		Http.Response page = (entry.status() == 302) ? http.browse(entry.header("Location")) : entry;

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.contentType()).startsWith("text/html");
		assertThat(page.body()).contains("swagger-ui");
		assertThat(page.header("Set-Cookie")).isNull();
		assertThat(http.get("/v3/api-docs", null).header("Set-Cookie")).isNull();
		assertThat(http.browse("/swagger-ui/swagger-ui-bundle.js").status()).isEqualTo(200);
		assertThat(http.get("/v3/api-docs/swagger-config", null).json().path("url").asString())
			.isEqualTo("/v3/api-docs");
	}

	@Test
	void aCallerCannotMakeTheServerBuildTheDocumentOncePerLanguage() {
		for (String language : List.of("de", "fr-CA", "x-tessera-1", "x-tessera-2")) {
			assertThat(this.tessera.http().exchange("GET", "/v3/api-docs", null, "Accept-Language", language).status())
				.isEqualTo(200);
		}

		assertThat(this.documents.getCachedOpenAPI(Locale.ENGLISH)).isNotNull();
		assertThat(List.of("de", "fr-CA", "x-tessera-1", "x-tessera-2"))
			.allMatch((language) -> this.documents.getCachedOpenAPI(Locale.forLanguageTag(language)) == null);
	}

	@Test
	void theDocumentationIsReadOnly() {
		Http.Response answer = this.tessera.http()
			.exchange("POST", "/v3/api-docs", "{}", "Content-Type", "application/json");

		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.contentType()).startsWith("application/problem+json");
	}

	private JsonNode document() {
		Http.Response response = this.tessera.http().get("/v3/api-docs", null);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private List<Operation> operations() {
		List<Operation> operations = new ArrayList<>();
		document().path("paths")
			.properties()
			.forEach((path) -> path.getValue()
				.properties()
				.stream()
				.filter((operation) -> METHODS.contains(operation.getKey()))
				.forEach((operation) -> operations
					.add(new Operation(operation.getKey().toUpperCase(), path.getKey(), operation.getValue()))));
		return operations;
	}

	private static List<String> routes(RequestMappingInfo info) {
		List<String> routes = new ArrayList<>();
		Set<String> patterns = info.getPatternValues();
		info.getMethodsCondition()
			.getMethods()
			.forEach((method) -> patterns.forEach((pattern) -> routes.add(method.name() + " " + pattern)));
		if (info.getMethodsCondition().getMethods().isEmpty()) {
			patterns.forEach((pattern) -> routes.add("ANY " + pattern));
		}
		return routes;
	}

	private static boolean readsBody(HandlerMethod handler) {
		for (MethodParameter parameter : handler.getMethodParameters()) {
			if (parameter.hasParameterAnnotation(RequestBody.class)) {
				return true;
			}
		}
		return false;
	}

	private record Operation(String method, String path, JsonNode node) {

		String name() {
			return this.method + " " + this.path;
		}

	}

}
