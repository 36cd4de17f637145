package dev.ivsplayback.keys.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.keys.FleetTokenLimits;
import dev.ivsplayback.keys.InMemoryPlaybackKeyStore;
import dev.ivsplayback.keys.PlaybackKeyException;
import dev.ivsplayback.keys.PlaybackKeyGenerator;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.PlaybackKeyState;
import dev.ivsplayback.keys.PlaybackKeyStoreSnapshot;
import dev.ivsplayback.keys.RotationPolicy;
import dev.ivsplayback.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deletion-safety rule, {@code deletableAt = retiredAt + maxSnapshotAge + maxTokenTtl +
 * clockSkew} under the longer of the local and the fleet's limits, and its enforcement, in the one
 * class that holds it. Runs on the in-memory store and a {@link FakeGateway}, without HTTP: the
 * gateway is the seam that isolates the lifecycle from IVS, and this test is what it is for (the
 * manager tests cover the same rules end to end against ivs-local).
 */
class LifecycleAdvancerTest {
  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  /** Deletion delay 2 + 10 + 1 = 13 minutes. */
  private final RotationPolicy policy =
      RotationPolicy.builder()
          .rotationInterval(Duration.ofMinutes(30))
          .maxTokenTtl(Duration.ofMinutes(10))
          .clockSkew(Duration.ofMinutes(1))
          .propagationDelay(Duration.ofMinutes(2))
          .maxSnapshotAge(Duration.ofMinutes(2))
          .refreshInterval(Duration.ofSeconds(30))
          .reconcileInterval(Duration.ofMinutes(10))
          .leaseDuration(Duration.ofMinutes(2))
          .build();

  private final MutableClock clock = new MutableClock(START);
  private final FakeGateway ivs = new FakeGateway();
  private InMemoryPlaybackKeyStore store;
  private KeyLedger ledger;
  private LeaderLease lease;
  private LifecycleAdvancer advancer;

  @BeforeEach
  void assemble() {
    store = InMemoryPlaybackKeyStore.create(clock);
    ManagerSettings settings = new ManagerSettings("advancer", "owner-1", policy, clock);
    EventDispatch events = new EventDispatch("advancer-test", List.of(), clock);
    ActiveKeySwitch activeKey = new ActiveKeySwitch(policy, events);
    ledger = new KeyLedger(store, settings, activeKey, events);
    lease = new LeaderLease(store, settings, events);
    RotationSteps steps =
        new RotationSteps(settings, ivs, ledger, lease, events, PlaybackKeyGenerator.create());
    advancer = new LifecycleAdvancer(settings, ivs, ledger, lease, events, steps);
  }

  /** First key ACTIVE at START, a second promoted at {@code promotedAt}: the first is RETIRING. */
  private PlaybackKeyRecord retireFirstKeyAt(Instant promotedAt) {
    assertThat(lease.take()).isTrue();
    advancer.rotate(ledger.refresh(), true, false);
    clock.set(promotedAt.minus(policy.propagationDelay()));
    lease.take();
    advancer.rotate(ledger.refresh(), false, false);
    clock.set(promotedAt);
    lease.take();
    advancer.advance(ledger.refresh());
    PlaybackKeyStoreSnapshot snap = store.read();
    assertThat(snap.keys())
        .extracting(PlaybackKeyRecord::state)
        .containsExactly(PlaybackKeyState.RETIRING, PlaybackKeyState.ACTIVE);
    return snap.keys().get(0);
  }

  private void tickAt(Instant at) {
    clock.set(at);
    assertThat(lease.take()).isTrue();
    advancer.advance(ledger.refresh());
  }

  @Test
  void retire_setsDeletableAt_toRetiredAtPlusMaxSnapshotAgePlusMaxTokenTtlPlusClockSkew() {
    Instant promotedAt = START.plus(Duration.ofMinutes(31));

    PlaybackKeyRecord retired = retireFirstKeyAt(promotedAt);

    assertThat(retired.retiredAt()).contains(promotedAt);
    assertThat(retired.deletableAt())
        .contains(promotedAt.plus(Duration.ofMinutes(2 + 10 + 1)))
        .contains(promotedAt.plus(policy.deletionDelay()));
  }

  @Test
  void retire_whenTheStoreRecordsLongerFleetLimits_waitsForTheLongerOnes() {
    assertThat(lease.take()).isTrue();
    // Another process of the fleet recorded tokens of up to 1 hour.
    store.write(
        0,
        List.of(),
        new FleetTokenLimits(Duration.ofHours(1), Duration.ofMinutes(2), Duration.ofMinutes(1)),
        "owner-1");
    Instant promotedAt = START.plus(Duration.ofMinutes(31));

    PlaybackKeyRecord retired = retireFirstKeyAt(promotedAt);

    assertThat(retired.deletableAt()).contains(promotedAt.plus(Duration.ofMinutes(2 + 60 + 1)));
  }

  @Test
  void advance_beforeTheDeletionTime_keepsTheRetiringKeyInIvs() {
    PlaybackKeyRecord retired = retireFirstKeyAt(START.plus(Duration.ofMinutes(31)));
    Instant deletableAt = retired.deletableAt().orElseThrow();

    tickAt(deletableAt.minusSeconds(1));

    assertThat(ivs.holds(retired.arn().orElseThrow())).isTrue();
    assertThat(store.read().key(retired.keyId()).orElseThrow().state())
        .isEqualTo(PlaybackKeyState.RETIRING);
  }

  @Test
  void advance_atTheDeletionTime_deletesFromIvs_thenDestroysThePrivateKey() {
    PlaybackKeyRecord retired = retireFirstKeyAt(START.plus(Duration.ofMinutes(31)));
    Instant deletableAt = retired.deletableAt().orElseThrow();

    tickAt(deletableAt);

    assertThat(ivs.deleted).containsExactly(retired.arn().orElseThrow());
    PlaybackKeyRecord after = store.read().key(retired.keyId()).orElseThrow();
    assertThat(after.state()).isEqualTo(PlaybackKeyState.DESTROYED);
    assertThat(after.deletedAt()).contains(deletableAt);
  }

  @Test
  void deleteFromIvs_beforeTheDeletionTime_isRefused_unlessAnEmergency() {
    PlaybackKeyRecord retired = retireFirstKeyAt(START.plus(Duration.ofMinutes(31)));

    assertThatThrownBy(() -> advancer.deleteFromIvs(store.read(), retired, false))
        .isInstanceOf(PlaybackKeyException.class)
        .hasFieldOrPropertyWithValue("reason", PlaybackKeyException.Reason.KEY_DELETION_FAILED)
        .hasMessageContaining("before its deletion time");
    assertThat(ivs.holds(retired.arn().orElseThrow())).isTrue();

    advancer.deleteFromIvs(store.read(), retired, true);
    assertThat(ivs.holds(retired.arn().orElseThrow())).isFalse();
  }

  @Test
  void retire_ofAQuarantinedKey_makesItDeletableAtOnce() {
    PlaybackKeyRecord retired = retireFirstKeyAt(START.plus(Duration.ofMinutes(31)));
    PlaybackKeyRecord quarantined =
        retired.toBuilder().state(PlaybackKeyState.ACTIVE).quarantined(true).build();
    Instant now = START.plus(Duration.ofHours(1));

    assertThat(advancer.retire(quarantined, now, store.read()).deletableAt()).contains(now);
  }
}
