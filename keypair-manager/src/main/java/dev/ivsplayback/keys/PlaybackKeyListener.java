package dev.ivsplayback.keys;

/**
 * Receives the key manager's events, for metrics and alerts. Called synchronously on the thread
 * doing the work, while the manager's operation lock is held: return quickly and do not call back
 * into the manager. An exception thrown by a listener is logged (SLF4J, logger {@code
 * dev.ivsplayback.keys.PlaybackKeyManager}, WARN) and does not stop the lifecycle; the other
 * listeners still receive the event. Every event is also logged on that logger, at INFO, WARN or
 * ERROR by its type (see the README's logging table), so a listener is needed only for metrics and
 * alerts.
 *
 * <pre>{@code
 * PlaybackKeyListener alarms =
 *     event -> {
 *       if (event.type() == PlaybackKeyEvent.Type.FINGERPRINT_MISMATCH) {
 *         pager.page("IVS key " + event.arn() + ": " + event.detail());
 *       }
 *     };
 * PlaybackKeyManager keys =
 *     PlaybackKeyManager.builder()
 *         .managerId("auth-prod")
 *         .client(ivs)
 *         .store(store)
 *         .listener(alarms)
 *         .build();
 * }</pre>
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
