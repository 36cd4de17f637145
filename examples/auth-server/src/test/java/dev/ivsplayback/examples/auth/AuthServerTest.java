package dev.ivsplayback.examples.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivsplayback.local.IvsLocal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The example in its local profile, over real HTTP; playback URLs are played on ivs-local. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class AuthServerTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @LocalServerPort int port;
  @Autowired IvsLocal ivsLocal;

  private HttpResponse<String> post(String user, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/playback-token"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (user != null) {
      b.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String field(String json, String name) {
    int i = json.indexOf("\"" + name + "\":\"");
    return i < 0
        ? null
        : json.substring(i + name.length() + 4, json.indexOf('"', i + name.length() + 4));
  }

  private static int play(String url) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  @Test
  void token_forGrantedViewer_plays() throws Exception {
    HttpResponse<String> r = post("alice", "{\"channel\":\"demo\"}");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(field(r.body(), "expiresAt")).isNotNull();
    assertThat(play(field(r.body(), "playbackUrl"))).isEqualTo(200);
  }

  @Test
  void tamperedToken_isRefused() throws Exception {
    String url = field(post("alice", "{\"channel\":\"demo\"}").body(), "playbackUrl");

    assertThat(play(url.substring(0, url.length() - 2) + (url.endsWith("A") ? "BB" : "AA")))
        .isEqualTo(403);
  }

  @Test
  void viewerWithoutGrant_is403() throws Exception {
    assertThat(post("bob", "{\"channel\":\"demo\"}").statusCode()).isEqualTo(403);
  }

  @Test
  void publicChannel_returnsUrlWithoutToken() throws Exception {
    HttpResponse<String> r = post("bob", "{\"channel\":\"lobby\"}");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(field(r.body(), "token")).isNull();
    assertThat(field(r.body(), "playbackUrl")).doesNotContain("token=");
  }

  @Test
  void channelName_isLookedUpOnce_notPerRequest() throws Exception {
    post("alice", "{\"channel\":\"demo\"}");
    long lookups = ivsLocal.control().callCount("ListChannels");

    for (int i = 0; i < 3; i++) {
      assertThat(post("alice", "{\"channel\":\"demo\"}").statusCode()).isEqualTo(200);
    }

    assertThat(ivsLocal.control().callCount("ListChannels")).isEqualTo(lookups);
  }

  @Test
  void unknownChannel_is404() throws Exception {
    assertThat(post("alice", "{\"channel\":\"nope\"}").statusCode()).isEqualTo(404);
  }

  @Test
  void missingChannel_is400ProblemDetail() throws Exception {
    HttpResponse<String> r = post("alice", "{}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(r.body()).contains("\"status\":400").contains("channel");
  }

  @Test
  void noIdentity_is401() throws Exception {
    assertThat(post(null, "{\"channel\":\"demo\"}").statusCode()).isEqualTo(401);
  }
}
