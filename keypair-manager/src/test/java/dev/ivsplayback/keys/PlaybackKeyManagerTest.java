package dev.ivsplayback.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.client.ViewerRevocation;
import dev.ivsplayback.keys.PlaybackKeyEvent.Type;
import dev.ivsplayback.testing.MutableClock;
import dev.ivsplayback.token.InvalidConfigurationException;
import dev.ivsplayback.token.PlaybackKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ivs.model.PlaybackKeyPairSummary;

/** The manager against the real ivs-local over HTTP, with time driven by a test clock. */
class PlaybackKeyManagerTest {
  @RegisterExtension static final IvsFixture ivs = new IvsFixture(1);
  private final List<PlaybackKeyEvent> events = new CopyOnWriteArrayList<>();
  private MutableClock clock;
  private RotationPolicy policy;

  @BeforeEach
  void reset() {
    ivs.reset();
    clock = ivs.clock;
    policy = TestPolicies.standard();
  }

  private PlaybackKeyManager manager(String id, PlaybackKeyStore store, RotationPolicy p) {
    return PlaybackKeyManager.builder()
        .managerId(id)
        .store(store)
        .client(ivs.client)
        .policy(p)
        .clock(clock)
        .automaticTicks(false)
        .listener(events::add)
        .build();
  }

  private long count(Type type) {
    return events.stream().filter(e -> e.type() == type).count();
  }

  private String mint(PlaybackKeyManager manager, Duration ttl) {
    return manager.signer().sign(ivs.claims(ttl));
  }

  @Test
  void fiveRotations_followTheLifecycle_deleteOnTime_andNeverKeepMoreThanTwoManagedPairs() {
    String unmanaged = ivs.importUnmanagedPair();
    PlaybackKeyManager manager =
        manager("lifecycle", InMemoryPlaybackKeyStore.create(clock), policy);
    manager.start();
    assertThat(manager.activeKey()).isPresent();
    Map<String, Instant> latestExp = new HashMap<>();
    Map<String, String> latestToken = new HashMap<>();
    int minutes = 0;
    while (count(Type.ROTATED) < 5) {
      assertThat(minutes++).as("minutes simulated").isLessThan(5 * 35 + 30);
      clock.advance(TestPolicies.STEP);
      manager.tick();

      String keyId = manager.signer().currentKey().orElseThrow().keyId();
      String token = mint(manager, policy.maxTokenTtl());
      latestExp.put(keyId, clock.instant().plus(policy.maxTokenTtl()));
      latestToken.put(keyId, token);

      List<PlaybackKeyPairSummary> pairs = ivs.pairs();
      assertThat(pairs).hasSizeLessThanOrEqualTo(3);
      assertThat(ivs.managedPairs("lifecycle")).isBetween(1L, 2L);
      assertThat(pairs).anySatisfy(p -> assertThat(p.arn()).isEqualTo(unmanaged));
      assertThat(manager.keys()).filteredOn(k -> k.state() == PlaybackKeyState.ACTIVE).hasSize(1);
      latestToken.forEach(
          (id, t) -> {
            if (latestExp.get(id).isAfter(clock.instant())) {
              assertThat(ivs.play(t))
                  .as("token of key %s, exp %s, at %s", id, latestExp.get(id), clock.instant())
                  .isEqualTo(200);
            }
          });
    }

    List<PlaybackKeyRecord> keys = manager.keys();
    assertThat(keys).hasSize(6);
    assertThat(keys.get(5).state()).isEqualTo(PlaybackKeyState.ACTIVE);
    assertThat(keys.get(4).state()).isEqualTo(PlaybackKeyState.RETIRING);
    assertThat(keys.subList(0, 4))
        .allSatisfy(
            k -> {
              assertThat(k.state()).isEqualTo(PlaybackKeyState.DESTROYED);
              assertThat(k.hasPrivateKey()).isFalse();
              Instant deleted = k.deletedAt().orElseThrow();
              assertThat(deleted)
                  .isAfterOrEqualTo(k.retiredAt().orElseThrow().plus(policy.deletionDelay()))
                  .isBefore(k.deletableAt().orElseThrow().plus(TestPolicies.STEP).plusSeconds(1))
                  .isAfterOrEqualTo(latestExp.get(k.keyId()));
              assertThat(k.destroyedAt().orElseThrow()).isAfterOrEqualTo(deleted);
            });
    for (int i = 1; i < keys.size(); i++) {
      PlaybackKeyRecord previous = keys.get(i - 1);
      PlaybackKeyRecord next = keys.get(i);
      Instant due = previous.activatedAt().orElseThrow().plus(policy.rotationInterval());
      assertThat(next.importedAt().orElseThrow()).isBetween(due, due.plus(TestPolicies.STEP));
      assertThat(next.activatedAt().orElseThrow())
          .isAfterOrEqualTo(next.importedAt().orElseThrow().plus(policy.propagationDelay()));
      assertThat(previous.retiredAt()).isEqualTo(next.activatedAt());
    }
    assertThat(count(Type.IMPORTED)).isEqualTo(6);
    assertThat(count(Type.SELF_TEST_PASSED)).isEqualTo(6);
    assertThat(count(Type.PROMOTED)).isEqualTo(6);
    assertThat(count(Type.DELETED)).isEqualTo(4);
    assertThat(count(Type.DESTROYED)).isEqualTo(4);
    assertThat(count(Type.FAILURE)).isZero();
    assertThat(ivs.pairs())
        .filteredOn(p -> "lifecycle".equals(p.tags().get(PlaybackKeyManager.MANAGER_TAG)))
        .allSatisfy(p -> assertThat(p.tags()).containsKey(PlaybackKeyManager.KEY_ID_TAG));
    assertThat(ivs.pairs()).extracting(PlaybackKeyPairSummary::arn).contains(unmanaged);
  }

