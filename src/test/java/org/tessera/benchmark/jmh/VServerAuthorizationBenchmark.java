package org.tessera.benchmark.jmh;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.tessera.jose.SignedJwtProcessor;
import org.tessera.policy.Decision;
import org.tessera.policy.Effect;
import org.tessera.policy.Statement;
import org.tessera.enforcement.HeaderBearerTokenResolver;
import org.tessera.enforcement.TesseraPolicyAuthorizer;
import org.tessera.enforcement.VerifiedTokenCache;

/**
 * What validation plus policy evaluation cost vServer per request, measured apart from
 * the web stack around them: the token read from the {@code Authorization} header, its
 * authentication found among the verified ones, and the decision on
 * {@code vserver:GetServer}. The first request of a token also verifies it in full (ES256
 * signature, RFC 9068 claims). TokenBenchmark prints the CPU of a whole authorised
 * request to compare with.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class VServerAuthorizationBenchmark {

	private static final String ISSUER = "http://localhost:9000";

	private static final String ACCOUNT = "60108";

	private static final String SERVER = "srv-0123456789abcdef";

	private final HeaderBearerTokenResolver resolver = new HeaderBearerTokenResolver();

	private final TesseraPolicyAuthorizer authorizer = new TesseraPolicyAuthorizer();

	private JwtAuthenticationProvider verifier;

	private VerifiedTokenCache verifiedTokens;

	private MockHttpServletRequest request;

	@Setup
	public void setUp() throws Exception {
		ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k7Qm2xVb9LpW").generate();
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(
				SignedJwtProcessor.verifyingWith(new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()))));
		decoder.setJwtValidator(JwtValidators.createAtJwtValidator().issuer(ISSUER).audience("tessera").build());
		this.verifier = new JwtAuthenticationProvider(decoder);
		this.verifiedTokens = new VerifiedTokenCache(this.verifier, Clock.systemUTC(), Duration.ZERO,
				VerifiedTokenCache.DEFAULT_MAXIMUM_BYTES);
		this.request = new MockHttpServletRequest("GET", "/vserver/v1/accounts/" + ACCOUNT + "/servers/" + SERVER);
		this.request.addHeader("Authorization", "Bearer " + token(key));
		if (!firstRequestOfAToken().allowed() || !laterRequestOfAToken().allowed()) {
			throw new IllegalStateException("the benchmark's token must be allowed to get the server");
		}
	}

	/** Every request of a token after its first: what a client reusing its token pays. */
	@Benchmark
	public Decision laterRequestOfAToken() {
		return decide(this.verifiedTokens.authenticate(bearerToken()));
	}

	/**
	 * The first request of a token: full verification, then the decision. The
	 * authorizer's statements parsed from {@code perms}, also once per token, come from
	 * its cache here.
	 */
	@Benchmark
	public Decision firstRequestOfAToken() {
		return decide(this.verifier.authenticate(bearerToken()));
	}

	private BearerTokenAuthenticationToken bearerToken() {
		return new BearerTokenAuthenticationToken(this.resolver.resolve(this.request));
	}

	private Decision decide(Authentication authenticated) {
		return this.authorizer.check((Jwt) authenticated.getPrincipal(), "vserver:GetServer",
				"crn:vserver:" + ACCOUNT + ":server/" + SERVER);
	}

	/**
	 * 128 random bits in 22 characters, as the authorization server makes a {@code jti}.
	 */
	private static String tokenId() {
		byte[] bytes = new byte[16];
		ThreadLocalRandom.current().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * A token like a service account's with {@code vServerFullAccess}, as the
	 * authorization server signs it.
	 */
	private static String token(ECKey key) throws Exception {
		Date now = new Date();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
					.type(new JOSEObjectType("at+jwt"))
					.build(),
				new JWTClaimsSet.Builder().issuer(ISSUER)
					.subject("crn:iam:" + ACCOUNT + ":service-account/sa-abcdefghijklmnopqrstuvwxyz")
					.audience("tessera")
					.issueTime(now)
					.expirationTime(new Date(now.getTime() + 3_600_000))
					.jwtID(tokenId())
					.claim("client_id", "sa-abcdefghijklmnopqrstuvwxyz")
					.claim("acct", ACCOUNT)
					.claim("perms",
							List.of(new Statement(Effect.ALLOW, List.of("vserver:*"),
									List.of("crn:vserver:" + ACCOUNT + ":server/*"))
								.toJson()))
					.build());
		jwt.sign(new ECDSASigner(key));
		return jwt.serialize();
	}

}
