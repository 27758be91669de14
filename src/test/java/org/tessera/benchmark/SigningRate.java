package org.tessera.benchmark;

import java.util.Date;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.tessera.oauth.key.SigningAlgorithm;

/**
 * The raw JWS signing rate of Tessera's signer for an algorithm on this JDK, two threads,
 * five seconds after a warm-up: the ceiling no token endpoint can pass. Run as its own
 * process by {@link TokenBenchmark} on the server's JDK; prints one number.
 */
public final class SigningRate {

	private SigningRate() {
	}

	public static void main(String[] args) throws Exception {
		String algorithm = (args.length > 0) ? args[0] : "ES256";
		SigningAlgorithm signing = SigningAlgorithm.of(algorithm);
		JWSAlgorithm jws = signing.jws();
		JWSSigner signer = signing.signer(signing.generateKey());
		measure(signer, jws, 3);
		System.out.printf("%.0f%n", measure(signer, jws, 5));
	}

	private static double measure(JWSSigner signer, JWSAlgorithm algorithm, int seconds) throws Exception {
		AtomicLong signed = new AtomicLong();
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		for (int i = 0; i < 2; i++) {
			pool.submit(() -> {
				while (System.nanoTime() < end) {
					SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm),
							new JWTClaimsSet.Builder().subject("crn:iam:1:service-account/sa-x")
								.jwtID(UUID.randomUUID().toString())
								.issueTime(new Date())
								.build());
					jwt.sign(signer);
					signed.incrementAndGet();
				}
				return null;
			});
		}
		pool.shutdown();
		pool.awaitTermination(seconds + 5L, TimeUnit.SECONDS);
		return signed.get() / (double) seconds;
	}

}
