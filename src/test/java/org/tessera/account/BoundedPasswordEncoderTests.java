package org.tessera.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Parallel logins never compute more Argon2id hashes at once than the bound (each takes
 * 16 MB).
 */
class BoundedPasswordEncoderTests {

	@Test
	void sixteenParallelHashesRunAtMostTwoAtATime() throws Exception {
		Argon2PasswordEncoder argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
		String hash = argon2.encode("correct horse battery staple");
		AtomicInteger running = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		PasswordEncoder watched = new PasswordEncoder() {

			@Override
			public String encode(CharSequence raw) {
				return watch(() -> argon2.encode(raw));
			}

			@Override
			public boolean matches(CharSequence raw, String encoded) {
				return watch(() -> argon2.matches(raw, encoded));
			}

			private <T> T watch(java.util.function.Supplier<T> hashing) {
				most.accumulateAndGet(running.incrementAndGet(), Math::max);
				try {
					return hashing.get();
				}
				finally {
					running.decrementAndGet();
				}
			}

		};
		BoundedPasswordEncoder bounded = new BoundedPasswordEncoder(watched, 2);
		ExecutorService threads = Executors.newFixedThreadPool(16);
		try {
			List<Callable<Boolean>> logins = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				logins.add(() -> bounded.matches("correct horse battery staple", hash));
			}
			for (Future<Boolean> login : threads.invokeAll(logins)) {
				assertThat(login.get()).isTrue();
			}
		}
		finally {
			threads.shutdownNow();
		}

		assertThat(most.get()).isBetween(1, 2);
	}

}
