package org.tessera.vserver.servers;

/**
 * The servers a request's path names: {@code /vserver/v1/accounts/{acct}/servers} (every server of the account,
 * {@code id} {@code *}) or {@code .../servers/{id}} (one server). Its {@link #crn()} is the resource the request is
 * authorized against (SPEC section 7).
 *
 * @param account the {@code {acct}} of the path, decoded
 * @param id      the {@code {id}} of the path, decoded, or {@code *} for the whole collection
 */
public record ServerPath(String account, String id) {

	/** The {@code id} of a path that names the collection rather than one server. */
	static final String EVERY_SERVER = "*";

	/** {@code crn:vserver:<account>:server/<id>}. */
	public String crn() {
		return ServersController.crn(this.account, this.id);
	}

}
