package dev.ivsplayback.keys;

import dev.ivsplayback.keys.internal.AesKeyProtector;
import dev.ivsplayback.keys.internal.PassphraseProtector;
import dev.ivsplayback.keys.internal.PrivateKeyProtector;
import dev.ivsplayback.keys.internal.StoreCodec;
import dev.ivsplayback.keys.internal.StoreDirectory;
import dev.ivsplayback.token.InvalidConfigurationException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.crypto.SecretKey;

/**
 * A {@link PlaybackKeyStore} in one local directory, safe to share between processes on one host
 * and between managers in one JVM.
 *
 * <ul>
 *   <li>{@code keystore.json}: the whole store (header with length and SHA-256, then JSON). Private
 *       keys inside it are encrypted at rest, either as encrypted PKCS#8 under a passphrase (PBES2,
 *       scrypt, AES-256-CBC) or with AES-256-GCM under a caller-given key.
 *   <li>{@code keystore.lock}: an OS file lock held only while a write or lease change is
 *       read-modified-written, so two processes never interleave; the lease inside the store then
 *       keeps a second process from rotating at all.
 *   <li>{@code keystore.marker}: written after the first store file; while it exists a missing
 *       {@code keystore.json} is an error, not an empty store.
 * </ul>
 *
 * <p>On every access the directory and each file are checked: not a symbolic link (files are opened
 * with {@code NOFOLLOW_LINKS}, relative to a handle on the directory where the JDK allows), owned
 * by the user running this process, owner-only permissions ({@code rwx------}, {@code rw-------}),
 * and the directory is still the one the store was built on. Writes are atomic (temporary file in
 * the same directory, {@code force}, atomic rename, directory {@code force}). A truncated or
 * damaged file fails with {@link CorruptKeyStoreException}, is never loaded, and is never
 * overwritten.
 *
 * <p>Decrypted private keys are cached per key, so the (deliberately slow) KDF runs once per key
 * per process. Thread-safe.
 */
public final class FileSystemPlaybackKeyStore implements PlaybackKeyStore, AutoCloseable {
  /** The store file's name. */
  public static final String STORE_FILE = "keystore.json";

  /** The lock file's name. */
  public static final String LOCK_FILE = "keystore.lock";

  /** The marker file's name: present once a store file has been written here. */
  public static final String MARKER_FILE = "keystore.marker";

  /**
   * The largest store file read, in bytes (16 MiB; a store holds a handful of keys and is a few
   * KiB). A larger file was not written by this library and is refused without being read whole.
   */
  public static final int MAX_STORE_BYTES = 16 * 1024 * 1024;

  // FileLocks are per process; this serialises managers in one JVM before they ask the OS.
  private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private static final System.Logger LOG =
      System.getLogger(FileSystemPlaybackKeyStore.class.getName());

  private static final byte[] MARKER =
      ("IVS-PLAYBACK-KEYSTORE-MARKER 1\n"
              + "An ivs-playback key store lives in this directory. While this file exists, a"
              + " missing keystore.json is an error.\n")
          .getBytes(StandardCharsets.US_ASCII);

  private final Path directory;
  private final Path storeFile;
  private final Path lockFile;
  private final StoreDirectory files;
  private final PrivateKeyProtector protector;
  private final Clock clock;
  private final Duration lockTimeout;
  private final ReentrantLock jvmLock;
  private final Map<String, CachedKey> cache = new ConcurrentHashMap<>();
  private volatile boolean markerSeen;
  private volatile boolean closed;

  private record CachedKey(Map<String, Object> form, PrivateKey key) {}

  private FileSystemPlaybackKeyStore(Builder b) {
    if (b.directory == null) {
      throw new InvalidConfigurationException("directory", "is required");
    }
    if ((b.passphrase == null) == (b.encryptionKey == null)) {
      throw new InvalidConfigurationException(
          "passphrase",
          "give exactly one of passphrase(...) or"
              + " encryptionKey(...): private keys are always encrypted at rest");
    }
    if (b.passphrase != null && b.passphrase.length == 0) {
      throw new InvalidConfigurationException("passphrase", "must not be empty");
    }
    if (b.lockTimeout.isNegative() || b.lockTimeout.isZero()) {
      throw new InvalidConfigurationException(
          "lockTimeout", "must be positive, was " + b.lockTimeout);
    }
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
    this.protector = protection;
    this.directory = files.path();
    this.storeFile = directory.resolve(STORE_FILE);
    this.lockFile = directory.resolve(LOCK_FILE);
    this.clock = b.clock;
    this.lockTimeout = b.lockTimeout;
    this.jvmLock = JVM_LOCKS.computeIfAbsent(directory, d -> new ReentrantLock());
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
    return readFile();
  }

