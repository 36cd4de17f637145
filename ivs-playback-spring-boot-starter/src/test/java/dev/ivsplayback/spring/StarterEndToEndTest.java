package dev.ivsplayback.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ivsplayback.client.IvsPlaybackClient;
import dev.ivsplayback.keys.PlaybackKeyManager;
import dev.ivsplayback.local.IvsLocal;
import dev.ivsplayback.testing.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter in a real application: a file store, an embedded ivs-local over real HTTP, a test
 * clock that drives rotation and staleness.
 */
@SpringBootTest(
    classes = {TestApp.class, StarterEndToEndTest.Clocks.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "ivs.playback.manager-id=starter-test",
      "ivs.playback.store.type=file",
      "ivs.playback.store.passphrase-env=TEST_STORE_PASSPHRASE",
      "TEST_STORE_PASSPHRASE=correct horse battery staple",
      "ivs.playback.credentials.access-key-id-env=TEST_AK",
      "ivs.playback.credentials.secret-access-key-env=TEST_SK",
      "TEST_AK=local",
      "TEST_SK=local",
      "ivs.playback.rotation.interval=20m",
      "ivs.playback.rotation.max-token-ttl=10m",
      "ivs.playback.rotation.max-snapshot-age=2m",
      "ivs.playback.rotation.clock-skew=1m",
      "ivs.playback.rotation.propagation-delay=1m",
      "ivs.playback.metrics.mint-latency=true"
    })
class StarterEndToEndTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final MutableClock CLOCK = new MutableClock(Instant.now());
  // Started before the context reads its endpoint (static: shared by every test).
  private static final IvsLocal local = IvsLocal.builder().build().start();
  private static String channelArn;

  @TempDir static Path storeDir;

  @Autowired PlaybackKeyManager keys;
  @Autowired PlaybackKeyHealthIndicator health;
  @Autowired PlaybackKeysInfoContributor info;
  @Autowired MeterRegistry meters;
  @LocalServerPort int port;

  /** The test clock, used by the manager, the stores and the caches. */
  @TestConfiguration
  static class Clocks {
    @Bean
    Clock clock() {
      return CLOCK;
    }
  }

  @AfterAll
  static void stopIvsLocal() {
    local.close();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("ivs.playback.region", () -> local.region());
    registry.add("ivs.playback.endpoint", () -> local.endpoint().toString());
    registry.add("ivs.playback.store.directory", () -> storeDir.resolve("keys").toString());
  }

  private String channel(IvsPlaybackClient ivs) {
    if (channelArn == null) {
      channelArn = ivs.sync().createChannel(b -> b.name("e2e").authorized(true)).channel().arn();
    }
    return channelArn;
  }

  @Autowired IvsPlaybackClient ivs;

  private Map<?, ?> token(String viewer) throws Exception {
    String url =
        "http://127.0.0.1:" + port + "/token?channel=" + channel(ivs) + "&viewer=" + viewer;
    HttpResponse<String> r = get(url);
    assertThat(r.statusCode()).isEqualTo(200);
    return new ObjectMapper().readValue(r.body(), Map.class);
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private double counter(String name, String... tags) {
    var c = meters.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void tokenFromEndpoint_plays() throws Exception {
    String url = (String) token("viewer-1").get("playbackUrl");

    assertThat(get(url).statusCode()).isEqualTo(200);
  }

  @Test
  void tamperedToken_isRefused() throws Exception {
    String url = (String) token("viewer-2").get("playbackUrl");
    String tampered = url.substring(0, url.length() - 2) + (url.endsWith("A") ? "BB" : "AA");

    assertThat(get(tampered).statusCode()).isEqualTo(403);
  }

  @Test
  void mintedCounter_movesWithEachToken() throws Exception {
    String engine = keys.signer().engine().name();
    double before = counter("ivs.playback.tokens.minted", "engine", engine, "outcome", "success");

    token("viewer-3");
    token("viewer-4");

    assertThat(counter("ivs.playback.tokens.minted", "engine", engine, "outcome", "success"))
        .isEqualTo(before + 2);
    assertThat(meters.find("ivs.playback.tokens.mint.latency").timer()).isNotNull();
  }

  @Test
  void rotation_movesRotationCountersAndKeepsMinting() throws Exception {
    double rotations = counter("ivs.playback.keys.rotations");
    double imports = counter("ivs.playback.keys.imports");
    String before = keys.signer().currentKey().orElseThrow().fingerprint();

    CLOCK.advance(Duration.ofMinutes(21)); // rotation due
    keys.tick(); // imports the next key
    CLOCK.advance(Duration.ofMinutes(2)); // past the propagation delay
    keys.tick(); // promotes it

    assertThat(counter("ivs.playback.keys.rotations")).isEqualTo(rotations + 1);
    assertThat(counter("ivs.playback.keys.imports")).isEqualTo(imports + 1);
    assertThat(keys.signer().currentKey().orElseThrow().fingerprint()).isNotEqualTo(before);
    assertThat(get((String) token("viewer-5").get("playbackUrl")).statusCode()).isEqualTo(200);
  }

  @Test
  void health_isUp_thenDownWhileStoreUnreadable_thenUpAgain() throws Exception {
    keys.tick();
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);

    Path storeFile = storeDir.resolve("keys").resolve("keystore.json");
    Path aside = storeDir.resolve("keystore.json.aside");
    Files.move(storeFile, aside);
    Files.createDirectory(storeFile); // reading a directory fails: the store is unreachable
    try {
      CLOCK.advance(Duration.ofMinutes(3)); // past maxSnapshotAge
      assertThat(catchThrowable(keys::tick)).isNotNull();

      var down = health.health();
      assertThat(down.getStatus()).isEqualTo(Status.DOWN);
      assertThat(down.getDetails()).containsEntry("reason", "store-unreachable");
      assertThat(down.getDetails().toString()).doesNotContain("PRIVATE");
    } finally {
      Files.delete(storeFile);
      Files.move(aside, storeFile);
    }
    keys.tick();

    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    assertThat(health.health().getDetails()).containsKeys("fingerprint", "state", "leaseHolder");
  }

  @Test
  void info_listsFingerprintsAndStates() {
    Info.Builder b = new Info.Builder();
    info.contribute(b);

    assertThat(b.build().getDetails().get("ivs-playback").toString())
        .contains(keys.signer().currentKey().orElseThrow().fingerprint())
        .contains("ACTIVE");
  }

  @Test
  void gauges_reportActiveKeyAgeAndManagedPairs() {
    keys.tick();

    assertThat(meters.get("ivs.playback.keys.active.age").gauge().value())
        .isGreaterThanOrEqualTo(0);
    assertThat(meters.get("ivs.playback.store.confirmed.age").gauge().value()).isEqualTo(0);
    assertThat(meters.get("ivs.playback.keys.managed").gauge().value()).isGreaterThanOrEqualTo(1);
  }
}
