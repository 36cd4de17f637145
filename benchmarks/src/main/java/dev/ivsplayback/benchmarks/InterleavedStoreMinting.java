package dev.ivsplayback.benchmarks;

import dev.ivsplayback.keys.PlaybackKeyManager;
import dev.ivsplayback.token.PlaybackTokenMinter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-viewer minting through a {@link PlaybackKeyManager}'s signer over the in-memory store, the
 * JDBC store on PostgreSQL and on MariaDB, interleaved in one JVM (rotating order, fixed turns),
 * while each manager reads its store in the background every second. Shows that the store is not on
 * the request path: the three should mint at the same rate, within noise.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar
 * dev.ivsplayback.benchmarks.InterleavedStoreMinting [rounds] [millisPerTurn]} (default 15 rounds
 * of 400 ms turns). Needs PostgreSQL and MariaDB as {@code scripts/start-databases.sh} leaves them
 * (or {@code IVS_PLAYBACK_TEST_POSTGRESQL_URL} / {@code IVS_PLAYBACK_TEST_MARIADB_URL}).
 */
public final class InterleavedStoreMinting {
  private InterleavedStoreMinting() {}

  /**
   * Runs the comparison and prints a Markdown table.
   *
   * @param args optional rounds and milliseconds per turn
   * @throws Exception when a contender fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int millis = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    try (ManagedMinters managed = new ManagedMinters()) {
      Map<String, PlaybackTokenMinter> minters = new LinkedHashMap<>();
      minters.put("in-memory", managed.minter("memory"));
      minters.put("JDBC, PostgreSQL", managed.minter("postgresql"));
      minters.put("JDBC, MariaDB", managed.minter("mariadb"));
      System.out.printf(
          Locale.ROOT,
          "Per-viewer minting through PlaybackKeyManager, 1 thread, %d rounds of %d ms turns,"
              + " background store reads every 1 s, java %s, %d CPUs%n%n",
          rounds,
          millis,
          System.getProperty("java.version"),
          Runtime.getRuntime().availableProcessors());
      report(measure(minters, managed, rounds, millis));
    }
  }

  private static Map<String, double[]> measure(
      Map<String, PlaybackTokenMinter> minters, ManagedMinters managed, int rounds, int millis) {
    List<String> names = new ArrayList<>(minters.keySet());
    Map<String, double[]> rates = new LinkedHashMap<>();
    names.forEach(n -> rates.put(n, new double[rounds]));
    long viewer = 0;
    // Warm-up: two turns each.
    for (int w = 0; w < 2; w++) {
      for (String n : names) {
        viewer = turn(minters.get(n), managed, millis, viewer)[1];
      }
    }
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < names.size(); i++) {
        String n = names.get((i + r) % names.size()); // rotating order
        long[] done = turn(minters.get(n), managed, millis, viewer);
        viewer = done[1];
        rates.get(n)[r] = done[0] * 1000.0 / millis;
      }
    }
    return rates;
  }

  // Mints per-viewer tokens for one turn; returns {tokens minted, next viewer number}.
  private static long[] turn(
      PlaybackTokenMinter minter, ManagedMinters managed, int millis, long viewer) {
    long end = System.nanoTime() + millis * 1_000_000L;
    long count = 0;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 64; i++) {
        minter.sign(managed.claims(viewer++));
      }
      count += 64;
    }
    return new long[] {count, viewer};
  }

  private static void report(Map<String, double[]> rates) {
    double[] base = rates.values().iterator().next();
    System.out.println("| Store | median tokens/s | × in-memory (median of rounds) |");
    System.out.println("|---|---:|---:|");
    for (Map.Entry<String, double[]> e : rates.entrySet()) {
      double[] ratio = new double[base.length];
      for (int i = 0; i < base.length; i++) {
        ratio[i] = e.getValue()[i] / base[i];
      }
      System.out.printf(
          Locale.ROOT, "| %s | %,.0f | %.3f× |%n", e.getKey(), median(e.getValue()), median(ratio));
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
