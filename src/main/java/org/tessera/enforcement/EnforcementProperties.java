package org.tessera.enforcement;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code tessera.enforcement.*} settings of a resource server that enforces Tessera's
 * access tokens. Only the issuer must be given; the rest default to what Tessera's tokens
 * need.
 *
 * @param issuer the issuer trusted: tokens must carry exactly this {@code iss}, and the
 * keys are fetched from {@code <issuer>/oauth2/jwks}; enforcement is configured only when
 * it is set
 * @param audience what a token must name in {@code aud} to be accepted
 * @param clockSkew how long after its {@code exp} (and before its {@code nbf}) a token is
 * still accepted
 * @param jwksRefetchInterval how often, at most, a token naming a key the cached set
 * lacks makes the set be fetched again
 * @param verifiedTokensMaximumSize the bound on the heap all remembered verified tokens
 * take together
 * @param publicPaths request paths (Spring path patterns) that need no token
 * @param resource this resource server's identifier (an absolute URI, RFC 8707): a token
 * whose {@code aud} names it is accepted; empty for none
 * @param requireResource accept only tokens whose {@code aud} names {@code resource},
 * refusing tokens of the shared audience
 */
@ConfigurationProperties("tessera.enforcement")
public record EnforcementProperties(String issuer, @DefaultValue("tessera") String audience,
		@DefaultValue("0s") Duration clockSkew, @DefaultValue("10s") Duration jwksRefetchInterval,
		@DefaultValue("32MB") DataSize verifiedTokensMaximumSize, @DefaultValue("/error") List<String> publicPaths,
		@DefaultValue("") String resource, @DefaultValue("false") boolean requireResource) {

	/**
	 * What a token's {@code aud} must contain one of: this resource server's own
	 * identifier (RFC 8707), and the shared audience unless {@code requireResource}.
	 */
	public List<String> acceptedAudiences() {
		if (this.resource.isBlank()) {
			return List.of(this.audience);
		}
		return this.requireResource ? List.of(this.resource) : List.of(this.resource, this.audience);
	}

	public EnforcementProperties {
		if (issuer == null || issuer.isBlank()) {
			throw new IllegalArgumentException("tessera.enforcement.issuer must be set");
		}
		if (clockSkew.isNegative() || jwksRefetchInterval.isNegative() || verifiedTokensMaximumSize.toBytes() <= 0) {
			throw new IllegalArgumentException(
					"tessera.enforcement: clock-skew and jwks-refetch-interval must not be negative, "
							+ "verified-tokens-maximum-size must be positive");
		}
		publicPaths = List.copyOf(publicPaths);
		if (requireResource && resource.isBlank()) {
			throw new IllegalArgumentException(
					"tessera.enforcement.require-resource needs tessera.enforcement.resource");
		}
	}

}
