package dev.ivsplayback.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fleet chaos run on the file store: four member JVMs sharing one directory on this host, 60 s
 * of kills of the lease holder and one pause, every sampled token played through ivs-local.
 */
class FleetChaosFileStoreTest {
  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void fleetOnTheFileStore_keepsEveryInvariantThroughKillsAndAPause() throws Exception {
    long seed = new SecureRandom().nextLong();
    Path dir = Path.of("target", "fleet-runs", "file-" + Long.toHexString(seed));

    FleetReport report =
        FleetChaos.run(FleetConfig.of(Duration.ofSeconds(60), "file", dir, seed), System.out);

    System.out.println(report.summary());
    assertThat(report.failures()).as(report.summary()).isEmpty();
    assertThat(report.kills()).isGreaterThanOrEqualTo(10);
    assertThat(report.rotations()).isGreaterThanOrEqualTo(5);
    assertThat(report.played()).isGreaterThanOrEqualTo(20L * 60);
    assertThat(report.refused()).isZero();
    assertThat(report.maxManaged()).isBetween(1, 2);
  }
}
