package dev.ivsplayback.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.keys.contract.PlaybackKeyStoreContract;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForwardingPlaybackKeyStoreTest {
  private final InMemoryPlaybackKeyStore real = InMemoryPlaybackKeyStore.create();
  private final ForwardingPlaybackKeyStore forwarding = new ForwardingPlaybackKeyStore(real) {};

  @Test
  void everyCall_reachesTheWrappedStore() {
    Optional<StoreLease> lease = forwarding.tryAcquireLease("a", Duration.ofMinutes(1));
    assertThat(lease).map(StoreLease::owner).contains("a");
    assertThat(real.tryAcquireLease("b", Duration.ofMinutes(1))).isEmpty();

    PlaybackKeyRecord record = PlaybackKeyStoreContract.record("k1");
    forwarding.write(0, List.of(record), "a");
    assertThat(real.read().keys()).extracting(PlaybackKeyRecord::keyId).containsExactly("k1");
    assertThat(forwarding.read().version()).isEqualTo(real.read().version()).isEqualTo(1);

    forwarding.releaseLease("a");
    assertThat(real.tryAcquireLease("b", Duration.ofMinutes(1))).isPresent();
  }

  @Test
  void writeWithTokenLimits_isForwardedNotLeftToTheDefault() {
    real.tryAcquireLease("a", Duration.ofMinutes(1));
    FleetTokenLimits limits =
        new FleetTokenLimits(Duration.ofMinutes(20), Duration.ofMinutes(2), Duration.ofMinutes(1));

    forwarding.write(0, List.of(), limits, "a");

    assertThat(real.read().tokenLimits()).contains(limits);
  }

  @Test
  void delegate_isTheWrappedStore() {
    assertThat(forwarding.delegate()).isSameAs(real);
  }

  @Test
  void constructor_whenDelegateNull_rejects() {
    assertThatThrownBy(() -> new ForwardingPlaybackKeyStore(null) {})
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("delegate");
  }
}
