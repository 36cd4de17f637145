package dev.ivsplayback.keys;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where a {@link PlaybackKeyManager} keeps its keys: private material and metadata (state, ARN,
 * fingerprint, times). Built for a fleet: every process sharing a store reads it, and only the
 * holder of the time-bounded lease writes it, with a compare-and-set on the store version so no
 * update is ever lost.
 *
 * <p>Implementations must be thread-safe and must make each {@link #write} atomic: a reader sees
 * either the whole previous snapshot or the whole new one. Implementations shipped here: {@link
 * FileSystemPlaybackKeyStore} and {@link InMemoryPlaybackKeyStore}.
 *
 * <p>An implementation persists each record's private key, which it reads with {@link
 * PlaybackKeyRecord#privateKey(KeyMaterialAccess)} and {@code KeyMaterialAccess.forStore(this)}
 * (the capability exists for store implementations only), and builds every snapshot it loads with
 * {@link PlaybackKeyStoreSnapshot}'s constructor, which reports inconsistent data as {@link
 * CorruptKeyStoreException}.
 */
public interface PlaybackKeyStore {

  /**
   * Reads the current snapshot.
   *
   * @return the snapshot; {@link PlaybackKeyStoreSnapshot#empty()} for a new store
   * @throws PlaybackKeyStoreException if the store cannot be read
   * @throws CorruptKeyStoreException if the stored data is damaged (never partially loaded),
   *     including data that breaks a {@link PlaybackKeyStoreSnapshot} invariant
   */
  PlaybackKeyStoreSnapshot read();

  /**
   * Replaces all key records, if the store is still at {@code expectedVersion} and {@code
   * leaseOwner} holds the lease.
   *
   * @param expectedVersion the version the caller read
   * @param keys the complete new list of key records
   * @param leaseOwner the caller's owner id; it must hold an unexpired lease
   * @return the new snapshot, at {@code expectedVersion + 1}
   * @throws StoreConflictException if the version moved on (nothing written)
   * @throws PlaybackKeyStoreException LEASE_NOT_HELD if the caller does not hold the lease (nothing
   *     written)
   * @throws PlaybackKeyStoreException if the write failed (nothing written)
   */
  PlaybackKeyStoreSnapshot write(
      long expectedVersion, List<PlaybackKeyRecord> keys, String leaseOwner);

  /**
   * As {@link #write(long, List, String)}, and records {@code tokenLimits} in the same atomic
   * write. The key manager uses it to keep the fleet's {@link FleetTokenLimits} in the store;
   * {@link #write(long, List, String)} keeps the limits already stored.
   *
   * <p>The default throws {@link UnsupportedOperationException} (before writing anything), for
   * stores written before limits existed; the manager then writes without them and every process
   * uses its local policy, which is safe only if all processes sharing the store use the same
   * maxTokenTtl, maxSnapshotAge and clockSkew.
   *
   * @param expectedVersion the version the caller read
   * @param keys the complete new list of key records
   * @param tokenLimits the limits to record
   * @param leaseOwner the caller's owner id; it must hold an unexpired lease
   * @return the new snapshot, at {@code expectedVersion + 1}, holding {@code tokenLimits}
   * @throws UnsupportedOperationException if this store cannot record limits (nothing written)
   * @throws StoreConflictException if the version moved on (nothing written)
   * @throws PlaybackKeyStoreException LEASE_NOT_HELD if the caller does not hold the lease (nothing
   *     written)
   * @throws PlaybackKeyStoreException if the write failed (nothing written)
   */
  default PlaybackKeyStoreSnapshot write(
      long expectedVersion,
      List<PlaybackKeyRecord> keys,
      FleetTokenLimits tokenLimits,
      String leaseOwner) {
    throw new UnsupportedOperationException(
        getClass().getName() + " does not record FleetTokenLimits");
  }

  /**
   * Acquires or renews the lease for {@code duration} from now, unless another owner holds an
   * unexpired one. Does not change the store version.
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
