package dev.ivsplayback.spring;

import dev.ivsplayback.keys.PlaybackKeyManager;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the key manager with the application context and closes it with the context. Its phase is
 * below the web server's, so the manager has an ACTIVE key before requests arrive and keeps its
 * lease until the server has stopped. A manager cannot be restarted once closed.
 *
 * <p>Thread-safe (Spring calls it from one thread; {@link #isRunning()} reads a volatile).
 */
public class PlaybackKeyManagerLifecycle implements SmartLifecycle {
  /** Before the web server (which starts at {@code DEFAULT_PHASE - 2048}). */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private final PlaybackKeyManager manager;
  private volatile boolean running;

  /**
   * Manages one manager.
   *
   * @param manager the key manager
   */
  public PlaybackKeyManagerLifecycle(PlaybackKeyManager manager) {
    this.manager = manager;
  }

  /** Starts the manager: reconcile, create the first key if needed, schedule ticks. */
  @Override
  public void start() {
    manager.start();
    running = true;
  }

  /** Closes the manager: stops its ticks and releases the store lease. */
  @Override
  public void stop() {
    running = false;
    manager.close();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
