package dev.ivsplayback.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the JSON of one JMH run of this suite ({@code -rf json}) into the Markdown tables and
 * target checks of {@code benchmarks/README.md}: absolute figures, ratios against Nimbus / SunEC,
 * 2-thread scaling, bytes allocated per operation ({@code -prof gc}) and the per-fork scores (to
 * show BouncyCastle's two speeds).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.ivsplayback.benchmarks.ResultsTable
 * results/x.json}
 */
public final class ResultsTable {
  private static final String PREFIX = "dev.ivsplayback.benchmarks.";

  /** One benchmark at one thread count. */
  record Result(double score, double error, double bytesPerOp, List<Double> forkScores) {}

  private final Map<String, Map<Integer, Result>> results = new TreeMap<>();
  private final PrintStream out;

  private ResultsTable(JsonNode root, PrintStream out) {
    this.out = out;
    for (JsonNode b : root) {
      String name = b.get("benchmark").asText().replace(PREFIX, "");
      // TokenMintBenchmark.OneThread.ours_auto -> TokenMintBenchmark.ours_auto
      String[] parts = name.split("\\.");
      String key = parts[0] + "." + parts[parts.length - 1];
      int threads = b.get("threads").asInt();
      JsonNode pm = b.get("primaryMetric");
      List<Double> forks = new ArrayList<>();
      for (JsonNode fork : pm.path("rawData")) {
        double sum = 0;
        for (JsonNode it : fork) {
          sum += it.asDouble();
        }
        forks.add(fork.size() == 0 ? Double.NaN : sum / fork.size());
      }
      double bytes = Double.NaN;
      Iterator<Map.Entry<String, JsonNode>> secondary = b.path("secondaryMetrics").fields();
      while (secondary.hasNext()) {
        Map.Entry<String, JsonNode> m = secondary.next();
        if (m.getKey().endsWith("gc.alloc.rate.norm")) {
          bytes = m.getValue().get("score").asDouble();
        }
      }
      results
          .computeIfAbsent(key, k -> new TreeMap<>())
          .put(
              threads,
              new Result(
                  pm.get("score").asDouble(), pm.get("scoreError").asDouble(), bytes, forks));
    }
  }

