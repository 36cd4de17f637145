package dev.ivsplayback.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * What a command run sees of the outside world: standard streams, environment variables, the clock
 * and the operator's request to stop a foreground server.
 *
 * <p>{@link #system()} is the real process; tests and embedders build their own with {@link
 * #builder()} so that every command can be run in-process. Thread-safe (its only state is whether
 * the signal handlers are installed).
 */
public final class CliEnvironment {

  private final InputStream stdin;
  private final PrintWriter stdout;
  private final PrintWriter stderr;
  private final Function<String, String> variables;
  private final Clock clock;
  private final CountDownLatch shutdownRequest;
  private final boolean handleSignals;
  private boolean armed;

  private CliEnvironment(Builder b) {
    this.stdin = Objects.requireNonNull(b.stdin, "stdin");
    this.stdout = Objects.requireNonNull(b.stdout, "stdout");
    this.stderr = Objects.requireNonNull(b.stderr, "stderr");
    this.variables = Objects.requireNonNull(b.variables, "variables");
    this.clock = Objects.requireNonNull(b.clock, "clock");
    this.shutdownRequest = b.shutdownRequest != null ? b.shutdownRequest : new CountDownLatch(1);
    this.handleSignals = b.handleSignals;
  }

  /** The real process: System.in/out/err, System.getenv, the system UTC clock, SIGINT/SIGTERM. */
  public static CliEnvironment system() {
    return builder()
        .stdin(System.in)
        // stdout is buffered (verify --batch may print a million lines) and flushed by the commands
        // that stream.
        .stdout(
            new PrintWriter(
                new java.io.BufferedWriter(
                    new OutputStreamWriter(
                        new java.io.FileOutputStream(java.io.FileDescriptor.out),
                        StandardCharsets.UTF_8),
                    1 << 16),
                false))
        .stderr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true))
        .variables(System::getenv)
        .clock(Clock.systemUTC())
        .handleSignals(true)
        .build();
  }

  /**
   * A builder whose defaults are the real process's streams, no environment variables and the
   * system clock.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Standard input (verify reads tokens from it). */
  public InputStream stdin() {
    return stdin;
  }

  /** Standard output: results only. */
  public PrintWriter stdout() {
    return stdout;
  }

  /** Standard error: progress and error messages. */
  public PrintWriter stderr() {
    return stderr;
  }

  /** The value of an environment variable, or null when it is not set. */
  public String variable(String name) {
    return variables.apply(name);
  }

  /** The clock for token expiry and key schedules. */
  public Clock clock() {
    return clock;
  }

  /**
   * Starts listening for the operator's request to stop a foreground server (SIGINT or SIGTERM for
   * the real process). Call it before announcing the server, so that a signal sent right after the
   * announcement is not lost.
   */
  public synchronized void armShutdownRequest() {
    if (handleSignals && !armed) {
      armed = true;
      dev.ivsplayback.cli.internal.Signals.onTermination(shutdownRequest::countDown);
    }
  }

  /**
   * Blocks until the operator asks a foreground server to stop: SIGINT or SIGTERM for the real
   * process, or {@link Builder#shutdownRequest(CountDownLatch)} counting down.
   */
  public void awaitShutdownRequest() throws InterruptedException {
    armShutdownRequest();
    shutdownRequest.await();
  }

  /** Builds a {@link CliEnvironment}. Not thread-safe. */
  public static final class Builder {
    private InputStream stdin = System.in;
    private PrintWriter stdout =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    private PrintWriter stderr =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    private Function<String, String> variables = name -> null;
    private Clock clock = Clock.systemUTC();
    private CountDownLatch shutdownRequest;
    private boolean handleSignals;

    private Builder() {}

    /** Standard input. */
    public Builder stdin(InputStream stdin) {
      this.stdin = stdin;
      return this;
    }

    /** Standard output. */
    public Builder stdout(PrintWriter stdout) {
      this.stdout = stdout;
      return this;
    }

    /** Standard error. */
    public Builder stderr(PrintWriter stderr) {
      this.stderr = stderr;
      return this;
    }

    /** Environment variables, e.g. for --passphrase-env (a copy of the map is kept). */
    public Builder variables(Map<String, String> variables) {
      Map<String, String> copy = Map.copyOf(variables);
      this.variables = copy::get;
      return this;
    }

    /** Environment variables as a lookup function (null for unset). */
    public Builder variables(Function<String, String> variables) {
      this.variables = variables;
      return this;
    }

    /** The clock used for expiry and schedules. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** A latch whose count-down asks a foreground server (the local command) to stop. */
    public Builder shutdownRequest(CountDownLatch shutdownRequest) {
      this.shutdownRequest = shutdownRequest;
      return this;
    }

    /** Whether SIGINT and SIGTERM count down the shutdown request (only for a real process). */
    public Builder handleSignals(boolean handleSignals) {
      this.handleSignals = handleSignals;
      return this;
    }

    /** Builds the environment. */
    public CliEnvironment build() {
      return new CliEnvironment(this);
    }
  }
}
