package dev.ivsplayback.keys;

import dev.ivsplayback.keys.internal.AesKeyProtector;
import dev.ivsplayback.keys.internal.KeyStoreFile;
import dev.ivsplayback.keys.internal.KeyStoreFile.Loaded;
import dev.ivsplayback.keys.internal.PassphraseProtector;
import dev.ivsplayback.keys.internal.PrivateKeyProtector;
import dev.ivsplayback.keys.internal.StoreDirectory;
import dev.ivsplayback.keys.internal.StoreHistory;
import dev.ivsplayback.keys.internal.StoreRules;
import dev.ivsplayback.token.InvalidConfigurationException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PlaybackKeyStore} in one local directory, safe to share between processes on one host
 * and between managers in one JVM.
 *
 * <ul>
 *   <li>{@code keystore.json}: the whole store, authenticated: a header naming how the store's keys
 *       are derived from its secret (scrypt over the passphrase, or HKDF over the AES key, with a
 *       random per-store salt), a check value, the body length and an HMAC-SHA256 over every other
 *       byte of the file; then the JSON body. Private keys inside it are encrypted at rest, either
 *       as encrypted PKCS#8 under the passphrase (PBES2, scrypt, AES-256-CBC) plus a tag binding it
 *       to its record, or with AES-256-GCM under the caller-given key with the record's key id and
 *       fingerprint as associated data.
 *   <li>{@code keystore.lock}: an OS file lock held only while a write or lease change is
 *       read-modified-written, so two processes never interleave; the lease inside the store then
 *       keeps a second process from rotating at all.
 *   <li>{@code keystore.marker}: written with the first authenticated file; while it exists a
 *       missing {@code keystore.json} is an error, not an empty store, and an unauthenticated
 *       (format 1) file is refused.
 * </ul>
 *
 * <p>On every read, nothing is loaded unless the MAC verifies, every record's fingerprint is its
 * public key's and every private key is its public key's (d·G), and the file is not older than one
 * this process has already seen ({@link CorruptKeyStoreException} otherwise, naming the record or
 * both versions). A store in the previous, unauthenticated format is read once with its old SHA-256
 * check and written back authenticated (logged at INFO).
 *
 * <p>On every access the directory and each file are checked: not a symbolic link (files are opened
 * with {@code NOFOLLOW_LINKS}, relative to a handle on the directory where the JDK allows), owned
 * by the user running this process, owner-only permissions ({@code rwx------}, {@code rw-------}),
 * and the directory is still the one the store was built on. Writes are atomic (temporary file in
 * the same directory, {@code force}, atomic rename, directory {@code force}). A damaged or refused
 * file is never loaded and never overwritten.
 *
 * <p>The store's keys are derived once per store (the passphrase's scrypt runs once, not per read)
 * and decrypted private keys are cached per key; {@link #close()} overwrites both. Thread-safe.
 *
 * <pre>{@code
 * try (FileSystemPlaybackKeyStore store =
 *         FileSystemPlaybackKeyStore.builder()
 *             .directory(Path.of("/var/lib/auth/ivs-keys")) // created rwx------ if missing
 *             .passphrase(passphrase) // or encryptionKey(aes256Key)
 *             .build(); // InvalidConfigurationException naming the setting
 *     PlaybackKeyManager keys =
 *         PlaybackKeyManager.builder().managerId("auth-prod").client(ivs).store(store).build()) {
 *   keys.start();
 * }
 * }</pre>
 */
public final class FileSystemPlaybackKeyStore implements PlaybackKeyStore, AutoCloseable {
  /** The store file's name. */
  public static final String STORE_FILE = "keystore.json";

  /** The lock file's name. */
  public static final String LOCK_FILE = "keystore.lock";

  /** The marker file's name: present once an authenticated store file has been written here. */
  public static final String MARKER_FILE = "keystore.marker";

  /**
   * The largest store file read, in bytes (16 MiB; a store holds a handful of keys and is a few
   * KiB). A larger file was not written by this library and is refused without being read whole.
   */
  public static final int MAX_STORE_BYTES = 16 * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(FileSystemPlaybackKeyStore.class);

  private final Path directory;
  private final Path storeFile;
  private final Path lockFile;
  private final StoreDirectory files;
  private final StoreHistory history;
  private final KeyStoreFile file;
  private final Clock clock;
  private final Duration lockTimeout;
  private volatile boolean closed;

  /** From a builder that {@link Builder#build()} has validated; copies the secret it holds. */
  private FileSystemPlaybackKeyStore(Builder b) {
    PrivateKeyProtector protection =
        b.passphrase != null
            ? new PassphraseProtector(b.passphrase, b.encryptionParameters)
            : new AesKeyProtector(b.encryptionKey);
    try {
      this.files = StoreDirectory.open(b.directory, b.directoryHandle);
    } catch (IOException e) {
      protection.destroy();
      throw new PlaybackKeyStoreException(
          "key store directory " + b.directory + ": " + e.getMessage(), e);
    }
    this.directory = files.path();
    this.storeFile = directory.resolve(STORE_FILE);
    this.lockFile = directory.resolve(LOCK_FILE);
    this.history = StoreHistory.of(directory);
    this.file =
        new KeyStoreFile(
            files, protection, history, b.migrateLegacyFormat, KeyMaterialAccess.forStore(this));
    this.clock = b.clock;
    this.lockTimeout = b.lockTimeout;
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The store's directory.
   *
   * @return the directory (links in its parents resolved when the store was built)
   */
  public Path directory() {
    return directory;
  }

  /**
   * The store file.
   *
   * @return {@code directory/keystore.json}
   */
  public Path storeFile() {
    return storeFile;
  }

  // Tests: whether files are opened relative to a directory handle.
  boolean usesDirectoryHandle() {
    return files.usesHandle();
  }

  @Override
  public PlaybackKeyStoreSnapshot read() {
    requireOpen();
    StoreHistory.Seen floor = history.seen();
    Loaded loaded = file.load();
    if (loaded.legacy()) {
      return locked(this::loadForUpdate).snapshot();
    }
    accept(loaded, floor);
    return loaded.snapshot();
  }

  @Override
  public PlaybackKeyStoreSnapshot write(
      long expectedVersion, List<PlaybackKeyRecord> keys, String leaseOwner) {
    Objects.requireNonNull(keys, "keys");
    StoreRules.checkRecords(keys, storeFile.toString());
    return locked(
        () -> {
          Loaded current = loadForUpdate();
          StoreRules.checkWrite(
              current.snapshot(),
              expectedVersion,
              leaseOwner,
              clock.instant(),
              storeFile.toString());
          PlaybackKeyStoreSnapshot next =
              new PlaybackKeyStoreSnapshot(
                  expectedVersion + 1,
                  keys,
                  current.snapshot().lease(),
                  current.snapshot().tokenLimits());
          writeFile(next, current);
          return next;
        });
  }

  @Override
  public PlaybackKeyStoreSnapshot write(
      long expectedVersion,
      List<PlaybackKeyRecord> keys,
      FleetTokenLimits tokenLimits,
      String leaseOwner) {
    Objects.requireNonNull(keys, "keys");
    StoreRules.checkRecords(keys, storeFile.toString());
    Objects.requireNonNull(tokenLimits, "tokenLimits");
    return locked(
        () -> {
          Loaded current = loadForUpdate();
          StoreRules.checkWrite(
              current.snapshot(),
              expectedVersion,
              leaseOwner,
              clock.instant(),
              storeFile.toString());
          PlaybackKeyStoreSnapshot next =
              new PlaybackKeyStoreSnapshot(
                  expectedVersion + 1, keys, current.snapshot().lease(), Optional.of(tokenLimits));
          writeFile(next, current);
          return next;
        });
  }

  @Override
  public Optional<StoreLease> tryAcquireLease(String owner, Duration duration) {
    return locked(
        () -> {
          Loaded current = loadForUpdate();
          Instant now = clock.instant();
          Optional<StoreLease> next =
              StoreRules.nextLease(current.snapshot().lease(), owner, duration, now);
          if (next.isPresent()) {
            writeFile(current.snapshot().withLease(next), current);
          }
          return next;
        });
  }

  @Override
  public void releaseLease(String owner) {
    locked(
        () -> {
          Loaded current = loadForUpdate();
          PlaybackKeyStoreSnapshot snapshot = current.snapshot();
          if (snapshot.lease().map(l -> l.owner().equals(owner)).orElse(false)) {
            writeFile(snapshot.withLease(Optional.empty()), current);
          }
          return null;
        });
  }

  /**
   * Overwrites this instance's copy of the passphrase or encryption key and the keys derived from
   * it, forgets cached private keys and closes the directory handle. The store cannot be used
   * afterwards.
   */
  @Override
  public void close() {
    closed = true;
    file.destroy();
    try {
      files.close();
    } catch (IOException e) {
      LOG.debug("closing key store directory {} failed", directory, e);
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new PlaybackKeyStoreException(
          "key store " + storeFile + " is closed (its secret was erased); build a new one");
    }
  }

  /**
   * Under the store lock: reads the file, refuses a rollback, and migrates a format-1 file by
   * writing it back authenticated.
   */
  private Loaded loadForUpdate() {
    StoreHistory.Seen floor = history.seen();
    Loaded loaded = file.load();
    accept(loaded, floor);
    if (!loaded.legacy()) {
      return loaded;
    }
    Loaded migrated = writeFile(loaded.snapshot(), loaded);
    LOG.info(
        "migrated key store {} at version {} from format 1 (SHA-256 only) to format 2"
            + " (HMAC-SHA256 over the whole file, private keys bound to id and fingerprint);"
            + " from now on an unauthenticated file here is refused",
        storeFile,
        loaded.snapshot().version());
    return migrated;
  }

  /**
   * Refuses a file older than one this process had seen before it started reading it (a newer one
   * may have been written meanwhile: that is not a rollback), and records it.
   */
  private void accept(Loaded loaded, StoreHistory.Seen floor) {
    StoreHistory.Seen read = new StoreHistory.Seen(loaded.snapshot().version(), loaded.writes());
    if (read.isOlderThan(floor)) {
      throw new CorruptKeyStoreException(
          storeFile
              + (loaded.contents() == null ? " is missing (an empty store) at " : " is at ")
              + read
              + ", but this process has already seen "
              + floor
              + ": an older copy of the store was put back (rollback); refusing it");
    }
    history.record(read, loaded.keys() == null ? null : loaded.keys().kdf());
    if (loaded.keys() != null) {
      file.ensureMarker();
    }
  }

  private Loaded writeFile(PlaybackKeyStoreSnapshot snapshot, Loaded basedOn) {
    StoreHistory.Seen floor = history.seen();
    Loaded written = file.write(snapshot, basedOn);
    accept(written, floor);
    LOG.debug(
        "wrote key store {} at version {} ({} keys)",
        storeFile,
        snapshot.version(),
        snapshot.keys().size());
    return written;
  }

  private <T> T locked(Supplier<T> action) {
    requireOpen();
    ReentrantLock jvmLock = history.writerLock();
    long deadline = System.nanoTime() + lockTimeout.toNanos();
    boolean jvmLocked;
    try {
      jvmLocked = jvmLock.tryLock(lockTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlaybackKeyStoreException(
          "interrupted while waiting for the key store lock " + lockFile, e);
    }
    if (!jvmLocked) {
      throw new PlaybackKeyStoreException(
          PlaybackKeyException.Reason.STORE_LOCK_TIMEOUT,
          "timed out after "
              + lockTimeout
              + " waiting for the key store lock "
              + lockFile
              + " (held by another manager in this JVM)");
    }
    try (FileChannel channel = files.openForLocking(LOCK_FILE)) {
      FileLock lock = channel.tryLock();
      while (lock == null) {
        if (System.nanoTime() > deadline) {
          throw new PlaybackKeyStoreException(
              PlaybackKeyException.Reason.STORE_LOCK_TIMEOUT,
              "timed out after "
                  + lockTimeout
                  + " waiting for the key store lock "
                  + lockFile
                  + " (held by another process)");
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        lock = channel.tryLock();
      }
      try {
        return action.get();
      } finally {
        lock.release();
      }
    } catch (IOException e) {
      throw new PlaybackKeyStoreException(
          "cannot lock key store " + lockFile + ": " + e.getMessage(), e);
    } finally {
      jvmLock.unlock();
    }
  }

  /** Builder for {@link FileSystemPlaybackKeyStore}; not thread-safe. */
  public static final class Builder {
    private Path directory;
    private char[] passphrase;
    private SecretKey encryptionKey;
    private KeyEncryptionParameters encryptionParameters = KeyEncryptionParameters.strong();
    private Clock clock = Clock.systemUTC();
    private Duration lockTimeout = Duration.ofSeconds(10);
    private boolean migrateLegacyFormat = true;
    private boolean directoryHandle = true;

    private Builder() {}

    /**
     * The store directory; created {@code rwx------} if missing; refused if shared with group or
     * others, owned by another user, or a symbolic link.
     *
     * @param directory the directory
     * @return this
     */
    public Builder directory(Path directory) {
      this.directory = directory;
      return this;
    }

    /**
     * Encrypt private keys as PKCS#8 under this passphrase. The builder keeps a copy (the caller
     * may overwrite its array at once); each store built takes its own copy, which its {@link
     * FileSystemPlaybackKeyStore#close()} overwrites. {@link #build()} leaves the builder's copy as
     * it is (it never changes the builder): call {@link #wipePassphrase()} once the builder is no
     * longer needed, or the copy stays in memory until the builder is garbage-collected (the JVM
     * does not overwrite freed memory). Setting another passphrase overwrites the previous copy.
     *
     * @param passphrase the passphrase
     * @return this
     */
    public Builder passphrase(char[] passphrase) {
      wipePassphrase();
      this.passphrase = passphrase == null ? null : passphrase.clone();
      return this;
    }

    /**
     * Overwrites the builder's copy of the passphrase with zeros and forgets it. Stores already
     * built keep their own copies; a later {@link #build()} needs a new {@link #passphrase(char[])}
     * (or an {@link #encryptionKey(SecretKey)}).
     *
     * <pre>{@code
     * FileSystemPlaybackKeyStore.Builder builder =
     *     FileSystemPlaybackKeyStore.builder().directory(dir).passphrase(passphrase);
     * FileSystemPlaybackKeyStore store = builder.build();
     * builder.wipePassphrase(); // only the store holds the passphrase now
     * }</pre>
     *
     * @return this
     */
    public Builder wipePassphrase() {
      if (passphrase != null) {
        Arrays.fill(passphrase, '\0');
        passphrase = null;
      }
      return this;
    }

    /**
     * Encrypt private keys with AES-256-GCM under this key instead of a passphrase.
     *
     * @param key a 256-bit AES key
     * @return this
     */
    public Builder encryptionKey(SecretKey key) {
      this.encryptionKey = key;
      return this;
    }

    /**
     * scrypt cost for passphrase encryption; default {@link KeyEncryptionParameters#strong()}.
     * Lower it only in tests.
     *
     * @param parameters the cost
     * @return this
     */
    public Builder encryptionParameters(KeyEncryptionParameters parameters) {
      this.encryptionParameters = Objects.requireNonNull(parameters, "encryptionParameters");
      return this;
    }

    /**
     * The clock judging lease expiry; default system UTC. Processes sharing a store should have
     * synchronised clocks (the manager's clock-skew margin covers the rest).
     *
     * @param clock the clock
     * @return this
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How long a write waits for the store lock before failing; default 10 s.
     *
     * @param timeout the timeout
     * @return this
     */
    public Builder lockTimeout(Duration timeout) {
      this.lockTimeout = Objects.requireNonNull(timeout, "lockTimeout");
      return this;
    }

    /**
     * Whether a store still in the unauthenticated format 1 is migrated (read once with its old
     * SHA-256 check, then written back authenticated); default true. Turn it off once every store
     * has been migrated: a process that has never seen the directory cannot tell a genuine format-1
     * store from one forged by someone able to write the directory (if they also removed {@value
     * FileSystemPlaybackKeyStore#MARKER_FILE}).
     *
     * @param migrate false to refuse format-1 files
     * @return this
     */
    public Builder migrateLegacyFormat(boolean migrate) {
      this.migrateLegacyFormat = migrate;
      return this;
    }

    // Tests only: false exercises the path-based access used where the JDK has no directory handle.
    Builder directoryHandle(boolean useHandle) {
      this.directoryHandle = useHandle;
      return this;
    }

    /**
     * Validates the settings before anything else, then creates or checks the directory and builds
     * the store. No file is read yet. The builder is not changed, so it can build again (another
     * store on the same settings); see {@link #wipePassphrase()}.
     *
     * @return the store, with its own copy of the passphrase or key
     * @throws InvalidConfigurationException naming the setting: {@code directory} missing; {@code
     *     passphrase} when neither or both of a passphrase and an encryption key are given, or the
     *     passphrase is empty; {@code encryptionKey} when it is not a 256-bit AES key; {@code
     *     lockTimeout} when not positive
     * @throws PlaybackKeyStoreException if the directory cannot be created or is unsafe
     */
    public FileSystemPlaybackKeyStore build() {
      if (directory == null) {
        throw new InvalidConfigurationException("directory", "is required");
      }
      if ((passphrase == null) == (encryptionKey == null)) {
        throw new InvalidConfigurationException(
            "passphrase",
            "give exactly one of passphrase(...) or"
                + " encryptionKey(...): private keys are always encrypted at rest");
      }
      if (passphrase != null && passphrase.length == 0) {
        throw new InvalidConfigurationException("passphrase", "must not be empty");
      }
      if (encryptionKey != null) {
        AesKeyProtector.requireAes256(encryptionKey);
      }
      if (lockTimeout.isNegative() || lockTimeout.isZero()) {
        throw new InvalidConfigurationException(
            "lockTimeout", "must be positive, was " + lockTimeout);
      }
      return new FileSystemPlaybackKeyStore(this);
    }
  }
}
