package dev.ivsplayback.spring.internal;

import dev.ivsplayback.keys.PlaybackKeyEvent;
import dev.ivsplayback.keys.PlaybackKeyListener;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Remembers what the health indicator reports but cannot ask the manager without taking its lock:
 * the last failure, the last fingerprint alarm, and whether this process holds the store lease.
 * Thread-safe (atomic fields; events arrive on the manager's thread).
 */
public final class KeyManagerState implements PlaybackKeyListener {
  private final AtomicReference<PlaybackKeyEvent> lastFailure = new AtomicReference<>();
  private final AtomicReference<PlaybackKeyEvent> fingerprintAlarm = new AtomicReference<>();
  private volatile boolean leader;
  private volatile ConfirmingPlaybackKeyStore store;

  /**
   * Remembers the store the manager reads, for "last confirmed".
   *
   * @param store the manager's store wrapper
   */
  public void observe(ConfirmingPlaybackKeyStore store) {
    this.store = store;
  }

  /**
   * When the manager's store last answered a read.
   *
   * @return the instant, empty before the first read
   */
  public Optional<java.time.Instant> storeLastConfirmed() {
    ConfirmingPlaybackKeyStore s = store;
    return s == null ? Optional.empty() : s.lastConfirmed();
  }

  @Override
  public void onEvent(PlaybackKeyEvent event) {
    switch (event.type()) {
      case FAILURE -> lastFailure.set(event);
      case FINGERPRINT_MISMATCH -> fingerprintAlarm.set(event);
      case LEASE_ACQUIRED -> leader = true;
      case LEASE_LOST -> leader = false;
      // A key that became ACTIVE after the alarm was repaired by a rotation or a revocation.
      case PROMOTED, ROTATED, EMERGENCY_REVOKED -> fingerprintAlarm.set(null);
      default -> {}
    }
    if (event.type() != PlaybackKeyEvent.Type.FAILURE
        && event.type() != PlaybackKeyEvent.Type.KEY_VIEW_AGING // a warning about the failure
        && !event.type().isReconciliationFinding()) {
      lastFailure.set(null); // the manager made progress since
    }
  }

  /**
   * The last failure, if nothing has succeeded since.
   *
   * @return the failure event
   */
  public Optional<PlaybackKeyEvent> lastFailure() {
    return Optional.ofNullable(lastFailure.get());
  }

  /**
   * The last fingerprint alarm not yet followed by a new ACTIVE key.
   *
   * @return the alarm event
   */
  public Optional<PlaybackKeyEvent> fingerprintAlarm() {
    return Optional.ofNullable(fingerprintAlarm.get());
  }

  /**
   * Whether this process held the store lease at the last lease event.
   *
   * @return true if it leads the fleet
   */
  public boolean leader() {
    return leader;
  }
}
