package dev.ivsplayback.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process with captured output, given stdin, environment variables and clock. */
final class CliRunner {

  /** The outcome of one run. */
  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private InputStream stdin = new ByteArrayInputStream(new byte[0]);
  private final Map<String, String> variables = new HashMap<>();
  private Clock clock = Clock.systemUTC();

  CliRunner stdin(String text) {
    this.stdin = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  CliRunner stdin(InputStream in) {
    this.stdin = in;
    return this;
  }

  CliRunner variable(String name, String value) {
    variables.put(name, value);
    return this;
  }

  CliRunner clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliEnvironment env =
        CliEnvironment.builder()
            .stdin(stdin)
            .stdout(new PrintWriter(out))
            .stderr(new PrintWriter(err))
            .variables(variables)
            .clock(clock)
            .build();
    int code = IvsPlaybackCli.execute(env, args);
    return new Result(code, out.toString(), err.toString());
  }

  static Result cli(String... args) {
    return new CliRunner().run(args);
  }
}
