package dev.ivsplayback.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivsplayback.keys.PlaybackKeyEvent.Type;
import dev.ivsplayback.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A manager that stalls between its tick's store read and its lease acquisition (a GC pause, a
 * starved or frozen JVM) takes over a lease the previous holder let lapse after writing. Found by
 * the fleet chaos test (fleet-tests), where a member JVM starting on a busy machine did exactly
 * that: the new leader reconciled on the snapshot read before it held the lease, missed the key the
 * previous leader had just imported, and reported that key's pair as orphaned.
 */
class StaleSnapshotTakeoverTest {
  @RegisterExtension static final IvsFixture ivs = new IvsFixture(1);
  private final List<PlaybackKeyEvent> events = new CopyOnWriteArrayList<>();
  private MutableClock clock;

  @BeforeEach
  void reset() {
    ivs.reset();
    clock = ivs.clock;
  }

  private PlaybackKeyManager manager(String owner, PlaybackKeyStore store, RotationPolicy p) {
    return PlaybackKeyManager.builder()
        .managerId("stale")
        .ownerId(owner)
        .store(store)
        .client(ivs.client)
        .policy(p)
        .clock(clock)
        .automaticTicks(false)
        .listener(e -> events.add(e))
        .build();
  }

  @Test
  void aTakeoverAfterAStall_reconcilesWhatThePreviousHolderWrote_notTheSnapshotReadBefore() {
    RotationPolicy policy =
        TestPolicies.standard().toBuilder().deleteOrphanedKeyPairs(true).build();
    InMemoryPlaybackKeyStore store = InMemoryPlaybackKeyStore.create(clock);
    PlaybackKeyManager a = manager("a", store, policy);
    a.start();
    String first = a.activeKey().orElseThrow().keyId();
    clock.advance(policy.rotationInterval());
    // B reads the store (first key ACTIVE), then stalls before taking the lease. Meanwhile A
    // rotates: imports a second key, promotes it after its propagation delay, and then stops
    // renewing (dies, or freezes) so that its lease lapses.
    Runnable stall =
        () -> {
          a.tick();
          clock.advance(policy.propagationDelay());
          a.tick();
          clock.advance(policy.leaseDuration().plusSeconds(1));
        };
    PlaybackKeyManager b = manager("b", new StallBeforeLease(store, "b", stall), policy);
    String second = a.activeKey().orElseThrow().keyId();
    assertThat(second).isEqualTo(first); // not rotated yet: the stall does it

    try {
      b.tick();
    } catch (RuntimeException e) {
      // reported as a FAILURE event; what matters is what the tick did to IVS and the store
    }

    PlaybackKeyRecord active = store.read().active().orElseThrow();
    assertThat(active.keyId()).as("the key A promoted during B's stall").isNotEqualTo(first);
    // Any process reading the store now mints with that key.
    PlaybackKeyManager follower = manager("c", store, policy);
    assertThat(follower.tick()).as("c follows: b holds the lease").isFalse();
    String token = follower.signer().sign(ivs.claims(Duration.ofMinutes(1)));
    assertThat(ivs.play(token)).as("a token of the ACTIVE key plays").isEqualTo(200);
    assertThat(ivs.pairs())
        .as("the ACTIVE key's pair is still in IVS")
        .anySatisfy(p -> assertThat(p.arn()).isEqualTo(active.arn().orElseThrow()));
    assertThat(events)
        .filteredOn(e -> e.type() == Type.ORPHANED_KEY_PAIR || e.type() == Type.ORPHAN_DELETED)
        .as("B's reconciliation, a pair whose private key IS in the store")
        .isEmpty();
  }

  /** Runs {@code stall} once, just before {@code owner}'s first lease attempt: a frozen process. */
  private static final class StallBeforeLease extends ForwardingPlaybackKeyStore {
    private final String owner;
    private Runnable stall;

    StallBeforeLease(PlaybackKeyStore delegate, String owner, Runnable stall) {
      super(delegate);
      this.owner = owner;
      this.stall = stall;
    }

    @Override
    public Optional<StoreLease> tryAcquireLease(String leaseOwner, Duration duration) {
      if (leaseOwner.equals(owner) && stall != null) {
        Runnable once = stall;
        stall = null;
        once.run();
      }
      return super.tryAcquireLease(leaseOwner, duration);
    }
  }
}
