package dev.ivsplayback.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ivsplayback.client.IvsClientConfig;
import dev.ivsplayback.client.IvsPlaybackClient;
import dev.ivsplayback.keys.InMemoryPlaybackKeyStore;
import dev.ivsplayback.keys.KeyEncryptionParameters;
import dev.ivsplayback.keys.PlaybackKeyManager;
import dev.ivsplayback.keys.PlaybackKeyStore;
import dev.ivsplayback.keys.RotationPolicy;
import dev.ivsplayback.keys.jdbc.JdbcPlaybackKeyStore;
import dev.ivsplayback.local.IvsLocal;
import dev.ivsplayback.token.MintReadiness;
import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackTokenMinter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

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
    String pg =
        env(
            "IVS_PLAYBACK_TEST_POSTGRESQL_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    String maria =
        env("IVS_PLAYBACK_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test?user=root");
    RotationPolicy policy =
        RotationPolicy.builder()
            .refreshInterval(Duration.ofSeconds(1)) // background store reads, every second
            .maxSnapshotAge(Duration.ofSeconds(5))
            .build();
    List<AutoCloseable> closeLast = new ArrayList<>();
    try (IvsLocal local = IvsLocal.builder().build().start();
        IvsPlaybackClient ivs =
            IvsPlaybackClient.create(
                IvsClientConfig.builder()
                    .region(local.region())
                    .endpointOverride(local.endpoint())
                    .credentialsProvider(
                        StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("AKIDBENCH", "bench-secret")))
                    .clientSideRateLimits(false)
                    .build())) {
      String channelArn =
          ivs.sync().createChannel(b -> b.name("bench").authorized(true)).channel().arn();
      Map<String, PlaybackKeyStore> stores = new LinkedHashMap<>();
      stores.put("in-memory", InMemoryPlaybackKeyStore.create());
      stores.put("JDBC, PostgreSQL", jdbc(pg, closeLast));
      stores.put("JDBC, MariaDB", jdbc(maria, closeLast));
      Map<String, PlaybackTokenMinter> minters = new LinkedHashMap<>();
      for (Map.Entry<String, PlaybackKeyStore> e : stores.entrySet()) {
        PlaybackKeyManager manager =
            PlaybackKeyManager.builder()
                .managerId("bench" + minters.size())
                .client(ivs)
                .store(e.getValue())
                .policy(policy)
                .build();
        manager.start();
        closeLast.add(0, manager);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (manager.signer().readiness().status() != MintReadiness.Status.READY) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(e.getKey() + ": no ACTIVE key after 30 s");
          }
          Thread.sleep(50);
        }
        minters.put(e.getKey(), manager.signer());
      }
      System.out.printf(
          Locale.ROOT,
          "Per-viewer minting through PlaybackKeyManager, 1 thread, %d rounds of %d ms turns,"
              + " background store reads every 1 s, java %s, %d CPUs%n%n",
          rounds,
          millis,
          System.getProperty("java.version"),
          Runtime.getRuntime().availableProcessors());
      report(measure(minters, channelArn, rounds, millis));
    } finally {
      for (AutoCloseable c : closeLast) {
        c.close();
      }
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  private static PlaybackKeyStore jdbc(String url, List<AutoCloseable> closeLast) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(4);
    HikariDataSource ds = new HikariDataSource(config);
    closeLast.add(ds);
    JdbcPlaybackKeyStore store =
        JdbcPlaybackKeyStore.builder()
            .dataSource(ds)
            .storeId("bench-" + UUID.randomUUID().toString().substring(0, 8))
            .passphrase("benchmark-only".toCharArray())
            .encryptionParameters(KeyEncryptionParameters.of(10, 1))
            .createSchemaIfMissing(true)
            .build();
    closeLast.add(0, store);
    return store;
  }

  private static Map<String, double[]> measure(
      Map<String, PlaybackTokenMinter> minters, String channelArn, int rounds, int millis) {
    List<String> names = new ArrayList<>(minters.keySet());
    Map<String, double[]> rates = new LinkedHashMap<>();
    names.forEach(n -> rates.put(n, new double[rounds]));
    long viewer = 0;
    // Warm-up: two turns each.
    for (int w = 0; w < 2; w++) {
      for (String n : names) {
        viewer = turn(minters.get(n), channelArn, millis, viewer)[1];
      }
    }
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < names.size(); i++) {
        String n = names.get((i + r) % names.size()); // rotating order
        long[] done = turn(minters.get(n), channelArn, millis, viewer);
        viewer = done[1];
        rates.get(n)[r] = done[0] * 1000.0 / millis;
      }
    }
    return rates;
  }

  // Mints per-viewer tokens for one turn; returns {tokens minted, next viewer number}.
  private static long[] turn(
      PlaybackTokenMinter minter, String channelArn, int millis, long viewer) {
    long end = System.nanoTime() + millis * 1_000_000L;
    long count = 0;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 64; i++) {
        minter.sign(
            PlaybackClaims.builder()
                .channelArn(channelArn)
                .viewerId("viewer-" + viewer++)
                .expiresIn(Duration.ofMinutes(5))
                .build());
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
