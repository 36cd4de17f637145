package dev.ivsplayback.benchmarks;

import dev.ivsplayback.token.SigningEngine;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Verification throughput measured interleaved in one JVM, which JMH cannot do (it forks a JVM per
 * benchmark, so a busy neighbour during one fork skews every ratio against another). After a
 * warm-up, each round runs every contender for a fixed time, in rotating order; the report gives
 * each contender's median verifications/s, its bytes allocated per verification, and the median of
 * the per-round ratios against raw SunEC, which background load moves far less than the separate
 * JMH scores. The contenders are the {@link TokenVerifyBenchmark} methods themselves, one thread.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.ivsplayback.benchmarks.InterleavedVerify
 * [rounds] [millisPerTurn]} (default 15 rounds of 400 ms turns, about 40 s).
 */
public final class InterleavedVerify {
  private InterleavedVerify() {}

  /** One contender: a benchmark method bound to its state. */
  @FunctionalInterface
  interface Op {
    boolean run() throws Exception;
  }

  /** One contender's figures. */
  record Row(String name, double medianOpsPerSecond, double bytesPerOp, double medianRatio) {}

  /**
   * Runs the comparison and prints a Markdown table.
   *
   * @param args optional rounds and milliseconds per turn
   * @throws Exception when a contender fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int millis = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    System.out.printf(
        Locale.ROOT,
        "Interleaved verification, 1 thread, %d rounds of %d ms turns, java %s, %d CPUs%n%n",
        rounds,
        millis,
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
    System.out.println(
        "| Contender | median verifications/s | × raw SunEC (median of rounds) | bytes/op |");
    System.out.println("|---|---:|---:|---:|");
    for (Row r : run(rounds, millis)) {
      System.out.printf(
          Locale.ROOT,
          "| `%s` | %,.0f | %.2f× | %,.0f |%n",
          r.name(),
          r.medianOpsPerSecond(),
          r.medianRatio(),
          r.bytesPerOp());
    }
  }

  /**
   * Measures every contender.
   *
   * @param rounds the number of rounds
   * @param millis the length of each contender's turn in a round
   * @return one row per contender, raw SunEC first
   * @throws Exception when a contender fails
   */
  static List<Row> run(int rounds, int millis) throws Exception {
    TokenVerifyBenchmark.Shared shared = new TokenVerifyBenchmark.Shared();
    shared.setUp();
    TokenVerifyBenchmark.Raw raw = new TokenVerifyBenchmark.Raw();
    raw.setUp(shared);
    TokenVerifyBenchmark b = new TokenVerifyBenchmark.OneThread();
    Map<String, Op> ops = new LinkedHashMap<>();
    ops.put("rawVerifySunEc", () -> b.rawVerifySunEc(shared, raw));
    ops.put("ours_verifier", () -> b.ours_verifier(shared));
    if (SigningEngine.ACCP.isAvailable()) {
      ops.put("ours_verifierAccp", () -> b.ours_verifierAccp(shared));
      ops.put("rawVerifyAccp", () -> b.rawVerifyAccp(shared, raw));
    }
    List<String> names = new ArrayList<>(ops.keySet());
    for (String name : names) {
      turn(ops.get(name), Math.max(millis, 2_000)); // warm-up
    }
    Map<String, double[]> rates = new LinkedHashMap<>();
    Map<String, double[]> bytes = new LinkedHashMap<>();
    for (String name : names) {
      rates.put(name, new double[rounds]);
      bytes.put(name, new double[rounds]);
    }
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < names.size(); i++) {
        String name = names.get((i + round) % names.size()); // rotate the order
        double[] m = turn(ops.get(name), millis);
        rates.get(name)[round] = m[0];
        bytes.get(name)[round] = m[1];
      }
    }
    double[] sunEc = rates.get("rawVerifySunEc");
    List<Row> rows = new ArrayList<>();
    for (String name : names) {
      double[] ratio = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        ratio[round] = rates.get(name)[round] / sunEc[round];
      }
      rows.add(new Row(name, median(rates.get(name)), median(bytes.get(name)), median(ratio)));
    }
    return rows;
  }

  /** Runs an op for about {@code millis}; returns {ops per second, bytes allocated per op}. */
  private static double[] turn(Op op, int millis) throws Exception {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long deadline = System.nanoTime() + millis * 1_000_000L;
    long allocatedBefore = mx.getThreadAllocatedBytes(thread);
    long start = System.nanoTime();
    long n = 0;
    long now;
    do {
      if (!op.run()) {
        throw new IllegalStateException("verification failed");
      }
      n++;
      now = System.nanoTime();
    } while (now < deadline);
    long allocated = mx.getThreadAllocatedBytes(thread) - allocatedBefore;
    return new double[] {n * 1e9 / (now - start), (double) allocated / n};
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