  @Test
  void tickAfterLongDowntime_catchesUpOnce() {
    PlaybackKeyManager manager = manager("catchup", InMemoryPlaybackKeyStore.create(clock), policy);
    manager.start();
    clock.advance(Duration.ofMinutes(31));
    manager.tick(); // rotation starts
    clock.advance(Duration.ofMinutes(3));
    manager.tick(); // promoted; previous key RETIRING
    assertThat(manager.keys())
        .extracting(PlaybackKeyRecord::state)
        .containsExactly(PlaybackKeyState.RETIRING, PlaybackKeyState.ACTIVE);
    long importsBefore = ivs.ivsLocal.control().callCount("ImportPlaybackKeyPair");

    clock.advance(Duration.ofDays(3));
    manager.tick();

    assertThat(manager.keys())
        .extracting(PlaybackKeyRecord::state)
        .containsExactly(
            PlaybackKeyState.DESTROYED, PlaybackKeyState.ACTIVE, PlaybackKeyState.IMPORTED);
    assertThat(ivs.ivsLocal.control().callCount("ImportPlaybackKeyPair"))
        .isEqualTo(importsBefore + 1);
    clock.advance(policy.propagationDelay());
    manager.tick();
    assertThat(manager.keys())
        .extracting(PlaybackKeyRecord::state)
        .containsExactly(
            PlaybackKeyState.DESTROYED, PlaybackKeyState.RETIRING, PlaybackKeyState.ACTIVE);
    assertThat(ivs.play(mint(manager, Duration.ofMinutes(5)))).isEqualTo(200);
  }

  @Test
  void rotate_whenQuotaIsFull_failsClearly_andChangesNothing() {
    ivs.importUnmanagedPair();
    ivs.importUnmanagedPair();
    InMemoryPlaybackKeyStore store = InMemoryPlaybackKeyStore.create(clock);
    PlaybackKeyManager manager = manager("quota", store, policy);
    manager.start();
    long version = store.read().version();
    List<PlaybackKeyPairSummary> before = ivs.pairs();

    assertThatThrownBy(manager::rotate)
        .isInstanceOf(PlaybackKeyException.class)
        .hasFieldOrPropertyWithValue("reason", PlaybackKeyException.Reason.NO_FREE_KEY_SLOT)
        .hasMessageContaining("3 key pairs")
        .hasMessageContaining("2 unmanaged")
        .hasMessageContaining("quota 3");

    assertThat(store.read().version()).isEqualTo(version);
    assertThat(ivs.pairs()).containsExactlyInAnyOrderElementsOf(before);
    clock.advance(Duration.ofMinutes(31));
    assertThat(manager.tick()).isTrue();
    assertThat(count(Type.ROTATION_DEFERRED)).isEqualTo(1);
    assertThat(store.read().version()).isEqualTo(version);
    assertThat(ivs.play(mint(manager, Duration.ofMinutes(5)))).isEqualTo(200);
  }

