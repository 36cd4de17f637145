package dev.ivsplayback.keys;

/**
 * Receives the key manager's events, for metrics and alerts. Called synchronously on the thread
 * doing the work, while the manager's operation lock is held: return quickly and do not call back
 * into the manager. An exception thrown by a listener is logged (java.lang.System.Logger, WARNING)
 * and does not stop the lifecycle.
 */
@FunctionalInterface
public interface PlaybackKeyListener {
  /**
   * Handles one event.
   *
   * @param event the event
   */
  void onEvent(PlaybackKeyEvent event);
}
