package dev.ivsplayback.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ivsplayback.testing.LogCapture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * The handler never lets an unexpected exception out as anything but IVS's JSON 500, and logs it
 * once at WARN with the request id the client got.
 */
class IvsHttpHandlerTest {

  @Test
  void unexpectedException_becomesJson500InternalServerException() throws Exception {
    IvsState state = new IvsState("us-west-2", "123456789012", Clock.systemUTC());
    String id =
        state
            .execute("CreateChannel", new ObjectMapper().createObjectNode())
            .path("channel")
            .path("arn")
            .asText()
            .replaceFirst(".*/", "");
    // A failing part that cannot fail for real here: a playback authorizer that throws.
    PlaybackAuthorizer broken =
        (channel, token, origin) -> {
          throw new IllegalStateException("boom");
        };
    IvsHttpHandler handler =
        new IvsHttpHandler(
            state,
            new SigV4Verifier("us-west-2", null, null, Clock.systemUTC()),
            new Throttle(Clock.systemUTC()),
            false,
            new Faults(),
            broken,
            "us-west-2",
            "123456789012",
            (action, query, body) -> null);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", handler);
    server.start();
    try (LogCapture logs = LogCapture.start()) {
      URI uri =
          URI.create(
              "http://127.0.0.1:"
                  + server.getAddress().getPort()
                  + "/api/video/v1/us-west-2.123456789012.channel."
                  + id
                  + ".m3u8");
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());

      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("InternalServerException");
      JsonNode body = new ObjectMapper().readTree(r.body());
      assertThat(body.path("__type").asText()).isEqualTo("InternalServerException");
      assertThat(body.path("message").asText()).contains("Unexpected error").doesNotContain("boom");
      String requestId = r.headers().firstValue("x-amzn-RequestId").orElseThrow();
      assertThat(logs.entries(IvsHttpHandler.class.getName()))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.level()).isEqualTo(Level.WARN);
                assertThat(e.message()).contains(requestId).contains("answered 500");
                assertThat(e.throwable()).hasMessage("boom");
              });
    } finally {
      server.stop(0);
    }
  }
}