  @Test
  void rotate_whenIvsRefusesTheImport_failsClearly_andChangesNothing() {
    InMemoryPlaybackKeyStore store = InMemoryPlaybackKeyStore.create(clock);
    PlaybackKeyManager manager = manager("refused", store, policy);
    manager.start();
    List<String> keyIds = store.read().keys().stream().map(PlaybackKeyRecord::keyId).toList();
    List<PlaybackKeyPairSummary> before = ivs.pairs();
    ivs.ivsLocal.control().failNext("ImportPlaybackKeyPair", 1, "ValidationException", 400);

    assertThatThrownBy(manager::rotate)
        .isInstanceOf(PlaybackKeyException.class)
        .hasFieldOrPropertyWithValue("reason", PlaybackKeyException.Reason.KEY_IMPORT_FAILED)
        .hasMessageContaining("IVS refused")
        .hasMessageContaining("nothing was changed");

    assertThat(store.read().keys())
        .extracting(PlaybackKeyRecord::keyId)
        .containsExactlyElementsOf(keyIds);
    assertThat(ivs.pairs()).containsExactlyInAnyOrderElementsOf(before);
    assertThat(count(Type.DISCARDED)).isEqualTo(1);
  }

  @Test
  void rotate_whenTheStoreCannotBeWritten_failsClearly_andChangesNothing() {
    InMemoryPlaybackKeyStore real = InMemoryPlaybackKeyStore.create(clock);
    UnwritableStore store = new UnwritableStore(real);
    PlaybackKeyManager manager = manager("diskfull", store, policy);
    manager.start();
    long imports = ivs.ivsLocal.control().callCount("ImportPlaybackKeyPair");
    List<PlaybackKeyPairSummary> before = ivs.pairs();
    long version = real.read().version();
    store.broken = true;

    assertThatThrownBy(manager::rotate)
        .isInstanceOf(PlaybackKeyStoreException.class)
        .hasMessageContaining("disk full");

    assertThat(ivs.ivsLocal.control().callCount("ImportPlaybackKeyPair")).isEqualTo(imports);
    assertThat(ivs.pairs()).containsExactlyInAnyOrderElementsOf(before);
    assertThat(real.read().version()).isEqualTo(version);
  }

  @Test
  void rotate_whileANewKeyIsPending_isRefused() {
    PlaybackKeyManager manager = manager("pending", InMemoryPlaybackKeyStore.create(clock), policy);
    manager.start();
    PlaybackKeyRecord pending = manager.rotate();
    assertThat(pending.state()).isEqualTo(PlaybackKeyState.IMPORTED);
    assertThat(pending.promotableAt())
        .contains(pending.importedAt().orElseThrow().plus(policy.propagationDelay()));
    assertThatThrownBy(manager::rotate)
        .isInstanceOf(PlaybackKeyException.class)
        .hasFieldOrPropertyWithValue("reason", PlaybackKeyException.Reason.ROTATION_IN_PROGRESS)
        .hasMessageContaining(pending.keyId());
  }

  @Test
  void signer_beforeStart_hasNoKey() {
    PlaybackKeyManager manager = manager("nostart", InMemoryPlaybackKeyStore.create(clock), policy);
    assertThatThrownBy(() -> mint(manager, Duration.ofMinutes(1)))
        .isInstanceOf(PlaybackKeyException.class)
        .hasFieldOrPropertyWithValue("reason", PlaybackKeyException.Reason.NO_ACTIVE_KEY);
  }

