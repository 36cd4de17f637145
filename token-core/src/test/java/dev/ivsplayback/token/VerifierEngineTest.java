package dev.ivsplayback.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.testing.TestKeys;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which engine the verifier runs on, and its per-thread state under concurrency. */
class VerifierEngineTest {
  final KeyPair pair = TestKeys.p384();

  private PlaybackTokenVerifier.Builder builder() {
    return PlaybackTokenVerifier.builder().publicKeys(List.of(pair.getPublic()));
  }

  @Test
  void engine_byDefault_isAccpWhereItLoads() {
    // CI runs on linux-x86_64, where ACCP loads (CrossEngineTest asserts that).
    assertThat(builder().build().engine()).isEqualTo(SigningEngine.ACCP);
  }

  @Test
  void engine_whenBouncyCastleChosen_isBouncyCastle() {
    assertThat(builder().engine(SigningEngine.BOUNCY_CASTLE).build().engine())
        .isEqualTo(SigningEngine.BOUNCY_CASTLE);
  }

  @Test
  void build_whenEngineJca_rejectsNamingTheSetting() {
    assertThatThrownBy(() -> builder().engine(SigningEngine.JCA).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("engine: is JCA;")
        .hasMessageContaining("ACCP or BOUNCY_CASTLE");
  }

  @Test
  void engine_whenUnset_isTheDefault_likeTheSigners() {
    assertThat(builder().engine(null).build().engine())
        .isEqualTo(builder().build().engine())
        .isIn(SigningEngine.ACCP, SigningEngine.BOUNCY_CASTLE);
  }

  @ParameterizedTest
  @MethodSource("dev.ivsplayback.token.PlaybackTokenVerifierTest#engines")
  void verify_oneVerifierSharedByFourThreadsWithTwoKeys_acceptsEveryToken(SigningEngine engine)
      throws Exception {
    KeyPair other = TestKeys.otherP384();
    PlaybackTokenSigner mine = PlaybackTokenSigner.create(pair.getPrivate());
    PlaybackTokenSigner theirs = PlaybackTokenSigner.create(other.getPrivate());
    PlaybackTokenVerifier verifier =
        PlaybackTokenVerifier.builder()
            .engine(engine)
            .publicKeys(List.of(pair.getPublic(), other.getPublic()))
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  int valid = 0;
                  for (int i = 0; i < 50; i++) {
                    boolean useMine = (i + thread) % 3 != 0;
                    String token =
                        (useMine ? mine : theirs)
                            .sign(
                                PlaybackClaims.builder()
                                    .channelArn(PlaybackClaimsTest.ARN)
                                    .viewerId("t" + thread + "-" + i)
                                    .expiresIn(Duration.ofMinutes(5))
                                    .build());
                    VerificationResult r =
                        verifier.verify(
                            token, VerificationRequest.forChannel(PlaybackClaimsTest.ARN));
                    if (r instanceof VerificationResult.Valid v
                        && v.key() == (useMine ? pair.getPublic() : other.getPublic())
                        && v.claims().viewerId().orElseThrow().equals("t" + thread + "-" + i)) {
                      valid++;
                    }
                  }
                  return valid;
                }));
      }
      for (Future<Integer> f : results) {
        assertThat(f.get()).isEqualTo(50);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
