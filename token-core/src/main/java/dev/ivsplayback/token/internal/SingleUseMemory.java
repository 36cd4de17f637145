package dev.ivsplayback.token.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.ivsplayback.token.RejectionReason;
import dev.ivsplayback.token.VerificationResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The verifier's memory of single-use UUIDs: each is remembered until its token can no longer be
 * accepted (expiry plus leeway) and one minute more, never forgotten earlier; at capacity new
 * single-use tokens are refused (fail closed). Thread-safe (one lock around check-and-record). Not
 * a public API.
 */
public final class SingleUseMemory {
  /** How long a single-use UUID is remembered after its token stops being acceptable. */
  private static final long SINGLE_USE_RETENTION_MARGIN_NANOS = 60_000_000_000L;

  private final Clock clock;
  private final Duration leeway;
  // No maximumSize: a size-bounded Caffeine cache may evict a new entry at once (W-TinyLFU),
  // letting a replay pass.
  // Entries leave only when their token has expired; at capacity new single-use tokens are refused
  // instead.
  private final Cache<UUID, Long> singleUse;
  private final long singleUseCapacity;
  private final Object singleUseLock = new Object();

  /**
   * Creates the memory.
   *
   * @param clock the verifier's clock (also the cache's ticker)
   * @param leeway the verifier's leeway
   * @param capacity how many unexpired UUIDs may be remembered
   */
  public SingleUseMemory(Clock clock, Duration leeway, long capacity) {
    this.clock = clock;
    this.leeway = leeway;
    Ticker ticker =
        () -> {
          Instant now = clock.instant();
          return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    long leewayNanos = leeway.toNanos();
    this.singleUseCapacity = capacity;
    this.singleUse =
        Caffeine.newBuilder()
            .ticker(ticker)
            .executor(Runnable::run)
            .expireAfter(
                new Expiry<UUID, Long>() {
                  @Override
                  public long expireAfterCreate(UUID key, Long exp, long currentTime) {
                    // Remembered until the token can no longer be accepted, plus a margin: the
                    // expiry check
                    // and this lookup read the clock at different moments, and a replay must not
                    // slip between.
                    long until =
                        exp * 1_000_000_000L + leewayNanos + SINGLE_USE_RETENTION_MARGIN_NANOS;
                    return Math.max(1, until - currentTime);
                  }

                  @Override
                  public long expireAfterUpdate(
                      UUID key, Long exp, long currentTime, long currentDuration) {
                    return currentDuration;
                  }

                  @Override
                  public long expireAfterRead(
                      UUID key, Long exp, long currentTime, long currentDuration) {
                    return currentDuration;
                  }
                })
            .build();
  }

  /**
   * Remembers a single-use UUID until its token expires.
   *
   * @param uuid the token's single-use UUID
   * @param exp the token's {@code exp}, Unix seconds
   * @return null if accepted, else the rejection
   */
  public VerificationResult.Invalid record(UUID uuid, long exp) {
    synchronized (singleUseLock) {
      // Checked again under the lock: waiting for it may have taken the token past its expiry.
      Instant now = clock.instant();
      if (!now.isBefore(Instant.ofEpochSecond(exp).plus(leeway))) {
        return invalid(
            RejectionReason.EXPIRED,
            "the token expired at "
                + Instant.ofEpochSecond(exp)
                + " (now "
                + now
                + ", leeway "
                + leeway
                + ")");
      }
      if (singleUse.getIfPresent(uuid) != null) {
        return invalid(
            RejectionReason.REPLAYED_SINGLE_USE, "single-use token " + uuid + " was already used");
      }
      if (singleUse.estimatedSize() >= singleUseCapacity) {
        singleUse.cleanUp(); // drops entries whose tokens have expired
        if (singleUse.estimatedSize() >= singleUseCapacity) {
          return invalid(
              RejectionReason.SINGLE_USE_CAPACITY,
              "too many live single-use tokens: "
                  + singleUse.estimatedSize()
                  + " unexpired single-use UUIDs are remembered, the"
                  + " singleUseCacheMaximumSize "
                  + singleUseCapacity
                  + "; refusing new single-use tokens"
                  + " until some expire (raise singleUseCacheMaximumSize)");
        }
      }
      singleUse.put(uuid, exp);
      return null;
    }
  }

  private static VerificationResult.Invalid invalid(RejectionReason reason, String message) {
    return new VerificationResult.Invalid(reason, message);
  }
}
