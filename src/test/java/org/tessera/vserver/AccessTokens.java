package org.tessera.vserver;

import java.util.Date;
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

/** RFC 9068 access tokens signed by keys of a test's own, for vServers whose issuer a test plays. */
final class AccessTokens {

	private AccessTokens() {
	}

	static ECKey key(String keyId) throws JOSEException {
		return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
	}

	/** A well-formed token of the root of account 123456789012 without permissions, signed by {@code key}. */
	static String signedBy(ECKey key, String issuer) throws JOSEException {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
					.type(new JOSEObjectType("at+jwt"))
					.build(),
				new JWTClaimsSet.Builder().issuer(issuer)
					.subject("crn:iam:123456789012:root")
					.audience("tessera")
					.jwtID(UUID.randomUUID().toString())
					.claim("client_id", "tessera-cli")
					.issueTime(new Date())
					.expirationTime(new Date(System.currentTimeMillis() + 60_000))
					.build());
		jwt.sign(new ECDSASigner(key));
		return jwt.serialize();
	}

}
