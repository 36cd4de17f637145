package dev.ivsplayback.cli;

import static dev.ivsplayback.cli.CliRunner.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ivsplayback.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GlobalOptionsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "demo",
        "local",
        "keygen",
        "fingerprint",
        "import",
        "keys",
        "keys list",
        "keys delete",
        "keys status",
        "mint",
        "verify",
        "rotate"
      })
  void help_existsForEveryCommand(String command) {
    String[] args = (command + " --help").split(" ");

    CliRunner.Result r = cli(args);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("Usage: ivs-playback " + command);
    assertThat(r.out()).contains("--region").contains("--output");
  }

  @Test
  void help_listsCommandsAndExitCodes() {
    CliRunner.Result r = cli("--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains(
            "demo",
            "local",
            "keygen",
            "fingerprint",
            "import",
            "keys",
            "mint",
            "verify",
            "rotate",
            "Exit codes:");
  }

  @Test
  void version_reportsVersionAndSigningEngine() {
    CliRunner.Result r = cli("--version");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .containsPattern("ivs-playback \\d+\\.\\d+\\.\\d+")
        .contains("signing engine: ");
  }

  @Test
  void noCommand_exits2WithUsage() {
    CliRunner.Result r = cli();

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("a command is required").contains("Usage:");
  }

  @Test
  void unknownCommand_exits2WithOneLine() {
    CliRunner.Result r = cli("frobnicate");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("frobnicate");
  }

  @Test
  void unknownOption_exits2() {
    CliRunner.Result r = cli("fingerprint", "--key", "k.pem", "--kye", "x");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--kye");
  }

  @Test
  void output_acceptedBeforeOrAfterTheCommand() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("cli-global");
    java.nio.file.Path pub = KeyFiles.writePublic(dir, "k", TestKeys.newP384());

    CliRunner.Result before = cli("--output", "json", "fingerprint", "--key", pub.toString());
    CliRunner.Result after = cli("fingerprint", "--key", pub.toString(), "--output=JSON");
    CliRunner.Result text = cli("fingerprint", "--output", "text", "--key", pub.toString());

    assertThat(before.out()).startsWith("{\"fingerprint\":");
    assertThat(after.out()).isEqualTo(before.out());
    assertThat(text.out()).doesNotStartWith("{");
  }

  @Test
  void output_rejectsUnknownFormat() {
    CliRunner.Result r = cli("keys", "list", "--output", "yaml");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("yaml").contains("text").contains("json");
  }

  @Test
  void region_rejectsNonsense() {
    CliRunner.Result r = cli("keys", "list", "--region", "mars");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--region").contains("mars");
  }

  @Test
  void endpointUrl_rejectsNonHttp() {
    CliRunner.Result r = cli("--endpoint-url", "ftp://x", "keys", "list");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--endpoint-url");
  }

  @Test
  void profile_whenUnknown_exits2() {
    CliRunner.Result r = cli("keys", "list", "--profile", "no-such-profile-7c1d");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("no-such-profile-7c1d");
  }

  /**
   * As a process with a clean environment and HOME: no credentials anywhere in the default chain.
   */
  @Test
  void noCredentials_exits1WithAShortHint() throws Exception {
    java.nio.file.Path home = java.nio.file.Files.createTempDirectory("cli-home");
    ProcessBuilder pb =
        new ProcessBuilder(
            java.nio.file.Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
            "-Duser.home=" + home,
            "-cp",
            System.getProperty("java.class.path"),
            IvsPlaybackCli.class.getName(),
            "keys",
            "list",
            "--endpoint-url",
            "http://127.0.0.1:9");
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    pb.environment().put("HOME", home.toString());
    pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String output =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

    assertThat(p.waitFor()).as(output).isEqualTo(1);
    assertThat(output.strip().lines()).hasSize(1);
    assertThat(output).contains("no AWS credentials found").contains("--profile");
  }

  @Test
  void duration_parserMessagesNameTheValue() {
    assertThat(dev.ivsplayback.cli.internal.Durations.parse("90s")).hasSeconds(90);
    assertThat(dev.ivsplayback.cli.internal.Durations.parse("5m")).hasMinutes(5);
    assertThat(dev.ivsplayback.cli.internal.Durations.parse("1h30m")).hasMinutes(90);
    assertThat(dev.ivsplayback.cli.internal.Durations.parse("PT2M")).hasSeconds(120);
    assertThat(dev.ivsplayback.cli.internal.Durations.parse("250ms")).hasMillis(250);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> dev.ivsplayback.cli.internal.Durations.parse("-5m"))
        .hasMessageContaining("'-5m'");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> dev.ivsplayback.cli.internal.Durations.parse("5 min"))
        .hasMessageContaining("e.g. 90s, 5m, 1h");
  }
}
