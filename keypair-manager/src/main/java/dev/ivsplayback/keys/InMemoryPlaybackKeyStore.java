package dev.ivsplayback.keys;

import dev.ivsplayback.keys.internal.StoreRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link PlaybackKeyStore} in memory, for tests and single-process experiments: the same
 * compare-and-set and lease rules as the file store, no persistence. Share one instance between
 * managers to model a fleet.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * PlaybackKeyManager keys =
 *     PlaybackKeyManager.builder()
 *         .managerId("dev")
 *         .client(ivs)
 *         .store(InMemoryPlaybackKeyStore.create()) // development only: keys die with the JVM
 *         .build();
 * }</pre>
 */
public final class InMemoryPlaybackKeyStore implements PlaybackKeyStore {
  private final Clock clock;
  private PlaybackKeyStoreSnapshot snapshot = PlaybackKeyStoreSnapshot.empty();

  private InMemoryPlaybackKeyStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * An empty store whose leases expire by the system UTC clock.
   *
   * @return the store
   */
  public static InMemoryPlaybackKeyStore create() {
    return new InMemoryPlaybackKeyStore(Clock.systemUTC());
  }

  /**
   * An empty store whose leases expire by {@code clock}.
   *
   * @param clock the clock judging lease expiry
   * @return the store
   */
  public static InMemoryPlaybackKeyStore create(Clock clock) {
    return new InMemoryPlaybackKeyStore(clock);
  }

  @Override
  public synchronized PlaybackKeyStoreSnapshot read() {
    return snapshot;
  }

  @Override
  public synchronized PlaybackKeyStoreSnapshot write(
      long expectedVersion, List<PlaybackKeyRecord> keys, String leaseOwner) {
    Objects.requireNonNull(keys, "keys");
    StoreRules.checkRecords(keys, "in-memory store");
    StoreRules.checkWrite(
        snapshot, expectedVersion, leaseOwner, clock.instant(), "in-memory store");
    snapshot =
        new PlaybackKeyStoreSnapshot(
            expectedVersion + 1, keys, snapshot.lease(), snapshot.tokenLimits());
    return snapshot;
  }

  @Override
  public synchronized PlaybackKeyStoreSnapshot write(
      long expectedVersion,
      List<PlaybackKeyRecord> keys,
      FleetTokenLimits tokenLimits,
      String leaseOwner) {
    Objects.requireNonNull(keys, "keys");
    StoreRules.checkRecords(keys, "in-memory store");
    Objects.requireNonNull(tokenLimits, "tokenLimits");
    StoreRules.checkWrite(
        snapshot, expectedVersion, leaseOwner, clock.instant(), "in-memory store");
    snapshot =
        new PlaybackKeyStoreSnapshot(
            expectedVersion + 1, keys, snapshot.lease(), Optional.of(tokenLimits));
    return snapshot;
  }

  @Override
  public synchronized Optional<StoreLease> tryAcquireLease(String owner, Duration duration) {
    Instant now = clock.instant();
    Optional<StoreLease> next = StoreRules.nextLease(snapshot.lease(), owner, duration, now);
    next.ifPresent(lease -> snapshot = snapshot.withLease(Optional.of(lease)));
    return next;
  }

  @Override
  public synchronized void releaseLease(String owner) {
    if (snapshot.lease().map(l -> l.owner().equals(owner)).orElse(false)) {
      snapshot = snapshot.withLease(Optional.empty());
    }
  }
}
