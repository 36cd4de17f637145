package dev.ivsplayback.spring.internal;

import dev.ivsplayback.keys.ForwardingPlaybackKeyStore;
import dev.ivsplayback.keys.PlaybackKeyStore;
import dev.ivsplayback.keys.PlaybackKeyStoreSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Passes every call to a store and remembers when it last answered a read: the gauge "seconds since
 * the store was last confirmed". Thread-safe if the store is.
 */
public final class ConfirmingPlaybackKeyStore extends ForwardingPlaybackKeyStore {
  private final Clock clock;
  private final AtomicReference<Instant> lastRead = new AtomicReference<>();

  /**
   * Wraps a store.
   *
   * @param delegate the store
   * @param clock the clock that stamps successful reads
   */
  public ConfirmingPlaybackKeyStore(PlaybackKeyStore delegate, Clock clock) {
    super(delegate);
    this.clock = clock;
  }

  /**
   * When a read last succeeded.
   *
   * @return the instant, empty before the first read
   */
  public Optional<Instant> lastConfirmed() {
    return Optional.ofNullable(lastRead.get());
  }

  @Override
  public PlaybackKeyStoreSnapshot read() {
    PlaybackKeyStoreSnapshot snapshot = super.read();
    lastRead.set(clock.instant());
    return snapshot;
  }
}
