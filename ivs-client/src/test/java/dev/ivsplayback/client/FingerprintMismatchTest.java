package dev.ivsplayback.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ivsplayback.token.PlaybackKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fingerprint from IVS that differs from the local one. ivs-local computes fingerprints
 * correctly, so it cannot produce this answer; a minimal HTTP endpoint on the loopback interface
 * answers ImportPlaybackKeyPair instead, and the real SDK client talks to it over HTTP.
 */
class FingerprintMismatchTest {
  private static final String WRONG = "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff";
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/ImportPlaybackKeyPair",
        exchange -> {
          byte[] body =
              ("{\"keyPair\":{\"arn\":\"arn:aws:ivs:us-west-2:123456789012:playback-key/abcd1234efgh\","
                      + "\"name\":\"k\",\"fingerprint\":\""
                      + WRONG
                      + "\",\"tags\":{}}}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void importKeyPair_whenIvsReportsAnotherFingerprint_throwsWithBothValues() {
    KeyPair key = TestSupport.p384();
    URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    try (IvsPlaybackClient client =
        IvsPlaybackClient.create(TestSupport.config(endpoint).build())) {
      assertThatThrownBy(() -> client.playbackKeyPairs().importKeyPair(key.getPublic(), "k", null))
          .isInstanceOf(FingerprintMismatchException.class)
          .satisfies(
              e -> {
                FingerprintMismatchException m = (FingerprintMismatchException) e;
                assertThat(m.actual()).isEqualTo(WRONG);
                assertThat(m.expected()).isEqualTo(PlaybackKeys.fingerprint(key.getPublic()));
                assertThat(m.arn()).endsWith("playback-key/abcd1234efgh");
              });
    }
  }
}
