package dev.ivsplayback.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ivsplayback.token.PlaybackTokenSigner;
import dev.ivsplayback.token.PlaybackTokenVerifier;
import dev.ivsplayback.token.RejectionReason;
import dev.ivsplayback.token.SigningEngine;
import dev.ivsplayback.token.VerificationRequest;
import dev.ivsplayback.token.VerificationResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Fuzz targets for {@link PlaybackTokenVerifier}: it must answer every input with a {@link
 * VerificationResult} (never an exception), quickly, and accept only tokens that really are valid.
 * Regression inputs live in {@code
 * src/test/resources/dev/ivsplayback/fuzz/TokenVerifierFuzzTestInputs/<method>/}.
 */
class TokenVerifierFuzzTest {
  private static final PlaybackTokenSigner SIGNER =
      PlaybackTokenSigner.builder()
          .privateKey(Fixtures.KEY.getPrivate())
          .engine(SigningEngine.BOUNCY_CASTLE)
          .build();

  /** Signed once: ECDSA signing per input would cut the mutation rate tenfold. */
  private static final String VALID_TOKEN =
      Fixtures.signRaw(
          Fixtures.HEADER_B64,
          ("{\"aws:channel-arn\":\""
                  + Fixtures.CHANNEL_ARN
                  + "\",\"exp\":"
                  + (Fixtures.NOW.getEpochSecond() + 300)
                  + "}")
              .getBytes(StandardCharsets.UTF_8),
          Fixtures.KEY.getPrivate());

  private static final VerificationRequest REQUEST =
      VerificationRequest.forChannel(Fixtures.CHANNEL_ARN);

  /** Any string at all as the token, with any origin. */
  @FuzzTest(maxDuration = "2m")
  void verify_arbitraryString(FuzzedDataProvider data) {
    Bounded.run(() -> verify_arbitraryStringInput(data));
  }

  private void verify_arbitraryStringInput(FuzzedDataProvider data) {
    String origin = data.consumeBoolean() ? data.consumeString(64) : null;
    String token = data.consumeRemainingAsString();
    VerificationResult result = verify(token, origin);
    // Nothing unsigned by our key can be valid.
    assertThat(result.isValid()).as("an arbitrary string verified: %s", token).isFalse();
  }

  /**
   * A properly signed token around an arbitrary payload (and sometimes an arbitrary header):
   * everything behind the signature check, i.e. the JSON and every claim rule, sees attacker-shaped
   * input.
   */
  @FuzzTest(maxDuration = "2m")
  void verify_signedArbitraryPayload(FuzzedDataProvider data) {
    Bounded.run(() -> verify_signedArbitraryPayloadInput(data));
  }

  private void verify_signedArbitraryPayloadInput(FuzzedDataProvider data) {
    String header =
        data.consumeBoolean()
            ? Fixtures.b64(data.consumeString(80).getBytes(StandardCharsets.UTF_8))
            : Fixtures.HEADER_B64;
    String origin = data.consumeBoolean() ? data.consumeString(64) : null;
    byte[] payload = data.consumeRemainingAsBytes();
    String token = Fixtures.signRaw(header, payload, Fixtures.KEY.getPrivate());
    VerificationResult result = verify(token, origin);
    if (result instanceof VerificationResult.Valid valid) {
      // Whatever was accepted must be claims we could have minted ourselves: re-signing them
      // verifies too.
      assertThat(valid.claims().channelArn()).isEqualTo(Fixtures.CHANNEL_ARN);
      assertThat(valid.claims().expiresAt()).isAfter(Fixtures.NOW.minusSeconds(31));
      VerificationResult again =
          freshVerifier().verify(SIGNER.sign(valid.claims()), REQUEST.withOrigin(origin));
      assertThat(again.isValid())
          .as("re-signed accepted claims %s: %s", valid.claims(), again)
          .isTrue();
    }
  }

  /**
   * Structured mutations of a valid token: cut, splice, duplicate segments, flip characters, swap
   * signatures. Only the untouched token may verify.
   */
  @FuzzTest(maxDuration = "2m")
  void verify_mutatedValidToken(FuzzedDataProvider data) {
    Bounded.run(() -> verify_mutatedValidTokenInput(data));
  }

  private void verify_mutatedValidTokenInput(FuzzedDataProvider data) {
    String valid = VALID_TOKEN;
    String[] parts = valid.split("\\.");
    StringBuilder t = new StringBuilder(valid);
    int mutations = data.consumeInt(1, 8);
    for (int i = 0; i < mutations && data.remainingBytes() > 0; i++) {
      switch (data.consumeInt(0, 6)) {
        case 0 -> { // replace one character
          if (t.length() > 0) {
            t.setCharAt(data.consumeInt(0, t.length() - 1), data.consumeChar());
          }
        }
        case 1 -> { // insert text
          t.insert(data.consumeInt(0, t.length()), data.consumeString(16));
        }
        case 2 -> { // delete a range
          if (t.length() > 0) {
            int from = data.consumeInt(0, t.length() - 1);
            t.delete(from, data.consumeInt(from, t.length()));
          }
        }
        case 3 -> { // repeat a segment
          t.append('.').append(parts[data.consumeInt(0, 2)]);
        }
        case 4 -> { // flip one bit of the raw bytes
          if (t.length() > 0) {
            int at = data.consumeInt(0, t.length() - 1);
            t.setCharAt(at, (char) (t.charAt(at) ^ (1 << data.consumeInt(0, 15))));
          }
        }
        case 5 -> { // swap in a signature over something else
          String other =
              Fixtures.signRaw(parts[0], data.consumeBytes(40), Fixtures.KEY.getPrivate());
          t.setLength(0);
          t.append(parts[0]).append('.').append(parts[1]).append('.').append(other.split("\\.")[2]);
        }
        default -> { // truncate
          t.setLength(data.consumeInt(0, t.length()));
        }
      }
    }
    String token = t.toString();
    VerificationResult result = verify(token, null);
    if (!token.equals(valid)) {
      assertThat(result.isValid()).as("mutated token verified: %s", token).isFalse();
    }
  }

  private static VerificationResult verify(String token, String origin) {
    VerificationResult result = freshVerifier().verify(token, REQUEST.withOrigin(origin));
    assertThat(result).isNotNull();
    if (result instanceof VerificationResult.Invalid invalid) {
      assertThat(invalid.reason()).isNotNull();
      assertThat(invalid.message()).isNotBlank();
      if (token.length() > PlaybackTokenVerifier.DEFAULT_MAX_TOKEN_LENGTH) {
        assertThat(invalid.reason()).isEqualTo(RejectionReason.TOO_LARGE);
      }
    }
    return result;
  }

  /** A verifier per input, so that single-use state from one input never decides another. */
  private static PlaybackTokenVerifier freshVerifier() {
    return PlaybackTokenVerifier.builder()
        .publicKeys(List.of(Fixtures.KEY.getPublic()))
        .clock(Fixtures.CLOCK)
        .leeway(Duration.ofSeconds(30))
        .build();
  }
}
