package dev.ivsplayback.keys.internal.lifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the manager's tick every refresh interval, on the caller's executor or on a daemon thread of
 * its own. What a tick does is decided by the injected clock, not by when it runs. A failed tick is
 * already reported as a FAILURE event; it is logged at DEBUG and the schedule goes on. Not
 * thread-safe: started and stopped under the manager's lock.
 */
public final class TickScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(TickScheduler.class);

  private final String managerId;
  private final Duration period;
  private final ScheduledExecutorService givenExecutor;
  private ScheduledExecutorService ownedExecutor;
  private ScheduledFuture<?> scheduled;

  /**
   * Creates the scheduler, not started.
   *
   * @param managerId names the owned thread
   * @param period the refresh interval
   * @param givenExecutor the caller's executor (not shut down here), or null to own a thread
   */
  public TickScheduler(String managerId, Duration period, ScheduledExecutorService givenExecutor) {
    this.managerId = managerId;
    this.period = period;
    this.givenExecutor = givenExecutor;
  }

  /**
   * Schedules {@code tick} every period, first after one period.
   *
   * @param tick the manager's tick
   */
  public void start(Runnable tick) {
    if (scheduled != null) {
      return;
    }
    ScheduledExecutorService executor = givenExecutor;
    if (executor == null) {
      ownedExecutor =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "ivs-playback-key-manager-" + managerId);
                t.setDaemon(true);
                return t;
              });
      executor = ownedExecutor;
    }
    long nanos = period.toNanos();
    scheduled =
        executor.scheduleWithFixedDelay(() -> run(tick), nanos, nanos, TimeUnit.NANOSECONDS);
  }

  private void run(Runnable tick) {
    try {
      tick.run();
    } catch (RuntimeException e) {
      // Already reported as a FAILURE event; an exception escaping here would cancel the schedule.
      LOG.debug("scheduled tick of key manager {} failed; retrying next period", managerId, e);
    }
  }

  /**
   * Whether ticks are scheduled.
   *
   * @return true once started
   */
  public boolean isStarted() {
    return scheduled != null;
  }

  /** Cancels the schedule and shuts down the owned thread, if any. */
  public void stop() {
    if (scheduled != null) {
      scheduled.cancel(false);
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
  }
}
