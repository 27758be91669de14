package org.tessera.vserver.servers;

/**
 * The servers a request's path names: {@code /vserver/v1/accounts/{acct}/servers} (every
 * server of the account, {@code id} {@code *}) or {@code .../servers/{id}} (one server).
 * Its {@link #crn()} is the resource the request is authorized against. An {@code id}
 * longer than {@value #MAX_ID_LENGTH} characters, which no server has, is refused with a
 * 400 naming the field before anything else is done with it, so that no request can make
 * the resource name, and the policy evaluation over it, longer than that.
 *
 * @param account the {@code {acct}} of the path, decoded
 * @param id the {@code {id}} of the path, decoded, or {@code *} for the whole collection
 */
public record ServerPath(String account, String id) {

	/** The {@code id} of a path that names the collection rather than one server. */
	static final String EVERY_SERVER = "*";

	/** The longest server id a path may name; vServer's own ids have 20 characters. */
	public static final int MAX_ID_LENGTH = 64;

	/**
	 * @throws ServersController.BadRequestException (400, field {@code id}) if the id is
	 * longer than {@value #MAX_ID_LENGTH} characters
	 */
	public ServerPath {
		if (id.length() > MAX_ID_LENGTH) {
			throw new ServersController.BadRequestException("id", "must be at most " + MAX_ID_LENGTH + " characters");
		}
	}

	/** {@code crn:vserver:<account>:server/<id>}. */
	public String crn() {
		return ServersController.crn(this.account, this.id);
	}

}
