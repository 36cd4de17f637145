package dev.ivsplayback.keys;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where a {@link PlaybackKeyManager} keeps its keys: private material and metadata (state, ARN, fingerprint, times).
 * Built for a fleet: every process sharing a store reads it, and only the holder of the time-bounded lease writes it,
 * with a compare-and-set on the store version so no update is ever lost.
 *
 * <p>Implementations must be thread-safe and must make each {@link #write} atomic: a reader sees either the whole
 * previous snapshot or the whole new one. Implementations shipped here: {@link FileSystemPlaybackKeyStore} and
 * {@link InMemoryPlaybackKeyStore}.
 */
public interface PlaybackKeyStore {

  /**
   * Reads the current snapshot.
   *
   * @return the snapshot; {@link PlaybackKeyStoreSnapshot#empty()} for a new store
   * @throws PlaybackKeyStoreException if the store cannot be read
   * @throws CorruptKeyStoreException if the stored data is damaged (never partially loaded)
   */
  PlaybackKeyStoreSnapshot read();

  /**
   * Replaces all key records, if the store is still at {@code expectedVersion} and {@code leaseOwner} holds the lease.
   *
   * @param expectedVersion the version the caller read
   * @param keys the complete new list of key records
   * @param leaseOwner the caller's owner id; it must hold an unexpired lease
   * @return the new snapshot, at {@code expectedVersion + 1}
   * @throws StoreConflictException if the version moved on (nothing written)
   * @throws LeaseNotHeldException if the caller does not hold the lease (nothing written)
   * @throws PlaybackKeyStoreException if the write failed (nothing written)
   */
  PlaybackKeyStoreSnapshot write(long expectedVersion, List<PlaybackKeyRecord> keys, String leaseOwner);

  /**
   * Acquires or renews the lease for {@code duration} from now, unless another owner holds an unexpired one.
   * Does not change the store version.
   *
   * @param owner the caller's owner id
   * @param duration how long the lease lasts, positive
   * @return the lease now held by {@code owner}, or empty if another owner holds it
   */
  Optional<StoreLease> tryAcquireLease(String owner, Duration duration);

  /**
   * Releases the lease if {@code owner} holds it; otherwise does nothing.
   *
   * @param owner the caller's owner id
   */
  void releaseLease(String owner);
}
