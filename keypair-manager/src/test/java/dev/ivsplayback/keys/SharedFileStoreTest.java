package dev.ivsplayback.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two managers (two "processes") share one directory of the file store and tick at the same
 * moments.
 */
class SharedFileStoreTest {
  @RegisterExtension static final IvsFixture ivs = new IvsFixture(3);
  private static final char[] PASSPHRASE = "fleet passphrase".toCharArray();

  @TempDir Path temp;

  private PlaybackKeyManager manager(String owner, Path dir) {
    FileSystemPlaybackKeyStore store =
        FileSystemPlaybackKeyStore.builder()
            .directory(dir)
            .passphrase(PASSPHRASE)
            .encryptionParameters(KeyEncryptionParameters.of(10, 1))
            .clock(ivs.clock)
            .build();
    return PlaybackKeyManager.builder()
        .managerId("fleet")
        .ownerId(owner)
        .store(store)
        .client(ivs.client)
        .policy(TestPolicies.standard())
        .clock(ivs.clock)
        .automaticTicks(false)
        .build();
  }

  private static List<Boolean> tickTogether(ExecutorService pool, PlaybackKeyManager... managers)
      throws Exception {
    List<Callable<Boolean>> ticks = new ArrayList<>();
    for (PlaybackKeyManager m : managers) {
      ticks.add(m::tick);
    }
    List<Boolean> leaders = new ArrayList<>();
    for (Future<Boolean> f : pool.invokeAll(ticks)) {
      leaders.add(f.get());
    }
    return leaders;
  }

  @Test
  void
      twoManagersOnOneStore_exactlyOneRotates_theOtherPicksUpTheNewKey_andTakesOverWhenTheFirstDies()
          throws Exception {
    ivs.reset();
    Path dir = temp.resolve("keys");
    PlaybackKeyManager a = manager("host-a", dir);
    PlaybackKeyManager b = manager("host-b", dir);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      a.start();
      b.start();
      assertThat(a.isLeader()).isTrue();
      assertThat(b.isLeader()).isFalse();
      assertThat(b.signer().currentKey().orElseThrow().keyId())
          .isEqualTo(a.activeKey().orElseThrow().keyId());
      long imports = ivs.ivsLocal.control().callCount("ImportPlaybackKeyPair");
      assertThat(imports).isEqualTo(1);

      String firstKey = a.activeKey().orElseThrow().keyId();
      boolean lagging = false;
      for (int minute = 1; minute <= 35; minute++) {
        ivs.clock.advance(TestPolicies.STEP);
        List<Boolean> leaders = tickTogether(pool, a, b);
        assertThat(leaders)
            .as("exactly one leader at minute %d", minute)
            .containsExactlyInAnyOrder(true, false);
        String leaderKey = a.signer().currentKey().orElseThrow().keyId();
        String followerKey = b.signer().currentKey().orElseThrow().keyId();
        if (!leaderKey.equals(followerKey)) {
          // The follower read the store just before the promotion: it lags by at most one refresh,
          // with a key that
          // is RETIRING, still in IVS, and not deleted before its tokens expire.
          assertThat(lagging).as("follower lagged two ticks in a row").isFalse();
          assertThat(a.keys())
              .anySatisfy(
                  k -> {
                    assertThat(k.keyId()).isEqualTo(followerKey);
                    assertThat(k.state()).isEqualTo(PlaybackKeyState.RETIRING);
                  });
          assertThat(ivs.play(b.signer().sign(ivs.claims(Duration.ofMinutes(10))))).isEqualTo(200);
        }
        lagging = !leaderKey.equals(followerKey);
      }
      assertThat(lagging).isFalse();
      assertThat(ivs.ivsLocal.control().callCount("ImportPlaybackKeyPair")).isEqualTo(2);
      String secondKey = b.signer().currentKey().orElseThrow().keyId();
      assertThat(secondKey).isNotEqualTo(firstKey);
      assertThat(ivs.play(b.signer().sign(ivs.claims(Duration.ofMinutes(10))))).isEqualTo(200);
      assertThat(ivs.play(a.signer().sign(ivs.claims(Duration.ofMinutes(10))))).isEqualTo(200);

      // host-a dies without releasing its lease; host-b takes over once the lease expires and runs
      // the schedule.
      for (int minute = 1; minute <= 35; minute++) {
        ivs.clock.advance(TestPolicies.STEP);
        b.tick();
      }
      assertThat(b.isLeader()).isTrue();
      assertThat(ivs.ivsLocal.control().callCount("ImportPlaybackKeyPair")).isEqualTo(3);
      assertThat(b.activeKey().orElseThrow().keyId()).isNotEqualTo(secondKey);
      assertThat(ivs.play(b.signer().sign(ivs.claims(Duration.ofMinutes(10))))).isEqualTo(200);
      assertThat(ivs.managedPairs("fleet")).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSecondManager_cannotForceARotationWhileTheFirstHoldsTheLease() {
    ivs.reset();
    Path dir = temp.resolve("keys2");
    PlaybackKeyManager a = manager("host-a", dir);
    PlaybackKeyManager b = manager("host-b", dir);
    a.start();
    b.start();
    org.assertj.core.api.Assertions.assertThatThrownBy(b::rotate)
        .isInstanceOf(PlaybackKeyStoreException.class)
        .hasFieldOrPropertyWithValue("reason", PlaybackKeyException.Reason.LEASE_NOT_HELD)
        .hasMessageContaining("host-a");
    a.close(); // releases the lease: host-b may act at once
    assertThat(b.rotate().state()).isEqualTo(PlaybackKeyState.IMPORTED);
  }
}
