package dev.ivsplayback.fleet;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ivsplayback.keys.FileSystemPlaybackKeyStore;
import dev.ivsplayback.keys.KeyEncryptionParameters;
import dev.ivsplayback.keys.PlaybackKeyStore;
import dev.ivsplayback.keys.jdbc.JdbcPlaybackKeyStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one place a fleet process (member or driver) builds its key store, from a spec string: {@code
 * file:/dir} for a {@link FileSystemPlaybackKeyStore}, or a {@code jdbc:postgresql://...} / {@code
 * jdbc:mariadb://...} URL plus a store id for the JDBC store. Every process of a run opens the same
 * spec with the same secret.
 *
 * @param spec the spec string
 * @param storeId the store id inside a shared JDBC table (unused by the file store)
 */
record StoreSpec(String spec, String storeId) {
  /** Points the PostgreSQL runs at another server (a JDBC URL with credentials). */
  static final String POSTGRESQL_URL_ENV = "IVS_PLAYBACK_TEST_POSTGRESQL_URL";

  /** Points the MariaDB runs at another server (a JDBC URL with credentials). */
  static final String MARIADB_URL_ENV = "IVS_PLAYBACK_TEST_MARIADB_URL";

  /** scrypt at the lowest cost the store accepts: the secret is random per run, never reused. */
  static final KeyEncryptionParameters TEST_ONLY_CRYPTO = KeyEncryptionParameters.of(10, 1);

  StoreSpec {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(storeId, "storeId");
    if (!spec.startsWith("file:") && !isJdbc(spec)) {
      throw new IllegalArgumentException(
          "store spec must be file:/dir, jdbc:postgresql://... or jdbc:mariadb://..., not " + spec);
    }
  }

  static StoreSpec file(Path directory) {
    return new StoreSpec("file:" + directory.toAbsolutePath(), "-");
  }

  private static boolean isJdbc(String spec) {
    return spec.startsWith("jdbc:postgresql:") || spec.startsWith("jdbc:mariadb:");
  }

  /** The kind, for reports: file, postgresql or mariadb. */
  String kind() {
    if (spec.startsWith("file:")) {
      return "file";
    }
    return spec.startsWith("jdbc:postgresql:") ? "postgresql" : "mariadb";
  }

  /** The spec with any password parameter blanked, for logs. */
  String redacted() {
    return spec.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//[^/@]*@", "//***@");
  }

  /**
   * Opens the store.
   *
   * @param secret the passphrase shared by the run's processes (copied by the store)
   * @param createSchema whether a JDBC store creates its tables if missing (the driver, which opens
   *     the store before any member, does; members then only check them)
   * @return the store and what must be closed with it
   */
  Opened open(char[] secret, boolean createSchema) {
    if (spec.startsWith("file:")) {
      FileSystemPlaybackKeyStore store =
          FileSystemPlaybackKeyStore.builder()
              .directory(Path.of(spec.substring("file:".length())))
              .passphrase(secret)
              .encryptionParameters(TEST_ONLY_CRYPTO)
              .build();
      return new Opened(store, List.of(store));
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(spec);
    config.setPoolName("fleet-" + storeId);
    // A tick, a lease renewal and the driver's reads: a few connections are plenty.
    config.setMaximumPoolSize(3);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(5_000);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          kind()
              + " does not answer at "
              + redacted()
              + " ("
              + e.getMessage()
              + "). Start it with scripts/start-databases.sh, or point "
              + (kind().equals("postgresql") ? POSTGRESQL_URL_ENV : MARIADB_URL_ENV)
              + " at a server",
          e);
    }
    try {
      JdbcPlaybackKeyStore.Builder b =
          JdbcPlaybackKeyStore.builder()
              .dataSource(pool)
              .storeId(storeId)
              .passphrase(secret)
              .encryptionParameters(TEST_ONLY_CRYPTO)
              .createSchemaIfMissing(createSchema);
      JdbcPlaybackKeyStore store;
      try {
        store = b.build();
      } finally {
        b.clearSecrets();
      }
      return new Opened(store, List.of(store, pool));
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * The JDBC URL of the database a run uses: from the environment variable the keystore-jdbc tests
   * read, else this machine's test database.
   *
   * @param kind postgresql or mariadb
   * @return the URL
   */
  static String databaseUrl(String kind) {
    boolean pg = kind.equals("postgresql");
    String url = System.getenv(pg ? POSTGRESQL_URL_ENV : MARIADB_URL_ENV);
    if (url != null && !url.isBlank()) {
      return url;
    }
    return pg
        ? "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"
        : "jdbc:mariadb://127.0.0.1:3306/test?user=root";
  }

  /**
   * An open store and the resources closed with it (the store itself, a connection pool), in the
   * order they are closed.
   */
  static final class Opened implements AutoCloseable {
    final PlaybackKeyStore store;
    private final List<AutoCloseable> resources;

    Opened(PlaybackKeyStore store, List<AutoCloseable> resources) {
      this.store = store;
      this.resources = new ArrayList<>(resources);
    }

    @Override
    public void close() {
      for (AutoCloseable r : resources) {
        try {
          r.close();
        } catch (Exception e) {
          // Closing at the end of a run: nothing left to protect, and the run's result stands.
          System.err.println("fleet: closing " + r.getClass().getSimpleName() + " failed: " + e);
        }
      }
    }
  }
}
