package org.tessera.web;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Completes the generated management API document with what the controllers' signatures
 * do not say: the bearer token every call but sign-up needs, the RFC 9457 problem+json
 * answers the filters and {@code ManagementApiProblemHandler} give (each operation lists
 * the ones that can happen to it), and the success codes of creating (201) and of
 * bodiless (204) answers.
 */
final class ManagementApiAnswers implements OpenApiCustomizer {

	private static final String BEARER = "bearer";

	private static final String PROBLEM = "ProblemDetail";

	/** The one call the management API's filter chain lets through without a token. */
	private static final String SIGN_UP = "/iam/v1/accounts";

	private static final Set<PathItem.HttpMethod> WRITES = Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT,
			PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

	@Override
	public void customise(OpenAPI openApi) {
		Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
		openApi
			.setComponents(components.addSecuritySchemes(BEARER, bearerScheme()).addSchemas(PROBLEM, problemSchema()));
		if (openApi.getPaths() == null) {
			return;
		}
		Set<String> paths = openApi.getPaths().keySet();
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
			operation.setResponses(responses);
			successCode(path, method, responses, paths);
			describe(path, method, operation, responses);
			name(operation);
		}));
	}

	private static void describe(String path, PathItem.HttpMethod method, Operation operation, ApiResponses responses) {
		boolean signUp = SIGN_UP.equals(path) && method == PathItem.HttpMethod.POST;
		List<Parameter> parameters = (operation.getParameters() != null) ? operation.getParameters() : List.of();
		if (!parameters.isEmpty() || operation.getRequestBody() != null) {
			problem(responses, "400", "The request is malformed: a field, parameter or path segment is invalid");
		}
		if (!signUp) {
			operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
			problem(responses, "401", "No valid bearer token");
		}
		if (!signUp && path.startsWith("/iam/v1/accounts/{acct}")) {
			problem(responses, "403", "The caller's policies do not allow the action on the resource");
		}
		if (parameters.stream().anyMatch((parameter) -> "path".equals(parameter.getIn()))) {
			problem(responses, "404", "The account or an object named in the path does not exist");
		}
		problem(responses, "406", "The Accept header rules out application/json");
		if (WRITES.contains(method)) {
			problem(responses, "409", "The change conflicts with the current state or with a concurrent change");
		}
		if (parameters.stream()
			.anyMatch((parameter) -> "header".equals(parameter.getIn())
					&& "If-Match".equalsIgnoreCase(parameter.getName()))) {
			problem(responses, "412", "If-Match names another version than the current one");
		}
		if (operation.getRequestBody() != null) {
			problem(responses, "413", "The body is larger than 64 KB");
			problem(responses, "415", "The body is not application/json");
		}
	}

	/**
	 * Tags by resource ({@code service-account}, not {@code service-account-controller})
	 * and operation ids unique by resource ({@code serviceAccount.create}, not
	 * {@code create_1}).
	 */
	private static void name(Operation operation) {
		if (operation.getTags() == null || operation.getTags().size() != 1) {
			return;
		}
		String tag = operation.getTags().get(0).replaceFirst("-controller$", "");
		operation.setTags(List.of(tag));
		if (operation.getOperationId() != null) {
			String resource = Pattern.compile("-(.)").matcher(tag).replaceAll((match) -> match.group(1).toUpperCase());
			operation.setOperationId(resource + "." + operation.getOperationId().replaceFirst("_\\d+$", ""));
		}
	}

	/**
	 * A POST to a collection (a path with members below it) creates a member and answers
	 * 201; an answer without a body is 204.
	 */
	private static void successCode(String path, PathItem.HttpMethod method, ApiResponses responses,
			Set<String> paths) {
		ApiResponse ok = responses.get("200");
		if (ok == null) {
			return;
		}
		boolean creates = method == PathItem.HttpMethod.POST
				&& paths.stream().anyMatch((other) -> other.startsWith(path + "/{"));
		if (creates) {
			responses.remove("200");
			responses.addApiResponse("201", ok.description("Created; Location names the new object"));
		}
		else if (ok.getContent() == null || ok.getContent().isEmpty()) {
			responses.remove("200");
			responses.addApiResponse("204", ok.description("Done; no body"));
		}
	}

	private static void problem(ApiResponses responses, String status, String description) {
		responses.addApiResponse(status,
				new ApiResponse().description(description)
					.content(new Content().addMediaType(
							org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
							new MediaType().schema(new JsonSchema().$ref("#/components/schemas/" + PROBLEM)))));
	}

	private static SecurityScheme bearerScheme() {
		return new SecurityScheme().type(SecurityScheme.Type.HTTP)
			.scheme("bearer")
			.bearerFormat("JWT")
			.description("An access token of this issuer (RFC 9068 JWT), from its token endpoint");
	}

	private static Schema<?> problemSchema() {
		return new JsonSchema().types(Set.of("object"))
			.description("RFC 9457 problem details")
			.addProperty("type", string("A URI naming the problem type; about:blank"))
			.addProperty("title", string("The status's reason phrase"))
			.addProperty("status", new JsonSchema().types(Set.of("integer")).description("The HTTP status"))
			.addProperty("detail", string("What is wrong, naming the field or the permission; never a secret"))
			.addProperty("instance", string("The request path"))
			.addProperty("field", string("The invalid field or parameter (400 only)"))
			.addProperty("action", string("The IAM action refused (403 only)"))
			.addProperty("resource", string("The CRN of the resource the action was refused on (403 only)"));
	}

	private static Schema<?> string(String description) {
		return new JsonSchema().types(Set.of("string")).description(description);
	}

}
