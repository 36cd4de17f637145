package dev.ivsplayback.client;

import java.time.Duration;

/**
 * How the rate limiter waits in {@link RateLimitMode#WAIT} mode. The default sleeps the calling
 * thread; tests inject one that advances a test clock instead.
 */
@FunctionalInterface
public interface Sleeper {
  /** The default: {@link Thread#sleep(long, int)}. */
  Sleeper THREAD_SLEEP =
      duration -> Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));

  /**
   * Waits for the given duration.
   *
   * @param duration how long to wait, never negative
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;
}
