package dev.ivsplayback.examples.plain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The example end to end: real HTTP to the token server, and its URLs played on ivs-local. */
class TokenServerTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LocalTokenServer service;

  @BeforeAll
  static void start() throws Exception {
    service = LocalTokenServer.start(0);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return new ObjectMapper().readTree(r.body());
  }

  @Test
  void perViewerToken_plays() throws Exception {
    HttpResponse<String> r = get(service.tokenUrl("viewer-42"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(get(json(r).get("playbackUrl").asText()).statusCode()).isEqualTo(200);
  }

  @Test
  void tamperedToken_isRefusedAtPlayback() throws Exception {
    String url = json(get(service.tokenUrl("viewer-42"))).get("playbackUrl").asText();
    String tampered = url.substring(0, url.length() - 2) + (url.endsWith("A") ? "BB" : "AA");

    assertThat(get(tampered).statusCode()).isEqualTo(403);
  }

  @Test
  void channelWideToken_isReusedAcrossRequests() throws Exception {
    String first = json(get(service.tokenUrl(null))).get("token").asText();
    String second = json(get(service.tokenUrl(null))).get("token").asText();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void unknownChannel_is404() throws Exception {
    String unknown =
        service
            .tokenUrl(null)
            .replace(
                service.channelArn(), "arn:aws:ivs:us-west-2:123456789012:channel/nope0000nope");

    assertThat(get(unknown).statusCode()).isEqualTo(404);
  }

  @Test
  void viewerIdTooLong_is400NamingTheClaim() throws Exception {
    HttpResponse<String> r = get(service.tokenUrl("v".repeat(41)));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("error").asText()).contains("viewer");
  }
}
