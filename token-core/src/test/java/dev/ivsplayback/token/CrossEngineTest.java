package dev.ivsplayback.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.ivsplayback.testing.TestKeys;
import dev.ivsplayback.token.internal.Accp;
import dev.ivsplayback.token.internal.P384;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.Test;

/**
 * Tokens from every available engine verify under every other engine's primitive, the verifier and
 * Nimbus.
 */
class CrossEngineTest {
  final KeyPair pair = TestKeys.p384();

  static List<SigningEngine> available() {
    return Arrays.stream(SigningEngine.values()).filter(SigningEngine::isAvailable).toList();
  }

  /** Verifies with the verification primitive behind each engine. */
  static boolean verifyWith(SigningEngine engine, ECPublicKey key, byte[] input, byte[] p1363)
      throws Exception {
    return switch (engine) {
      case BOUNCY_CASTLE -> P384.verify(P384.publicParameters(key), input, 0, input.length, p1363);
      case ACCP -> {
        Signature s = Signature.getInstance("SHA384withECDSA", Accp.provider());
        s.initVerify(key);
        s.update(input);
        yield s.verify(toDer(p1363));
      }
      case JCA -> {
        Signature s = Signature.getInstance("SHA384withECDSAinP1363Format");
        s.initVerify(key);
        s.update(input);
        yield s.verify(p1363);
      }
    };
  }

  static byte[] toDer(byte[] p1363) throws Exception {
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(p1363, 0, 48));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(p1363, 48, 96));
    return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded();
  }

  @Test
  void allThreeEnginesAreAvailableOnThisPlatform() {
    // The CI platform is linux-x86_64, where ACCP's native library loads; the matrix below needs
    // all three.
    assertThat(available())
        .containsExactly(SigningEngine.ACCP, SigningEngine.BOUNCY_CASTLE, SigningEngine.JCA);
    assertThat(SigningEngine.fastestAvailable()).isEqualTo(SigningEngine.ACCP);
  }

  @Test
  void tokensFromEveryEngine_verifyUnderEveryEngine() throws Exception {
    ECPublicKey pub = (ECPublicKey) pair.getPublic();
    for (SigningEngine signerEngine : available()) {
      PlaybackTokenSigner signer =
          PlaybackTokenSigner.builder().privateKey(pair.getPrivate()).engine(signerEngine).build();
      for (int i = 0; i < 10; i++) {
        String token =
            signer.sign(
                PlaybackClaims.builder()
                    .channelArn(PlaybackClaimsTest.ARN)
                    .viewerId("v" + i)
                    .expiresIn(Duration.ofMinutes(5))
                    .build());
        byte[] input =
            token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
        byte[] sig = TestTokens.signatureOf(token);
        for (SigningEngine verifierEngine : available()) {
          assertThat(verifyWith(verifierEngine, pub, input, sig))
              .as("%s token under %s", signerEngine, verifierEngine)
              .isTrue();
        }
      }
    }
  }

  @Test
  void tokensFromEveryEngine_verifyUnderVerifierAndNimbus() throws Exception {
    PlaybackTokenVerifier verifier =
        PlaybackTokenVerifier.builder()
            .publicKeys(List.of(TestKeys.otherP384().getPublic(), pair.getPublic()))
            .build();
    ECDSAVerifier nimbus = new ECDSAVerifier((ECPublicKey) pair.getPublic());
    for (SigningEngine engine : available()) {
      PlaybackTokenSigner signer =
          PlaybackTokenSigner.builder().privateKey(pair.getPrivate()).engine(engine).build();
      PlaybackClaims claims =
          PlaybackClaims.builder()
              .channelArn(PlaybackClaimsTest.ARN)
              .allowedOrigin("https://*.example.com")
              .maximumResolution(MaximumResolution.SD)
              .viewerId("viewer")
              .viewerSessionVersion(9)
              .expiresIn(Duration.ofMinutes(3))
              .build();
      String token = signer.sign(claims);

      VerificationResult result =
          verifier.verify(token, VerificationRequest.forChannel(PlaybackClaimsTest.ARN));
      assertThat(result).isInstanceOf(VerificationResult.Valid.class);
      VerificationResult.Valid valid = (VerificationResult.Valid) result;
      assertThat(valid.claims()).isEqualTo(claims);
      assertThat(valid.key()).isSameAs(pair.getPublic());

      SignedJWT jwt = SignedJWT.parse(token);
      assertThat(jwt.verify(nimbus)).as("Nimbus on %s", engine).isTrue();
      assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES384");
      assertThat(jwt.getJWTClaimsSet().getStringClaim("aws:viewer-id")).isEqualTo("viewer");
      assertThat(jwt.getJWTClaimsSet().getLongClaim("aws:viewer-session-version")).isEqualTo(9L);
      assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant())
          .isEqualTo(claims.expiresAt());
    }
  }

  @Test
  void nimbusSignedTokens_verifyUnderOurVerifier() throws Exception {
    com.nimbusds.jose.JWSObject jws =
        new com.nimbusds.jose.JWSObject(
            new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.ES384)
                .type(com.nimbusds.jose.JOSEObjectType.JWT)
                .build(),
            new com.nimbusds.jose.Payload(
                "{\"aws:channel-arn\":\""
                    + PlaybackClaimsTest.ARN
                    + "\",\"exp\":"
                    + (java.time.Instant.now().getEpochSecond() + 60)
                    + "}"));
    jws.sign(
        new com.nimbusds.jose.crypto.ECDSASigner(
            (java.security.interfaces.ECPrivateKey) pair.getPrivate()));
    PlaybackTokenVerifier verifier =
        PlaybackTokenVerifier.builder().publicKeys(List.of(pair.getPublic())).build();
    assertThat(
            verifier
                .verify(jws.serialize(), VerificationRequest.forChannel(PlaybackClaimsTest.ARN))
                .isValid())
        .isTrue();
  }
}
