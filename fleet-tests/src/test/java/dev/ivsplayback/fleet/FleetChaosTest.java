package dev.ivsplayback.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fleet chaos run of issue 13 in {@code mvn verify}: four member JVMs on one JDBC store (a
 * fresh store id per run) and one ivs-local, 60 s of SIGKILLs of the lease holder and one SIGSTOP
 * past its lease, every sampled token played. The file store and longer runs: {@code
 * fleet-tests/fleet-chaos.sh}.
 */
class FleetChaosTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"postgresql", "mariadb"})
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void aFleetOnAJdbcStore_keepsEveryInvariantThroughKillsAndAPause(String store) throws Exception {
    long seed = new SecureRandom().nextLong();
    Path dir = Path.of("target", "fleet-runs", store + "-" + Long.toHexString(seed));

    FleetReport report =
        FleetChaos.run(FleetConfig.of(Duration.ofSeconds(60), store, dir, seed), System.out);

    System.out.println(report.summary());
    assertThat(report.failures()).as(report.summary()).isEmpty();
    assertThat(report.storeKind()).isEqualTo(store);
    assertThat(report.kills()).isGreaterThanOrEqualTo(10);
    assertThat(report.pauses()).isEqualTo(1);
    assertThat(report.rotations()).isGreaterThanOrEqualTo(5);
    assertThat(report.played()).isGreaterThanOrEqualTo(20L * 60);
    assertThat(report.refused()).isZero();
    assertThat(report.maxManaged()).isBetween(1, 2);
    assertThat(report.maxPairs()).isLessThanOrEqualTo(3);
  }
}
