package dev.ivsplayback.keys;

import java.time.Instant;
import java.util.Objects;

/**
 * A time-bounded lease on a {@link PlaybackKeyStore}: the only process allowed to write the store
 * and change IVS key pairs until {@link #expiresAt()}. Expiry is judged by the store's clock.
 *
 * @param owner the holder's owner id (one per manager instance)
 * @param acquiredAt when the current holder first acquired it (kept across renewals)
 * @param expiresAt when it lapses unless renewed
 */
public record StoreLease(String owner, Instant acquiredAt, Instant expiresAt) {
  /** Validates the fields. */
  public StoreLease {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(acquiredAt, "acquiredAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /**
   * Whether the lease is held by {@code owner} at {@code now}.
   *
   * @param owner an owner id
   * @param now the current time
   * @return true if owned by {@code owner} and not expired
   */
  public boolean isHeldBy(String owner, Instant now) {
    return this.owner.equals(owner) && now.isBefore(expiresAt);
  }

  /**
   * Whether the lease has lapsed at {@code now}.
   *
   * @param now the current time
   * @return true if expired
   */
  public boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
