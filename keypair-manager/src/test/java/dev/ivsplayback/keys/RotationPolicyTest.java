package dev.ivsplayback.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.token.InvalidConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RotationPolicyTest {

  @Test
  void defaults_areConsistent() {
    RotationPolicy p = RotationPolicy.defaults();
    assertThat(p.deletionDelay()).isEqualTo(Duration.ofMinutes(2 + 60 + 5));
    assertThat(p.keyPairQuota()).isEqualTo(3);
    assertThat(p.maxManagedKeyPairs()).isEqualTo(2);
  }

  @Test
  void rotationInterval_notLongerThanDeletionDelay_isRejected() {
    assertThatThrownBy(
            () ->
                RotationPolicy.builder()
                    .rotationInterval(Duration.ofMinutes(30))
                    .maxTokenTtl(Duration.ofMinutes(30))
                    .build())
        .isInstanceOf(InvalidConfigurationException.class)
        .satisfies(
            e ->
                assertThat(((InvalidConfigurationException) e).setting())
                    .isEqualTo("rotationInterval"))
        .hasMessageContaining("deletion delay");
  }

  @Test
  void refreshInterval_mustBeShorterThanMaxSnapshotAge() {
    assertThatThrownBy(
            () -> RotationPolicy.builder().refreshInterval(Duration.ofMinutes(3)).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("refreshInterval");
  }

  @Test
  void leaseDuration_mustOutlastARefresh() {
    assertThatThrownBy(() -> RotationPolicy.builder().leaseDuration(Duration.ofSeconds(30)).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("leaseDuration");
  }

  @Test
  void nonPositiveDurations_andBadCounts_areRejected() {
    assertThatThrownBy(() -> RotationPolicy.builder().maxTokenTtl(Duration.ZERO).build())
        .hasMessageStartingWith("maxTokenTtl");
    assertThatThrownBy(() -> RotationPolicy.builder().clockSkew(Duration.ofSeconds(-1)).build())
        .hasMessageStartingWith("clockSkew");
    assertThatThrownBy(() -> RotationPolicy.builder().maxManagedKeyPairs(4).build())
        .hasMessageStartingWith("maxManagedKeyPairs");
    assertThatThrownBy(() -> RotationPolicy.builder().keyPairQuota(1).build())
        .hasMessageStartingWith("keyPairQuota");
  }

  @Test
  void build_leavesTheBuilderAsItWas_soAFixedSettingBuildsAfterAFailure() {
    RotationPolicy.Builder builder = RotationPolicy.builder().maxTokenTtl(Duration.ZERO);
    assertThatThrownBy(builder::build)
        .isInstanceOf(InvalidConfigurationException.class)
        .hasFieldOrPropertyWithValue("setting", "maxTokenTtl");

    builder.maxTokenTtl(Duration.ofMinutes(10));

    assertThat(builder.build().maxTokenTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(builder.build().toString()).isEqualTo(builder.build().toString());
  }

  @Test
  void setters_acceptAnything_andBuildNamesTheMissingSetting() {
    RotationPolicy.Builder builder = RotationPolicy.builder().clockSkew(null);

    assertThatThrownBy(builder::build)
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("clockSkew");
  }
}
