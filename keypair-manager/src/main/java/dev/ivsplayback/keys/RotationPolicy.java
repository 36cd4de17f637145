package dev.ivsplayback.keys;

import dev.ivsplayback.token.InvalidConfigurationException;
import dev.ivsplayback.token.internal.Settings;
import java.time.Duration;

/**
 * The timing rules of a {@link PlaybackKeyManager}. Immutable; build with {@link #builder()}.
 *
 * <p>Safety rule: a retired key is deleted from IVS at {@code retiredAt + }{@link
 * #deletionDelay()}, where the delay is {@code maxSnapshotAge + maxTokenTtl + clockSkew}. Every
 * process refuses to mint with a key it last saw ACTIVE more than {@code maxSnapshotAge} ago, and
 * every token expires within {@code maxTokenTtl}; so no token signed by a key can still be
 * unexpired when the key is deleted, even on a host whose clock is {@code clockSkew} off.
 *
 * <pre>{@code
 * RotationPolicy policy =
 *     RotationPolicy.builder()
 *         .rotationInterval(Duration.ofDays(7)) // a new key every week
 *         .maxTokenTtl(Duration.ofMinutes(30)) // the signer refuses longer tokens
 *         .propagationDelay(Duration.ofMinutes(2)) // every process sees a key before it signs
 *         .build(); // checks the timings fit together (InvalidConfigurationException)
 * Duration waitBeforeDeleting = policy.deletionDelay();
 * }</pre>
 */
public final class RotationPolicy {
  private final Duration rotationInterval;
  private final Duration maxTokenTtl;
  private final Duration clockSkew;
  private final Duration propagationDelay;
  private final Duration maxSnapshotAge;
  private final Duration refreshInterval;
  private final Duration reconcileInterval;
  private final Duration leaseDuration;
  private final int keyPairQuota;
  private final int maxManagedKeyPairs;
  private final boolean deleteOrphanedKeyPairs;
  private final int destroyedKeyHistory;

  private RotationPolicy(Builder b) {
    rotationInterval = b.rotationInterval;
    maxTokenTtl = b.maxTokenTtl;
    clockSkew = b.clockSkew;
    propagationDelay = b.propagationDelay;
    maxSnapshotAge = b.maxSnapshotAge;
    refreshInterval = b.refreshInterval;
    reconcileInterval = b.reconcileInterval;
    leaseDuration = b.leaseDuration;
    keyPairQuota = b.keyPairQuota;
    maxManagedKeyPairs = b.maxManagedKeyPairs;
    deleteOrphanedKeyPairs = b.deleteOrphanedKeyPairs;
    destroyedKeyHistory = b.destroyedKeyHistory;
  }

  /**
   * A builder with the defaults: rotate every 30 days, tokens up to 1 hour, 5 minutes clock skew, 5
   * minutes propagation delay, 2 minutes maximum snapshot age, refresh every 30 seconds, reconcile
   * every 15 minutes, a 2-minute lease, quota 3, at most 2 managed key pairs, orphans reported but
   * not deleted, 10 destroyed keys kept for audit.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The defaults.
   *
   * @return {@code builder().build()}
   */
  public static RotationPolicy defaults() {
    return builder().build();
  }

  /**
   * A builder holding this policy's values.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.rotationInterval = rotationInterval;
    b.maxTokenTtl = maxTokenTtl;
    b.clockSkew = clockSkew;
    b.propagationDelay = propagationDelay;
    b.maxSnapshotAge = maxSnapshotAge;
    b.refreshInterval = refreshInterval;
    b.reconcileInterval = reconcileInterval;
    b.leaseDuration = leaseDuration;
    b.keyPairQuota = keyPairQuota;
    b.maxManagedKeyPairs = maxManagedKeyPairs;
    b.deleteOrphanedKeyPairs = deleteOrphanedKeyPairs;
    b.destroyedKeyHistory = destroyedKeyHistory;
    return b;
  }

  /**
   * @return how long a key stays ACTIVE before the next rotation starts
   */
  public Duration rotationInterval() {
    return rotationInterval;
  }

  /**
   * @return the longest TTL a token may be minted with
   */
  public Duration maxTokenTtl() {
    return maxTokenTtl;
  }

