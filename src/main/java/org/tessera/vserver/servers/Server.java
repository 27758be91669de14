package org.tessera.vserver.servers;

import java.time.Instant;

/**
 * A toy virtual server of an account.
 *
 * @param id {@code srv-} and 16 random hex digits, unique
 * @param account the owning account's id
 * @param name 1 to 64 characters, no control characters
 * @param state running or stopped
 * @param createdAt creation time
 */
public record Server(String id, String account, String name, State state, Instant createdAt) {

	/** A server is either running or stopped. */
	public enum State {

		RUNNING, STOPPED

	}

	/** The same server in another state. */
	Server withState(State newState) {
		return new Server(this.id, this.account, this.name, newState, this.createdAt);
	}

	/** The server's resource name, {@code crn:vserver:<account>:server/<id>}. */
	public String crn() {
		return ServersController.crn(this.account, this.id);
	}

}
