package dev.ivsplayback.keys.internal.lifecycle;

import dev.ivsplayback.keys.PlaybackKeyEvent;
import dev.ivsplayback.keys.PlaybackKeyEvent.Type;
import dev.ivsplayback.keys.PlaybackKeyListener;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import java.time.Clock;
import java.util.List;

/**
 * Sends the manager's events to its listeners, synchronously, on the thread doing the work. A
 * listener that throws is logged and skipped: a broken metrics hook must not stop a rotation.
 * Thread-safe (the listener list is immutable).
 */
public final class EventDispatch {
  private static final System.Logger LOG = System.getLogger(EventDispatch.class.getName());

  private final List<PlaybackKeyListener> listeners;
  private final Clock clock;

  /**
   * Creates the dispatcher.
   *
   * @param listeners the listeners (copied)
   * @param clock stamps each event
   */
  public EventDispatch(List<PlaybackKeyListener> listeners, Clock clock) {
    this.listeners = List.copyOf(listeners);
    this.clock = clock;
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
    for (PlaybackKeyListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "playback key listener " + listener + " failed on " + type,
            e);
      }
    }
    return event;
  }
}
