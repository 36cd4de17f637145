package dev.ivsplayback.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ivsplayback.token.internal.BouncyCastleEngine;
import dev.ivsplayback.token.internal.P384;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof (verifier) and RFC 6979 (BouncyCastle engine) vectors; sources in
 * src/test/resources/testvectors.
 */
class SignatureVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  private static JsonNode load(String name) throws Exception {
    try (InputStream in = SignatureVectorsTest.class.getResourceAsStream("/testvectors/" + name)) {
      return JSON.readTree(in);
    }
  }

  @Test
  void wycheproofP1363_verifierSignatureCheckAgreesOnAllCases() throws Exception {
    JsonNode root = load("ecdsa_secp384r1_sha384_p1363_test.json");
    int cases = 0;
    int valid = 0;
    List<String> disagreements = new ArrayList<>();
    for (JsonNode group : root.get("testGroups")) {
      assertThat(group.get("sha").asText()).isEqualTo("SHA-384");
      byte[] point = HEX.parseHex(group.get("publicKey").get("uncompressed").asText());
      ECPublicKeyParameters key =
          new ECPublicKeyParameters(P384.DOMAIN.getCurve().decodePoint(point), P384.DOMAIN);
      for (JsonNode test : group.get("tests")) {
        byte[] msg = HEX.parseHex(test.get("msg").asText());
        byte[] sig = HEX.parseHex(test.get("sig").asText());
        String expected = test.get("result").asText();
        boolean ok = P384.verify(key, msg, 0, msg.length, sig);
        boolean agrees = expected.equals("valid") ? ok : !ok;
        if (!agrees) {
          disagreements.add(
              test.get("tcId").asInt() + " (" + expected + ", " + test.get("comment") + ")");
        }
        cases++;
        valid += ok ? 1 : 0;
      }
    }
    assertThat(disagreements).isEmpty();
    assertThat(cases).isEqualTo(root.get("numberOfTests").asInt()).isEqualTo(280);
    assertThat(valid).isEqualTo(193);
  }

  @Test
  void rfc6979_bouncyCastleEngineReproducesRAndS() throws Exception {
    JsonNode root = load("rfc6979-p384-sha384.json");
    BigInteger x = new BigInteger(root.get("key").get("x").asText(), 16);
    BouncyCastleEngine engine = new BouncyCastleEngine(new ECPrivateKeyParameters(x, P384.DOMAIN));
    int checked = 0;
    for (JsonNode v : root.get("vectors")) {
      byte[] msg = v.get("message").asText().getBytes(StandardCharsets.US_ASCII);
      byte[] sig = new byte[96];
      engine.sign(msg, msg.length, sig, 0);
      byte[] expected = HEX.parseHex(v.get("r").asText() + v.get("s").asText());
      assertThat(HEX.formatHex(sig))
          .as(v.get("message").asText())
          .isEqualTo(HEX.formatHex(expected));
      checked++;
    }
    assertThat(checked).isEqualTo(2);
  }

  @Test
  void rfc6979_keyFromPemSignsThroughPublicSigner() throws Exception {
    JsonNode root = load("rfc6979-p384-sha384.json");
    PrivateKey key =
        PlaybackKeys.readPrivateKey(
            root.get("derived_key_encodings").get("private_pkcs8_pem").asText());
    assertThat(PlaybackKeys.publicKeyOf(key).getW().getAffineX())
        .isEqualTo(new BigInteger(root.get("key").get("Ux").asText(), 16));
    assertThat(PlaybackKeys.toPublicKeyPem(PlaybackKeys.publicKeyOf(key)))
        .isEqualTo(root.get("derived_key_encodings").get("public_spki_pem").asText());
    PlaybackTokenSigner signer =
        PlaybackTokenSigner.builder().privateKey(key).engine(SigningEngine.BOUNCY_CASTLE).build();
    PlaybackClaims claims =
        PlaybackClaims.builder()
            .channelArn(PlaybackClaimsTest.ARN)
            .expiresIn(java.time.Duration.ofMinutes(1))
            .build();
    assertThat(signer.sign(claims)).isEqualTo(signer.sign(claims));
  }
}
