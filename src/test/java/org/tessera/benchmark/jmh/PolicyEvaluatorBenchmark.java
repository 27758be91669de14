package org.tessera.benchmark.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.tessera.policy.Decision;
import org.tessera.policy.Effect;
import org.tessera.policy.PolicyEvaluator;
import org.tessera.policy.Statement;

/**
 * The policy evaluator's cost per decision for 1 to 1,000 statements, exact or wildcard
 * patterns. The request matches only the last statement: the worst case, every statement
 * read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PolicyEvaluatorBenchmark {

	@Param({ "1", "10", "100", "1000" })
	int statements;

	@Param({ "false", "true" })
	boolean wildcards;

	private final PolicyEvaluator evaluator = new PolicyEvaluator();

	private List<Statement> policy;

	private String resource;

	@Setup
	public void policy() {
		this.policy = new ArrayList<>();
		for (int i = 0; i < this.statements; i++) {
			String action = this.wildcards ? "vserver" + i + ":Stop*" : "vserver" + i + ":StopServer";
			String resource = this.wildcards ? "crn:vserver:60108:server/srv-" + i + "-*"
					: "crn:vserver:60108:server/srv-" + i + "-a";
			this.policy.add(new Statement(Effect.ALLOW, List.of(action), List.of(resource)));
		}
		this.resource = "crn:vserver:60108:server/srv-" + (this.statements - 1) + "-a";
	}

	@Benchmark
	public Decision evaluate() {
		return this.evaluator.evaluate("60108", this.policy, "vserver" + (this.statements - 1) + ":StopServer",
				this.resource);
	}

}
