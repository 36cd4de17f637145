package dev.ivsplayback.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ivsplayback.client.IvsPlaybackClient;
import dev.ivsplayback.keys.KeyMaterialAccess;
import dev.ivsplayback.keys.PlaybackKeyEvent;
import dev.ivsplayback.keys.PlaybackKeyGenerator;
import dev.ivsplayback.keys.PlaybackKeyManager;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.PlaybackKeyState;
import dev.ivsplayback.keys.PlaybackKeyStore;
import dev.ivsplayback.keys.PlaybackKeyStoreSnapshot;
import dev.ivsplayback.keys.ReconciliationReport;
import dev.ivsplayback.keys.RotationPolicy;
import dev.ivsplayback.local.IvsLocal;
import dev.ivsplayback.testing.MutableClock;
import dev.ivsplayback.token.PlaybackKeys;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The health indicator's DOWN path on a fingerprint alarm, produced by the real key manager against
 * a real ivs-local and the starter's file store: the store's ACTIVE record names an IVS key pair
 * that holds a different public key (what a store restored from another environment's backup, or a
 * pair replaced outside the manager, looks like), and reconciliation raises {@code
 * FINGERPRINT_MISMATCH}. Health is DOWN with reason {@code fingerprint-alarm} and the alarm's
 * explanation (both fingerprints, the ARN), never a secret, until the manager promotes a fresh key.
 *
 * <p>The alarm is read right after {@link PlaybackKeyManager#reconcile()}: a {@code tick} that
 * reconciles also promotes a fresh key in the same step (which clears the alarm), so the policy
 * here schedules no tick of its own during the test (refresh every hour on a test clock that only
 * the test moves).
 */
@SpringBootTest(
    classes = {TestApp.class, FingerprintAlarmHealthTest.Config.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "ivs.playback.manager-id=alarm-test",
      "ivs.playback.store.type=file",
      "ivs.playback.store.passphrase-env=ALARM_TEST_PASSPHRASE",
      "ALARM_TEST_PASSPHRASE=" + FingerprintAlarmHealthTest.PASSPHRASE,
      "ivs.playback.credentials.access-key-id-env=ALARM_TEST_AK",
      "ivs.playback.credentials.secret-access-key-env=ALARM_TEST_SK",
      "ALARM_TEST_AK=local",
      "ALARM_TEST_SK=" + FingerprintAlarmHealthTest.SECRET_ACCESS_KEY,
      "management.endpoints.web.exposure.include=health",
      "management.endpoint.health.show-details=always"
    })
class FingerprintAlarmHealthTest {
  static final String PASSPHRASE = "alarm-test passphrase 7f3c9d";
  static final String SECRET_ACCESS_KEY = "alarm-test-secret-access-key-5e1b";
  private static final MutableClock CLOCK = new MutableClock(Instant.now());
  private static final IvsLocal local = IvsLocal.builder().build().start();

  @TempDir static Path storeDir;

  @Autowired PlaybackKeyManager keys;
  @Autowired PlaybackKeyStore store;
  @Autowired PlaybackKeyHealthIndicator health;
  @Autowired IvsPlaybackClient ivs;
  @Autowired MeterRegistry meters;
  @LocalServerPort int port;

  /** The test clock, and a policy whose scheduled ticks never fire during the test. */
  @TestConfiguration
  static class Config {
    @Bean
    Clock clock() {
      return CLOCK;
    }

    @Bean
    RotationPolicy policy() {
      return RotationPolicy.builder()
          .refreshInterval(Duration.ofHours(1))
          .maxSnapshotAge(Duration.ofHours(2))
          .leaseDuration(Duration.ofHours(3))
          .build();
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

  @Test
  void fingerprintAlarm_turnsHealthDown_withReasonAndNoSecret_untilAFreshKeyIsActive()
      throws Exception {
    keys.tick();
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    PlaybackKeyRecord active = keys.activeKey().orElseThrow();
    PrivateKey activePrivate = active.privateKey(KeyMaterialAccess.forStore(store)).orElseThrow();
    // A pair in IVS that holds another public key, imported outside the manager.
    KeyPair other = PlaybackKeyGenerator.create().generate();
    String otherArn =
        ivs.sync()
            .importPlaybackKeyPair(
                b ->
                    b.name("not-the-managed-key")
                        .publicKeyMaterial(PlaybackKeys.toPublicKeyPem(other.getPublic())))
            .keyPair()
            .arn();
    String otherFingerprint = PlaybackKeys.fingerprint(other.getPublic());
    // The store's ACTIVE record now names that pair.
    PlaybackKeyStoreSnapshot snap = store.read();
    store.write(
        snap.version(),
        snap.keys().stream()
            .map(k -> k.keyId().equals(active.keyId()) ? k.toBuilder().arn(otherArn).build() : k)
            .toList(),
        keys.ownerId());
    double findingsBefore = findings();

    ReconciliationReport report = keys.reconcile();

    assertThat(report.findings())
        .extracting(PlaybackKeyEvent::type)
        .containsExactly(PlaybackKeyEvent.Type.FINGERPRINT_MISMATCH);
    assertThat(findings()).isEqualTo(findingsBefore + 1);
    Health down = health.health();
    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
    assertThat(down.getDetails())
        .containsEntry("reason", "fingerprint-alarm")
        .containsEntry("readiness", "NO_ACTIVE_KEY") // the mismatched key never signs
        .containsEntry("managerId", "alarm-test")
        .containsEntry("leaseHolder", keys.ownerId());
    assertThat((String) down.getDetails().get("alarm"))
        .contains(active.keyId())
        .contains(active.fingerprint())
        .contains(otherFingerprint)
        .contains(otherArn);
    HttpResponse<String> http = get("/actuator/health/ivsPlayback");
    assertThat(http.statusCode()).isEqualTo(503);
    Map<String, Object> body = json(http.body());
    assertThat(body.get("status")).isEqualTo("DOWN");
    assertThat(json(new ObjectMapper().writeValueAsString(body.get("details"))))
        .containsEntry("reason", "fingerprint-alarm")
        .containsEntry("alarm", down.getDetails().get("alarm"));
    for (String shown : List.of(down.getDetails().toString(), http.body())) {
      assertThat(shown)
          .doesNotContain(PASSPHRASE)
          .doesNotContain(SECRET_ACCESS_KEY)
          .doesNotContain("PRIVATE KEY")
          .doesNotContain(base64(activePrivate))
          .doesNotContain(base64(other.getPrivate()));
    }

    keys.tick(); // promotes a fresh key: the alarm is resolved

    PlaybackKeyRecord fresh = keys.activeKey().orElseThrow();
    assertThat(fresh.keyId()).isNotEqualTo(active.keyId());
    assertThat(keys.keys())
        .filteredOn(k -> k.keyId().equals(active.keyId()))
        .singleElement()
        .satisfies(k -> assertThat(k.quarantined()).isTrue());
    Health up = health.health();
    assertThat(up.getStatus()).isEqualTo(Status.UP);
    assertThat(up.getDetails())
        .doesNotContainKey("alarm")
        .containsEntry("fingerprint", fresh.fingerprint())
        .containsEntry("state", PlaybackKeyState.ACTIVE.name());
    assertThat(get("/actuator/health/ivsPlayback").statusCode()).isEqualTo(200);
  }

  private double findings() {
    var c =
        meters
            .find("ivs.playback.keys.reconciliation.findings")
            .tag("type", PlaybackKeyEvent.Type.FINGERPRINT_MISMATCH.name())
            .counter();
    return c == null ? 0 : c.count();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String body) throws Exception {
    return new ObjectMapper().readValue(body, Map.class);
  }

  private static String base64(PrivateKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
