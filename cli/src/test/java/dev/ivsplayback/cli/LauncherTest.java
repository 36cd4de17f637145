package dev.ivsplayback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's first command: a fresh clone (committed state only), then {@code ./ivs-playback
 * --help}, which must build the jar and answer, and the demo, which must print no warning. Slow (it
 * builds the modules the jar contains), so it is the only test of its kind.
 *
 * <p>The launcher's first-run Maven build is the behaviour under test, so this test does run a
 * nested Maven build; it runs it offline ({@code IVS_PLAYBACK_MVN_ARGS=-o}): the outer build has
 * already resolved every artifact the jar needs, and a test must not reach the network.
 */
class LauncherTest {

  @TempDir Path tmp;

  record Run(int exitCode, String output) {}

  static Run run(Path cwd, List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("launcher", ".log");
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().put("IVS_PLAYBACK_MVN_ARGS", "-o");
      Process p =
          builder
              .directory(cwd.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(8, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + command + "\n" + Files.readString(log));
      }
      return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("ivs-playback"))) {
      dir = dir.getParent();
    }
    assertThat(dir)
        .as("repository root containing ./ivs-playback above " + Path.of("").toAbsolutePath())
        .isNotNull();
    return dir;
  }

  @Test
  void freshClone_firstHelpBuildsTheJarAndAnswers_fromAnyDirectory() throws Exception {
    Path clone = tmp.resolve("clone");
    Run cloned =
        run(tmp, List.of("git", "clone", "--quiet", repositoryRoot().toString(), clone.toString()));
    assertThat(cloned.exitCode()).as(cloned.output()).isZero();
    Path jar = clone.resolve("cli/target/ivs-playback.jar");
    assertThat(jar).doesNotExist();

    Run help = run(clone, List.of("./ivs-playback", "--help"));

    assertThat(help.exitCode()).as(help.output()).isZero();
    assertThat(help.output())
        .contains("building the jar")
        .contains("Usage: ivs-playback")
        .contains("demo");
    assertThat(jar).isRegularFile();

    // Second run, from another directory: no rebuild, and the self-contained jar loads ACCP's
    // native library.
    FileTime built = Files.getLastModifiedTime(jar);
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Run version = run(elsewhere, List.of(clone.resolve("ivs-playback").toString(), "--version"));

    assertThat(version.exitCode()).as(version.output()).isZero();
    assertThat(version.output())
        .doesNotContain("building")
        .contains("ivs-playback 0.1.0")
        .contains(
            "signing engine: "
                + dev.ivsplayback.token.SigningEngine.fastestAvailable()); // same as unshaded
    assertThat(Files.getLastModifiedTime(jar)).isEqualTo(built);

    // The demo runs the key manager, which logs through SLF4J: the jar's NOP provider (the same
    // 2.0.x as slf4j-api) takes it, so SLF4J prints no warning and the JVM none either.
    Run demo = run(elsewhere, List.of(clone.resolve("ivs-playback").toString(), "demo"));

    assertThat(demo.exitCode()).as(demo.output()).isZero();
    assertThat(demo.output().lines())
        .as(demo.output())
        .noneMatch(line -> line.startsWith("SLF4J") || line.startsWith("WARNING"));
  }
}
