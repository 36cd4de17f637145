package dev.ivsplayback.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.testing.TestKeys;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The builder refuses claims whose token would exceed the verifiers' default length limit (fuzz
 * finding O1).
 */
class ClaimsSizeLimitTest {
  private static final Instant NOW = Instant.parse("2026-11-26T05:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String ARN = "arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh";
  private static final int LIMIT = PlaybackTokenVerifier.DEFAULT_MAX_TOKEN_LENGTH;

  private final KeyPair pair = TestKeys.p384();
  private final PlaybackTokenSigner signer =
      PlaybackTokenSigner.builder().privateKey(pair.getPrivate()).build();
  private final PlaybackTokenVerifier verifier =
      PlaybackTokenVerifier.builder().clock(CLOCK).publicKeys(List.of(pair.getPublic())).build();

  private static PlaybackClaims.Builder claims() {
    return PlaybackClaims.builder().clock(CLOCK).channelArn(ARN).expiresIn(Duration.ofMinutes(5));
  }

  /**
   * The largest n whose claims build, checking that every built token up to there signs and
   * verifies.
   */
  private int largestThatBuilds(int from, IntFunction<PlaybackClaims.Builder> withSize) {
    int n = from;
    while (true) {
      PlaybackClaims c;
      try {
        c = withSize.apply(n).build();
      } catch (InvalidClaimException e) {
        return n - 1;
      }
      String token = signer.sign(c);
      assertThat(token.length()).isLessThanOrEqualTo(LIMIT);
      assertThat(verifier.verify(token, VerificationRequest.forChannel(ARN)).isValid()).isTrue();
      n++;
    }
  }

  @Test
  void build_whenTokenWouldBeExactlyAtLimit_buildsSignsAndVerifies() {
    IntFunction<PlaybackClaims.Builder> padded =
        n -> claims().additionalClaim("pad", "x".repeat(n));
    int n = largestThatBuilds(5900, padded);
    PlaybackClaims c = padded.apply(n).build();
    String token = signer.sign(c);
    assertThat(token).hasSize(LIMIT);
    assertThat(verifier.verify(token, VerificationRequest.forChannel(ARN)).isValid()).isTrue();
  }

  @Test
  void build_whenTokenWouldBeOneOverLimit_refusesNamingPayloadSizeAndRule() {
    IntFunction<PlaybackClaims.Builder> padded =
        n -> claims().additionalClaim("pad", "x".repeat(n));
    int n = largestThatBuilds(5900, padded);
    assertThatThrownBy(() -> padded.apply(n + 1).build())
        .isInstanceOf(InvalidClaimException.class)
        .satisfies(
            e -> assertThat(((InvalidClaimException) e).claim()).isEqualTo(PlaybackClaims.PAYLOAD))
        .hasMessageContainingAll(
            "payload",
            "the token would be " + (LIMIT + 1) + " characters",
            "tokens over " + LIMIT + " are refused by verifiers",
            "PlaybackTokenVerifier.DEFAULT_MAX_TOKEN_LENGTH");
  }

  @Test
  void build_withEscapedAndMultiByteValues_countsTheEncodedSizeExactly() {
    // Each unit writes 1 + 2 + 2 + 3 + 4 + 6 bytes of JSON: plain, \", é, €, an emoji, and \u0001.
    String unit = "a\"\u00e9\u20ac\ud83d\ude00\u0001";
    IntFunction<PlaybackClaims.Builder> padded =
        n -> claims().additionalClaim("pad", unit.repeat(n));
    int n = largestThatBuilds(300, padded);
    String token = signer.sign(padded.apply(n).build());
    assertThat(token.length()).isGreaterThan(LIMIT - 24);
    assertThatThrownBy(() -> padded.apply(n + 1).build())
        .isInstanceOf(InvalidClaimException.class)
        .satisfies(
            e -> assertThat(((InvalidClaimException) e).claim()).isEqualTo(PlaybackClaims.PAYLOAD));
  }

  @Test
  void build_withManyOriginsWithoutStrictEnforcement_refusesWhenTooLarge() {
    IntFunction<PlaybackClaims.Builder> origins =
        n -> {
          PlaybackClaims.Builder b = claims();
          for (int i = 0; i < n; i++) {
            b.allowedOrigin("https://viewer-site-" + i + ".example.com");
          }
          return b;
        };
    int n = largestThatBuilds(150, origins);
    assertThat(n).isGreaterThan(150);
    assertThatThrownBy(() -> origins.apply(n + 1).build())
        .isInstanceOf(InvalidClaimException.class)
        .hasMessageContaining("tokens over " + LIMIT + " are refused by verifiers");
  }

  @Test
  void build_withManyAdditionalClaims_refusesWhenTooLarge() {
    PlaybackClaims.Builder b = claims();
    for (int i = 0; i < 1000; i++) {
      b.additionalClaim("claim-" + i, (long) i);
    }
    assertThatThrownBy(b::build)
        .isInstanceOf(InvalidClaimException.class)
        .satisfies(
            e -> assertThat(((InvalidClaimException) e).claim()).isEqualTo(PlaybackClaims.PAYLOAD))
        .hasMessageContaining("1000 additional claims");
  }

  @Test
  void build_withEveryIvsClaimAtItsMaximum_isUnaffected() {
    PlaybackClaims.Builder b =
        PlaybackClaims.builder()
            .clock(CLOCK)
            .channelArn("arn:aws:ivs:us-west-2:123456789012:channel/" + "a".repeat(80))
            .strictOriginEnforcement(true)
            .singleUseUuid(UUID.randomUUID())
            .viewerId("\ud83d\ude00".repeat(40))
            .viewerSessionVersion(Long.MIN_VALUE)
            .maximumResolution(MaximumResolution.FULL_HD)
            .expiresIn(Duration.ofMinutes(9))
            .additionalClaim("tenant", "t1");
    for (int i = 0; i < PlaybackClaims.MAX_STRICT_ORIGINS; i++) {
      b.allowedOrigin("https://*.site-" + i + ".example.com:8443");
    }
    String token = signer.sign(b.build());
    assertThat(
            verifier
                .verify(
                    token,
                    VerificationRequest.forChannel(ARN.replace("abcdABCDefgh", "a".repeat(80)))
                        .withOrigin("https://x.site-0.example.com:8443"))
                .isValid())
        .isTrue();
  }
}