  @Test
  void signer_refusesATtlAboveTheMaximum_namingExp() {
    PlaybackKeyManager manager = manager("ttl", InMemoryPlaybackKeyStore.create(clock), policy);
    manager.start();
    assertThatThrownBy(() -> mint(manager, Duration.ofMinutes(11)))
        .isInstanceOf(TokenTtlTooLongException.class)
        .hasMessageStartingWith("exp:")
        .hasMessageContaining("PT10M")
        .satisfies(
            e ->
                assertThat(((TokenTtlTooLongException) e).requested())
                    .isEqualTo(Duration.ofMinutes(11)));
    assertThat(ivs.play(mint(manager, Duration.ofMinutes(10)))).isEqualTo(200);
  }

  @Test
  void signer_refusesTokensThatCouldOutliveAStaleView() {
    PlaybackKeyManager manager = manager("stale", InMemoryPlaybackKeyStore.create(clock), policy);
    manager.start();
    clock.advance(Duration.ofMinutes(3)); // no tick: the view of the store is 3 minutes old
    assertThatThrownBy(() -> mint(manager, Duration.ofMinutes(10)))
        .isInstanceOf(PlaybackKeyException.class)
        .hasFieldOrPropertyWithValue("reason", PlaybackKeyException.Reason.STALE_KEY_STATE)
        .hasMessageContaining("maxSnapshotAge");
    assertThat(ivs.play(mint(manager, Duration.ofMinutes(9)))).isEqualTo(200);
    manager.tick();
    assertThat(ivs.play(mint(manager, Duration.ofMinutes(10)))).isEqualTo(200);
  }

  @Test
  void emergencyRevoke_promotesAFreshKey_deletesTheCompromisedOneAtOnce_andRevokesViewers() {
    PlaybackKeyManager manager =
        manager("emergency", InMemoryPlaybackKeyStore.create(clock), policy);
    manager.start();
    PlaybackKeyRecord compromised = manager.activeKey().orElseThrow();
    String oldToken = mint(manager, Duration.ofMinutes(10));
    assertThat(ivs.play(oldToken)).isEqualTo(200);

    PlaybackKeyRecord fresh =
        manager.emergencyRevoke(
            compromised.fingerprint(),
            List.of(new ViewerRevocation(ivs.channel.arn(), "viewer-1", 3)));

    assertThat(fresh.keyId()).isNotEqualTo(compromised.keyId());
    assertThat(manager.signer().currentKey().orElseThrow().keyId()).isEqualTo(fresh.keyId());
    PlaybackKeyRecord gone =
        manager.keys().stream()
            .filter(k -> k.keyId().equals(compromised.keyId()))
            .findFirst()
            .orElseThrow();
    assertThat(gone.state()).isEqualTo(PlaybackKeyState.DESTROYED);
    assertThat(gone.quarantined()).isTrue();
    assertThat(ivs.play(oldToken)).isEqualTo(403);
    assertThat(ivs.play(mint(manager, Duration.ofMinutes(5)))).isEqualTo(200);
    assertThat(ivs.managedPairs("emergency")).isEqualTo(1);
    assertThat(ivs.ivsLocal.control().callCount("StartViewerSessionRevocation")).isEqualTo(1);
    assertThat(count(Type.EMERGENCY_REVOKED)).isEqualTo(1);
    assertThat(count(Type.VIEWER_SESSIONS_REVOKED)).isEqualTo(1);
  }

  @Test
  void emergencyRevoke_withQuotaFull_deletesFirst_thenImports() {
    ivs.importUnmanagedPair();
    PlaybackKeyManager manager =
        manager("emergency-full", InMemoryPlaybackKeyStore.create(clock), policy);
    manager.start();
    clock.advance(Duration.ofMinutes(31));
    manager.tick(); // a second managed key is pending: 3 pairs in the region
    assertThat(ivs.pairs()).hasSize(3);
    PlaybackKeyRecord compromised = manager.activeKey().orElseThrow();

    PlaybackKeyRecord fresh = manager.emergencyRevoke(compromised.keyId(), List.of());

    assertThat(ivs.pairs()).hasSize(2);
    assertThat(ivs.play(mint(manager, Duration.ofMinutes(5)))).isEqualTo(200);
    assertThat(fresh.keyId()).isNotEqualTo(compromised.keyId());
  }

