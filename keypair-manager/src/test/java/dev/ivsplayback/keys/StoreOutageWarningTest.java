package dev.ivsplayback.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.token.MintReadiness;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A store outage stops minting after {@code maxSnapshotAge} (fail-closed); a {@code KEY_VIEW_AGING}
 * event fires at half of it, and {@code readiness()} says why minting stopped. The outage is
 * injected by a wrapper around the real in-memory store (reads fail while {@code down}), because a
 * real store cannot be made unreadable on demand from inside a test.
 */
class StoreOutageWarningTest {
  @RegisterExtension static final IvsFixture ivs = new IvsFixture(1);

  private final List<PlaybackKeyEvent> events = new CopyOnWriteArrayList<>();
  private volatile boolean down;

  @BeforeEach
  void reset() {
    ivs.reset();
  }

  private PlaybackKeyManager manager() {
    PlaybackKeyStore real = InMemoryPlaybackKeyStore.create(ivs.clock);
    PlaybackKeyStore flaky =
        new ForwardingPlaybackKeyStore(real) {
          @Override
          public PlaybackKeyStoreSnapshot read() {
            if (down) {
              throw new PlaybackKeyStoreException(
                  PlaybackKeyException.Reason.STORE_IO, "store unreachable (test outage)");
            }
            return super.read();
          }
        };
    return PlaybackKeyManager.builder()
        .managerId("outage")
        .store(flaky)
        .client(ivs.client)
        .policy(TestPolicies.standard())
        .clock(ivs.clock)
        .automaticTicks(false)
        .listener(events::add)
        .build();
  }

  private long aging() {
    return events.stream().filter(e -> e.type() == PlaybackKeyEvent.Type.KEY_VIEW_AGING).count();
  }

  @Test
  void storeOutage_warnsAtHalfTheSnapshotAge_thenStopsMintingWithAReason() {
    PlaybackKeyManager manager = manager();
    manager.start();
    Duration maxAge = TestPolicies.standard().maxSnapshotAge();
    down = true;

    ivs.clock.advance(maxAge.dividedBy(4));
    assertThatThrownBy(manager::tick).isInstanceOf(PlaybackKeyStoreException.class);
    assertThat(aging()).as("not yet at half the age").isZero();

    ivs.clock.advance(maxAge.dividedBy(4));
    assertThatThrownBy(manager::tick).isInstanceOf(PlaybackKeyStoreException.class);
    assertThat(aging()).as("warned at half the age").isEqualTo(1);
    assertThat(manager.signer().readiness().ready()).as("still minting").isTrue();

    ivs.clock.advance(maxAge.dividedBy(4));
    assertThatThrownBy(manager::tick).isInstanceOf(PlaybackKeyStoreException.class);
    assertThat(aging()).as("once per outage").isEqualTo(1);

    ivs.clock.advance(maxAge.dividedBy(4).plusSeconds(1));
    assertThat(manager.signer().readiness().status())
        .isEqualTo(MintReadiness.Status.KEY_VIEW_STALE);
    Duration maxTtl = TestPolicies.standard().maxTokenTtl();
    assertThatThrownBy(() -> manager.signer().sign(ivs.claims(maxTtl)))
        .as("a token that could outlive the key's deletion is refused")
        .isInstanceOf(PlaybackKeyException.class);

    down = false;
    manager.tick();
    assertThat(manager.signer().readiness().ready()).as("back after one good read").isTrue();
    manager.close();
  }
}
