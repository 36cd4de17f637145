package dev.ivsplayback.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The hand-moved clock: moves, zone views, concurrent advances and null arguments. */
class MutableClockTest {
  static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  @Test
  void instant_standsStillUntilMoved_advanceAndSetMoveIt() {
    MutableClock clock = new MutableClock(START);

    assertThat(clock.instant()).isEqualTo(START);
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(clock.advance(Duration.ofMinutes(5))).isEqualTo(START.plusSeconds(300));
    assertThat(clock.millis()).isEqualTo(START.plusSeconds(300).toEpochMilli());
    assertThat(clock.advance(Duration.ofSeconds(-60))).isEqualTo(START.plusSeconds(240));
    clock.set(START.minusSeconds(1));
    assertThat(clock.instant()).isEqualTo(START.minusSeconds(1));
  }

  @Test
  void withZone_sharesTheInstant() {
    MutableClock clock = new MutableClock(START);
    ZoneId paris = ZoneId.of("Europe/Paris");

    MutableClock inParis = clock.withZone(paris);
    clock.advance(Duration.ofHours(1));

    assertThat(inParis.getZone()).isEqualTo(paris);
    assertThat(inParis.instant()).isEqualTo(START.plusSeconds(3600));
    assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
    inParis.set(START);
    assertThat(clock.instant()).isEqualTo(START);
  }

  @Test
  void advance_fromManyThreads_losesNoStep() throws Exception {
    MutableClock clock = new MutableClock(START);
    int threads = 4;
    int steps = 10_000;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                for (int i = 0; i < steps; i++) {
                  clock.advance(Duration.ofMillis(1));
                }
              });
      w.start();
      workers.add(w);
    }
    go.countDown();
    for (Thread w : workers) {
      w.join();
    }

    assertThat(clock.instant()).isEqualTo(START.plusMillis((long) threads * steps));
  }

  @Test
  void nullArguments_areRejectedWithTheirName() {
    MutableClock clock = new MutableClock(START);

    assertThatThrownBy(() -> new MutableClock(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("start");
    assertThatThrownBy(() -> clock.advance(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("duration");
    assertThatThrownBy(() -> clock.set(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("instant");
    assertThatThrownBy(() -> clock.withZone(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("zone");
    assertThat(clock.instant()).isEqualTo(START);
  }
}
