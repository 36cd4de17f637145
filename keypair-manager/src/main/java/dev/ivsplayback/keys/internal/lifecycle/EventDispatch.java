package dev.ivsplayback.keys.internal.lifecycle;

import dev.ivsplayback.keys.PlaybackKeyEvent;
import dev.ivsplayback.keys.PlaybackKeyEvent.Type;
import dev.ivsplayback.keys.PlaybackKeyListener;
import dev.ivsplayback.keys.PlaybackKeyManager;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Sends the manager's events to its listeners, synchronously, on the thread doing the work, and
 * logs each one (logger {@code dev.ivsplayback.keys.PlaybackKeyManager}, the public type users
 * configure) at the level {@link #levelOf(Type)} gives it. A listener that throws is logged and
 * skipped: a broken metrics hook must not stop a rotation. Events carry ids, ARNs, fingerprints and
 * explanations, never key material. Thread-safe (the listener list is immutable).
 */
public final class EventDispatch {
  private static final Logger LOG = LoggerFactory.getLogger(PlaybackKeyManager.class);
  private static final String EVENT = "key manager {}: {} key={} arn={} fingerprint={}: {}";

  private final String managerId;
  private final List<PlaybackKeyListener> listeners;
  private final Clock clock;

  /**
   * Creates the dispatcher.
   *
   * @param managerId names the manager in log lines
   * @param listeners the listeners (copied)
   * @param clock stamps each event
   */
  public EventDispatch(String managerId, List<PlaybackKeyListener> listeners, Clock clock) {
    this.managerId = managerId;
    this.listeners = List.copyOf(listeners);
    this.clock = clock;
  }

  /**
   * The level an event is logged at: ERROR for the alarms that mean tokens may not play (a
   * fingerprint mismatch, the ACTIVE key gone from IVS); WARN for failures, repairs after a crash,
   * findings that need a person, the store aging or the lease lost, and emergency revocations; INFO
   * for the normal lifecycle.
   *
   * @param type the event's type
   * @return its level
   */
  public static Level levelOf(Type type) {
    return switch (type) {
      case FINGERPRINT_MISMATCH, ACTIVE_KEY_MISSING_REPLACED -> Level.ERROR;
      case FAILURE,
          KEY_VIEW_AGING,
          LEASE_LOST,
          EMERGENCY_REVOKED,
          VIEWER_SESSIONS_REVOKED,
          ADOPTED,
          RESUMED,
          ALREADY_DELETED,
          ORPHANED_KEY_PAIR,
          ORPHAN_DELETED,
          UNTAGGED_KEY_PAIR,
          DISCARDED,
          TOKEN_LIMITS_NOT_RECORDED ->
          Level.WARN;
      case GENERATED,
          IMPORTED,
          SELF_TEST_PASSED,
          PROMOTED,
          RETIRED,
          ROTATED,
          ROTATION_DEFERRED,
          DELETED,
          DESTROYED,
          ACTIVE_KEY_CHANGED,
          LEASE_ACQUIRED,
          TOKEN_LIMITS_RAISED ->
          Level.INFO;
    };
  }

  /**
   * Emits an event about a key (or about none).
   *
   * @param type what happened
   * @param key the key concerned, or null
   * @param detail the explanation
   * @param failure the error, or null
   * @return the event
   */
  public PlaybackKeyEvent emit(Type type, PlaybackKeyRecord key, String detail, Throwable failure) {
    return emit(
        type,
        key == null ? null : key.keyId(),
        key == null ? null : key.arn().orElse(null),
        key == null ? null : key.fingerprint(),
        detail,
        failure);
  }

  /**
   * Emits an event with explicit ids.
   *
   * @param type what happened
   * @param keyId the key id, or null
   * @param arn the key pair ARN, or null
   * @param fingerprint the fingerprint, or null
   * @param detail the explanation
   * @param failure the error, or null
   * @return the event
   */
  public PlaybackKeyEvent emit(
      Type type, String keyId, String arn, String fingerprint, String detail, Throwable failure) {
    PlaybackKeyEvent event =
        new PlaybackKeyEvent(type, clock.instant(), keyId, arn, fingerprint, detail, failure);
    log(event);
    for (PlaybackKeyListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn(
            "key manager {}: listener {} failed on {}; the other listeners still get it",
            managerId,
            listener.getClass().getName(),
            type,
            e);
      }
    }
    return event;
  }

  // SLF4J 1.7-compatible calls only (no fluent API): an application that pins slf4j-api 1.7 works.
  private void log(PlaybackKeyEvent event) {
    Level level = levelOf(event.type());
    // The stack trace only where a person has to act; an INFO event's detail says why already.
    Throwable trace = level == Level.INFO ? null : event.failure();
    Object[] args = {
      managerId,
      event.type(),
      orDash(event.keyId()),
      orDash(event.arn()),
      orDash(event.fingerprint()),
      event.detail(),
      trace
    };
    switch (level) {
      case ERROR -> LOG.error(EVENT, args);
      case WARN -> LOG.warn(EVENT, args);
      default -> LOG.info(EVENT, args);
    }
  }

  private static String orDash(String s) {
    return s == null ? "-" : s;
  }
}