  @Test
  void emergencyRevoke_ofAnUnknownKey_isAClearError() {
    PlaybackKeyManager manager = manager("unknown", InMemoryPlaybackKeyStore.create(clock), policy);
    manager.start();
    assertThatThrownBy(() -> manager.emergencyRevoke("nope", List.of()))
        .isInstanceOf(PlaybackKeyException.class)
        .hasFieldOrPropertyWithValue("reason", PlaybackKeyException.Reason.UNKNOWN_KEY)
        .hasMessageContaining("nope");
  }

  @Test
  void reconcile_reportsAManagedPairWithoutPrivateKey_andDeletesItOnlyIfPolicyAllows() {
    PlaybackKeyManager manager = manager("orphans", InMemoryPlaybackKeyStore.create(clock), policy);
    manager.start();
    String orphan =
        ivs.client
            .sync()
            .importPlaybackKeyPair(
                b ->
                    b.name("lost")
                        .publicKeyMaterial(
                            PlaybackKeys.toPublicKeyPem(
                                PlaybackKeyGenerator.create().generate().getPublic()))
                        .tags(Map.of(PlaybackKeyManager.MANAGER_TAG, "orphans")))
            .keyPair()
            .arn();

    ReconciliationReport report = manager.reconcile();

    assertThat(report.findings())
        .extracting(PlaybackKeyEvent::type)
        .containsExactly(Type.ORPHANED_KEY_PAIR);
    assertThat(report.findings().get(0).arn()).isEqualTo(orphan);
    assertThat(report.managedKeyPairs()).isEqualTo(2);
    assertThat(ivs.pairs()).extracting(PlaybackKeyPairSummary::arn).contains(orphan);
    manager.close();

    PlaybackKeyManager strict =
        manager(
            "orphans",
            InMemoryPlaybackKeyStore.create(clock),
            policy.toBuilder().deleteOrphanedKeyPairs(true).build());
    strict.start(); // its store is empty: both managed pairs are orphans to it
    assertThat(ivs.pairs()).extracting(PlaybackKeyPairSummary::arn).doesNotContain(orphan);
    assertThat(count(Type.ORPHAN_DELETED)).isEqualTo(2);
  }

  @Test
  void reconcile_whenTheActiveKeyWasDeletedFromIvs_replacesItWithAFreshKey_neverReimportingIt() {
    PlaybackKeyManager manager = manager("missing", InMemoryPlaybackKeyStore.create(clock), policy);
    manager.start();
    PlaybackKeyRecord active = manager.activeKey().orElseThrow();
    String token = mint(manager, Duration.ofMinutes(10));
    ivs.client.sync().deletePlaybackKeyPair(b -> b.arn(active.arn().orElseThrow()));
    assertThat(ivs.play(token)).isEqualTo(403);
    long imports = ivs.ivsLocal.control().callCount("ImportPlaybackKeyPair");

    ReconciliationReport report = manager.reconcile();

    assertThat(report.findings())
        .extracting(PlaybackKeyEvent::type)
        .containsExactly(Type.ACTIVE_KEY_MISSING_REPLACED);
    assertThat(report.findings().get(0).keyId()).isEqualTo(active.keyId());
    PlaybackKeyRecord fresh = manager.activeKey().orElseThrow();
    assertThat(fresh.keyId()).isNotEqualTo(active.keyId());
    PlaybackKeyRecord old = manager.keys().get(0);
    assertThat(old.keyId()).isEqualTo(active.keyId());
    assertThat(old.state()).isEqualTo(PlaybackKeyState.DELETED);
    assertThat(old.quarantined()).isTrue();
    assertThat(ivs.ivsLocal.control().callCount("ImportPlaybackKeyPair")).isEqualTo(imports + 1);
    assertThat(ivs.client.playbackKeyPairs().findByFingerprint(active.fingerprint())).isEmpty();
    assertThat(ivs.play(token)).as("the vanished key's token stays dead").isEqualTo(403);
    assertThat(ivs.play(mint(manager, Duration.ofMinutes(5)))).isEqualTo(200);
    manager.tick();
    assertThat(manager.keys().get(0).state()).isEqualTo(PlaybackKeyState.DESTROYED);
  }

