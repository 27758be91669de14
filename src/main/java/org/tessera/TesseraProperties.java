package org.tessera;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every {@code tessera.*} setting of the authorization server in one typed place, so the
 * configuration page (src/site/markdown/configuration.md) and the code cannot drift
 * apart.
 *
 * @param dataDir where the H2 database, the audit journal, the secret pepper and the
 * key-encryption key live
 * @param issuer the issuer identifier put in every token and in discovery
 * @param signUp who may create a root account
 * @param tokens lifetimes and audience of issued tokens
 * @param signing the JWS algorithm of newly created signing keys
 * @param secrets where the pepper for client-secret hashes comes from
 * @param serviceAccounts lifecycle settings of service accounts
 * @param throttle how fast one source may fail client authentication, logins and sign-ups
 * @param audit how long audit events are kept
 * @param keys where the key-encryption key of stored private keys comes from
 */
@ConfigurationProperties("tessera")
public record TesseraProperties(@DefaultValue("./data") Path dataDir,
		@DefaultValue("http://localhost:9000") String issuer, @DefaultValue SignUp signUp, @DefaultValue Tokens tokens,
		@DefaultValue Signing signing, @DefaultValue Secrets secrets, @DefaultValue ServiceAccounts serviceAccounts,
		@DefaultValue Throttle throttle, @DefaultValue Audit audit, @DefaultValue Keys keys) {

	/**
	 * @param enabled {@code false} closes sign-up whatever {@code mode} says (the older
	 * switch)
	 * @param mode who may call {@code POST /iam/v1/accounts}
	 * @param operatorKey in {@code invite-only} mode, the bearer key an operator signs
	 * accounts up with
	 */
	public record SignUp(@DefaultValue("true") boolean enabled, @DefaultValue("open") Mode mode,
			@DefaultValue("") String operatorKey) {

		/** Who may sign up. */
		public enum Mode {

			/** Anyone, throttled per source. */
			OPEN,

			/** Only an operator holding the operator key. */
			INVITE_ONLY,

			/** Nobody. */
			CLOSED

		}

		/** The mode in force: {@code enabled=false} means closed. */
		public Mode effectiveMode() {
			return this.enabled ? this.mode : Mode.CLOSED;
		}

		@Override
		public String toString() {
			return "SignUp[enabled=" + this.enabled + ", mode=" + this.mode + "]";
		}

	}

	/**
	 * @param accessTokenLifetime lifetime of access tokens issued by client credentials
	 * and login
	 * @param impersonationLifetime upper bound of the lifetime of impersonated tokens
	 * @param audience the {@code aud} of every access token; resource servers check it
	 * @param maxDelegationDepth how many actors an impersonation chain may hold
	 * @param resources the resource servers a token may be asked for (RFC 8707
	 * {@code resource}), by their identifiers: a token asked for some carries exactly
	 * those in {@code aud}
	 */
	public record Tokens(@DefaultValue("1h") Duration accessTokenLifetime,
			@DefaultValue("1h") Duration impersonationLifetime, @DefaultValue("tessera") String audience,
			@DefaultValue("3") int maxDelegationDepth, @DefaultValue("http://localhost:8081") List<String> resources) {

		@ConstructorBinding
		public Tokens {
			resources = List.copyOf(resources);
		}

		/** The settings with no resource server to ask tokens for. */
		public Tokens(Duration accessTokenLifetime, Duration impersonationLifetime, String audience,
				int maxDelegationDepth) {
			this(accessTokenLifetime, impersonationLifetime, audience, maxDelegationDepth, List.of());
		}

	}

	/**
	 * @param algorithm {@code ES256} (default), {@code RS256} or {@code EdDSA} (Ed25519)
	 * @param rotationPeriod how long a key signs before the next one takes over
	 * @param publishAhead how long a new key is published before it signs: at least the
	 * time resource servers cache the JWK set (five minutes for the enforcement artifact)
	 */
	public record Signing(@DefaultValue("ES256") String algorithm, @DefaultValue("30d") Duration rotationPeriod,
			@DefaultValue("10m") Duration publishAhead) {
	}

	/**
	 * @param pepper base64 key for HMAC-SHA-256 of client secrets; when empty, a random
	 * one is created once in {@code <data-dir>/secret-pepper.key}
	 */
	public record Secrets(@DefaultValue("") String pepper) {
	}

	/**
	 * @param undeleteRetention how long a deleted service account can be undeleted before
	 * it is purged
	 * @param lastUseFlush how often last-use times are written to the database
	 */
	public record ServiceAccounts(@DefaultValue("30d") Duration undeleteRetention,
			@DefaultValue("PT5S") Duration lastUseFlush) {
	}

	/**
	 * Budgets per source address (a token bucket each: {@code burst} at once, then one
	 * more per {@code refill}), so failures from one source never affect another.
	 *
	 * @param trustedProxies addresses or CIDRs of reverse proxies whose
	 * {@code X-Forwarded-For} is believed
	 * @param clientFailureBurst failed requests at the token, introspection and
	 * revocation endpoints
	 * @param clientFailureRefill time that gives a source back one failed request there
	 * @param loginFailureBurst failed logins of one source, whatever names it tries
	 * @param loginFailureRefill time that gives a source back one failed login
	 * @param loginFreeFailures failed logins of one name from one source before each
	 * further one waits
	 * @param loginMaxDelay the longest wait of one name from one source; the wait doubles
	 * up to it
	 * @param signUpBurst sign-ups of one source
	 * @param signUpRefill time that gives a source back one sign-up
	 * @param maxSources sources remembered per budget; the least used are forgotten first
	 */
	public record Throttle(@DefaultValue List<String> trustedProxies, @DefaultValue("50") int clientFailureBurst,
			@DefaultValue("1s") Duration clientFailureRefill, @DefaultValue("20") int loginFailureBurst,
			@DefaultValue("10s") Duration loginFailureRefill, @DefaultValue("5") int loginFreeFailures,
			@DefaultValue("15m") Duration loginMaxDelay, @DefaultValue("10") int signUpBurst,
			@DefaultValue("6m") Duration signUpRefill, @DefaultValue("20000") int maxSources) {
	}

	/**
	 * @param retention how long an audit event is kept; older ones are purged every
	 * minute
	 */
	public record Audit(@DefaultValue("400d") Duration retention) {
	}

	/**
	 * @param kek base64 AES-256 key-encryption key (32 bytes) that encrypts private
	 * signing keys in the database; when empty, {@code kekFile} is read
	 * @param kekFile a file holding that key in base64; when empty,
	 * {@code <data-dir>/key-encryption.key}, created once with owner-only permissions
	 */
	public record Keys(@DefaultValue("") String kek, @DefaultValue("") String kekFile) {
	}

}
