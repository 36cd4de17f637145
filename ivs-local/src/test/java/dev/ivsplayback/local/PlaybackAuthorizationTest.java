package dev.ivsplayback.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ivsplayback.testing.MutableClock;
import dev.ivsplayback.token.MaximumResolution;
import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackTokenSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ivs.IvsClient;
import software.amazon.awssdk.services.ivs.model.BatchStartViewerSessionRevocationResponse;
import software.amazon.awssdk.services.ivs.model.BatchStartViewerSessionRevocationViewerSession;
import software.amazon.awssdk.services.ivs.model.Channel;

/**
 * Mint a token with token-core, GET the channel's playback URL from ivs-local: 200, or 403 for each
 * failure.
 */
class PlaybackAuthorizationTest {
  static final MutableClock CLOCK = new MutableClock(Instant.now());

  @RegisterExtension
  static IvsLocalExtension ivs =
      new IvsLocalExtension(IvsLocal.builder().clock(CLOCK)).resetBeforeEachTest();

  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();
  static IvsClient client;

  KeyPair keys;
  PlaybackTokenSigner signer;
  Channel channel;

  @BeforeEach
  void setUp() {
    if (client == null) {
      client = Sdk.client(ivs.ivsLocal());
    }
    keys = Sdk.p384();
    signer = PlaybackTokenSigner.create(keys.getPrivate());
    client.importPlaybackKeyPair(
        b -> b.publicKeyMaterial(Sdk.pem(keys.getPublic())).name("signing"));
    channel = client.createChannel(b -> b.name("private").authorized(true)).channel();
  }

  @AfterAll
  static void closeClient() {
    client.close();
  }

  private PlaybackClaims.Builder claims(String channelArn) {
    return PlaybackClaims.builder()
        .channelArn(channelArn)
        .clock(CLOCK)
        .expiresIn(Duration.ofMinutes(5));
  }

  private static HttpResponse<String> get(String url, String origin)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
    if (origin != null) {
      b.header("Origin", origin);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertRefused(HttpResponse<String> r) throws IOException {
    assertThat(r.statusCode()).isEqualTo(403);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.isArray()).isTrue();
    assertThat(body.get(0).path("error_code").asText()).isEqualTo("invalid_playback_auth_token");
    assertThat(body.get(0).path("type").asText()).isEqualTo("error");
    assertThat(body.get(0).path("error").asText()).isNotBlank();
  }

