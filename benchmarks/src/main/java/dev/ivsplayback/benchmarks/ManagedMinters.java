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
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Key managers on an embedded ivs-local, each over one kind of store ({@code memory}, {@code
 * postgresql}, {@code mariadb}), reading it in the background every second, for the store minting
 * benchmarks. Not thread-safe to set up; the minters it returns are.
 */
final class ManagedMinters implements AutoCloseable {
  private final List<AutoCloseable> closeFirst = new ArrayList<>();
  private final IvsLocal local;
  private final IvsPlaybackClient ivs;
  final String channelArn;

  ManagedMinters() {
    local = IvsLocal.builder().build().start();
    ivs =
        IvsPlaybackClient.create(
            IvsClientConfig.builder()
                .region(local.region())
                .endpointOverride(local.endpoint())
                .credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDBENCH", "bench-secret")))
                .clientSideRateLimits(false)
                .build());
    channelArn = ivs.sync().createChannel(b -> b.name("bench").authorized(true)).channel().arn();
  }

  /** A READY minter of a new manager over a new store of this kind. */
  PlaybackTokenMinter minter(String kind) throws InterruptedException {
    PlaybackKeyManager manager =
        PlaybackKeyManager.builder()
            .managerId("bench-" + kind)
            .client(ivs)
            .store(store(kind))
            .policy(
                RotationPolicy.builder()
                    .refreshInterval(Duration.ofSeconds(1)) // background reads, every second
                    .maxSnapshotAge(Duration.ofSeconds(5))
                    .build())
            .build();
    manager.start();
    closeFirst.add(0, manager);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (manager.signer().readiness().status() != MintReadiness.Status.READY) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(kind + ": no ACTIVE key after 30 s");
      }
      Thread.sleep(50);
    }
    return manager.signer();
  }

  /** Per-viewer claims for the benchmark channel. */
  PlaybackClaims claims(long viewer) {
    return PlaybackClaims.builder()
        .channelArn(channelArn)
        .viewerId("viewer-" + viewer)
        .expiresIn(Duration.ofMinutes(5))
        .build();
  }

  private PlaybackKeyStore store(String kind) {
    String url =
        switch (kind) {
          case "memory" -> null;
          case "postgresql" ->
              env(
                  "IVS_PLAYBACK_TEST_POSTGRESQL_URL",
                  "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
          case "mariadb" ->
              env("IVS_PLAYBACK_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test?user=root");
          default -> throw new IllegalArgumentException("store kind " + kind);
        };
    if (url == null) {
      return InMemoryPlaybackKeyStore.create();
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(4);
    HikariDataSource ds = new HikariDataSource(config);
    closeFirst.add(ds);
    JdbcPlaybackKeyStore store =
        JdbcPlaybackKeyStore.builder()
            .dataSource(ds)
            .storeId("bench-" + UUID.randomUUID().toString().substring(0, 8))
            .passphrase("benchmark-only".toCharArray())
            .encryptionParameters(KeyEncryptionParameters.of(10, 1))
            .createSchemaIfMissing(true)
            .build();
    closeFirst.add(0, store);
    return store;
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : closeFirst) {
      c.close();
    }
    ivs.close();
    local.close();
  }
}
