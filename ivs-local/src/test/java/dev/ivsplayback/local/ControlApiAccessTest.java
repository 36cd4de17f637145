package dev.ivsplayback.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The unauthenticated /_local/ control API answers local programs only: a foreign Host (DNS
 * rebinding) or a foreign Origin (a web page's cross-site request) is refused with a 403 JSON
 * error; playback URLs keep accepting any Origin.
 */
class ControlApiAccessTest {
  @RegisterExtension static IvsLocalExtension ivs = new IvsLocalExtension().resetBeforeEachTest();

  static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "evil.example",
        "evil.example:4566",
        "127.0.0.2",
        "localhost.evil.example",
        "0.0.0.0",
        "[::2]"
      })
  void control_whenHostIsNotLoopback_is403(String host) throws Exception {
    String response =
        rawPost(
            "/_local/failNext",
            host,
            "{\"operation\":\"ListChannels\",\"count\":1,"
                + "\"errorType\":\"InternalServerException\",\"httpStatus\":500}");

    assertThat(response).startsWith("HTTP/1.1 403");
    JsonNode body = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
    assertThat(body.path("__type").asText()).isEqualTo("AccessDeniedException");
    assertThat(body.path("message").asText()).contains("Host").contains(host).contains("loopback");
    assertThat(RawHttp.post(ivs.ivsLocal(), "/ListChannels", "{}").statusCode())
        .isEqualTo(200); // not armed
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "localhost", "LOCALHOST", "[::1]"})
  void control_whenHostIsLoopback_isAnswered(String hostName) throws Exception {
    String host = hostName + ":" + ivs.endpoint().getPort();

    String response = rawPost("/_local/reset", host, "");

    assertThat(response).startsWith("HTTP/1.1 204");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://evil.example",
        "http://evil.example:8080",
        "null",
        "file://",
        "http://127.0.0.1.evil.example"
      })
  void control_whenOriginIsNotLoopback_is403(String origin) throws Exception {
    HttpResponse<String> r =
        RawHttp.send(
            HttpRequest.newBuilder(ivs.endpoint().resolve("/_local/reset"))
                .header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("__type").asText()).isEqualTo("AccessDeniedException");
    assertThat(body.path("message").asText())
        .contains("Origin '" + origin + "'")
        .contains("loopback");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:3000", "http://localhost", "https://[::1]:8443"})
  void control_whenOriginIsLoopback_isAnswered(String origin) throws Exception {
    HttpResponse<String> r =
        RawHttp.send(
            HttpRequest.newBuilder(ivs.endpoint().resolve("/_local/info"))
                .header("Origin", origin)
                .GET()
                .build());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void playbackUrl_withForeignOriginAndHost_isNotRefusedByTheControlGuard() throws Exception {
    HttpResponse<String> r =
        RawHttp.send(
            HttpRequest.newBuilder(
                    ivs.endpoint()
                        .resolve("/api/video/v1/us-west-2.123456789012.channel.nochannel.m3u8"))
                .header("Origin", "https://player.example")
                .GET()
                .build());
    String raw =
        rawGet("/api/video/v1/us-west-2.123456789012.channel.nochannel.m3u8", "player.example");

    assertThat(r.body()).doesNotContain("AccessDeniedException").doesNotContain("/_local/");
    assertThat(raw).doesNotContain("AccessDeniedException").doesNotContain("/_local/");
  }

  /** java.net.http refuses to set Host, so these requests are written by hand. */
  private static String rawPost(String path, String host, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return raw(
        "POST "
            + path
            + " HTTP/1.1\r\nHost: "
            + host
            + "\r\nContent-Type: application/json\r\n"
            + "Content-Length: "
            + bytes.length
            + "\r\nConnection: close\r\n\r\n"
            + body);
  }

  private static String rawGet(String path, String host) throws IOException {
    return raw("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
  }

  private static String raw(String request) throws IOException {
    try (Socket socket = new Socket(ivs.endpoint().getHost(), ivs.endpoint().getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
