package dev.ivsplayback.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.token.InvalidConfigurationException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class IvsClientConfigTest {

  @Test
  void defaults_areTheDocumentedOnes() {
    IvsClientConfig config = IvsClientConfig.builder().build();
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.socketTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.apiCallAttemptTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.apiCallTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.maxAttempts()).isEqualTo(3);
    assertThat(config.clientSideRateLimits()).isFalse();
    assertThat(config.rateLimitMode()).isEqualTo(RateLimitMode.WAIT);
    assertThat(config.region()).isEmpty();
    assertThat(config.endpointOverride()).isEmpty();
  }

  @Test
  void toBuilder_keepsEveryValue() {
    IvsClientConfig config =
        IvsClientConfig.builder()
            .region("eu-west-1")
            .endpointOverride(URI.create("http://127.0.0.1:1234"))
            .maxAttempts(5)
            .clientSideRateLimits(true)
            .rateLimitMode(RateLimitMode.FAIL_FAST)
            .channelDirectoryTtl(Duration.ofMinutes(5))
            .channelDirectoryRefreshAfter(Duration.ofMinutes(1))
            .build();
    IvsClientConfig copy = config.toBuilder().build();
    assertThat(copy.region()).contains(Region.EU_WEST_1);
    assertThat(copy.endpointOverride()).contains(URI.create("http://127.0.0.1:1234"));
    assertThat(copy.maxAttempts()).isEqualTo(5);
    assertThat(copy.rateLimitMode()).isEqualTo(RateLimitMode.FAIL_FAST);
    assertThat(copy.channelDirectoryTtl()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void maxAttempts_outOfRange_isRejectedNamingTheField() {
    assertThatThrownBy(() -> IvsClientConfig.builder().maxAttempts(0).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("maxAttempts: 0 is out of range; it must be between 1 and 10")
        .extracting(e -> ((InvalidConfigurationException) e).setting())
        .isEqualTo("maxAttempts");
  }

  @Test
  void negativeTimeout_isRejectedNamingTheField() {
    assertThatThrownBy(
            () -> IvsClientConfig.builder().connectTimeout(Duration.ofSeconds(-1)).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("connectTimeout: PT-1S is not positive");
  }

  @Test
  void refreshNotBelowTtl_isRejected() {
    assertThatThrownBy(
            () ->
                IvsClientConfig.builder()
                    .channelDirectoryTtl(Duration.ofSeconds(10))
                    .channelDirectoryRefreshAfter(Duration.ofSeconds(10))
                    .build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("is not shorter than channelDirectoryTtl");
  }

  @Test
  void relativeEndpoint_isRejected() {
    assertThatThrownBy(
            () -> IvsClientConfig.builder().endpointOverride(URI.create("/local")).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("endpointOverride");
  }

  @Test
  void build_afterARejectedSetting_leavesTheBuilderUnchanged() {
    IvsClientConfig.Builder b = IvsClientConfig.builder().region("eu-west-1").maxAttempts(0);
    assertThatThrownBy(b::build).isInstanceOf(InvalidConfigurationException.class);
    assertThat(b.maxAttempts(4).build().maxAttempts()).isEqualTo(4);
    assertThat(b.build().region()).contains(Region.EU_WEST_1);
  }

  @Test
  void blankRegion_isRejectedNamingTheSetting() {
    assertThatThrownBy(() -> IvsClientConfig.builder().region(" ").build())
        .isInstanceOfSatisfying(
            InvalidConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("region"));
  }

  @Test
  void toString_neverShowsCredentials() {
    IvsClientConfig config =
        IvsClientConfig.builder()
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIDSHOULDNOTPRINT", "secretShouldNotPrint")))
            .build();
    assertThat(config.toString())
        .doesNotContain("AKIDSHOULDNOTPRINT")
        .doesNotContain("secretShouldNotPrint");
  }

  @Test
  void create_withNullConfig_isRejected() {
    assertThatThrownBy(() -> IvsPlaybackClient.create(null))
        .isInstanceOf(InvalidConfigurationException.class);
  }
}