  @Test
  void reconcile_whenAnImportedKeyWasDeletedFromIvs_dropsIt_andNeverReimportsIt() {
    PlaybackKeyManager manager =
        manager("vanished", InMemoryPlaybackKeyStore.create(clock), policy);
    manager.start();
    PlaybackKeyRecord active = manager.activeKey().orElseThrow();
    PlaybackKeyRecord pending = manager.rotate();
    ivs.client.sync().deletePlaybackKeyPair(b -> b.arn(pending.arn().orElseThrow()));
    long imports = ivs.ivsLocal.control().callCount("ImportPlaybackKeyPair");

    ReconciliationReport report = manager.reconcile();

    assertThat(report.findings())
        .extracting(PlaybackKeyEvent::type)
        .containsExactly(Type.ALREADY_DELETED);
    PlaybackKeyRecord dropped = manager.keys().get(1);
    assertThat(dropped.keyId()).isEqualTo(pending.keyId());
    assertThat(dropped.state()).isEqualTo(PlaybackKeyState.DELETED);
    assertThat(dropped.quarantined()).isTrue();
    clock.advance(policy.propagationDelay());
    manager.tick();
    assertThat(ivs.ivsLocal.control().callCount("ImportPlaybackKeyPair")).isEqualTo(imports);
    assertThat(ivs.client.playbackKeyPairs().findByFingerprint(pending.fingerprint())).isEmpty();
    assertThat(manager.activeKey().orElseThrow().keyId()).isEqualTo(active.keyId());
    assertThat(ivs.play(mint(manager, Duration.ofMinutes(5)))).isEqualTo(200);
  }

  @Test
  void promote_whenThePendingKeyLeftIvs_neverReimportsIt_andKeepsTheActiveKey() {
    PlaybackKeyManager manager = manager("gone", InMemoryPlaybackKeyStore.create(clock), policy);
    manager.start();
    PlaybackKeyRecord active = manager.activeKey().orElseThrow();
    PlaybackKeyRecord pending = manager.rotate();
    ivs.client.sync().deletePlaybackKeyPair(b -> b.arn(pending.arn().orElseThrow()));
    long imports = ivs.ivsLocal.control().callCount("ImportPlaybackKeyPair");

    clock.advance(policy.propagationDelay()); // promotion is due; reconciliation is not
    manager.tick();

    assertThat(count(Type.ALREADY_DELETED)).isEqualTo(1);
    assertThat(count(Type.PROMOTED)).isEqualTo(1); // the first key only
    assertThat(ivs.ivsLocal.control().callCount("ImportPlaybackKeyPair")).isEqualTo(imports);
    assertThat(ivs.client.playbackKeyPairs().findByFingerprint(pending.fingerprint())).isEmpty();
    assertThat(manager.activeKey().orElseThrow().keyId()).isEqualTo(active.keyId());
    assertThat(manager.keys().get(1).quarantined()).isTrue();
    assertThat(ivs.play(mint(manager, Duration.ofMinutes(5)))).isEqualTo(200);
  }

  @Test
  void reconcile_marksARetiringKeyDeletedOutsideTheManager() {
    PlaybackKeyManager manager = manager("outside", InMemoryPlaybackKeyStore.create(clock), policy);
    manager.start();
    manager.rotate();
    clock.advance(policy.propagationDelay());
    manager.tick();
    PlaybackKeyRecord retiring = manager.keys().get(0);
    assertThat(retiring.state()).isEqualTo(PlaybackKeyState.RETIRING);
    ivs.client.sync().deletePlaybackKeyPair(b -> b.arn(retiring.arn().orElseThrow()));

    ReconciliationReport report = manager.reconcile();

    assertThat(report.findings())
        .extracting(PlaybackKeyEvent::type)
        .containsExactly(Type.ALREADY_DELETED);
    manager.tick();
    assertThat(manager.keys().get(0).state()).isEqualTo(PlaybackKeyState.DESTROYED);
  }

