package dev.ivsplayback.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivsplayback.client.ImportedKeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kills the manager at every step of a bootstrap plus one full rotation (before and after each of
 * its 8 store writes, and with IVS faults injected by ivs-local at each step, including lost
 * responses), then starts a new manager over the same store and the same ivs-local and runs on
 * through another rotation, checking after recovery and at every change: no managed pair in IVS
 * without its private key; exactly one ACTIVE key; no key deleted from IVS while a token it signed
 * is unexpired (every such token still plays); the unmanaged pair untouched; the quota never
 * exceeded.
 */
class CrashRecoveryTest {
  private static final String MANAGER = "crash";
  private static final String OWNER =
      "host-1"; // a restarted process keeps its owner id and so its lease

  /**
   * Store writes in phase A: bootstrap (GENERATED, IMPORTED, ACTIVE) and rotation (GENERATED,
   * IMPORTED, promote, DELETED, DESTROYED).
   */
  private static final int WRITES = 8;

  private static final int PHASE_A_MINUTES = 50;
  private static final int TOTAL_MINUTES = 90;

  // One attempt: injected faults reach the manager instead of being retried away.
  @RegisterExtension static final IvsFixture ivs = new IvsFixture(1);
  private final RotationPolicy policy = TestPolicies.standard();
  private final Map<String, Instant> latestExp = new HashMap<>();
  private final Map<String, String> latestToken = new HashMap<>();
  private final List<PlaybackKeyEvent> recoveryEvents =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private InMemoryPlaybackKeyStore store;
  private String unmanaged;

  static Stream<Arguments> storeCrashes() {
    List<Arguments> cases = new ArrayList<>();
    for (int write = 1; write <= WRITES; write++) {
      for (CrashingStore.Mode mode : CrashingStore.Mode.values()) {
        cases.add(Arguments.of(write, mode));
      }
    }
    return cases.stream();
  }

  static Stream<Arguments> ivsFaults() {
    // minute 0 = start (bootstrap), 30 = rotation starts, 32 = promotion, 45 = deletion of the
    // retired key
    return Stream.of(
        Arguments.of(0, "ImportPlaybackKeyPair", "fail"),
        Arguments.of(0, "ImportPlaybackKeyPair", "drop"),
        Arguments.of(0, "ListPlaybackKeyPairs", "fail"),
        Arguments.of(0, "GetPlaybackKeyPair", "fail"),
        Arguments.of(30, "ImportPlaybackKeyPair", "fail"),
        Arguments.of(30, "ImportPlaybackKeyPair", "drop"),
        Arguments.of(30, "ImportPlaybackKeyPair", "quota"),
        Arguments.of(30, "ListPlaybackKeyPairs", "fail"),
        Arguments.of(30, "GetPlaybackKeyPair", "fail"),
        Arguments.of(32, "ListPlaybackKeyPairs", "fail"),
        Arguments.of(32, "GetPlaybackKeyPair", "fail"),
        Arguments.of(45, "DeletePlaybackKeyPair", "fail"),
        Arguments.of(45, "DeletePlaybackKeyPair", "drop"),
        Arguments.of(45, "ListPlaybackKeyPairs", "fail"));
  }

  @ParameterizedTest(name = "crash {1} store write {0}")
  @MethodSource("storeCrashes")
  void crashAtStoreWrite_thenRestart_keepsEveryInvariant(int write, CrashingStore.Mode mode) {
    setUp();
    CrashingStore crashing = new CrashingStore(store, write, mode);
    int minute = runPhaseA(manager(crashing), -1, null, null);
    assertThat(crashing.crashed()).as("crash at write %d happened", write).isTrue();
    recoverAndRunOn(minute);
    PlaybackKeyEvent.Type expected =
        switch (write + "/" + mode) {
          case "1/AFTER_WRITE", "4/AFTER_WRITE" ->
              PlaybackKeyEvent.Type.RESUMED; // generated, never imported
          case "2/BEFORE_WRITE", "5/BEFORE_WRITE" ->
              PlaybackKeyEvent.Type.ADOPTED; // imported, store not updated
          case "7/BEFORE_WRITE" ->
              PlaybackKeyEvent.Type.ALREADY_DELETED; // deleted from IVS, store not updated
          default -> null;
        };
    if (expected != null) {
      assertThat(recoveryEvents).extracting(PlaybackKeyEvent::type).contains(expected);
    }
  }

  @ParameterizedTest(name = "{2} {1} at minute {0}")
  @MethodSource("ivsFaults")
  void ivsFault_thenRestart_keepsEveryInvariant(int faultMinute, String operation, String fault) {
    setUp();
    long callsBefore = ivs.ivsLocal.control().callCount(operation);
    int minute = runPhaseA(manager(store), faultMinute, operation, fault);
    assertThat(ivs.ivsLocal.control().callCount(operation))
        .as("%s was called at the fault", operation)
        .isGreaterThan(callsBefore);
    if (fault.equals("fail")) {
      assertThat(minute).as("manager A failed at the injected fault").isEqualTo(faultMinute);
    } else {
      // A lost response is absorbed (the import or delete is found to have happened); a quota
      // refusal defers the
      // rotation to the next tick. Either way A runs on.
      assertThat(minute).isEqualTo(PHASE_A_MINUTES + 1);
    }
    recoverAndRunOn(minute);
  }