  @Override
  public PlaybackKeyStoreSnapshot write(
      long expectedVersion, List<PlaybackKeyRecord> keys, String leaseOwner) {
    Objects.requireNonNull(keys, "keys");
    return locked(
        () -> {
          PlaybackKeyStoreSnapshot current = readFile();
          StoreRules.checkWrite(
              current, expectedVersion, leaseOwner, clock.instant(), storeFile.toString());
          PlaybackKeyStoreSnapshot next =
              new PlaybackKeyStoreSnapshot(
                  expectedVersion + 1, keys, current.lease(), current.tokenLimits());
          writeFile(next);
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
    Objects.requireNonNull(tokenLimits, "tokenLimits");
    return locked(
        () -> {
          PlaybackKeyStoreSnapshot current = readFile();
          StoreRules.checkWrite(
              current, expectedVersion, leaseOwner, clock.instant(), storeFile.toString());
          PlaybackKeyStoreSnapshot next =
              new PlaybackKeyStoreSnapshot(
                  expectedVersion + 1, keys, current.lease(), Optional.of(tokenLimits));
          writeFile(next);
          return next;
        });
  }

  @Override
  public Optional<StoreLease> tryAcquireLease(String owner, Duration duration) {
    return locked(
        () -> {
          PlaybackKeyStoreSnapshot current = readFile();
          Instant now = clock.instant();
          Optional<StoreLease> next = StoreRules.nextLease(current.lease(), owner, duration, now);
          if (next.isPresent()) {
            writeFile(current.withLease(next));
          }
          return next;
        });
  }

  @Override
  public void releaseLease(String owner) {
    locked(
        () -> {
          PlaybackKeyStoreSnapshot current = readFile();
          if (current.lease().map(l -> l.owner().equals(owner)).orElse(false)) {
            writeFile(current.withLease(Optional.empty()));
          }
          return null;
        });
  }

  /**
   * Overwrites this instance's copy of the passphrase or encryption key, forgets cached private
   * keys and closes the directory handle. The store cannot be used afterwards.
   */
  @Override
  public void close() {
    closed = true;
    protector.destroy();
    cache.clear();
    try {
      files.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing key store directory " + directory, e);
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new PlaybackKeyStoreException(
          "key store " + storeFile + " is closed (its secret was erased); build a new one");
    }
  }

  private PlaybackKeyStoreSnapshot readFile() {
    String where = storeFile.toString();
    Optional<byte[]> bytes;
    try {
      bytes = files.read(STORE_FILE, MAX_STORE_BYTES);
      if (bytes.isEmpty() && files.exists(MARKER_FILE)) {
        throw new CorruptKeyStoreException(
            where
                + " is missing, but "
                + MARKER_FILE
                + " shows a store was written here: the store file was deleted or moved."
                + " Restore it from a backup; only if the store is meant to start empty, delete "
                + MARKER_FILE);
      }
    } catch (StoreDirectory.TooLargeException e) {
      throw new PlaybackKeyStoreException(
          "key store "
              + where
              + " is too large: over "
              + MAX_STORE_BYTES
              + " bytes (MAX_STORE_BYTES, 16 MiB), which no store written by this library reaches;"
              + " refusing to load it",
          e);
    } catch (IOException e) {
      throw new PlaybackKeyStoreException(
          "cannot read key store " + where + ": " + e.getMessage(), e);
    }
    if (bytes.isEmpty()) {
      return PlaybackKeyStoreSnapshot.empty();
    }
    PlaybackKeyStoreSnapshot snapshot = StoreCodec.decode(bytes.get(), where, this::unprotect);
    ensureMarker();
    return snapshot;
  }

  // Written after the store file, so a crash in between leaves a store that gets its marker on the
  // next access.
  private void ensureMarker() {
    if (markerSeen) {
      return;
    }
    try {
      files.createIfMissing(MARKER_FILE, MARKER);
      markerSeen = true;
    } catch (IOException e) {
      throw new PlaybackKeyStoreException(
          "cannot write the key store marker "
              + directory.resolve(MARKER_FILE)
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private PrivateKey unprotect(String keyId, Map<String, Object> form) {
    CachedKey cached = cache.get(keyId);
    if (cached != null && cached.form().equals(form)) {
      return cached.key();
    }
    PrivateKey key = protector.unprotect(keyId, form, storeFile.toString());
    cache.put(keyId, new CachedKey(Map.copyOf(form), key));
    return key;
  }

  private Map<String, Object> protect(PlaybackKeyRecord record) {
    PrivateKey key = record.privateKey().orElseThrow();
    CachedKey cached = cache.get(record.keyId());
    if (cached != null
        && java.security.MessageDigest.isEqual(cached.key().getEncoded(), key.getEncoded())) {
      return cached.form();
    }
    Map<String, Object> form = protector.protect(record.keyId(), key);
    cache.put(record.keyId(), new CachedKey(Map.copyOf(form), key));
    return form;
  }

  private void writeFile(PlaybackKeyStoreSnapshot snapshot) {
    byte[] bytes = StoreCodec.encode(snapshot, this::protect);
    try {
      files.replace(STORE_FILE, bytes);
    } catch (IOException e) {
      throw new PlaybackKeyStoreException(
          "cannot write key store " + storeFile + " (store unchanged): " + e.getMessage(), e);
    }
    cache.keySet().retainAll(snapshot.keys().stream().map(PlaybackKeyRecord::keyId).toList());
    ensureMarker();
  }

  private <T> T locked(Supplier<T> action) {
    requireOpen();
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
     * Encrypt private keys as PKCS#8 under this passphrase (copied; {@link #close()} overwrites the
     * copy).
     *
     * @param passphrase the passphrase
     * @return this
     */
    public Builder passphrase(char[] passphrase) {
      this.passphrase = passphrase == null ? null : passphrase.clone();
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

    // Tests only: false exercises the path-based access used where the JDK has no directory handle.
    Builder directoryHandle(boolean useHandle) {
      this.directoryHandle = useHandle;
      return this;
    }

    /**
     * Validates, creates or checks the directory, and builds the store. No file is read yet.
     *
     * @return the store
     */
    public FileSystemPlaybackKeyStore build() {
      try {
        return new FileSystemPlaybackKeyStore(this);
      } finally {
        if (passphrase != null) {
          java.util.Arrays.fill(passphrase, '\0');
          passphrase = null;
        }
      }
    }
  }
}
