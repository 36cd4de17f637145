package dev.ivsplayback.client.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * At most {@code permitsPerSecond} grants in any one-second window. A token bucket of the same rate
 * would allow twice that across a window boundary, which IVS's per-second quotas would throttle.
 *
 * <p>In wait mode a caller reserves the earliest free slot (possibly in the future) and is told how
 * long to wait, so waiting callers are served in order. Thread-safe.
 */
public final class SlidingWindowRateLimiter {
  private static final long WINDOW_NANOS = 1_000_000_000L;

  private final int permitsPerSecond;
  private final long[] grants;
  private int oldest;
  private long latest = Long.MIN_VALUE;

  /**
   * Creates a limiter.
   *
   * @param permitsPerSecond grants allowed in any one-second window, at least 1
   */
  public SlidingWindowRateLimiter(int permitsPerSecond) {
    if (permitsPerSecond < 1) {
      throw new IllegalArgumentException(
          "permitsPerSecond must be at least 1, was " + permitsPerSecond);
    }
    this.permitsPerSecond = permitsPerSecond;
    this.grants = new long[permitsPerSecond];
    java.util.Arrays.fill(grants, Long.MIN_VALUE / 2);
  }

  /** The limit. */
  public int permitsPerSecond() {
    return permitsPerSecond;
  }

  /**
   * Asks for a slot at the clock's current time.
   *
   * @param clock the time source
   * @param reserveFuture true to reserve the earliest slot even if it lies in the future (wait
   *     mode); false to take a slot only if one is free now (fail-fast mode)
   * @return the reservation: granted with the delay to wait before sending, or refused with the
   *     time until a slot frees up
   */
  public synchronized Reservation reserve(Clock clock, boolean reserveFuture) {
    long now = nanos(clock.instant());
    long earliest = Math.max(now, Math.max(grants[oldest] + WINDOW_NANOS, latest));
    Duration delay = Duration.ofNanos(earliest - now);
    if (earliest > now && !reserveFuture) {
      return new Reservation(false, delay);
    }
    grants[oldest] = earliest;
    oldest = (oldest + 1) % grants.length;
    latest = earliest;
    return new Reservation(true, delay);
  }

  private static long nanos(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }

  /**
   * The outcome of {@link #reserve}.
   *
   * @param granted whether a slot was reserved
   * @param delay if granted, how long to wait before sending; if refused, how long until a slot is
   *     free
   */
  public record Reservation(boolean granted, Duration delay) {}
}