  /**
   * @return the margin for clock differences between hosts and IVS
   */
  public Duration clockSkew() {
    return clockSkew;
  }

  /**
   * @return how long a newly imported key waits before it is promoted ("add, propagate, then
   *     promote")
   */
  public Duration propagationDelay() {
    return propagationDelay;
  }

  /**
   * @return how old a process's view of the store may be before its signer refuses to mint
   */
  public Duration maxSnapshotAge() {
    return maxSnapshotAge;
  }

  /**
   * @return how often the scheduler ticks (refreshes the store, advances the lifecycle)
   */
  public Duration refreshInterval() {
    return refreshInterval;
  }

  /**
   * @return how often the leader compares the store with IVS
   */
  public Duration reconcileInterval() {
    return reconcileInterval;
  }

  /**
   * @return how long the store lease lasts; the leader renews it on every tick
   */
  public Duration leaseDuration() {
    return leaseDuration;
  }

  /**
   * @return playback key pairs allowed in the region (managed and unmanaged together)
   */
  public int keyPairQuota() {
    return keyPairQuota;
  }

  /**
   * @return the most managed key pairs kept in IVS by scheduled rotation (emergency revocation may
   *     use one more)
   */
  public int maxManagedKeyPairs() {
    return maxManagedKeyPairs;
  }

  /**
   * @return whether reconciliation deletes managed-tagged key pairs whose private key is not in the
   *     store
   */
  public boolean deleteOrphanedKeyPairs() {
    return deleteOrphanedKeyPairs;
  }

  /**
   * @return how many DESTROYED key records are kept for audit
   */
  public int destroyedKeyHistory() {
    return destroyedKeyHistory;
  }

  /**
   * The time between retiring a key and deleting it from IVS.
   *
   * @return {@code maxSnapshotAge + maxTokenTtl + clockSkew}
   */
  public Duration deletionDelay() {
    return maxSnapshotAge.plus(maxTokenTtl).plus(clockSkew);
  }

  @Override
  public String toString() {
    return "RotationPolicy{rotationInterval="
        + rotationInterval
        + ", maxTokenTtl="
        + maxTokenTtl
        + ", clockSkew="
        + clockSkew
        + ", propagationDelay="
        + propagationDelay
        + ", maxSnapshotAge="
        + maxSnapshotAge
        + ", refreshInterval="
        + refreshInterval
        + ", reconcileInterval="
        + reconcileInterval
        + ", leaseDuration="
        + leaseDuration
        + ", keyPairQuota="
        + keyPairQuota
        + ", maxManagedKeyPairs="
        + maxManagedKeyPairs
        + ", deleteOrphanedKeyPairs="
        + deleteOrphanedKeyPairs
        + ", destroyedKeyHistory="
        + destroyedKeyHistory
        + "}";
  }

  /** Builder for {@link RotationPolicy}; not thread-safe. Setters only record; build() checks. */
  public static final class Builder {
    private Duration rotationInterval = Duration.ofDays(30);
    private Duration maxTokenTtl = Duration.ofHours(1);
    private Duration clockSkew = Duration.ofMinutes(5);
    private Duration propagationDelay = Duration.ofMinutes(5);
    private Duration maxSnapshotAge = Duration.ofMinutes(2);
    private Duration refreshInterval = Duration.ofSeconds(30);
    private Duration reconcileInterval = Duration.ofMinutes(15);
    private Duration leaseDuration = Duration.ofMinutes(2);
    private int keyPairQuota = 3;
    private int maxManagedKeyPairs = 2;
    private boolean deleteOrphanedKeyPairs;
    private int destroyedKeyHistory = 10;

    private Builder() {}

    /**
     * @param d rotation interval @return this
     */
    public Builder rotationInterval(Duration d) {
      rotationInterval = d;
      return this;
    }

    /**
     * @param d maximum token TTL @return this
     */
    public Builder maxTokenTtl(Duration d) {
      maxTokenTtl = d;
      return this;
    }

    /**
     * @param d clock skew margin @return this
     */
    public Builder clockSkew(Duration d) {
      clockSkew = d;
      return this;
    }