  @Test
  void reconcile_whenIvsReportsAnotherFingerprint_raisesTheAlarm_andTheKeyNeverSignsAgain() {
    String unmanaged = ivs.importUnmanagedPair();
    InMemoryPlaybackKeyStore store = InMemoryPlaybackKeyStore.create(clock);
    PlaybackKeyManager manager = manager("mismatch", store, policy);
    manager.start();
    PlaybackKeyRecord active = manager.activeKey().orElseThrow();
    // The store's ARN for the ACTIVE key now names a pair that holds a different public key.
    PlaybackKeyStoreSnapshot snap = store.read();
    store.write(
        snap.version(), List.of(active.toBuilder().arn(unmanaged).build()), manager.ownerId());

    ReconciliationReport report = manager.reconcile();

    assertThat(report.findings())
        .extracting(PlaybackKeyEvent::type)
        .containsExactly(Type.FINGERPRINT_MISMATCH);
    assertThat(report.findings().get(0).failure())
        .isInstanceOf(PlaybackKeyException.class)
        .hasFieldOrPropertyWithValue("reason", PlaybackKeyException.Reason.FINGERPRINT_MISMATCH)
        .hasMessageContaining(active.fingerprint());
    assertThatThrownBy(() -> mint(manager, Duration.ofMinutes(1)))
        .isInstanceOf(PlaybackKeyException.class)
        .hasFieldOrPropertyWithValue("reason", PlaybackKeyException.Reason.NO_ACTIVE_KEY);
    manager.tick();
    PlaybackKeyRecord fresh = manager.activeKey().orElseThrow();
    assertThat(fresh.keyId()).isNotEqualTo(active.keyId());
    assertThat(ivs.play(mint(manager, Duration.ofMinutes(5)))).isEqualTo(200);
    for (int i = 0; i < 3; i++) {
      clock.advance(TestPolicies.STEP);
      manager.tick();
    }
    // The quarantined record points at a pair without the manager's tag: reported once, never
    // deleted.
    assertThat(count(Type.UNTAGGED_KEY_PAIR)).isEqualTo(1);
    assertThat(ivs.pairs()).extracting(PlaybackKeyPairSummary::arn).contains(unmanaged);
  }

  @Test
  void restart_afterAKeyWasGeneratedButNeverImported_withNoFreeSlot_discardsIt() {
    InMemoryPlaybackKeyStore real = InMemoryPlaybackKeyStore.create(clock);
    CrashingStore crashing =
        new CrashingStore(real, 4, CrashingStore.Mode.AFTER_WRITE); // 4th write: rotation's key
    PlaybackKeyManager first =
        PlaybackKeyManager.builder()
            .managerId("discard")
            .ownerId("host")
            .store(crashing)
            .client(ivs.client)
            .policy(policy)
            .clock(clock)
            .automaticTicks(false)
            .build();
    first.start();
    clock.advance(Duration.ofMinutes(31));
    org.assertj.core.api.Assertions.assertThatThrownBy(first::tick)
        .isInstanceOf(CrashingStore.Crash.class);
    assertThat(real.read().inState(PlaybackKeyState.GENERATED)).hasSize(1);
    ivs.importUnmanagedPair();
    ivs.importUnmanagedPair(); // the region is now full: ACTIVE + 2 unmanaged
    List<PlaybackKeyPairSummary> before = ivs.pairs();

    PlaybackKeyManager second =
        PlaybackKeyManager.builder()
            .managerId("discard")
            .ownerId("host")
            .store(real)
            .client(ivs.client)
            .policy(policy)
            .clock(clock)
            .automaticTicks(false)
            .listener(events::add)
            .build();
    second.start();

    assertThat(count(Type.DISCARDED)).isEqualTo(1);
    assertThat(real.read().keys())
        .extracting(PlaybackKeyRecord::state)
        .containsExactly(PlaybackKeyState.ACTIVE);
    assertThat(ivs.pairs()).containsExactlyInAnyOrderElementsOf(before);
    assertThat(ivs.play(mint(second, Duration.ofMinutes(5)))).isEqualTo(200);
  }