  private void setUp() {
    ivs.reset();
    latestExp.clear();
    latestToken.clear();
    recoveryEvents.clear();
    store = InMemoryPlaybackKeyStore.create(ivs.clock);
    unmanaged = ivs.importUnmanagedPair();
  }

  private PlaybackKeyManager manager(PlaybackKeyStore s) {
    return PlaybackKeyManager.builder()
        .managerId(MANAGER)
        .ownerId(OWNER)
        .store(s)
        .client(ivs.client)
        .policy(policy)
        .clock(ivs.clock)
        .automaticTicks(false)
        .build();
  }

  private PlaybackKeyManager recoveringManager() {
    return PlaybackKeyManager.builder()
        .managerId(MANAGER)
        .ownerId(OWNER)
        .store(store)
        .client(ivs.client)
        .policy(policy)
        .clock(ivs.clock)
        .automaticTicks(false)
        .listener(recoveryEvents::add)
        .build();
  }

  private void inject(String operation, String fault) {
    switch (fault) {
      case "fail" -> ivs.ivsLocal.control().failNext(operation, 1, "InternalServerException", 500);
      case "quota" ->
          ivs.ivsLocal.control().failNext(operation, 1, "ServiceQuotaExceededException", 402);
      case "drop" -> ivs.ivsLocal.control().dropResponseNext(operation, 1);
      default -> throw new IllegalArgumentException(fault);
    }
  }

  /** Runs manager A minute by minute until it crashes or fails; returns the minute reached. */
  private int runPhaseA(PlaybackKeyManager a, int faultMinute, String operation, String fault) {
    int minute = 0;
    try {
      if (faultMinute == 0) {
        inject(operation, fault);
      }
      a.start();
      check(a);
      for (minute = 1; minute <= PHASE_A_MINUTES; minute++) {
        ivs.clock.advance(TestPolicies.STEP);
        if (minute == faultMinute) {
          inject(operation, fault);
        }
        long version = store.read().version();
        a.tick();
        mint(a);
        if (store.read().version() != version) {
          check(a);
        }
      }
    } catch (CrashingStore.Crash
        | dev.ivsplayback.token.IvsPlaybackException
        | software.amazon.awssdk.core.exception.SdkException e) {
      // The process dies here: nothing of A runs again.
      return minute;
    }
    return minute;
  }

  private void recoverAndRunOn(int crashedAt) {
    PlaybackKeyManager b = recoveringManager();
    b.start();
    check(b);
    int rotationsAfterRecovery = 0;
    String active = b.activeKey().orElseThrow().keyId();
    for (int minute = crashedAt + 1; minute <= TOTAL_MINUTES; minute++) {
      ivs.clock.advance(TestPolicies.STEP);
      long version = store.read().version();
      b.tick();
      mint(b);
      if (store.read().version() != version) {
        check(b);
      }
      String now = b.activeKey().orElseThrow().keyId();
      if (!now.equals(active)) {
        rotationsAfterRecovery++;
        active = now;
      }
    }
    check(b);
    assertThat(rotationsAfterRecovery)
        .as("the schedule goes on after recovery")
        .isGreaterThanOrEqualTo(1);
    b.close();
  }

  private void mint(PlaybackKeyManager m) {
    dev.ivsplayback.token.SigningKeyHandle key = m.signer().currentKey().orElseThrow();
    latestToken.put(key.fingerprint(), m.signer().sign(ivs.claims(policy.maxTokenTtl())));
    latestExp.put(key.fingerprint(), ivs.clock.instant().plus(policy.maxTokenTtl()));
  }

  private void check(PlaybackKeyManager m) {
    Instant now = ivs.clock.instant();
    PlaybackKeyStoreSnapshot snap = store.read();
    List<ImportedKeyPair> pairs = ivs.client.playbackKeyPairs().listWithFingerprints();

    assertThat(pairs).as("quota").hasSizeLessThanOrEqualTo(3);
    assertThat(pairs)
        .as("unmanaged pair untouched")
        .anySatisfy(p -> assertThat(p.arn()).isEqualTo(unmanaged));
    List<ImportedKeyPair> managed =
        pairs.stream()
            .filter(p -> MANAGER.equals(p.tags().get(PlaybackKeyManager.MANAGER_TAG)))
            .toList();
    assertThat(managed).as("managed pairs").hasSizeLessThanOrEqualTo(2);
    for (ImportedKeyPair p : managed) {
      assertThat(snap.keys())
          .as("private key of managed pair %s", p.arn())
          .anySatisfy(
              k -> {
                assertThat(k.fingerprint()).isEqualTo(p.fingerprint());
                assertThat(k.hasPrivateKey()).isTrue();
              });
    }
    assertThat(snap.inState(PlaybackKeyState.ACTIVE)).as("exactly one ACTIVE").hasSize(1);
    assertThat(m.signer().currentKey().orElseThrow().keyId())
        .isEqualTo(snap.active().orElseThrow().keyId());
    for (PlaybackKeyRecord k : snap.keys()) {
      if (k.deletedAt().isPresent() && latestExp.containsKey(k.fingerprint())) {
        assertThat(k.deletedAt().get())
            .as("deletion of %s after its last token expired", k.keyId())
            .isAfterOrEqualTo(latestExp.get(k.fingerprint()));
      }
    }
    latestToken.forEach(
        (fingerprint, token) -> {
          if (latestExp.get(fingerprint).isAfter(now)) {
            assertThat(ivs.play(token))
                .as("unexpired token of key %s plays", fingerprint)
                .isEqualTo(200);
          }
        });
  }
}
