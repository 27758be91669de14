package org.tessera.benchmark.jmh;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jwt.JWTClaimsSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.tessera.policy.Effect;
import org.tessera.policy.Statement;

/**
 * Building and serialising an access token's claims (the {@code perms} claim from the
 * statements, then the JSON payload) for 1, 10 and 50 attached policies, signing
 * excluded.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClaimsBenchmark {

	@Param({ "1", "10", "50" })
	int policies;

	private List<Statement> statements;

	@Setup
	public void statements() {
		this.statements = new ArrayList<>();
		for (int i = 0; i < this.policies; i++) {
			this.statements.add(new Statement(Effect.ALLOW, List.of("vserver:Get*", "vserver:List*"),
					List.of("crn:vserver:60108:server/team-" + i + "-*")));
		}
	}

	@Benchmark
	public String claims() {
		List<Map<String, Object>> perms = this.statements.stream().map(Statement::toJson).toList();
		return new JWTClaimsSet.Builder().issuer("http://localhost:9000")
			.subject("crn:iam:60108:service-account/sa-abcdefghijklmnopqrstuvwxyz")
			.audience("tessera")
			.expirationTime(new Date(System.currentTimeMillis() + 3_600_000))
			.issueTime(new Date())
			.jwtID("C0pTt3q0Qk2Hn1mZ7v4xWa")
			.claim("client_id", "sa-abcdefghijklmnopqrstuvwxyz")
			.claim("acct", "60108")
			.claim("perms", perms)
			.build()
			.toString();
	}

}
