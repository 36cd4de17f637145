package dev.ivsplayback.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivsplayback.testing.TestKeys;
import dev.ivsplayback.token.internal.Accp;
import dev.ivsplayback.token.internal.P384;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One signer shared by 8 threads, 10,000 tokens each: every token verifies and carries its own
 * claims.
 */
class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 10_000;
  private static final ThreadLocal<PlaybackTokenVerifier> VERIFIER =
      ThreadLocal.withInitial(
          () ->
              PlaybackTokenVerifier.builder()
                  .publicKeys(List.of(TestKeys.p384().getPublic()))
                  .build());

  @Test
  void sharedSigner_eightThreadsTenThousandTokensEach_allVerify() throws Exception {
    KeyPair pair = TestKeys.p384();
    PlaybackTokenSigner signer = PlaybackTokenSigner.create(pair.getPrivate());
    long exp = java.time.Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<String[]>> minted = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        minted.add(
            pool.submit(
                () -> {
                  String[] tokens = new String[PER_THREAD];
                  for (int i = 0; i < PER_THREAD; i++) {
                    tokens[i] =
                        signer.sign(
                            PlaybackClaims.builder()
                                .channelArn(PlaybackClaimsTest.ARN)
                                .viewerId("t" + thread + "-" + i)
                                .expiresAt(java.time.Instant.ofEpochSecond(exp))
                                .build());
                  }
                  return tokens;
                }));
      }
      List<Callable<Integer>> checks = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        String[] tokens = minted.get(t).get();
        int thread = t;
        checks.add(() -> verifyAll(tokens, thread, (ECPublicKey) pair.getPublic()));
      }
      int verified = 0;
      for (Future<Integer> f : pool.invokeAll(checks)) {
        verified += f.get();
      }
      assertThat(verified).isEqualTo(THREADS * PER_THREAD);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Checks each token's payload is its own and its signature verifies. Uses ACCP's native verifier
   * when it is available (80,000 pure-Java P-384 verifications would take minutes on 2 cores), else
   * BouncyCastle's.
   */
  private static int verifyAll(String[] tokens, int thread, ECPublicKey key) throws Exception {
    Signature accp = null;
    if (Accp.provider() != null) {
      accp = Signature.getInstance("SHA384withECDSA", Accp.provider());
      accp.initVerify(key);
    }
    int ok = 0;
    for (int i = 0; i < tokens.length; i++) {
      String token = tokens[i];
      int dot = token.lastIndexOf('.');
      String payload =
          new String(
              Base64.getUrlDecoder().decode(token.substring(token.indexOf('.') + 1, dot)),
              StandardCharsets.UTF_8);
      assertThat(payload).contains("\"aws:viewer-id\":\"t" + thread + "-" + i + "\"");
      byte[] input = token.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
      byte[] sig = TestTokens.signatureOf(token);
      boolean valid;
      if (accp != null) {
        accp.update(input);
        valid = accp.verify(CrossEngineTest.toDer(sig));
      } else {
        valid = P384.verify(P384.publicParameters(key), input, 0, input.length, sig);
      }
      if (i % 100 == 0) {
        // Every 100th token also goes through the full verifier (BouncyCastle, pure Java).
        valid &=
            VERIFIER
                .get()
                .verify(token, VerificationRequest.forChannel(PlaybackClaimsTest.ARN))
                .isValid();
      }
      if (valid) {
        ok++;
      }
    }
    return ok;
  }
}
