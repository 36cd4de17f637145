package dev.ivsplayback.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivsplayback.token.SigningEngine;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * CI smoke run of the whole suite: one 100 ms warm-up and one 100 ms measurement of every
 * benchmark, in this JVM (no fork). It asserts only that every benchmark ran and produced a result;
 * speed is never asserted here.
 */
class BenchmarkSmokeTest {

  @Test
  void everyBenchmark_runsOneShortIteration_andProducesAResult() throws Exception {
    Set<String> expected = new TreeSet<>();
    for (Class<?> suite :
        new Class<?>[] {
          TokenMintBenchmark.class, TokenVerifyBenchmark.class, TokenReuseBenchmark.class
        }) {
      for (Class<?> threads : suite.getDeclaredClasses()) {
        if (!suite.isAssignableFrom(threads)) {
          continue;
        }
        for (Method m : suite.getDeclaredMethods()) {
          boolean needsAccp = m.getName().toLowerCase().contains("accp");
          if (m.isAnnotationPresent(Benchmark.class)
              && (!needsAccp || SigningEngine.ACCP.isAvailable())) {
            expected.add(threads.getName().replace('$', '.') + "." + m.getName());
          }
        }
      }
    }
    assertThat(expected).hasSizeGreaterThanOrEqualTo(30);

    OptionsBuilder options = new OptionsBuilder();
    for (String name : expected) {
      options.include("^" + name.replace(".", "\\.") + "$");
    }
    Options o =
        options
            .forks(0)
            .warmupIterations(1)
            .warmupTime(TimeValue.milliseconds(100))
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(100))
            .shouldFailOnError(true)
            .build();
    Collection<RunResult> results = new Runner(o).run();

    Set<String> produced = new TreeSet<>();
    for (RunResult r : results) {
      double score = r.getPrimaryResult().getScore();
      if (score > 0 && Double.isFinite(score)) {
        produced.add(r.getParams().getBenchmark());
      }
    }
    assertThat(produced).containsExactlyInAnyOrderElementsOf(expected);
  }
}
