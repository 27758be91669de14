package org.tessera.oauth.key;

import java.util.Date;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.security.oauth2.jose.jws.JwsAlgorithm;
import org.springframework.security.oauth2.jwt.JoseHeaderNames;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;

/**
 * Signs every JWT with the server's active key, or with the key its header names if that
 * key still signs (a token whose header was written a moment before a rotation). Spring's
 * {@code NimbusJwtEncoder} selects a key per token from a JWK source and cannot select
 * Ed25519 keys; Tessera's signers are made once per key ({@link SigningKeys}), and a
 * header naming another algorithm or a retired key is an error, not a silent
 * substitution. Only {@code alg}, {@code kid} and {@code typ} are written: those are the
 * headers Tessera's tokens carry.
 */
public final class ActiveKeyJwtEncoder implements JwtEncoder {

	private static final Set<String> HEADERS = Set.of(JoseHeaderNames.ALG, JoseHeaderNames.KID, JoseHeaderNames.TYP);

	private final SigningAlgorithm algorithm;

	private final SigningKeys keys;

	public ActiveKeyJwtEncoder(SigningKeys keys) {
		this.algorithm = keys.algorithm();
		this.keys = keys;
	}

	@Override
	public Jwt encode(JwtEncoderParameters parameters) {
		JwsHeader requested = parameters.getJwsHeader();
		JwtClaimsSet claims = parameters.getClaims();
		JWSHeader header = header(requested);
		JWSSigner signer = this.keys.signer(header.getKeyID());
		if (signer == null) {
			throw new JwtEncodingException("the key " + header.getKeyID() + " does not sign any more");
		}
		SignedJWT jwt = new SignedJWT(header, claims(claims));
		try {
			jwt.sign(signer);
		}
		catch (JOSEException ex) {
			throw new JwtEncodingException("the JWT could not be signed: " + ex.getMessage(), ex);
		}
		return Jwt.withTokenValue(jwt.serialize())
			.headers((headers) -> headers.putAll(jwt.getHeader().toJSONObject()))
			.claims((values) -> values.putAll(claims.getClaims()))
			.build();
	}

	private JWSHeader header(JwsHeader requested) {
		String keyId = (requested != null && requested.getKeyId() != null) ? requested.getKeyId()
				: this.keys.activeKeyId();
		JWSHeader.Builder header = new JWSHeader.Builder(this.algorithm.jws()).keyID(keyId);
		if (requested == null) {
			return header.build();
		}
		JwsAlgorithm algorithm = requested.getAlgorithm();
		if (algorithm != null && !this.algorithm.getName().equals(algorithm.getName())) {
			throw new JwtEncodingException("the active key signs " + this.algorithm + ", not " + algorithm.getName());
		}
		if (!HEADERS.containsAll(requested.getHeaders().keySet())) {
			throw new JwtEncodingException(
					"only alg, kid and typ headers are supported, not " + requested.getHeaders().keySet());
		}
		if (requested.getType() != null) {
			header.type(new JOSEObjectType(requested.getType()));
		}
		return header.build();
	}

	/**
	 * As {@code NimbusJwtEncoder} converts them: registered claims typed, the rest as
	 * given.
	 */
	private static JWTClaimsSet claims(JwtClaimsSet claims) {
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
		claims.getClaims().forEach((name, value) -> {
			if (!JWTClaimsSet.getRegisteredNames().contains(name)) {
				builder.claim(name, value);
			}
		});
		Object issuer = claims.getClaim(JwtClaimNames.ISS);
		if (issuer != null) {
			builder.issuer(issuer.toString());
		}
		builder.subject(claims.getSubject()).jwtID(claims.getId());
		if (claims.getAudience() != null && !claims.getAudience().isEmpty()) {
			builder.audience(claims.getAudience());
		}
		if (claims.getExpiresAt() != null) {
			builder.expirationTime(Date.from(claims.getExpiresAt()));
		}
		if (claims.getNotBefore() != null) {
			builder.notBeforeTime(Date.from(claims.getNotBefore()));
		}
		if (claims.getIssuedAt() != null) {
			builder.issueTime(Date.from(claims.getIssuedAt()));
		}
		return builder.build();
	}

}