  /**
   * Prints the tables for a JMH JSON file.
   *
   * @param args the JSON file
   * @throws IOException when it cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ResultsTable <jmh-result.json>");
      System.exit(2);
    }
    new ResultsTable(new ObjectMapper().readTree(Files.readAllBytes(Path.of(args[0]))), System.out)
        .print();
  }

  private Result get(String key, int threads) {
    Map<Integer, Result> byThreads = results.get(key);
    return byThreads == null ? null : byThreads.get(threads);
  }

  private double score(String key, int threads) {
    Result r = get(key, threads);
    return r == null ? Double.NaN : r.score();
  }

  private void print() {
    String mint = "TokenMintBenchmark.";
    String verify = "TokenVerifyBenchmark.";
    String reuse = "TokenReuseBenchmark.";
    double nimbus1 = score(mint + "nimbus", 1);
    double nimbus2 = score(mint + "nimbus", 2);
    double nimbusBytes = bytes(mint + "nimbus");

    out.println("#### Minting (tokens/s; ratios against Nimbus at the same thread count)");
    out.println();
    out.println(
        "| Benchmark | 1 thread | × Nimbus | 2 threads | × Nimbus | 2 thr ÷ 1 thr | bytes/token"
            + " | ÷ Nimbus bytes | per fork, 1 thread |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|---|");
    for (String name :
        List.of(
            "ours_auto",
            "ours_accp",
            "ours_bouncyCastle",
            "ours_jca",
            "nimbus",
            "jjwt",
            "auth0JavaJwt",
            "rawAccp",
            "rawBouncyCastle",
            "rawSunEc")) {
      String key = mint + name;
      if (!results.containsKey(key)) {
        continue;
      }
      double one = score(key, 1);
      double two = score(key, 2);
      out.printf(
          Locale.ROOT,
          "| `%s` | %s | %s | %s | %s | %s | %s | %s | %s |%n",
          name,
          withError(key, 1),
          ratio(one, nimbus1),
          withError(key, 2),
          ratio(two, nimbus2),
          ratio(two, one),
          count(bytes(key)),
          name.startsWith("raw") ? "" : ratio(bytes(key), nimbusBytes),
          forks(key));
    }
    out.println();

    double sunEc1 = score(verify + "rawVerifySunEc", 1);
    double nimbusVerify1 = score(verify + "nimbus_verify", 1);
    out.println("#### Verifying (tokens/s)");
    out.println();
    out.println(
        "| Benchmark | 1 thread | × raw SunEC | × Nimbus | 2 threads | 2 thr ÷ 1 thr | bytes/op |");
    out.println("|---|---:|---:|---:|---:|---:|---:|");
    for (String name :
        List.of(
            "ours_verifier",
            "ours_verifierAccp",
            "ours_verifierBouncyCastle",
            "nimbus_verify",
            "rawVerifyAccp",
            "rawVerifyBouncyCastle",
            "rawVerifySunEc")) {
      String key = verify + name;
      if (!results.containsKey(key)) {
        continue;
      }
      double one = score(key, 1);
      out.printf(
          Locale.ROOT,
          "| `%s` | %s | %s | %s | %s | %s | %s |%n",
          name,
          withError(key, 1),
          ratio(one, sunEc1),
          ratio(one, nimbusVerify1),
          withError(key, 2),
          ratio(score(key, 2), one),
          count(bytes(key)));
    }
    out.println();

    double auto1 = score(mint + "ours_auto", 1);
    out.println("#### Reuse (requests/s)");
    out.println();
    out.println("| Benchmark | 1 thread | × `ours_auto` | 2 threads | 2 thr ÷ 1 thr | bytes/op |");
    out.println("|---|---:|---:|---:|---:|---:|");
    for (String name : List.of("reuse_hit", "reuse_hitBuildingClaims", "reuse_miss")) {
      String key = reuse + name;
      if (!results.containsKey(key)) {
        continue;
      }
      double one = score(key, 1);
      out.printf(
          Locale.ROOT,
          "| `%s` | %s | %s | %s | %s | %s |%n",
          name,
          withError(key, 1),
          ratio(one, auto1),
          withError(key, 2),
          ratio(score(key, 2), one),
          count(bytes(key)));
    }
    out.println();

    String rawDefault =
        results.containsKey(mint + "rawAccp") && !Double.isNaN(score(mint + "rawAccp", 1))
            ? "rawAccp"
            : "rawBouncyCastle";
    out.println("#### Targets (all from this run)");
    out.println();
    target("default engine ≥ 12× Nimbus, 1 thread", auto1 / nimbus1, 12, true);
    target(
        "default engine ≥ 12× Nimbus, 2 threads", score(mint + "ours_auto", 2) / nimbus2, 12, true);
    target(
        "default engine ≥ 0.90 × its raw signature (`" + rawDefault + "`), 1 thread",
        auto1 / score(mint + rawDefault, 1),
        0.90,
        true);
    target(
        "default engine ≥ 0.90 × its raw signature (`" + rawDefault + "`), 2 threads",
        score(mint + "ours_auto", 2) / score(mint + rawDefault, 2),
        0.90,
        true);
    target(
        "2 threads ≥ 1.8 × 1 thread (`ours_auto`)",
        score(mint + "ours_auto", 2) / auto1,
        1.8,
        true);
    target(
        "default verifier ≥ 12× SunEC (raw SunEC verify), 1 thread",
        score(verify + "ours_verifier", 1) / sunEc1,
        12,
        true);
    target(
        "verifier on ACCP ≥ 12× SunEC (raw SunEC verify), 1 thread",
        score(verify + "ours_verifierAccp", 1) / sunEc1,
        12,
        true);
    target(
        "allocation per verification on ACCP ≤ 2 KB (`ours_verifierAccp`)",
        bytes(verify + "ours_verifierAccp"),
        2048,
        false);
    target(
        "allocation per minted token ≤ 1/4 of Nimbus's (`ours_auto`)",
        bytes(mint + "ours_auto") / nimbusBytes,
        0.25,
        false);
    target(
        "reuse hits ≥ 1,000,000/s on one core (`reuse_hit`)",
        score(reuse + "reuse_hit", 1),
        1_000_000,
        true);
  }

  private void target(String what, double value, double bound, boolean atLeast) {
    boolean met = atLeast ? value >= bound : value <= bound;
    String shown = bound >= 1000 ? count(value) : String.format(Locale.ROOT, "%.3f", value);
    out.printf(
        Locale.ROOT,
        "- %s: **%s** (%s)%n",
        what,
        Double.isNaN(value) ? "not measured" : met ? "met" : "missed",
        shown);
  }

  private double bytes(String key) {
    Result r = get(key, 1);
    return r == null ? Double.NaN : r.bytesPerOp();
  }

  private String withError(String key, int threads) {
    Result r = get(key, threads);
    if (r == null) {
      return "–";
    }
    return Double.isNaN(r.error()) ? count(r.score()) : count(r.score()) + " ± " + count(r.error());
  }

  private String forks(String key) {
    Result r = get(key, 1);
    if (r == null || r.forkScores().size() < 2) {
      return "";
    }
    List<String> s = new ArrayList<>();
    for (double d : r.forkScores()) {
      s.add(count(d));
    }
    return String.join(" / ", s);
  }

  private static String count(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  private static String ratio(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
      return "–";
    }
    return String.format(Locale.ROOT, a / b >= 10 ? "%.1f×" : "%.2f×", a / b);
  }
}
