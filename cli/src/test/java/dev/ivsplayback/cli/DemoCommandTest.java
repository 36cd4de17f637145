package dev.ivsplayback.cli;

import static dev.ivsplayback.cli.CliRunner.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

  @Test
  void demo_walksEverySixStepsAndPasses() {
    CliRunner.Result r = cli("demo");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    List<String> outcomes = r.out().lines().filter(l -> l.startsWith("[")).toList();
    for (int step = 1; step <= 6; step++) {
      String prefix = "[" + step + "/6] ";
      assertThat(outcomes).as("step " + step).anyMatch(l -> l.startsWith(prefix));
    }
    assertThat(outcomes).hasSizeGreaterThanOrEqualTo(15).allMatch(l -> l.endsWith("  ok"));
    assertThat(r.out())
        .contains(
            "created authorized channel",
            "fingerprint IVS reports",
            "tampered token",
            "another channel",
            "expired",
            "grace period",
            "deleted from IVS",
            "revoked viewer-2");
    assertThat(r.out().lines().reduce((a, b) -> b).orElseThrow()).startsWith("demo passed: ");
  }

  @Test
  void demo_jsonOutput_reportsEachOutcome() {
    CliRunner.Result r = cli("demo", "--output", "json");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    List<Map<String, Object>> lines = r.out().lines().map(Jwt::parseJson).toList();
    Map<String, Object> summary = lines.get(lines.size() - 1);
    assertThat(summary).containsEntry("failed", 0L);
    assertThat(lines.subList(0, lines.size() - 1))
        .hasSize(((Long) summary.get("passed")).intValue())
        .allSatisfy(
            l ->
                assertThat(l)
                    .containsEntry("ok", true)
                    .containsKeys("step", "outcome", "expected", "actual"));
  }
}
