package dev.ivsplayback.client.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ivsplayback.client.IvsClientException;
import dev.ivsplayback.client.RateLimitExceededException;
import dev.ivsplayback.client.RateLimitMode;
import dev.ivsplayback.client.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client-side limiters of one {@code IvsPlaybackClient}: one per operation at IVS's account
 * quota, and one per channel for PutMetadata. IVS counts per account and region, so several clients
 * (or processes) sharing an account share IVS's quota but not these limiters. Thread-safe.
 */
public final class RateLimiters {
  private final Clock clock;
  private final Sleeper sleeper;
  private final Map<String, SlidingWindowRateLimiter> perOperation = new ConcurrentHashMap<>();
  private final Cache<String, SlidingWindowRateLimiter> metadataPerChannel;

  /**
   * Creates the limiters.
   *
   * @param clock time source for windows and for expiring idle per-channel limiters
   * @param sleeper how to wait in {@link RateLimitMode#WAIT} mode
   */
  public RateLimiters(Clock clock, Sleeper sleeper) {
    this.clock = clock;
    this.sleeper = sleeper;
    // A limiter idle for longer than its window holds no state worth keeping.
    this.metadataPerChannel =
        Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofSeconds(10))
            .ticker(
                () -> {
                  var now = clock.instant();
                  return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                })
            .build();
  }

  /**
   * Takes a slot under the operation's IVS account quota, if IVS documents one.
   *
   * @throws RateLimitExceededException in fail-fast mode when no slot is free
   */
  public void acquireOperation(String operation, RateLimitMode mode) {
    int tps = OperationPolicy.tps(operation);
    if (tps <= 0) {
      return;
    }
    SlidingWindowRateLimiter limiter =
        perOperation.computeIfAbsent(operation, op -> new SlidingWindowRateLimiter(tps));
    acquire(limiter, operation, "account", mode);
  }

  /**
   * Takes a slot under PutMetadata's per-channel quota of 5 TPS.
   *
   * @throws RateLimitExceededException in fail-fast mode when no slot is free
   */
  public void acquireMetadata(String channelArn, RateLimitMode mode) {
    SlidingWindowRateLimiter limiter =
        metadataPerChannel.get(
            channelArn,
            arn -> new SlidingWindowRateLimiter(OperationPolicy.PUT_METADATA_TPS_PER_CHANNEL));
    acquire(limiter, "PutMetadata", channelArn, mode);
  }

  private void acquire(
      SlidingWindowRateLimiter limiter, String operation, String scope, RateLimitMode mode) {
    SlidingWindowRateLimiter.Reservation reservation =
        limiter.reserve(clock, mode == RateLimitMode.WAIT);
    if (!reservation.granted()) {
      throw new RateLimitExceededException(
          operation, scope, limiter.permitsPerSecond(), reservation.delay());
    }
    if (!reservation.delay().isZero()) {
      try {
        sleeper.sleep(reservation.delay());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IvsClientException(
            "interrupted while waiting "
                + reservation.delay().toMillis()
                + " ms for the client-side rate limit of "
                + operation
                + " (scope: "
                + scope
                + ")",
            e);
      }
    }
  }
}