  @Test
  void importWithUnknownOutcome_keepsTheKey_andTheNextTickAdoptsIt() {
    InMemoryPlaybackKeyStore store = InMemoryPlaybackKeyStore.create(clock);
    PlaybackKeyManager manager =
        PlaybackKeyManager.builder()
            .managerId("unknown-outcome")
            .store(store)
            .client(ivs.client)
            .policy(policy)
            .clock(clock)
            .automaticTicks(false)
            .listener(events::add)
            .listener(
                e -> {
                  if (e.type() == Type.GENERATED && count(Type.GENERATED) == 2) {
                    // The import lands but its response is lost, and IVS cannot be listed to find
                    // out.
                    ivs.ivsLocal.control().dropResponseNext("ImportPlaybackKeyPair", 1);
                    ivs.ivsLocal
                        .control()
                        .failNext("ListPlaybackKeyPairs", 2, "InternalServerException", 500);
                  }
                })
            .build();
    manager.start();
    long imports = ivs.ivsLocal.control().callCount("ImportPlaybackKeyPair");

    assertThatThrownBy(manager::rotate)
        .isInstanceOf(PlaybackKeyException.class)
        .hasFieldOrPropertyWithValue("reason", PlaybackKeyException.Reason.KEY_IMPORT_FAILED)
        .hasMessageContaining("could not be asked whether it landed")
        .hasMessageContaining("stays GENERATED");
    assertThat(store.read().inState(PlaybackKeyState.GENERATED)).hasSize(1);
    assertThat(ivs.managedPairs("unknown-outcome")).isEqualTo(2);

    clock.advance(TestPolicies.STEP);
    manager.tick();

    assertThat(count(Type.ADOPTED)).isEqualTo(1);
    assertThat(store.read().inState(PlaybackKeyState.IMPORTED)).hasSize(1);
    assertThat(ivs.ivsLocal.control().callCount("ImportPlaybackKeyPair")).isEqualTo(imports + 1);
  }

  @Test
  void builder_rejectsABadManagerId() {
    assertThatThrownBy(
            () ->
                PlaybackKeyManager.builder()
                    .managerId("has space")
                    .store(InMemoryPlaybackKeyStore.create())
                    .client(ivs.client)
                    .build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("managerId");
  }

  @Test
  void builder_afterAFailedBuild_buildsOnceTheSettingIsFixed_andBuildsAgain() {
    PlaybackKeyManager.Builder builder =
        PlaybackKeyManager.builder()
            .managerId("fixed")
            .store(InMemoryPlaybackKeyStore.create(clock))
            .policy(policy)
            .clock(clock)
            .automaticTicks(false);
    assertThatThrownBy(builder::build)
        .isInstanceOf(InvalidConfigurationException.class)
        .hasFieldOrPropertyWithValue("setting", "gateway");

    builder.gateway(PlaybackKeyPairGateway.of(ivs.client));

    PlaybackKeyManager first = builder.build();
    PlaybackKeyManager second = builder.build();
    assertThat(first.managerId()).isEqualTo(second.managerId()).isEqualTo("fixed");
    assertThat(first.ownerId()).isNotEqualTo(second.ownerId());
    first.start();
    assertThat(ivs.play(mint(first, Duration.ofMinutes(5)))).isEqualTo(200);
  }

  /**
   * A store whose disk is full: reads work, writes fail (a wrapper, not a mock: reads hit the real
   * store).
   */
  private static final class UnwritableStore extends ForwardingPlaybackKeyStore {
    volatile boolean broken;

    UnwritableStore(PlaybackKeyStore delegate) {
      super(delegate);
    }

    @Override
    public PlaybackKeyStoreSnapshot write(
        long expectedVersion, List<PlaybackKeyRecord> keys, String leaseOwner) {
      if (broken) {
        throw new PlaybackKeyStoreException("cannot write key store: disk full (store unchanged)");
      }
      return super.write(expectedVersion, keys, leaseOwner);
    }

    @Override
    public PlaybackKeyStoreSnapshot write(
        long expectedVersion,
        List<PlaybackKeyRecord> keys,
        FleetTokenLimits tokenLimits,
        String leaseOwner) {
      if (broken) {
        throw new PlaybackKeyStoreException("cannot write key store: disk full (store unchanged)");
      }
      return super.write(expectedVersion, keys, tokenLimits, leaseOwner);
    }
  }
}
