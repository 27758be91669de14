package org.tessera.vserver.servers;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * The servers of every account, held in memory only: they are lost when vServer restarts
 * (it is a demo). An account holds at most {@value #MAX_SERVERS_PER_ACCOUNT} servers, so
 * no token holder can fill vServer's memory. Thread-safe; state changes are atomic per
 * server, and creations atomic per account.
 */
@Component
public class ServerStore {

	/** The most servers one account may hold. */
	public static final int MAX_SERVERS_PER_ACCOUNT = 100;

	private static final SecureRandom RANDOM = new SecureRandom();

	/** Keyed by account, then by server id. */
	private final Map<String, Map<String, Server>> servers = new ConcurrentHashMap<>();

	/**
	 * Creates a running server; also used to seed demo data. The name is not checked
	 * here.
	 * @throws ServerLimitException if the account already holds
	 * {@value #MAX_SERVERS_PER_ACCOUNT} servers
	 */
	public Server create(String account, String name) {
		byte[] random = new byte[8];
		RANDOM.nextBytes(random);
		Server server = new Server("srv-" + HexFormat.of().formatHex(random), account, name, Server.State.RUNNING,
				Instant.now());
		Map<String, Server> own = of(account);
		synchronized (own) {
			if (own.size() >= MAX_SERVERS_PER_ACCOUNT) {
				throw new ServerLimitException(account);
			}
			own.put(server.id(), server);
		}
		return server;
	}

	/** The account's servers, oldest first. */
	public List<Server> list(String account) {
		Map<String, Server> own = this.servers.get(account);
		if (own == null) {
			return List.of();
		}
		return own.values().stream().sorted(Comparator.comparing(Server::createdAt).thenComparing(Server::id)).toList();
	}

	public Optional<Server> find(String account, String id) {
		Map<String, Server> own = this.servers.get(account);
		return Optional.ofNullable(own == null ? null : own.get(id));
	}

	/**
	 * Moves a server from one state to the other.
	 * @return the changed server, or empty if there is no such server
	 * @throws StateConflictException if the server is already in {@code target}
	 */
	public Optional<Server> transition(String account, String id, Server.State target) {
		Map<String, Server> own = this.servers.get(account);
		if (own == null) {
			return Optional.empty();
		}
		Server[] changed = new Server[1];
		own.computeIfPresent(id, (key, server) -> {
			if (server.state() == target) {
				throw new StateConflictException(server, target);
			}
			changed[0] = server.withState(target);
			return changed[0];
		});
		return Optional.ofNullable(changed[0]);
	}

	/** Deletes a server; false if there was none. */
	public boolean delete(String account, String id) {
		Map<String, Server> own = this.servers.get(account);
		return own != null && own.remove(id) != null;
	}

	private Map<String, Server> of(String account) {
		return this.servers.computeIfAbsent(account, (key) -> new ConcurrentHashMap<>());
	}

	/** A creation in an account that holds the most servers it may; 409 problem+json. */
	public static class ServerLimitException extends ErrorResponseException {

		private static final long serialVersionUID = 1L;

		ServerLimitException(String account) {
			super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "Account " + account
					+ " already has " + MAX_SERVERS_PER_ACCOUNT + " servers, the most it may have"), null);
			getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		}

	}

	/** A start of a running server or a stop of a stopped one. */
	public static class StateConflictException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		StateConflictException(Server server, Server.State target) {
			super("Server " + server.id() + " is already " + target);
		}

	}

}
