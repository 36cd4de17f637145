package dev.ivsplayback.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ivsplayback.token.InvalidClaimException;
import dev.ivsplayback.token.MaximumResolution;
import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackTokenSigner;
import dev.ivsplayback.token.PlaybackTokenVerifier;
import dev.ivsplayback.token.SigningEngine;
import dev.ivsplayback.token.VerificationRequest;
import dev.ivsplayback.token.VerificationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Fuzz target for {@link PlaybackClaims.Builder}: any strings and numbers either build claims that
 * sign and verify back to themselves, or are refused with an {@link InvalidClaimException} naming a
 * claim. Nothing else escapes.
 */
class ClaimsBuilderFuzzTest {
  private static final PlaybackTokenSigner SIGNER =
      PlaybackTokenSigner.builder()
          .privateKey(Fixtures.KEY.getPrivate())
          .engine(SigningEngine.BOUNCY_CASTLE)
          .build();

  @FuzzTest(maxDuration = "2m")
  void build_arbitraryStringsAndNumbers(FuzzedDataProvider data) {
    Bounded.run(() -> build_arbitraryStringsAndNumbersInput(data));
  }

  private void build_arbitraryStringsAndNumbersInput(FuzzedDataProvider data) {
    PlaybackClaims.Builder b = PlaybackClaims.builder().clock(Fixtures.CLOCK);
    String channelArn = data.consumeBoolean() ? Fixtures.CHANNEL_ARN : data.consumeString(140);
    b.channelArn(channelArn);
    int steps = data.consumeInt(0, 12);
    try {
      for (int i = 0; i < steps && data.remainingBytes() > 0; i++) {
        switch (data.consumeInt(0, 10)) {
          case 0 -> b.allowedOrigin(data.consumeString(80));
          case 1 -> b.strictOriginEnforcement(data.consumeBoolean());
          case 2 -> b.singleUseUuid(new UUID(data.consumeLong(), data.consumeLong()));
          case 3 -> b.viewerId(data.consumeString(48));
          case 4 -> b.viewerSessionVersion(data.consumeLong());
          case 5 -> b.maximumResolution(data.pickValue(MaximumResolution.values()));
          case 6 ->
              b.expiresAt(
                  Instant.ofEpochSecond(
                      data.consumeLong(-200_000_000_000L, 200_000_000_000L),
                      data.consumeInt(0, 999_999_999)));
          case 7 ->
              b.expiresIn(Duration.ofSeconds(data.consumeLong(-1_000_000_000L, 1_000_000_000L)));
          case 8 -> b.additionalClaim(data.consumeString(24), data.consumeString(64));
          case 9 ->
              b.additionalClaim(
                  data.consumeString(24),
                  data.consumeBoolean() ? (Object) data.consumeLong() : (Object) data.consumeInt());
          default ->
              b.additionalClaim(
                  data.consumeString(24),
                  data.consumeBoolean() ? (Object) data.consumeBoolean() : null);
        }
      }
      if (!data.consumeBoolean()) {
        b.expiresIn(Duration.ofMinutes(5));
      }
    } catch (InvalidClaimException e) {
      assertNamesClaim(e);
      return; // a value refused when added (reserved or malformed additional claim)
    }
    PlaybackClaims claims;
    try {
      claims = b.build();
    } catch (InvalidClaimException e) {
      assertNamesClaim(e);
      return;
    }
    String token = SIGNER.sign(claims);
    PlaybackTokenVerifier verifier =
        PlaybackTokenVerifier.builder()
            .publicKeys(List.of(Fixtures.KEY.getPublic()))
            .clock(Fixtures.CLOCK)
            .maxTokenLength(Integer.MAX_VALUE)
            .build();
    VerificationRequest request =
        VerificationRequest.forChannel(claims.channelArn())
            .withOrigin(
                claims.allowedOrigins().isEmpty()
                    ? "https://viewer.example"
                    : originMatching(claims.allowedOrigins().get(0)));
    VerificationResult result = verifier.verify(token, request);
    assertThat(result).as("built claims %s", claims).isInstanceOf(VerificationResult.Valid.class);
    assertThat(((VerificationResult.Valid) result).claims()).isEqualTo(claims);
  }

  private static void assertNamesClaim(InvalidClaimException e) {
    assertThat(e.claim()).isNotNull();
    assertThat(e.getMessage()).isNotBlank();
  }

  /** A request origin that an allowed-origin entry matches. */
  static String originMatching(String allowed) {
    if (allowed.equals("*")) {
      return "https://viewer.example";
    }
    return allowed.replace("://*.", "://a.");
  }
}
