package org.tessera.vserver.servers;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tessera.enforcement.TesseraPolicyAuthorizer;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /vserver/v1/accounts/{acct}/servers}. An {@code {acct}} that is not an account
 * id, 1 to 20 digits, matches no handler (404). Every call is authorized first, from the
 * token alone (403 naming action and resource); then an unknown server is 404, a start of
 * a running or stop of a stopped server is 409, so is a creation in an account at
 * {@link ServerStore#MAX_SERVERS_PER_ACCOUNT}, and a bad body is 400.
 */
@RestController
@RequestMapping(path = "/vserver/v1/accounts/{acct:[0-9]{1,20}}/servers", produces = "application/json")
public class ServersController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_NAME_LENGTH = 64;

	private final ServerStore store;

	private final TesseraPolicyAuthorizer authorizer;

	public ServersController(ServerStore store, TesseraPolicyAuthorizer authorizer) {
		this.store = store;
		this.authorizer = authorizer;
	}

	static String crn(String account, String id) {
		return "crn:vserver:" + account + ":server/" + id;
	}

	@GetMapping
	public Map<String, List<Server>> list(@AuthenticationPrincipal Jwt jwt, ServerPath path) {
		this.authorizer.require(jwt, "vserver:ListServers", path.crn());
		return Map.of("items", this.store.list(path.account()));
	}

	@PostMapping
	public ResponseEntity<Server> create(@AuthenticationPrincipal Jwt jwt, ServerPath path,
			@RequestBody(required = false) String body) {
		this.authorizer.require(jwt, "vserver:CreateServer", path.crn());
		Server server = this.store.create(path.account(), name(body));
		return ResponseEntity.status(HttpStatus.CREATED).body(server);
	}

	@GetMapping("/{id}")
	public Server get(@AuthenticationPrincipal Jwt jwt, ServerPath path) {
		this.authorizer.require(jwt, "vserver:GetServer", path.crn());
		return this.store.find(path.account(), path.id()).orElseThrow(() -> new ServerNotFoundException(path.id()));
	}

	@PostMapping("/{id}/start")
	public Server start(@AuthenticationPrincipal Jwt jwt, ServerPath path) {
		this.authorizer.require(jwt, "vserver:StartServer", path.crn());
		return this.store.transition(path.account(), path.id(), Server.State.RUNNING)
			.orElseThrow(() -> new ServerNotFoundException(path.id()));
	}

	@PostMapping("/{id}/stop")
	public Server stop(@AuthenticationPrincipal Jwt jwt, ServerPath path) {
		this.authorizer.require(jwt, "vserver:StopServer", path.crn());
		return this.store.transition(path.account(), path.id(), Server.State.STOPPED)
			.orElseThrow(() -> new ServerNotFoundException(path.id()));
	}

	@DeleteMapping("/{id}")
	public ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt jwt, ServerPath path) {
		this.authorizer.require(jwt, "vserver:DeleteServer", path.crn());
		if (!this.store.delete(path.account(), path.id())) {
			throw new ServerNotFoundException(path.id());
		}
		return ResponseEntity.noContent().build();
	}

	/**
	 * Reads {@code {"name": "..."}}, refusing anything else; read after authorization so
	 * a 403 comes first.
	 */
	private static String name(String body) {
		if (body == null || body.isBlank()) {
			throw new BadRequestException("body", "a JSON object {\"name\": ...} is required");
		}
		JsonNode json;
		try {
			json = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new BadRequestException("body", "is not valid JSON");
		}
		if (json == null || !json.isObject()) {
			throw new BadRequestException("body", "must be a JSON object");
		}
		for (Iterator<String> fields = json.propertyNames().iterator(); fields.hasNext();) {
			String field = fields.next();
			if (!"name".equals(field)) {
				throw new BadRequestException(field, "is not a known field");
			}
		}
		JsonNode name = json.get("name");
		if (name == null || !name.isString()) {
			throw new BadRequestException("name", "is required and must be a string");
		}
		String text = name.asString();
		int length = text.codePointCount(0, text.length());
		if (length < 1 || length > MAX_NAME_LENGTH) {
			throw new BadRequestException("name", "must be 1 to " + MAX_NAME_LENGTH + " characters");
		}
		if (text.codePoints().anyMatch(Character::isISOControl)) {
			throw new BadRequestException("name", "must not contain control characters");
		}
		return text;
	}

	/** No server with this id in the account. */
	public static class ServerNotFoundException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		ServerNotFoundException(String id) {
			super("No server " + id + " in this account");
		}

	}

	/** A request body that breaks the rules; names the field. */
	public static class BadRequestException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final String field;

		BadRequestException(String field, String message) {
			super(field + " " + message);
			this.field = field;
		}

		public String field() {
			return this.field;
		}

	}

}
