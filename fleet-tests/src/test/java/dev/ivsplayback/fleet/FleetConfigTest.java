package dev.ivsplayback.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FleetConfigTest {
  private static FleetConfig of(Duration length) {
    return FleetConfig.of(length, "file", Path.of("target"), 1);
  }

  @Test
  void lengths_parseWithOrWithoutAUnit() {
    assertThat(FleetConfig.parseLength("90")).isEqualTo(Duration.ofSeconds(90));
    assertThat(FleetConfig.parseLength("60s")).isEqualTo(Duration.ofSeconds(60));
    assertThat(FleetConfig.parseLength("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(FleetConfig.parseLength("1h")).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> FleetConfig.parseLength("ten minutes"))
        .hasMessageContaining("60s, 10m or 1h");
    assertThatThrownBy(() -> of(Duration.ofSeconds(59))).hasMessageContaining("at least 60 s");
  }

  @Test
  void kills_andRotations_scaleWithTheLength() {
    assertThat(of(Duration.ofSeconds(60)).kills()).isEqualTo(10);
    assertThat(of(Duration.ofSeconds(60)).requiredRotations()).isEqualTo(5);
    assertThat(of(Duration.ofMinutes(10)).kills()).isEqualTo(100);
    // 600 s / (7.5 s rotation + 3 s propagation) = 57 cycles; two thirds of them
    assertThat(of(Duration.ofMinutes(10)).requiredRotations()).isEqualTo(38);
  }

  @Test
  void aPolicyTheRulesAccept_withTheAskedTokenNumbers() {
    assertThat(FleetPolicy.policy().maxTokenTtl()).isEqualTo(Duration.ofSeconds(5));
    assertThat(FleetPolicy.policy().maxSnapshotAge()).isEqualTo(Duration.ofSeconds(2));
    assertThat(FleetPolicy.policy().propagationDelay()).isEqualTo(Duration.ofSeconds(3));
    assertThat(FleetPolicy.policy().rotationInterval())
        .isGreaterThan(FleetPolicy.policy().deletionDelay());
  }

  @Test
  void storeSpecs_nameTheirKind_andHidePasswords() {
    assertThat(StoreSpec.file(Path.of("/tmp/x")).kind()).isEqualTo("file");
    StoreSpec pg = new StoreSpec("jdbc:postgresql://h/db?user=u&password=p4ss&ssl=false", "s1");
    assertThat(pg.kind()).isEqualTo("postgresql");
    assertThat(pg.redacted()).doesNotContain("p4ss").contains("password=***", "ssl=false");
    assertThat(new StoreSpec("jdbc:mariadb://h/db", "s1").kind()).isEqualTo("mariadb");
    assertThatThrownBy(() -> new StoreSpec("redis://h", "s1"))
        .hasMessageContaining("file:/dir, jdbc:postgresql://... or jdbc:mariadb://...");
  }
}
