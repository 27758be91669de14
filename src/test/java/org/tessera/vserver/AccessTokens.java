package org.tessera.vserver;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * RFC 9068 access tokens signed by keys of a test's own, for vServers whose issuer a test
 * plays.
 */
final class AccessTokens {

	/** The account of every token made here. */
	static final String ACCOUNT = "123456789012";

	private AccessTokens() {
	}

	static ECKey key(String keyId) throws JOSEException {
		return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
	}

	/**
	 * A well-formed token of the root of account 123456789012 without permissions, signed
	 * by {@code key}.
	 */
	static String signedBy(ECKey key, String issuer) throws JOSEException {
		return sign(key, claims(issuer).build());
	}

	/**
	 * The claims of a well-formed token of the root of account 123456789012 without
	 * permissions, issued now and valid for a minute; a test adds or overrides claims.
	 */
	static JWTClaimsSet.Builder claims(String issuer) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(issuer)
			.subject("crn:iam:" + ACCOUNT + ":root")
			.audience("tessera")
			.jwtID(UUID.randomUUID().toString())
			.claim("client_id", "tessera-cli")
			.claim("acct", ACCOUNT)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(60)));
	}

	/**
	 * A {@code perms} claim of one statement allowing every vServer action in
	 * {@code account}.
	 */
	static List<Map<String, Object>> vServerFullAccess(String account) {
		return List.of(statement("vserver:*", "crn:vserver:" + account + ":*"));
	}

	/**
	 * One statement of a {@code perms} claim allowing {@code action} on {@code resource}.
	 */
	static Map<String, Object> statement(String action, String resource) {
		return Map.of("effect", "Allow", "actions", List.of(action), "resources", List.of(resource));
	}

	/** Signs the claims as an ES256 {@code at+jwt} with {@code key}. */
	static String sign(ECKey key, JWTClaimsSet claims) throws JOSEException {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
			.type(new JOSEObjectType("at+jwt"))
			.build(), claims);
		jwt.sign(new ECDSASigner(key));
		return jwt.serialize();
	}

}
