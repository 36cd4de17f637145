package dev.ivsplayback.keys;

import dev.ivsplayback.token.internal.Settings;
import java.time.Duration;

/**
 * The deletion-relevant part of a {@link RotationPolicy}, recorded in the key store so that every
 * process sharing it agrees on how long tokens may live, whatever policy each was started with.
 *
 * <p>Rules (see {@link PlaybackKeyManager}): a retired key is deleted after the longer of the
 * stored and the local {@link #deletionDelay()}; the leader raises the stored limits (never lowers
 * them) when its own policy is longer, in the same compare-and-set write as any other change, so no
 * process mints under a limit before it is stored; every signer enforces the shorter of its local
 * and the stored {@link #maxTokenTtl()} and {@link #maxSnapshotAge()}. Stores written before these
 * limits existed hold none; then each process uses its local policy.
 *
 * @param maxTokenTtl the longest TTL any process sharing the store may mint with
 * @param maxSnapshotAge how old a process's view of the store may be while it mints
 * @param clockSkew the margin for clock differences between hosts and IVS
 */
public record FleetTokenLimits(Duration maxTokenTtl, Duration maxSnapshotAge, Duration clockSkew) {
  /** Checks the durations. */
  public FleetTokenLimits {
    Settings.positive("maxTokenTtl", maxTokenTtl);
    Settings.positive("maxSnapshotAge", maxSnapshotAge);
    Settings.notNegative("clockSkew", clockSkew);
  }

  /**
   * The limits of a policy.
   *
   * @param policy the policy
   * @return its maxTokenTtl, maxSnapshotAge and clockSkew
   */
  public static FleetTokenLimits of(RotationPolicy policy) {
    return new FleetTokenLimits(policy.maxTokenTtl(), policy.maxSnapshotAge(), policy.clockSkew());
  }

  /**
   * The time between retiring a key and deleting it from IVS under these limits.
   *
   * @return {@code maxSnapshotAge + maxTokenTtl + clockSkew}
   */
  public Duration deletionDelay() {
    return maxSnapshotAge.plus(maxTokenTtl).plus(clockSkew);
  }

  /**
   * The field-wise longer of two sets of limits (what deletion must wait for).
   *
   * @param other the other limits
   * @return each field's maximum
   */
  public FleetTokenLimits atLeast(FleetTokenLimits other) {
    return new FleetTokenLimits(
        max(maxTokenTtl, other.maxTokenTtl),
        max(maxSnapshotAge, other.maxSnapshotAge),
        max(clockSkew, other.clockSkew));
  }

  /**
   * The field-wise shorter of two sets of limits (what a signer may use).
   *
   * @param other the other limits
   * @return each field's minimum
   */
  public FleetTokenLimits atMost(FleetTokenLimits other) {
    return new FleetTokenLimits(
        min(maxTokenTtl, other.maxTokenTtl),
        min(maxSnapshotAge, other.maxSnapshotAge),
        min(clockSkew, other.clockSkew));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
