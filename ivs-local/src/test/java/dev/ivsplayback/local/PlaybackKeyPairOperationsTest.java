package dev.ivsplayback.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ivs.model.ConflictException;
import software.amazon.awssdk.services.ivs.model.ListPlaybackKeyPairsResponse;
import software.amazon.awssdk.services.ivs.model.PlaybackKeyPair;
import software.amazon.awssdk.services.ivs.model.PlaybackKeyPairSummary;
import software.amazon.awssdk.services.ivs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ivs.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.ivs.model.ValidationException;

/**
 * ImportPlaybackKeyPair, GetPlaybackKeyPair, ListPlaybackKeyPairs, DeletePlaybackKeyPair through
 * the real SDK.
 */
class PlaybackKeyPairOperationsTest {
  static final String INVALID =
      "Request member: publicKeyMaterial failed to satisfy the constraints";

  @RegisterExtension static IvsLocalExtension ivs = new IvsLocalExtension().resetBeforeEachTest();

  @RegisterExtension static final Sdk.ClientExtension sdk = new Sdk.ClientExtension(ivs);

  /**
   * IVS's fingerprint, computed independently: MD5 of the DER SPKI as colon-separated lower-case
   * hex.
   */
  private static String md5Fingerprint(PublicKey key) throws Exception {
    StringJoiner j = new StringJoiner(":");
    for (byte b : MessageDigest.getInstance("MD5").digest(key.getEncoded())) {
      j.add(String.format("%02x", b));
    }
    return j.toString();
  }

  private static PlaybackKeyPair importKey(PublicKey key, String name) {
    return sdk.client()
        .importPlaybackKeyPair(b -> b.publicKeyMaterial(Sdk.pem(key)).name(name))
        .keyPair();
  }

  @Test
  void importPlaybackKeyPair_returnsArnNameTagsAndMd5Fingerprint() throws Exception {
    KeyPair kp = Sdk.p384();

    PlaybackKeyPair k =
        sdk.client()
            .importPlaybackKeyPair(
                b ->
                    b.publicKeyMaterial(Sdk.pem(kp.getPublic()))
                        .name("rotation-1")
                        .tags(Map.of("purpose", "signing")))
            .keyPair();

    assertThat(k.arn()).matches("arn:aws:ivs:us-west-2:123456789012:playback-key/[a-zA-Z0-9]{12}");
    assertThat(k.name()).isEqualTo("rotation-1");
    assertThat(k.fingerprint())
        .isEqualTo(md5Fingerprint(kp.getPublic()))
        .matches("([0-9a-f]{2}:){15}[0-9a-f]{2}");
    assertThat(k.tags()).containsExactlyEntriesOf(Map.of("purpose", "signing"));
  }

  @Test
  void importPlaybackKeyPair_acceptsCrlfPem() throws Exception {
    KeyPair kp = Sdk.p384();

    PlaybackKeyPair k =
        sdk.client()
            .importPlaybackKeyPair(
                b -> b.publicKeyMaterial(Sdk.pem(kp.getPublic()).replace("\n", "\r\n")))
            .keyPair();

    assertThat(k.fingerprint()).isEqualTo(md5Fingerprint(kp.getPublic()));
    assertThat(k.name()).as("IVS omits the name of a key pair imported without one").isNull();
  }

  @Test
  void importPlaybackKeyPair_fourthKey_isServiceQuotaExceeded_andNotStored() {
    for (int i = 0; i < 3; i++) {
      importKey(Sdk.p384().getPublic(), "k" + i);
    }

    assertThatThrownBy(() -> importKey(Sdk.p384().getPublic(), "k3"))
        .isInstanceOf(ServiceQuotaExceededException.class)
        .hasMessageContaining("quota of 3 playback key pairs");
    assertThat(sdk.client().listPlaybackKeyPairs(b -> {}).keyPairs()).hasSize(3);
  }

