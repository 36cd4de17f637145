package dev.ivsplayback.spring.internal;

import dev.ivsplayback.keys.FleetTokenLimits;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.PlaybackKeyStore;
import dev.ivsplayback.keys.PlaybackKeyStoreSnapshot;
import dev.ivsplayback.keys.StoreLease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Passes every call to a store and remembers when it last answered a read: the gauge "seconds since
 * the store was last confirmed". Thread-safe if the store is.
 */
public final class ConfirmingPlaybackKeyStore implements PlaybackKeyStore {
  private final PlaybackKeyStore delegate;
  private final Clock clock;
  private final AtomicReference<Instant> lastRead = new AtomicReference<>();

  /**
   * Wraps a store.
   *
   * @param delegate the store
   * @param clock the clock that stamps successful reads
   */
  public ConfirmingPlaybackKeyStore(PlaybackKeyStore delegate, Clock clock) {
    this.delegate = delegate;
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

  /**
   * The wrapped store.
   *
   * @return the store
   */
  public PlaybackKeyStore delegate() {
    return delegate;
  }

  @Override
  public PlaybackKeyStoreSnapshot read() {
    PlaybackKeyStoreSnapshot snapshot = delegate.read();
    lastRead.set(clock.instant());
    return snapshot;
  }

  @Override
  public PlaybackKeyStoreSnapshot write(
      long expectedVersion, List<PlaybackKeyRecord> keys, String leaseOwner) {
    return delegate.write(expectedVersion, keys, leaseOwner);
  }

  @Override
  public PlaybackKeyStoreSnapshot write(
      long expectedVersion,
      List<PlaybackKeyRecord> keys,
      FleetTokenLimits tokenLimits,
      String leaseOwner) {
    return delegate.write(expectedVersion, keys, tokenLimits, leaseOwner);
  }

  @Override
  public Optional<StoreLease> tryAcquireLease(String owner, Duration duration) {
    return delegate.tryAcquireLease(owner, duration);
  }

  @Override
  public void releaseLease(String owner) {
    delegate.releaseLease(owner);
  }
}
