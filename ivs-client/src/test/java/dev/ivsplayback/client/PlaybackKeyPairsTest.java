package dev.ivsplayback.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.local.IvsLocalControl;
import dev.ivsplayback.local.IvsLocalExtension;
import dev.ivsplayback.token.KeyFormatException;
import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackKeys;
import dev.ivsplayback.token.PlaybackTokenSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ivs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ivs.model.ServiceQuotaExceededException;

/** Importing, finding, listing and deleting playback key pairs in ivs-local. */
class PlaybackKeyPairsTest {
  @RegisterExtension static IvsLocalExtension ivs = new IvsLocalExtension().resetBeforeEachTest();

  private IvsPlaybackClient client;
  private PlaybackKeyPairs keyPairs;
  private IvsLocalControl control;

  @BeforeEach
  void setUp() {
    client = IvsPlaybackClient.create(TestSupport.config(ivs.endpoint()).build());
    keyPairs = client.playbackKeyPairs();
    control = ivs.ivsLocal().control();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  @Test
  void importKeyPair_returnsArnNameTagsAndTheCheckedFingerprint() {
    KeyPair key = TestSupport.p384();

    ImportedKeyPair imported =
        keyPairs.importKeyPair(key.getPublic(), "primary", Map.of("env", "test"));

    assertThat(imported.arn()).contains(":playback-key/");
    assertThat(imported.name()).isEqualTo("primary");
    assertThat(imported.tags()).isEqualTo(Map.of("env", "test"));
    assertThat(imported.fingerprint()).isEqualTo(PlaybackKeys.fingerprint(key.getPublic()));
  }

  @Test
  void importKeyPair_fromPem_importsThatKey() {
    KeyPair key = TestSupport.p384();

    ImportedKeyPair imported =
        keyPairs.importKeyPair(PlaybackKeys.toPublicKeyPem(key.getPublic()), null, null);

    assertThat(imported.fingerprint()).isEqualTo(PlaybackKeys.fingerprint(key.getPublic()));
    assertThat(imported.name()).isEmpty();
  }

  @Test
  void importKeyPair_afterLostResponse_returnsThePairIvsCreated_withoutImportingTwice() {
    KeyPair key = TestSupport.p384();
    control.dropResponseNext("ImportPlaybackKeyPair", 1);

    ImportedKeyPair imported = keyPairs.importKeyPair(key.getPublic(), "k", Map.of());

    assertThat(imported.fingerprint()).isEqualTo(PlaybackKeys.fingerprint(key.getPublic()));
    assertThat(keyPairs.listWithFingerprints()).containsExactly(imported);
    assertThat(control.callCount("ImportPlaybackKeyPair")).isEqualTo(1);
  }

  @Test
  void importKeyPair_ofAKeyAlreadyImported_returnsTheExistingPair() {
    KeyPair key = TestSupport.p384();
    ImportedKeyPair first = keyPairs.importKeyPair(key.getPublic(), "first", Map.of());

    ImportedKeyPair again = keyPairs.importKeyPair(key.getPublic(), "first", Map.of());

    assertThat(again).isEqualTo(first);
    assertThat(control.callCount("ImportPlaybackKeyPair")).isEqualTo(2);
    assertThat(client.listPlaybackKeyPairs().count()).isEqualTo(1);
  }

  @Test
  void importKeyPair_afterInjected429_isRetried() {
    control.failNext("ImportPlaybackKeyPair", 1, "ThrottlingException", 429);

    keyPairs.importKeyPair(TestSupport.p384().getPublic(), "k", null);

    assertThat(control.callCount("ImportPlaybackKeyPair")).isEqualTo(2);
    assertThat(client.listPlaybackKeyPairs().count()).isEqualTo(1);
  }

  @Test
  void importKeyPair_fourthKey_surfacesIvsQuotaError() {
    for (int i = 0; i < 3; i++) {
      keyPairs.importKeyPair(TestSupport.p384().getPublic(), "k" + i, null);
    }
    assertThatThrownBy(() -> keyPairs.importKeyPair(TestSupport.p384().getPublic(), "k3", null))
        .isInstanceOf(ServiceQuotaExceededException.class)
        .hasMessageContaining("quota");
  }

  @Test
  void importKeyPair_ofP256Key_isRejectedBeforeAnyCall() {
    assertThatThrownBy(
            () -> keyPairs.importKeyPair(TestSupport.generate("secp256r1").getPublic(), "k", null))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("P-384");
    assertThat(control.callCount("ImportPlaybackKeyPair")).isZero();
  }

  @Test
  void importKeyPair_ofRsaKey_isRejectedBeforeAnyCall() throws NoSuchAlgorithmException {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    assertThatThrownBy(() -> keyPairs.importKeyPair(rsa.generateKeyPair().getPublic(), "k", null))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("RSA");
    assertThat(control.callCount("ImportPlaybackKeyPair")).isZero();
  }

  @Test
  void listWithFingerprints_returnsEachPairWithItsFingerprint() {
    KeyPair a = TestSupport.p384();
    KeyPair b = TestSupport.p384();
    keyPairs.importKeyPair(a.getPublic(), "a", null);
    keyPairs.importKeyPair(b.getPublic(), "b", null);

    assertThat(keyPairs.listWithFingerprints())
        .extracting(ImportedKeyPair::fingerprint)
        .containsExactlyInAnyOrder(
            PlaybackKeys.fingerprint(a.getPublic()), PlaybackKeys.fingerprint(b.getPublic()));
  }

  @Test
  void findByFingerprint_findsOnlyTheMatchingPair() {
    KeyPair a = TestSupport.p384();
    ImportedKeyPair imported = keyPairs.importKeyPair(a.getPublic(), "a", null);
    keyPairs.importKeyPair(TestSupport.p384().getPublic(), "b", null);

    assertThat(keyPairs.findByFingerprint(PlaybackKeys.fingerprint(a.getPublic()).toUpperCase()))
        .contains(imported);
    assertThat(keyPairs.findByFingerprint(PlaybackKeys.fingerprint(TestSupport.p384().getPublic())))
        .isEmpty();
  }

  @Test
  void findByFingerprint_malformed_isRejectedNamingTheRule() {
    assertThatThrownBy(() -> keyPairs.findByFingerprint("not-a-fingerprint"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("16 hex pairs");
  }

  @Test
  void delete_removesThePair_andASecondDeleteSurfacesIvsError() {
    ImportedKeyPair imported = keyPairs.importKeyPair(TestSupport.p384().getPublic(), "a", null);

    keyPairs.delete(imported.arn());

    assertThat(keyPairs.get(imported.arn())).isEmpty();
    assertThatThrownBy(() -> keyPairs.delete(imported.arn()))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void importedKey_verifiesTokensForPlayback_andRevocationStopsThem()
      throws IOException, InterruptedException {
    KeyPair key = TestSupport.p384();
    keyPairs.importKeyPair(key.getPublic(), "signing", null);
    String channel =
        client.sync().createChannel(b -> b.name("private").authorized(true)).channel().arn();
    control.startStream(channel);
    PlaybackTokenSigner signer = PlaybackTokenSigner.create(key.getPrivate());
    String token =
        signer.sign(
            PlaybackClaims.builder()
                .channelArn(channel)
                .viewerId("viewer-1")
                .viewerSessionVersion(1)
                .expiresIn(Duration.ofMinutes(5))
                .build());
    HttpClient http = HttpClient.newHttpClient();
    String withToken = client.channelDirectory().playbackUrl(channel, token);

    assertThat(status(http, withToken)).isEqualTo(200);
    assertThat(status(http, client.channelDirectory().playbackUrl(channel))).isEqualTo(403);

    client.revokeViewer(channel, "viewer-1", 1);
    assertThat(status(http, withToken)).isEqualTo(403);
  }

  private static int status(HttpClient http, String url) throws IOException, InterruptedException {
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
