package dev.ivsplayback.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until it is moved by hand, so that token expiry, key-rotation
 * schedules, throttling windows and cache TTLs pass in an instant instead of minutes, without
 * sleeping. Give the same instance to ivs-local's {@code IvsLocal.Builder#clock(Clock)} and to the
 * library under test, and both see one time line.
 *
 * <p>Thread-safe: the instant is held atomically, so threads may read the clock while another moves
 * it; a move is seen by every reader as a whole. Clocks made by {@link #withZone(ZoneId)} share the
 * instant with this one.
 */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  /**
   * A clock in UTC that reads {@code start} until it is moved.
   *
   * @throws NullPointerException if {@code start} is null
   */
  public MutableClock(Instant start) {
    this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /**
   * Moves the clock by {@code duration} (forward, or backward if negative) as one atomic step.
   *
   * @return the new instant
   * @throws NullPointerException if {@code duration} is null
   */
  public Instant advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    return now.updateAndGet(t -> t.plus(duration));
  }

  /**
   * Sets the clock to {@code instant}.
   *
   * @throws NullPointerException if {@code instant} is null
   */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  /** The instant the clock reads now. */
  @Override
  public Instant instant() {
    return now.get();
  }

  /** The zone of this view of the clock; UTC unless made by {@link #withZone(ZoneId)}. */
  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view of this clock in {@code zone}; it shares the instant, so moving either moves both. */
  @Override
  public MutableClock withZone(ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    return zone.equals(this.zone) ? this : new MutableClock(now, zone);
  }

  /** For diagnostics: the instant and zone. */
  @Override
  public String toString() {
    return "MutableClock[" + now.get() + ", " + zone + "]";
  }
}
