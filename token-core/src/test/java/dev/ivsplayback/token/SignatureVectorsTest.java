package dev.ivsplayback.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ivsplayback.testing.TestKeys;
import dev.ivsplayback.token.internal.BouncyCastleEngine;
import dev.ivsplayback.token.internal.P384;
import dev.ivsplayback.token.internal.SignatureCheck;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wycheproof (the verifier's signature check on each engine, and BouncyCastle's bare primitive) and
 * RFC 6979 (BouncyCastle engine) vectors; sources in src/test/resources/testvectors.
 */
class SignatureVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  private static JsonNode load(String name) throws Exception {
    try (InputStream in = SignatureVectorsTest.class.getResourceAsStream("/testvectors/" + name)) {
      return JSON.readTree(in);
    }
  }

  /** The verifier's engines available here. */
  static List<SigningEngine> verifierEngines() {
    return PlaybackTokenVerifierTest.engines();
  }

  /** The exact signature check the verifier runs (strict checks, then the engine), per engine. */
  @ParameterizedTest
  @MethodSource("verifierEngines")
  void wycheproofP1363_verifierSignatureCheckAgreesOnAllCases(SigningEngine engine)
      throws Exception {
    JsonNode root = load("ecdsa_secp384r1_sha384_p1363_test.json");
    SignatureCheck check = SignatureCheck.create(engine, PlaybackKeys::requireP384);
    assertThat(check.engine()).isEqualTo(engine);
    KeyFactory keys = KeyFactory.getInstance("EC");
    ECParameterSpec p384 = ((ECPublicKey) TestKeys.p384().getPublic()).getParams();
    int cases = 0;
    int valid = 0;
    List<String> disagreements = new ArrayList<>();
    for (JsonNode group : root.get("testGroups")) {
      assertThat(group.get("sha").asText()).isEqualTo("SHA-384");
      byte[] point = HEX.parseHex(group.get("publicKey").get("uncompressed").asText());
      org.bouncycastle.math.ec.ECPoint q = P384.DOMAIN.getCurve().decodePoint(point).normalize();
      PublicKey key =
          keys.generatePublic(
              new ECPublicKeySpec(
                  new ECPoint(
                      q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()),
                  p384));
      for (JsonNode test : group.get("tests")) {
        byte[] msg = HEX.parseHex(test.get("msg").asText());
        byte[] sig = HEX.parseHex(test.get("sig").asText());
        String expected = test.get("result").asText();
        boolean ok = check.verify(key, msg, msg.length, sig);
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
  void wycheproofP1363_bouncyCastlePrimitiveAgreesOnAllCases() throws Exception {
    JsonNode root = load("ecdsa_secp384r1_sha384_p1363_test.json");
    int cases = 0;
    int valid = 0;
    List<String> disagreements = new ArrayList<>();
    for (JsonNode group : root.get("testGroups")) {
      byte[] point = HEX.parseHex(group.get("publicKey").get("uncompressed").asText());
      ECPublicKeyParameters key =
          new ECPublicKeyParameters(P384.DOMAIN.getCurve().decodePoint(point), P384.DOMAIN);
      for (JsonNode test : group.get("tests")) {
        byte[] msg = HEX.parseHex(test.get("msg").asText());
        byte[] sig = HEX.parseHex(test.get("sig").asText());
        boolean ok = P384.verify(key, msg, 0, msg.length, sig);
        if (test.get("result").asText().equals("valid") != ok) {
          disagreements.add(test.get("tcId").asText());
        }
        cases++;
        valid += ok ? 1 : 0;
      }
    }
    assertThat(disagreements).isEmpty();
    assertThat(cases).isEqualTo(280);
    assertThat(valid).isEqualTo(193);
  }

  @Test
  void isWellFormedSignature_agreesWithParseSignatureAtTheRangeBoundaries() {
    BigInteger n = P384.N;
    BigInteger max384 = BigInteger.ONE.shiftLeft(384).subtract(BigInteger.ONE);
    List<BigInteger> values =
        List.of(
            BigInteger.ZERO,
            BigInteger.ONE,
            BigInteger.TWO,
            n.subtract(BigInteger.TWO),
            n.subtract(BigInteger.ONE),
            n,
            n.add(BigInteger.ONE),
            max384,
            BigInteger.ONE.shiftLeft(383));
    int accepted = 0;
    for (BigInteger r : values) {
      for (BigInteger s : values) {
        byte[] sig = new byte[96];
        writeFixed(r, sig, 0);
        writeFixed(s, sig, 48);
        boolean expected = P384.parseSignature(sig) != null;
        assertThat(P384.isWellFormedSignature(sig)).as("r=%s s=%s", r, s).isEqualTo(expected);
        accepted += expected ? 1 : 0;
      }
    }
    assertThat(accepted).isEqualTo(25); // r and s each one of 1, 2, n-2, n-1, 2^383
    assertThat(P384.isWellFormedSignature(null)).isFalse();
    assertThat(P384.isWellFormedSignature(new byte[95])).isFalse();
    assertThat(P384.isWellFormedSignature(new byte[97])).isFalse();
  }

  private static void writeFixed(BigInteger v, byte[] out, int off) {
    byte[] b = v.toByteArray();
    int start = b.length > 48 ? b.length - 48 : 0;
    System.arraycopy(b, start, out, off + 48 - (b.length - start), b.length - start);
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
