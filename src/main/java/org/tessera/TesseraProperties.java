package org.tessera;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every {@code tessera.*} setting of the authorization server in one typed place, so the
 * README's configuration table and the code cannot drift apart.
 *
 * @param dataDir where the H2 database, the audit journal, the secret pepper and the key-encryption key live
 * @param issuer the issuer identifier put in every token and in discovery
 * @param signUp whether anyone may create a root account
 * @param tokens lifetimes and audience of issued tokens
 * @param signing the JWS algorithm of newly created signing keys
 * @param secrets where the pepper for client-secret hashes comes from
 * @param serviceAccounts lifecycle settings of service accounts
 * @param lockout brute-force protection of logins and client authentication
 * @param keys where the key-encryption key of stored private keys comes from
 */
@ConfigurationProperties("tessera")
public record TesseraProperties(
		@DefaultValue("./data") Path dataDir,
		@DefaultValue("http://localhost:9000") String issuer,
		@DefaultValue SignUp signUp,
		@DefaultValue Tokens tokens,
		@DefaultValue Signing signing,
		@DefaultValue Secrets secrets,
		@DefaultValue ServiceAccounts serviceAccounts,
		@DefaultValue Lockout lockout,
		@DefaultValue Keys keys) {

	/** @param enabled whether {@code POST /iam/v1/accounts} is open */
	public record SignUp(@DefaultValue("true") boolean enabled) {
	}

	/**
	 * @param accessTokenLifetime lifetime of access tokens issued by client credentials and login
	 * @param impersonationLifetime upper bound of the lifetime of impersonated tokens
	 * @param audience the {@code aud} of every access token; resource servers check it
	 * @param maxDelegationDepth how many actors an impersonation chain may hold
	 */
	public record Tokens(
			@DefaultValue("1h") Duration accessTokenLifetime,
			@DefaultValue("1h") Duration impersonationLifetime,
			@DefaultValue("tessera") String audience,
			@DefaultValue("3") int maxDelegationDepth) {
	}

	/** @param algorithm {@code ES256} (default), {@code RS256} or {@code EdDSA} (Ed25519) */
	public record Signing(@DefaultValue("ES256") String algorithm) {
	}

	/**
	 * @param pepper base64 key for HMAC-SHA-256 of client secrets; when empty, a random one is
	 *        created once in {@code <data-dir>/secret-pepper.key}
	 */
	public record Secrets(@DefaultValue("") String pepper) {
	}

	/**
	 * @param undeleteRetention how long a deleted service account can be undeleted before it is purged
	 * @param lastUseFlush how often last-use times are written to the database
	 */
	public record ServiceAccounts(@DefaultValue("30d") Duration undeleteRetention,
			@DefaultValue("PT5S") Duration lastUseFlush) {
	}

	/**
	 * @param maxFailures failed attempts for one login name or one client that lock it
	 * @param duration how long the failures are counted and the lock lasts
	 */
	public record Lockout(@DefaultValue("10") int maxFailures, @DefaultValue("PT5M") Duration duration) {
	}

	/**
	 * @param kek base64 AES-256 key-encryption key (32 bytes) that encrypts private signing keys in
	 *        the database; when empty, {@code kekFile} is read
	 * @param kekFile a file holding that key in base64; when empty, {@code <data-dir>/key-encryption.key},
	 *        created once with owner-only permissions
	 */
	public record Keys(@DefaultValue("") String kek, @DefaultValue("") String kekFile) {
	}

}