  @Test
  void importPlaybackKeyPair_samePublicKeyTwice_isConflict() {
    KeyPair kp = Sdk.p384();
    importKey(kp.getPublic(), "first");

    assertThatThrownBy(() -> importKey(kp.getPublic(), "second"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("public key already exists");
    assertThat(sdk.client().listPlaybackKeyPairs(b -> {}).keyPairs())
        .extracting(PlaybackKeyPairSummary::name)
        .containsExactly("first");
  }

  @Test
  void importPlaybackKeyPair_sameNameTwice_isAllowed() {
    importKey(Sdk.p384().getPublic(), "same");
    importKey(Sdk.p384().getPublic(), "same");

    assertThat(sdk.client().listPlaybackKeyPairs(b -> {}).keyPairs()).hasSize(2);
  }

  @Test
  void importPlaybackKeyPair_garbage_isValidationExceptionWithIvsMessage() {
    assertThatThrownBy(
            () -> sdk.client().importPlaybackKeyPair(b -> b.publicKeyMaterial("not a key")))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(INVALID);
  }

  @Test
  void importPlaybackKeyPair_p256Key_isValidationException() {
    assertThatThrownBy(() -> importKey(Sdk.generate("secp256r1").getPublic(), "p256"))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(INVALID);
  }

  @Test
  void importPlaybackKeyPair_rsaKey_isValidationException() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    PublicKey rsa = g.generateKeyPair().getPublic();

    assertThatThrownBy(() -> importKey(rsa, "rsa"))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(INVALID);
  }

  @Test
  void importPlaybackKeyPair_truncatedPem_isValidationException() {
    String pem = Sdk.pem(Sdk.p384().getPublic());
    String truncated = pem.substring(0, 60) + "\n-----END PUBLIC KEY-----\n";

    assertThatThrownBy(
            () -> sdk.client().importPlaybackKeyPair(b -> b.publicKeyMaterial(truncated)))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(INVALID);
    assertThat(sdk.client().listPlaybackKeyPairs(b -> {}).keyPairs()).isEmpty();
  }

  @Test
  void importPlaybackKeyPair_withoutMaterial_isValidationException() {
    assertThatThrownBy(() -> sdk.client().importPlaybackKeyPair(b -> b.name("x")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("publicKeyMaterial")
        .hasMessageContaining("required");
  }

  @Test
  void getPlaybackKeyPair_returnsFingerprint_orNotFound() throws Exception {
    KeyPair kp = Sdk.p384();
    PlaybackKeyPair imported = importKey(kp.getPublic(), "get-me");

    PlaybackKeyPair got = sdk.client().getPlaybackKeyPair(b -> b.arn(imported.arn())).keyPair();

    assertThat(got).isEqualTo(imported);
    assertThat(got.fingerprint()).isEqualTo(md5Fingerprint(kp.getPublic()));
    assertThatThrownBy(
            () ->
                sdk.client()
                    .getPlaybackKeyPair(
                        b -> b.arn("arn:aws:ivs:us-west-2:123456789012:playback-key/missing")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("playback-key/missing");
  }

  @Test
  void listPlaybackKeyPairs_carriesNoFingerprint_andPaginates() {
    PlaybackKeyPair a = importKey(Sdk.p384().getPublic(), "a");
    PlaybackKeyPair b2 = importKey(Sdk.p384().getPublic(), "b");

    ListPlaybackKeyPairsResponse first = sdk.client().listPlaybackKeyPairs(b -> b.maxResults(1));
    ListPlaybackKeyPairsResponse second =
        sdk.client().listPlaybackKeyPairs(b -> b.maxResults(1).nextToken(first.nextToken()));

    assertThat(first.keyPairs())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.arn()).isEqualTo(a.arn());
              assertThat(s.name()).isEqualTo("a");
              assertThat(s.tags()).isEmpty();
            });
    assertThat(second.keyPairs()).extracting(PlaybackKeyPairSummary::arn).containsExactly(b2.arn());
    assertThat(second.nextToken()).isNull();
    assertThat(PlaybackKeyPairSummary.class.getMethods())
        .extracting(java.lang.reflect.Method::getName)
        .doesNotContain("fingerprint");
  }

  @Test
  void deletePlaybackKeyPair_freesQuota_andSecondDeleteIsNotFound() {
    PlaybackKeyPair k = importKey(Sdk.p384().getPublic(), "gone");
    importKey(Sdk.p384().getPublic(), "x");
    importKey(Sdk.p384().getPublic(), "y");

    sdk.client().deletePlaybackKeyPair(b -> b.arn(k.arn()));

    assertThat(importKey(Sdk.p384().getPublic(), "z").name()).isEqualTo("z");
    assertThatThrownBy(() -> sdk.client().deletePlaybackKeyPair(b -> b.arn(k.arn())))
        .isInstanceOf(ResourceNotFoundException.class);
  }
}
