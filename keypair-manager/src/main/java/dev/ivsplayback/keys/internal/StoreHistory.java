package dev.ivsplayback.keys.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What this process has seen of one store directory, shared by every store instance on it: the
 * newest (version, writes) read or written, the key-derivation parameters of its authenticated
 * file, and the in-process writer lock. It lets a process refuse an older copy of the file put back
 * while it runs (rollback), a changed salt, and an unauthenticated file after an authenticated one.
 * It cannot help a process that starts after the old copy was put back: that needs a counter kept
 * outside the directory.
 *
 * <p>Thread-safe.
 */
public final class StoreHistory {
  private static final Map<Object, StoreHistory> BY_STORE = new ConcurrentHashMap<>();

  private final ReentrantLock writerLock = new ReentrantLock();
  private long version = -1;
  private long writes = -1;
  private StoreKdf kdf;

  private StoreHistory() {}

  /**
   * The history of a directory in this process.
   *
   * @param directory the store directory (real path)
   * @return its history, created empty on first use
   */
  public static StoreHistory of(Path directory) {
    return BY_STORE.computeIfAbsent(directory, d -> new StoreHistory());
  }

  /**
   * The lock serialising writers in this process before they take the file lock (file locks are per
   * process).
   *
   * @return the lock
   */
  public ReentrantLock writerLock() {
    return writerLock;
  }

  /**
   * The parameters of the authenticated file this process has seen, if any: the salt is fixed for a
   * store's life, so any other value is not this store.
   *
   * @return the parameters
   */
  public synchronized Optional<StoreKdf> kdf() {
    return Optional.ofNullable(kdf);
  }

  /**
   * Whether this process has seen an authenticated (format 2) file in this directory.
   *
   * @return true once one was read or written
   */
  public synchronized boolean sawAuthenticated() {
    return kdf != null;
  }

  /**
   * The history of a store that is not a directory, in this process.
   *
   * @param store a key naming the store uniquely in this process (for a database store: its server,
   *     database and store id)
   * @return its history, created empty on first use
   */
  public static StoreHistory of(String store) {
    return BY_STORE.computeIfAbsent("store:" + store, d -> new StoreHistory());
  }

  /**
   * The newest file seen so far. Every file recorded was on disk when it was recorded and the file
   * only moves forward, so a read that starts after this call finds a file at least this new;
   * anything older was put back.
   *
   * @return the newest (version, writes) seen; (-1, -1) before any
   */
  public synchronized Seen seen() {
    return new Seen(version, writes);
  }

  /**
   * Records a file read or written. A file older than the newest seen (read while a newer one was
   * being written) changes nothing.
   *
   * @param file its version and write count
   * @param authenticatedKdf its derivation parameters if it is authenticated; null otherwise
   */
  public synchronized void record(Seen file, StoreKdf authenticatedKdf) {
    if (!file.isOlderThan(new Seen(version, writes))) {
      version = file.version();
      writes = file.writes();
    }
    if (authenticatedKdf != null) {
      kdf = authenticatedKdf;
    }
  }

  /**
   * A store file's place in its history.
   *
   * @param version its store version
   * @param writes its write count
   */
  public record Seen(long version, long writes) {
    /**
     * Whether this file is older than another: a lower version, or the same version written fewer
     * times (lease changes keep the version).
     *
     * @param other the other file
     * @return true if older
     */
    public boolean isOlderThan(Seen other) {
      return version < other.version || version == other.version && writes < other.writes;
    }

    @Override
    public String toString() {
      return describe(version, writes);
    }
  }

  private static String describe(long version, long writes) {
    return "version " + version + " (write " + writes + ")";
  }
}
