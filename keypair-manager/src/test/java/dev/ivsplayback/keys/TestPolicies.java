package dev.ivsplayback.keys;

import java.time.Duration;

/**
 * Timing used by the manager tests: rotate every 30 min, tokens up to 10 min, deletion 13 min after
 * retirement.
 */
final class TestPolicies {
  static final Duration STEP = Duration.ofMinutes(1);

  private TestPolicies() {}

  static RotationPolicy standard() {
    return RotationPolicy.builder()
        .rotationInterval(Duration.ofMinutes(30))
        .maxTokenTtl(Duration.ofMinutes(10))
        .clockSkew(Duration.ofMinutes(1))
        .propagationDelay(Duration.ofMinutes(2))
        .maxSnapshotAge(Duration.ofMinutes(2))
        .refreshInterval(Duration.ofSeconds(30))
        .reconcileInterval(Duration.ofMinutes(10))
        .leaseDuration(Duration.ofMinutes(2))
        .build();
  }
}
