package dev.ivsplayback.keys.internal;

import dev.ivsplayback.keys.PlaybackKeyException;
import dev.ivsplayback.keys.PlaybackKeyStoreException;
import dev.ivsplayback.keys.PlaybackKeyStoreSnapshot;
import dev.ivsplayback.keys.StoreConflictException;
import dev.ivsplayback.keys.StoreLease;
import dev.ivsplayback.token.InvalidConfigurationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Compare-and-set and lease rules shared by the store implementations, so every store refuses the
 * same writes with the same errors.
 */
public final class StoreRules {
  /** The most key records a store holds (a manager keeps three or four). */
  public static final int MAX_RECORDS = 64;

  /** The longest lease owner id, in characters. */
  public static final int MAX_OWNER_LENGTH = 200;

  private StoreRules() {}

  /**
   * Checks the size of a write's records, before anything is written.
   *
   * @param keys the records to write
   * @param where the store, for messages
   * @throws PlaybackKeyStoreException {@code STORE_IO} if there are more than {@link #MAX_RECORDS}
   */
  public static void checkRecords(java.util.List<?> keys, String where) {
    if (keys.size() > MAX_RECORDS) {
      throw new PlaybackKeyStoreException(
          PlaybackKeyException.Reason.STORE_IO,
          where
              + ": refusing to write "
              + keys.size()
              + " key records: a store holds at most "
              + MAX_RECORDS
              + " (a manager keeps three or four); nothing written");
    }
  }

  /**
   * Checks a lease owner id.
   *
   * @param owner the id
   * @throws InvalidConfigurationException if it is null, blank, or longer than {@link
   *     #MAX_OWNER_LENGTH}
   */
  public static void checkOwner(String owner) {
    if (owner == null || owner.isBlank()) {
      throw new InvalidConfigurationException("leaseOwner", "must not be blank, was " + owner);
    }
    if (owner.length() > MAX_OWNER_LENGTH) {
      throw new InvalidConfigurationException(
          "leaseOwner",
          "must be at most "
              + MAX_OWNER_LENGTH
              + " characters, was "
              + owner.length()
              + " characters");
    }
  }

  /**
   * Checks a compare-and-set write against the current snapshot, judged at {@code now}.
   *
   * @param current the snapshot the write would replace
   * @param expectedVersion the version the writer read
   * @param owner the writer's lease owner id
   * @param now the store's time
   * @param where the store, for messages
   * @throws StoreConflictException if the version moved on
   * @throws PlaybackKeyStoreException {@code LEASE_NOT_HELD} if {@code owner} holds no unexpired
   *     lease
   */
  public static void checkWrite(
      PlaybackKeyStoreSnapshot current,
      long expectedVersion,
      String owner,
      Instant now,
      String where) {
    checkOwner(owner);
    if (current.version() != expectedVersion) {
      throw new StoreConflictException(
          where
              + ": write expected version "
              + expectedVersion
              + " but the store is at version "
              + current.version()
              + "; re-read and retry");
    }
    StoreLease lease = current.lease().orElse(null);
    if (lease == null || !lease.isHeldBy(owner, now)) {
      throw new PlaybackKeyStoreException(
          PlaybackKeyException.Reason.LEASE_NOT_HELD,
          where
              + ": owner "
              + owner
              + " does not hold the store lease ("
              + (lease == null
                  ? "no lease"
                  : "held by " + lease.owner() + " until " + lease.expiresAt())
              + ")");
    }
  }

  /**
   * The lease after {@code owner} asks for it at {@code now}: granted or renewed unless another
   * owner holds an unexpired one; a renewal keeps its acquisition time.
   *
   * @param current the current lease
   * @param owner the asking owner
   * @param duration how long, positive
   * @param now the store's time
   * @return the new lease, or empty if refused
   */
  public static Optional<StoreLease> nextLease(
      Optional<StoreLease> current, String owner, Duration duration, Instant now) {
    checkOwner(owner);
    if (duration == null || duration.isZero() || duration.isNegative()) {
      throw new InvalidConfigurationException("leaseDuration", "must be positive, was " + duration);
    }
    StoreLease lease = current.orElse(null);
    if (lease != null && !lease.isExpired(now) && !lease.owner().equals(owner)) {
      return Optional.empty();
    }
    Instant acquired =
        lease != null && lease.owner().equals(owner) && !lease.isExpired(now)
            ? lease.acquiredAt()
            : now;
    return Optional.of(new StoreLease(owner, acquired, now.plus(duration)));
  }
}
