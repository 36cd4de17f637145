package dev.ivsplayback.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ivsplayback.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random awkward strings survive signing and come back unchanged through Jackson databind and the
 * verifier.
 */
class ClaimsRoundTripTest {
  private static final JsonMapper JACKSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final int[] AWKWARD = {
    '"', '\\', '/', 0, 1, 8, 9, 10, 12, 13, 0x1f, 0x7f, 0x80, 0xff, 0x2028, 0x2029, 0xfeff, 0xfffd,
    0xffff, 0x10000, 0x1f600, 0x10ffff, 'é', '€'
  };

  private static String randomString(SplittableRandom random, int codePoints) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < codePoints; i++) {
      int kind = random.nextInt(4);
      int cp;
      if (kind == 0) {
        cp = AWKWARD[random.nextInt(AWKWARD.length)];
      } else if (kind == 1) {
        cp = random.nextInt(0x20, 0x7f);
      } else if (kind == 2) {
        cp = random.nextInt(0x10000, 0x110000);
      } else {
        do {
          cp = random.nextInt(0, 0x10000);
        } while (Character.isSurrogate((char) cp));
      }
      b.appendCodePoint(cp);
    }
    return b.toString();
  }

  @Test
  void randomStrings_roundTripThroughJacksonAndVerifier() throws Exception {
    SplittableRandom random = new SplittableRandom(20261126L);
    PlaybackTokenSigner signer = PlaybackTokenSigner.create(TestKeys.p384().getPrivate());
    PlaybackTokenVerifier verifier =
        PlaybackTokenVerifier.builder().publicKeys(List.of(TestKeys.p384().getPublic())).build();
    for (int i = 0; i < 300; i++) {
      String viewerId = randomString(random, 1 + random.nextInt(40));
      String value = randomString(random, random.nextInt(200));
      String name = "x-" + randomString(random, 1 + random.nextInt(10));
      PlaybackClaims claims =
          PlaybackClaims.builder()
              .channelArn(PlaybackClaimsTest.ARN)
              .viewerId(viewerId)
              .additionalClaim(name, value)
              .expiresIn(Duration.ofMinutes(5))
              .build();
      String token = signer.sign(claims);

      byte[] payload = Base64.getUrlDecoder().decode(token.split("\\.")[1]);
      JsonNode node = JACKSON.readTree(payload);
      assertThat(node.get("aws:viewer-id").textValue()).isEqualTo(viewerId);
      assertThat(node.get(name).textValue()).isEqualTo(value);
      assertThat(node.get("exp").isIntegralNumber()).isTrue();
      assertThat(new String(payload, StandardCharsets.UTF_8))
          .doesNotContainPattern("[\\x00-\\x1f]");

      VerificationResult result =
          verifier.verify(token, VerificationRequest.forChannel(PlaybackClaimsTest.ARN));
      assertThat(result).isInstanceOf(VerificationResult.Valid.class);
      assertThat(((VerificationResult.Valid) result).claims()).isEqualTo(claims);
    }
  }
}
