package dev.ivsplayback.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.token.MintedToken;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Processes sharing a store with different policies (servers at a 20-minute maxTokenTtl, a cron job
 * rotating with 10 minutes): the store records the fleet's limits, deletion waits for the longest,
 * signers mint within the shortest.
 */
class FleetTokenLimitsTest {
  @RegisterExtension static final IvsFixture ivs = new IvsFixture(3);

  @TempDir Path temp;

  @BeforeEach
  void reset() {
    ivs.reset();
  }

  private static RotationPolicy policy(Duration maxTokenTtl) {
    return TestPolicies.standard().toBuilder()
        .maxTokenTtl(maxTokenTtl)
        .rotationInterval(Duration.ofHours(2))
        .build();
  }

  private static PlaybackKeyManager manager(
      String owner, PlaybackKeyStore store, Duration maxTokenTtl, List<PlaybackKeyEvent> events) {
    return PlaybackKeyManager.builder()
        .managerId("fleet")
        .ownerId(owner)
        .store(store)
        .client(ivs.client)
        .policy(policy(maxTokenTtl))
        .clock(ivs.clock)
        .automaticTicks(false)
        .listener(events::add)
        .build();
  }

  @Test
  void
      retiredKey_isNotDeletedBeforeTheLongestTokenAnyManagerCouldMint_whenTheRotatingLeaderHasAShorterTtl() {
    PlaybackKeyStore store = InMemoryPlaybackKeyStore.create(ivs.clock);
    List<PlaybackKeyEvent> events = new ArrayList<>();
    PlaybackKeyManager server = manager("server", store, Duration.ofMinutes(20), events);
    PlaybackKeyManager cron = manager("cron", store, Duration.ofMinutes(10), events);
    server.start(); // leader: creates the first key and records its 20-minute limit
    cron.start(); // follower
    String first = server.activeKey().orElseThrow().keyId();
    assertThat(store.read().tokenLimits()).contains(FleetTokenLimits.of(server.policy()));
    assertThat(cron.signer().maxTokenTtl()).isEqualTo(Duration.ofMinutes(10));

    server.close(); // the server stops refreshing (releases the lease) but keeps minting until its
    // view is too old
    ivs.clock.advance(Duration.ofMinutes(1));
    assertThat(cron.tick()).isTrue();
    cron.rotate();
    // The server mints as late and as long as it may: confirmed at START, maxSnapshotAge 2 min, TTL
    // 20 min.
    ivs.clock.advance(Duration.ofMinutes(1));
    MintedToken longest = server.signer().mint(ivs.claims(Duration.ofMinutes(20)));
    assertThat(longest.key().keyId()).isEqualTo(first);

    Instant deletedAt = null;
    for (int minute = 0; minute < 40 && deletedAt == null; minute++) {
      ivs.clock.advance(TestPolicies.STEP);
      cron.tick();
      deletedAt =
          store.read().key(first).flatMap(k -> k.deletedAt().or(k::destroyedAt)).orElse(null);
      if (ivs.clock.instant().isBefore(longest.expiresAt())) {
        assertThat(ivs.play(longest.token()))
            .as("the server's token plays at %s", ivs.clock.instant())
            .isEqualTo(200);
      }
    }
    assertThat(store.read().key(first).orElseThrow().state())
        .isIn(PlaybackKeyState.DELETED, PlaybackKeyState.DESTROYED);
    assertThat(deletedAt).isAfterOrEqualTo(longest.expiresAt());
    cron.close();
  }

  @Test
  void follower_withLongerLocalTtl_mintsOnlyWithinTheStoredLimit_untilItLeadsAndRaisesIt() {
    PlaybackKeyStore store = InMemoryPlaybackKeyStore.create(ivs.clock);
    List<PlaybackKeyEvent> events = new ArrayList<>();
    PlaybackKeyManager cron = manager("cron", store, Duration.ofMinutes(10), events);
    PlaybackKeyManager server = manager("server", store, Duration.ofMinutes(20), events);
    cron.start();
    server.start();
    assertThat(server.isLeader()).isFalse();
    assertThat(server.signer().maxTokenTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThatThrownBy(() -> server.signer().mint(ivs.claims(Duration.ofMinutes(15))))
        .isInstanceOf(TokenTtlTooLongException.class)
        .hasMessageStartingWith("exp: ")
        .hasMessageContaining("key store's recorded maxTokenTtl PT10M")
        .hasMessageContaining("shorter than this process's maxTokenTtl PT20M");

    cron.close();
    ivs.clock.advance(TestPolicies.STEP);
    assertThat(server.tick()).isTrue();
    assertThat(events)
        .extracting(PlaybackKeyEvent::type)
        .contains(PlaybackKeyEvent.Type.TOKEN_LIMITS_RAISED);
    assertThat(store.read().tokenLimits().orElseThrow().maxTokenTtl())
        .isEqualTo(Duration.ofMinutes(20));
    assertThat(server.signer().mint(ivs.claims(Duration.ofMinutes(15))).token()).isNotEmpty();

    // A leader with a shorter policy never lowers the stored limits.
    server.close();
    PlaybackKeyManager cronAgain = manager("cron-2", store, Duration.ofMinutes(10), events);
    ivs.clock.advance(TestPolicies.STEP);
    cronAgain.start();
    assertThat(cronAgain.isLeader()).isTrue();
    assertThat(store.read().tokenLimits().orElseThrow().maxTokenTtl())
        .isEqualTo(Duration.ofMinutes(20));
    cronAgain.close();
  }

  @Test
  void fileStore_recordsTheLimits_andReadsAStoreWithoutThemAsEmpty() {
    Path dir = temp.resolve("keys");
    char[] passphrase = "fleet passphrase".toCharArray();
    FileSystemPlaybackKeyStore store =
        FileSystemPlaybackKeyStore.builder()
            .directory(dir)
            .passphrase(passphrase)
            .encryptionParameters(KeyEncryptionParameters.of(10, 1))
            .clock(ivs.clock)
            .build();
    store.tryAcquireLease("a", Duration.ofMinutes(2));
    store.write(0, List.of(), "a");
    assertThat(store.read().tokenLimits()).isEmpty(); // as a store written before limits existed
    FleetTokenLimits limits =
        new FleetTokenLimits(Duration.ofMinutes(20), Duration.ofMinutes(2), Duration.ofMinutes(1));
    store.write(1, List.of(), limits, "a");
    store.write(2, List.of(), "a"); // a write without limits keeps the stored ones
    FileSystemPlaybackKeyStore reopened =
        FileSystemPlaybackKeyStore.builder()
            .directory(dir)
            .passphrase(passphrase)
            .clock(ivs.clock)
            .build();
    assertThat(reopened.read().tokenLimits()).isEqualTo(Optional.of(limits));
    assertThat(reopened.read().version()).isEqualTo(3);
    assertThat(limits.deletionDelay()).isEqualTo(Duration.ofMinutes(23));
  }
}
