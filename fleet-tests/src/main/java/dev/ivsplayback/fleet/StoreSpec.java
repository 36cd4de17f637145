package dev.ivsplayback.fleet;

import dev.ivsplayback.keys.FileSystemPlaybackKeyStore;
import dev.ivsplayback.keys.KeyEncryptionParameters;
import dev.ivsplayback.keys.PlaybackKeyStore;
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
    return spec.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  /**
   * Opens the store.
   *
   * @param secret the passphrase shared by the run's processes (copied by the store)
   * @return the store and what must be closed with it
   */
  Opened open(char[] secret) {
    if (spec.startsWith("file:")) {
      FileSystemPlaybackKeyStore store =
          FileSystemPlaybackKeyStore.builder()
              .directory(Path.of(spec.substring("file:".length())))
              .passphrase(secret)
              .encryptionParameters(TEST_ONLY_CRYPTO)
              .build();
      return new Opened(store, List.of(store));
    }
    // TODO(issue 13): JdbcPlaybackKeyStore over a HikariDataSource, once keystore-jdbc is on main.
    throw new UnsupportedOperationException(
        "the JDBC key store (module keystore-jdbc) is not available on this branch yet: " + kind());
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
