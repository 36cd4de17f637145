package dev.ivsplayback.keys;

import dev.ivsplayback.token.InvalidConfigurationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Compare-and-set and lease rules shared by the store implementations. */
final class StoreRules {
  private StoreRules() {}

  static void checkWrite(
      PlaybackKeyStoreSnapshot current,
      long expectedVersion,
      String owner,
      Instant now,
      String where) {
    Objects.requireNonNull(owner, "leaseOwner");
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

  static Optional<StoreLease> nextLease(
      Optional<StoreLease> current, String owner, Duration duration, Instant now) {
    Objects.requireNonNull(owner, "owner");
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
