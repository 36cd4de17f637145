package dev.ivsplayback.cli.internal;

import dev.ivsplayback.cli.CliEnvironment;
import dev.ivsplayback.keys.FileSystemPlaybackKeyStore;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.PlaybackKeyStore;
import dev.ivsplayback.keys.PlaybackKeyStoreSnapshot;
import dev.ivsplayback.keys.jdbc.JdbcPlaybackKeyStore;
import dev.ivsplayback.token.PlaybackTokenSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opens the key store named by --store: a directory (the file store) or a {@code jdbc:} URL (the
 * JDBC store), with its passphrase.
 */
final class StoreSupport {

  private StoreSupport() {}

  /** An opened store; closing it erases its secret. */
  record OpenStore(PlaybackKeyStore store, AutoCloseable closer) implements AutoCloseable {
    @Override
    public void close() {
      try {
        closer.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the key store: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Opens the store named by {@code spec}.
   *
   * @param mustExist whether a missing store is an error (status, mint) or is created (rotate)
   */
  static OpenStore open(
      String spec,
      PassphraseOptions passphrase,
      DatabaseOptions database,
      CliEnvironment env,
      boolean mustExist) {
    if (!DatabaseOptions.isDatabase(spec)) {
      FileSystemPlaybackKeyStore store = open(Path.of(spec), passphrase, env, mustExist);
      return new OpenStore(store, store);
    }
    if (!passphrase.given()) {
      throw new BadInputException(
          "--store "
              + DatabaseOptions.redacted(spec)
              + ": the store's private keys are encrypted; give its passphrase"
              + " with --passphrase-file or --passphrase-env");
    }
    char[] secret = passphrase.read(env);
    try {
      JdbcPlaybackKeyStore store =
          JdbcPlaybackKeyStore.builder()
              .dataSource(database.dataSource(spec, env))
              .storeId(database.storeId)
              .passphrase(secret)
              .build();
      if (mustExist && store.read().version() == 0) {
        store.close();
        throw new BadInputException(
            "--store "
                + DatabaseOptions.redacted(spec)
                + ": store '"
                + database.storeId
                + "' holds nothing yet; 'ivs-playback rotate --store URL' creates its first key");
      }
      return new OpenStore(store, store);
    } finally {
      PassphraseOptions.clear(secret);
    }
  }

  /**
   * Opens the file store in {@code dir}.
   *
   * @param mustExist whether a missing store is an error (status, mint) or is created (rotate)
   */
  static FileSystemPlaybackKeyStore open(
      Path dir, PassphraseOptions passphrase, CliEnvironment env, boolean mustExist) {
    if (mustExist && !Files.isRegularFile(dir.resolve(FileSystemPlaybackKeyStore.STORE_FILE))) {
      throw new BadInputException(
          "--store "
              + dir
              + ": no key store there (no "
              + FileSystemPlaybackKeyStore.STORE_FILE
              + "); 'ivs-playback rotate --store "
              + dir
              + "' creates one with its first key");
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new BadInputException("--store " + dir + ": not a directory");
    }
    if (!passphrase.given()) {
      throw new BadInputException(
          "--store "
              + dir
              + ": the store's private keys are encrypted; give its passphrase"
              + " with --passphrase-file or --passphrase-env");
    }
    char[] secret = passphrase.read(env);
    FileSystemPlaybackKeyStore.Builder builder =
        FileSystemPlaybackKeyStore.builder().directory(dir).passphrase(secret).clock(env.clock());
    try {
      return builder.build();
    } finally {
      builder.wipePassphrase(); // the store keeps its own copy
      PassphraseOptions.clear(secret);
    }
  }

  /** As above, after {@code check} has accepted the snapshot (one read, so the KDF runs once). */
  static PlaybackTokenSigner activeSigner(
      String dir,
      PassphraseOptions passphrase,
      DatabaseOptions database,
      CliEnvironment env,
      java.util.function.Consumer<PlaybackKeyStoreSnapshot> check) {
    try (OpenStore store = open(dir, passphrase, database, env, true)) {
      PlaybackKeyStoreSnapshot snapshot = store.store().read();
      check.accept(snapshot);
      PlaybackKeyRecord active =
          snapshot
              .active()
              .orElseThrow(
                  () ->
                      new CommandFailedException(
                          "--store "
                              + dir
                              + ": no ACTIVE key (run 'ivs-playback rotate --store "
                              + dir
                              + "')"));
      if (active.quarantined()) {
        throw new CommandFailedException(
            "--store "
                + dir
                + ": the ACTIVE key "
                + active.keyId()
                + " is quarantined and must not sign (run 'ivs-playback rotate --store "
                + dir
                + " --force')");
      }
      // The record signs without handing out its private key (an ACTIVE record always has one).
      return active.newSigner();
    }
  }

  /** A key record as JSON (never its private key). */
  static Map<String, Object> toJson(PlaybackKeyRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", r.state().name());
    m.put("keyId", r.keyId());
    m.put("arn", r.arn().orElse(null));
    m.put("fingerprint", r.fingerprint());
    m.put("quarantined", r.quarantined());
    m.put("createdAt", r.createdAt());
    m.put("importedAt", r.importedAt().orElse(null));
    m.put("promotableAt", r.promotableAt().orElse(null));
    m.put("activatedAt", r.activatedAt().orElse(null));
    m.put("retiredAt", r.retiredAt().orElse(null));
    m.put("deletableAt", r.deletableAt().orElse(null));
    m.put("deletedAt", r.deletedAt().orElse(null));
    m.put("destroyedAt", r.destroyedAt().orElse(null));
    return m;
  }
}