    /**
     * @param d propagation delay @return this
     */
    public Builder propagationDelay(Duration d) {
      propagationDelay = d;
      return this;
    }

    /**
     * @param d maximum snapshot age @return this
     */
    public Builder maxSnapshotAge(Duration d) {
      maxSnapshotAge = d;
      return this;
    }

    /**
     * @param d scheduler tick interval @return this
     */
    public Builder refreshInterval(Duration d) {
      refreshInterval = d;
      return this;
    }

    /**
     * @param d reconciliation interval @return this
     */
    public Builder reconcileInterval(Duration d) {
      reconcileInterval = d;
      return this;
    }

    /**
     * @param d lease duration @return this
     */
    public Builder leaseDuration(Duration d) {
      leaseDuration = d;
      return this;
    }

    /**
     * @param n key pair quota of the region (3 on AWS) @return this
     */
    public Builder keyPairQuota(int n) {
      keyPairQuota = n;
      return this;
    }

    /**
     * @param n most managed key pairs kept by scheduled rotation @return this
     */
    public Builder maxManagedKeyPairs(int n) {
      maxManagedKeyPairs = n;
      return this;
    }

    /**
     * @param v whether orphaned managed pairs are deleted @return this
     */
    public Builder deleteOrphanedKeyPairs(boolean v) {
      deleteOrphanedKeyPairs = v;
      return this;
    }

    /**
     * @param n DESTROYED records kept @return this
     */
    public Builder destroyedKeyHistory(int n) {
      destroyedKeyHistory = n;
      return this;
    }

    /**
     * Validates and builds; the builder is left as it was, so a setting can be fixed and build()
     * called again.
     *
     * @return the policy
     * @throws InvalidConfigurationException naming the field at fault
     */
    public RotationPolicy build() {
      Settings.positive("rotationInterval", rotationInterval);
      Settings.positive("maxTokenTtl", maxTokenTtl);
      Settings.notNegative("clockSkew", clockSkew);
      Settings.notNegative("propagationDelay", propagationDelay);
      Settings.positive("maxSnapshotAge", maxSnapshotAge);
      Settings.positive("refreshInterval", refreshInterval);
      Settings.positive("reconcileInterval", reconcileInterval);
      Settings.positive("leaseDuration", leaseDuration);
      if (keyPairQuota < 2) {
        throw new InvalidConfigurationException(
            "keyPairQuota",
            "is "
                + keyPairQuota
                + "; rotation needs room for two key pairs (IVS allows 3 per region)");
      }
      if (maxManagedKeyPairs < 2 || maxManagedKeyPairs > keyPairQuota) {
        throw new InvalidConfigurationException(
            "maxManagedKeyPairs",
            "is "
                + maxManagedKeyPairs
                + "; must be between 2 (ACTIVE plus one being added or retired) and keyPairQuota "
                + keyPairQuota);
      }
      if (destroyedKeyHistory < 0) {
        throw new InvalidConfigurationException(
            "destroyedKeyHistory", "must be >= 0, was " + destroyedKeyHistory);
      }
      if (refreshInterval.compareTo(maxSnapshotAge) >= 0) {
        throw new InvalidConfigurationException(
            "refreshInterval",
            refreshInterval
                + " must be shorter than maxSnapshotAge "
                + maxSnapshotAge
                + ", or minting would stop between refreshes");
      }
      if (leaseDuration.compareTo(refreshInterval) <= 0) {
        throw new InvalidConfigurationException(
            "leaseDuration",
            leaseDuration
                + " must be longer than refreshInterval "
                + refreshInterval
                + ", or the leader would lose its lease between ticks");
      }
      Duration deletionDelay = maxSnapshotAge.plus(maxTokenTtl).plus(clockSkew);
      if (rotationInterval.compareTo(deletionDelay) <= 0) {
        throw new InvalidConfigurationException(
            "rotationInterval",
            rotationInterval
                + " must be longer than the deletion delay "
                + deletionDelay
                + " (maxSnapshotAge + maxTokenTtl + clockSkew), so the previous key is gone before"
                + " the next rotation and at most two managed key pairs exist");
      }
      return new RotationPolicy(this);
    }
  }
}
