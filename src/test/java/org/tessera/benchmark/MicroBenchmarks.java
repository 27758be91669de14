package org.tessera.benchmark;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks of {@code org.tessera.benchmark.jmh} (policy evaluator, claims
 * building, vServer's validation plus policy evaluation): one fork, three one-second
 * warm-ups and five one-second measurements each.
 * {@code mvn -Pbenchmark verify -Dbenchmark.main=org.tessera.benchmark.MicroBenchmarks}.
 */
public final class MicroBenchmarks {

	private MicroBenchmarks() {
	}

	public static void main(String[] args) throws Exception {
		Options options = new OptionsBuilder().include("org\\.tessera\\.benchmark\\.jmh\\..*")
			.forks(1)
			.warmupIterations(3)
			.warmupTime(TimeValue.seconds(1))
			.measurementIterations(5)
			.measurementTime(TimeValue.seconds(1))
			.build();
		new Runner(options).run();
	}

}
