package dev.ivsplayback.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ivsplayback.token.InvalidConfigurationException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ivs.IvsClient;
import software.amazon.awssdk.services.ivs.model.Channel;

/**
 * Lifecycle, builder checks (in build(), naming the setting), custom region and account, and the
 * JUnit extension.
 */
class IvsLocalTest {

  @Test
  void start_bindsLoopback_andCloseReleasesThePort() throws Exception {
    IvsLocal ivs = IvsLocal.builder().build().start();
    int port = ivs.port();

    assertThat(ivs.endpoint().toString()).isEqualTo("http://127.0.0.1:" + port);
    assertThat(RawHttp.post(ivs, "/ListChannels", "{}").statusCode()).isEqualTo(200);
    ivs.close();
    ivs.close();
    try (ServerSocket again =
        new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void start_onAGivenPort_servesThere() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (IvsLocal ivs = IvsLocal.builder().port(port).build().start()) {
      assertThat(ivs.endpoint().getPort()).isEqualTo(port);
      try (IvsLocal clash = IvsLocal.builder().port(port).build()) {
        assertThatThrownBy(clash::start)
            .isInstanceOf(IvsLocalException.class)
            .hasMessageContaining("127.0.0.1:" + port);
      }
    }
  }

  @Test
  void lifecycleMisuse_isIvsLocalException() {
    IvsLocal ivs = IvsLocal.builder().build();
    assertThatThrownBy(ivs::endpoint)
        .isInstanceOf(IvsLocalException.class)
        .hasMessageContaining("not started");
    ivs.start();
    assertThatThrownBy(ivs::start)
        .isInstanceOf(IvsLocalException.class)
        .hasMessageContaining("already started");
    ivs.close();
    assertThatThrownBy(ivs::start)
        .isInstanceOf(IvsLocalException.class)
        .hasMessageContaining("closed");
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 65536, 70000})
  void build_whenPortIsOutOfRange_rejectsNamingPort(int port) {
    assertRejected(IvsLocal.builder().port(port), "port", String.valueOf(port), "65535");
  }

  @Test
  void build_whenRegionIsNotARegionName_rejectsNamingRegion() {
    assertRejected(IvsLocal.builder().region("Mars"), "region", "'Mars'", "us-west-2");
  }

  @Test
  void build_whenRegionIsNull_rejectsNamingRegion() {
    assertRejected(IvsLocal.builder().region(null), "region", "null", "us-west-2");
  }

  @Test
  void build_whenAccountIdIsNotTwelveDigits_rejectsNamingAccountId() {
    assertRejected(IvsLocal.builder().accountId("123"), "accountId", "'123'", "12 digits");
  }

  @Test
  void build_whenSecretIsEmpty_rejectsNamingCredentials_withoutEchoingThem() {
    Throwable e =
        assertRejected(
            IvsLocal.builder().credentials("AKIDVISIBLE", ""),
            "credentials",
            "secret",
            "non-empty");

    assertThat(e.getMessage()).doesNotContain("AKIDVISIBLE");
  }

  @Test
  void build_whenAccessKeyIdIsNull_rejectsNamingCredentials_withoutEchoingTheSecret() {
    Throwable e =
        assertRejected(
            IvsLocal.builder().credentials(null, "very-secret"),
            "credentials",
            "access key id",
            "non-empty");

    assertThat(e.getMessage()).doesNotContain("very-secret");
  }

  @Test
  void build_whenClockIsNull_rejectsNamingClock() {
    assertRejected(IvsLocal.builder().clock(null), "clock", "null", "required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT0S", "PT-1S", "PT0.0005S", "PT1H0.001S"})
  void build_whenHeaderReadTimeoutIsOutOfRange_rejectsNamingHeaderReadTimeout(String timeout) {
    assertRejected(
        IvsLocal.builder().headerReadTimeout(Duration.parse(timeout)),
        "headerReadTimeout",
        timeout,
        "from 1 millisecond");
  }

  @Test
  void build_whenHeaderReadTimeoutIsNull_rejectsNamingHeaderReadTimeout() {
    assertRejected(
        IvsLocal.builder().headerReadTimeout(null), "headerReadTimeout", "null", "1 hour");
  }

  @Test
  void build_whenRejected_leavesTheBuilderAsItWas() {
    IvsLocal.Builder b = IvsLocal.builder().accountId("123").region("eu-west-1");

    assertRejected(b, "accountId", "'123'", "12 digits");
    assertRejected(b, "accountId", "'123'", "12 digits");
    try (IvsLocal ivs = b.accountId("210987654321").build()) {
      assertThat(ivs.region()).isEqualTo("eu-west-1");
      assertThat(ivs.accountId()).isEqualTo("210987654321");
    }
  }

  /** build() throws InvalidConfigurationException naming the setting, its value and the rule. */
  private static Throwable assertRejected(
      IvsLocal.Builder builder, String setting, String value, String rule) {
    Throwable e = catchThrowable(builder::build);
    assertThat(e)
        .isInstanceOfSatisfying(
            InvalidConfigurationException.class, c -> assertThat(c.setting()).isEqualTo(setting))
        .hasMessageStartingWith(setting + ": ")
        .hasMessageContaining(value)
        .hasMessageContaining(rule);
    return e;
  }

  @Test
  void regionAndAccount_appearInArnsAndPlaybackUrls() {
    try (IvsLocal ivs =
            IvsLocal.builder().region("eu-central-1").accountId("210987654321").build().start();
        IvsClient client = Sdk.client(ivs)) {
      Channel c = client.createChannel(b -> {}).channel();

      assertThat(ivs.region()).isEqualTo("eu-central-1");
      assertThat(ivs.accountId()).isEqualTo("210987654321");
      assertThat(c.arn()).startsWith("arn:aws:ivs:eu-central-1:210987654321:channel/");
      assertThat(c.playbackUrl()).contains("/api/video/v1/eu-central-1.210987654321.channel.");
    }
  }

  @Test
  void toString_showsEndpointButNoSecret() {
    try (IvsLocal ivs = IvsLocal.builder().credentials("AKID", "very-secret").build().start()) {
      assertThat(ivs.toString())
          .contains(ivs.endpoint().toString())
          .contains("verified")
          .doesNotContain("very-secret");
    }
  }

  /**
   * An extension on an instance field runs a fresh endpoint per test and injects it as a parameter.
   */
  @Nested
  class PerTestExtension {
    @RegisterExtension IvsLocalExtension perTest = new IvsLocalExtension();

    @Test
    void parameterIsTheRunningEndpoint(IvsLocal injected) throws Exception {
      assertThat(injected).isSameAs(perTest.ivsLocal());
      HttpResponse<String> r = RawHttp.post(injected, "/CreateChannel", "{}");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(perTest.endpoint()).isEqualTo(injected.endpoint());
    }
  }
}
