package dev.ivsplayback.examples.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ivsplayback.token.PlaybackTokenMinter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The profiles {@code benchmarks/http-load.sh} runs: {@code nimbus} swaps the minter for the Nimbus
 * baseline, whose tokens must play like ours for the comparison to mean anything, and {@code
 * loadtest} adds the constant endpoint, which must answer the same shape and size as the real one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"local", "nimbus", "loadtest"})
class LoadTestProfilesTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @LocalServerPort int port;
  @Autowired PlaybackTokenMinter minter;

  private HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString("alice:alice".getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Map<?, ?> json(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).isEqualTo(200);
    return new ObjectMapper().readValue(r.body(), Map.class);
  }

  private static int play(Object url) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create((String) url)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void nimbusProfile_mintsWithNimbus_andItsTokensPlay() throws Exception {
    assertThat(minter).isInstanceOf(NimbusPlaybackTokenMinter.class);

    Map<?, ?> answer = json(post("/playback-token", "{\"channel\":\"demo\"}"));

    String token = (String) answer.get("token");
    String claims =
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    assertThat(claims).contains("\"aws:viewer-id\":\"alice\"").contains("\"exp\":");
    assertThat(play(answer.get("playbackUrl"))).isEqualTo(200);
  }

  @Test
  void nimbusProfile_channelWideTokensAreReused() throws Exception {
    String body = "{\"channel\":\"demo\",\"channelWide\":true}";

    Map<?, ?> first = json(post("/playback-token", body));
    Map<?, ?> second = json(post("/playback-token", body));

    assertThat(second.get("token")).isEqualTo(first.get("token"));
    assertThat(play(first.get("playbackUrl"))).isEqualTo(200);
  }

  @Test
  void constantEndpoint_answersTheSameShapeAndSize() throws Exception {
    HttpResponse<String> real = post("/playback-token", "{\"channel\":\"demo\"}");
    HttpResponse<String> constant = post("/constant-token", "{\"channel\":\"demo\"}");

    assertThat(json(constant).keySet()).isEqualTo(json(real).keySet());
    assertThat((double) constant.body().length())
        .isBetween(real.body().length() * 0.95, real.body().length() * 1.05);
  }
}
