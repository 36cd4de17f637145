package dev.ivsplayback.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The snapshot's invariants: unique key ids, at most one ACTIVE key. Broken data is reported as a
 * corrupt store naming the record, never handed to the manager.
 */
class PlaybackKeyStoreSnapshotTest {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private static final String ARN = "arn:aws:ivs:us-west-2:123456789012:playback-key/";

  private static PlaybackKeyRecord active(String keyId) {
    return Keys.generated(keyId, NOW).toBuilder()
        .state(PlaybackKeyState.ACTIVE)
        .arn(ARN + keyId)
        .activatedAt(NOW)
        .build();
  }

  @Test
  void snapshot_withTwoActiveKeys_isACorruptStore_namingTheSecond() {
    List<PlaybackKeyRecord> keys = List.of(active("first"), active("second"));

    assertThatThrownBy(() -> new PlaybackKeyStoreSnapshot(3, keys, Optional.empty()))
        .isInstanceOf(CorruptKeyStoreException.class)
        .hasFieldOrPropertyWithValue("reason", PlaybackKeyException.Reason.STORE_CORRUPT)
        .hasMessageContaining("two ACTIVE keys, first and second")
        .satisfies(e -> assertThat(((CorruptKeyStoreException) e).keyId()).contains("second"));
  }

  @Test
  void snapshot_withAKeyIdTwice_isACorruptStore_namingIt() {
    List<PlaybackKeyRecord> keys =
        List.of(Keys.generated("same", NOW), Keys.generated("same", NOW.plusSeconds(1)));

    assertThatThrownBy(() -> new PlaybackKeyStoreSnapshot(1, keys, Optional.empty()))
        .isInstanceOf(CorruptKeyStoreException.class)
        .hasMessageContaining("key id same twice")
        .satisfies(e -> assertThat(((CorruptKeyStoreException) e).keyId()).contains("same"));
  }

  @Test
  void active_isTheOneActiveKey() {
    PlaybackKeyRecord one = active("one");
    PlaybackKeyStoreSnapshot snap =
        new PlaybackKeyStoreSnapshot(1, List.of(Keys.generated("two", NOW), one), Optional.empty());

    assertThat(snap.active()).contains(one);
  }

  @Test
  void inMemoryStore_refusesToWriteTwoActiveKeys_andKeepsItsSnapshot() {
    InMemoryPlaybackKeyStore store = InMemoryPlaybackKeyStore.create();
    assertThat(store.tryAcquireLease("owner", Duration.ofMinutes(1))).isPresent();
    PlaybackKeyStoreSnapshot before = store.read();

    assertThatThrownBy(() -> store.write(0, List.of(active("a"), active("b")), "owner"))
        .isInstanceOf(CorruptKeyStoreException.class);

    assertThat(store.read()).isEqualTo(before);
  }
}
