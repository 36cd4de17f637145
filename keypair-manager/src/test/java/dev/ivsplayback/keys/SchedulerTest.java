package dev.ivsplayback.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivsplayback.keys.PlaybackKeyEvent.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The manager's own schedule: real executor threads, decisions by the injected clock. */
class SchedulerTest {
  @RegisterExtension static final IvsFixture ivs = new IvsFixture(3);

  @BeforeEach
  void reset() {
    ivs.reset();
  }

  @Test
  void scheduledTicks_rotateByTheInjectedClock() throws Exception {
    // Ticks every 20 ms of real time; what they do is decided by the test clock alone.
    RotationPolicy policy =
        TestPolicies.standard().toBuilder().refreshInterval(Duration.ofMillis(20)).build();
    CountDownLatch imported = new CountDownLatch(2);
    CountDownLatch rotated = new CountDownLatch(1);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try (PlaybackKeyManager manager =
        PlaybackKeyManager.builder()
            .managerId("scheduled")
            .store(InMemoryPlaybackKeyStore.create(ivs.clock))
            .client(ivs.client)
            .policy(policy)
            .clock(ivs.clock)
            .scheduler(scheduler)
            .listener(
                e -> {
                  if (e.type() == Type.IMPORTED) {
                    imported.countDown();
                  } else if (e.type() == Type.ROTATED) {
                    rotated.countDown();
                  }
                })
            .build()) {
      manager.start();
      assertThat(imported.getCount()).isEqualTo(1);
      ivs.clock.advance(Duration.ofMinutes(30));
      assertThat(imported.await(30, TimeUnit.SECONDS))
          .as("scheduled tick started the rotation")
          .isTrue();
      assertThat(rotated.getCount()).as("not promoted before its propagation delay").isEqualTo(1);
      ivs.clock.advance(policy.propagationDelay());
      assertThat(rotated.await(30, TimeUnit.SECONDS))
          .as("scheduled tick promoted the new key")
          .isTrue();
      assertThat(ivs.ivsLocal.control().callCount("ImportPlaybackKeyPair")).isEqualTo(2);
      assertThat(ivs.play(manager.signer().sign(ivs.claims(Duration.ofMinutes(5))))).isEqualTo(200);
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void concurrentTicks_neverStartTwoRotations() throws Exception {
    PlaybackKeyManager manager =
        PlaybackKeyManager.builder()
            .managerId("concurrent")
            .store(InMemoryPlaybackKeyStore.create(ivs.clock))
            .client(ivs.client)
            .policy(TestPolicies.standard())
            .clock(ivs.clock)
            .automaticTicks(false)
            .build();
    manager.start();
    ivs.clock.advance(Duration.ofMinutes(31));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Boolean>> ticks = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        ticks.add(manager::tick);
      }
      for (var f : pool.invokeAll(ticks)) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(ivs.ivsLocal.control().callCount("ImportPlaybackKeyPair")).isEqualTo(2);
    assertThat(manager.keys())
        .extracting(PlaybackKeyRecord::state)
        .containsExactly(PlaybackKeyState.ACTIVE, PlaybackKeyState.IMPORTED);
  }
}
