package dev.ivsplayback.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SlidingWindowRateLimiterTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static Clock at(Duration offset) {
    return Clock.fixed(T0.plus(offset), ZoneOffset.UTC);
  }

  @Test
  void allowsThePermitsAtOnce_thenRefusesUntilTheFirstLeavesTheWindow() {
    SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(3);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.reserve(at(Duration.ZERO), false).granted()).isTrue();
    }
    var refused = limiter.reserve(at(Duration.ofMillis(400)), false);
    assertThat(refused.granted()).isFalse();
    assertThat(refused.delay()).isEqualTo(Duration.ofMillis(600));
    assertThat(limiter.reserve(at(Duration.ofSeconds(1)), false).granted()).isTrue();
  }

  @Test
  void neverAllowsMoreThanThePermitsInAnyOneSecond_acrossWindowEdges() {
    // A token bucket of rate 2 and burst 2 would let 4 through between 0.9 s and 1.1 s; this
    // limiter must not.
    SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(2);
    assertThat(limiter.reserve(at(Duration.ofMillis(900)), false).granted()).isTrue();
    assertThat(limiter.reserve(at(Duration.ofMillis(950)), false).granted()).isTrue();
    assertThat(limiter.reserve(at(Duration.ofMillis(1100)), false).granted()).isFalse();
    assertThat(limiter.reserve(at(Duration.ofMillis(1900)), false).granted()).isTrue();
  }

  @Test
  void waitMode_queuesReservationsInOrder() {
    SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(1);
    assertThat(limiter.reserve(at(Duration.ZERO), true).delay()).isZero();
    assertThat(limiter.reserve(at(Duration.ZERO), true).delay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(limiter.reserve(at(Duration.ZERO), true).delay()).isEqualTo(Duration.ofSeconds(2));
  }
}
