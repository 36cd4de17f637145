package dev.ivsplayback.cli.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The demo's time machine: the embedded ivs-local and the key manager share it, and the demo moves
 * it past expiries and rotation delays instead of waiting minutes. (The tests' clock lives in the
 * test-support module, which the shipped jar does not contain.) Thread-safe.
 */
final class DemoClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  DemoClock(Instant start) {
    this(new AtomicReference<>(start), ZoneOffset.UTC);
  }

  private DemoClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** Moves the clock forward. */
  void advance(Duration duration) {
    now.updateAndGet(t -> t.plus(duration));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new DemoClock(now, zone); // shares the instant: one time line
  }
}