  @Test
  void play_withValidToken_servesMultivariantPlaylist() throws Exception {
    HttpResponse<String> r =
        get(signer.playbackUrl(channel.playbackUrl(), claims(channel.arn()).build()), null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/vnd.apple.mpegurl");
    assertThat(r.body())
        .startsWith("#EXTM3U\n")
        .contains("#EXT-X-STREAM-INF:BANDWIDTH=")
        .contains("RESOLUTION=1920x1080");
  }

  @Test
  void play_withMaximumResolution_capsTheVariants() throws Exception {
    PlaybackClaims c = claims(channel.arn()).maximumResolution(MaximumResolution.HD).build();
    HttpResponse<String> r = get(signer.playbackUrl(channel.playbackUrl(), c), null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("RESOLUTION=1280x720").doesNotContain("RESOLUTION=1920x1080");
  }

  @Test
  void play_publicChannelWithoutToken_isServed() throws Exception {
    Channel open = client.createChannel(b -> b.name("public")).channel();

    assertThat(get(open.playbackUrl(), null).statusCode()).isEqualTo(200);
  }

  @Test
  void play_withoutToken_refused() throws Exception {
    assertRefused(get(channel.playbackUrl(), null));
  }

  @Test
  void play_withTamperedToken_refused() throws Exception {
    String token = signer.sign(claims(channel.arn()).build());
    String[] parts = token.split("\\.");
    String forged =
        PlaybackTokenSigner.appendToken(
            channel.playbackUrl(),
            parts[0]
                + "."
                + signer.sign(claims(channel.arn()).viewerId("someone-else").build())
                    .split("\\.")[1]
                + "."
                + parts[2]);

    assertRefused(get(forged, null));
  }

  @Test
  void play_withExpiredToken_refused() throws Exception {
    String url =
        signer.playbackUrl(
            channel.playbackUrl(), claims(channel.arn()).expiresIn(Duration.ofMinutes(1)).build());
    assertThat(get(url, null).statusCode()).isEqualTo(200);

    CLOCK.advance(Duration.ofMinutes(2));

    assertRefused(get(url, null));
  }

  @Test
  void play_withTokenForAnotherChannel_refused() throws Exception {
    Channel other = client.createChannel(b -> b.name("other").authorized(true)).channel();

    assertRefused(
        get(signer.playbackUrl(channel.playbackUrl(), claims(other.arn()).build()), null));
  }

  @Test
  void play_afterKeyPairDeleted_refusedAtOnce() throws Exception {
    String url = signer.playbackUrl(channel.playbackUrl(), claims(channel.arn()).build());
    assertThat(get(url, null).statusCode()).isEqualTo(200);

    client
        .listPlaybackKeyPairs(b -> {})
        .keyPairs()
        .forEach(k -> client.deletePlaybackKeyPair(b -> b.arn(k.arn())));

    assertRefused(get(url, null));
  }

  @Test
  void play_withWrongOriginUnderStrictEnforcement_refused() throws Exception {
    String url =
        signer.playbackUrl(
            channel.playbackUrl(),
            claims(channel.arn())
                .allowedOrigin("https://good.example")
                .strictOriginEnforcement(true)
                .build());

    assertThat(get(url, "https://good.example").statusCode()).isEqualTo(200);
    assertRefused(get(url, "https://evil.example"));
    assertRefused(get(url, null));
  }

  @Test
  void play_reusingSingleUseToken_refused() throws Exception {
    String url =
        signer.playbackUrl(
            channel.playbackUrl(), claims(channel.arn()).randomSingleUseUuid().build());

    assertThat(get(url, null).statusCode()).isEqualTo(200);
    assertRefused(get(url, null));
  }

  @Test
  void play_afterViewerSessionRevoked_refusedUpToTheVersion() throws Exception {
    String v1 =
        signer.playbackUrl(
            channel.playbackUrl(),
            claims(channel.arn()).viewerId("viewer-1").viewerSessionVersion(1).build());
    String v2 =
        signer.playbackUrl(
            channel.playbackUrl(),
            claims(channel.arn()).viewerId("viewer-1").viewerSessionVersion(2).build());
    String otherViewer =
        signer.playbackUrl(
            channel.playbackUrl(),
            claims(channel.arn()).viewerId("viewer-2").viewerSessionVersion(1).build());
    assertThat(get(v1, null).statusCode()).isEqualTo(200);

    client.startViewerSessionRevocation(
        b ->
            b.channelArn(channel.arn())
                .viewerId("viewer-1")
                .viewerSessionVersionsLessThanOrEqualTo(1));

    assertRefused(get(v1, null));
    assertThat(get(v2, null).statusCode()).isEqualTo(200);
    assertThat(get(otherViewer, null).statusCode()).isEqualTo(200);
  }

  @Test
  void play_afterBatchRevocation_refused_andUnknownChannelReportedPerItem() throws Exception {
    String v0 =
        signer.playbackUrl(
            channel.playbackUrl(), claims(channel.arn()).viewerId("viewer-9").build());
    String missing =
        channel.arn().substring(0, channel.arn().lastIndexOf('/') + 1) + "doesNotExist";

    BatchStartViewerSessionRevocationResponse r =
        client.batchStartViewerSessionRevocation(
            b ->
                b.viewerSessions(
                    BatchStartViewerSessionRevocationViewerSession.builder()
                        .channelArn(channel.arn())
                        .viewerId("viewer-9")
                        .build(),
                    BatchStartViewerSessionRevocationViewerSession.builder()
                        .channelArn(missing)
                        .viewerId("viewer-9")
                        .build()));

    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.channelArn()).isEqualTo(missing);
              assertThat(e.viewerId()).isEqualTo("viewer-9");
              assertThat(e.code()).isEqualTo("404");
              assertThat(e.message()).contains("not found");
            });
    assertRefused(get(v0, null));
  }

  @Test
  void play_unknownChannel_isNotFound() throws Exception {
    String url =
        channel
            .playbackUrl()
            .replace(channel.arn().substring(channel.arn().lastIndexOf('/') + 1), "NoSuchChannel");

    assertThat(get(url, null).statusCode()).isEqualTo(404);
  }
}
