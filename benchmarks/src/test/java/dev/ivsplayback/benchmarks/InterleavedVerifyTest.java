package dev.ivsplayback.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One very short round of the interleaved comparison; speed is never asserted. */
class InterleavedVerifyTest {

  @Test
  void run_oneShortRound_reportsEveryContender() throws Exception {
    List<InterleavedVerify.Row> rows = InterleavedVerify.run(1, 20);
    assertThat(rows)
        .extracting(InterleavedVerify.Row::name)
        .contains("rawVerifySunEc", "ours_verifier");
    assertThat(rows).allSatisfy(r -> assertThat(r.medianOpsPerSecond()).isPositive());
    assertThat(rows.get(0).medianRatio()).isEqualTo(1.0);
  }
}
