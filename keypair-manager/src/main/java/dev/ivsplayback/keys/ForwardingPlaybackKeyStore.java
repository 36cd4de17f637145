package dev.ivsplayback.keys;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link PlaybackKeyStore} that passes every call to another store: extend it and override only
 * the calls you observe or change (metrics, fault injection in tests, a read cache), so a method
 * added to the interface later is forwarded rather than silently left to its default.
 *
 * <p>Example: remember when the store last answered a read.
 *
 * <pre>{@code
 * PlaybackKeyStore observed = new ForwardingPlaybackKeyStore(store) {
 *   @Override
 *   public PlaybackKeyStoreSnapshot read() {
 *     PlaybackKeyStoreSnapshot snapshot = super.read();
 *     lastRead.set(clock.instant());
 *     return snapshot;
 *   }
 * };
 * }</pre>
 *
 * <p>Thread-safe if the wrapped store is and the subclass's own state is.
 */
public abstract class ForwardingPlaybackKeyStore implements PlaybackKeyStore {
  private final PlaybackKeyStore delegate;

  /**
   * Wraps a store.
   *
   * @param delegate the store every call goes to
   * @throws NullPointerException if {@code delegate} is null
   */
  protected ForwardingPlaybackKeyStore(PlaybackKeyStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * The wrapped store.
   *
   * @return the store every call goes to
   */
  public PlaybackKeyStore delegate() {
    return delegate;
  }

  @Override
  public PlaybackKeyStoreSnapshot read() {
    return delegate.read();
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

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + delegate + "]";
  }
}
