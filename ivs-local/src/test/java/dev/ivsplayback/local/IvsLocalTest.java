package dev.ivsplayback.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ivs.IvsClient;
import software.amazon.awssdk.services.ivs.model.Channel;

/** Lifecycle, builder checks, custom region and account, and the JUnit extension. */
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

  @Test
  void builder_rejectsBadSettings() {
    assertThatThrownBy(() -> IvsLocal.builder().port(70000))
        .isInstanceOf(IvsLocalException.class)
        .hasMessageContaining("port");
    assertThatThrownBy(() -> IvsLocal.builder().region("Mars"))
        .isInstanceOf(IvsLocalException.class)
        .hasMessageContaining("region");
    assertThatThrownBy(() -> IvsLocal.builder().accountId("123"))
        .isInstanceOf(IvsLocalException.class)
        .hasMessageContaining("12 digits");
    assertThatThrownBy(() -> IvsLocal.builder().credentials("AK", ""))
        .isInstanceOf(IvsLocalException.class)
        .hasMessageContaining("secret");
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
