package dev.ivsplayback.cli;

import dev.ivsplayback.cli.internal.ErrorHandler;
import dev.ivsplayback.cli.internal.RootCommand;
import picocli.CommandLine;

/**
 * The {@code ivs-playback} command-line tool: {@code demo}, {@code local}, {@code keygen}, {@code
 * fingerprint}, {@code import}, {@code keys list|delete|status}, {@code mint}, {@code verify} and
 * {@code rotate}.
 *
 * <p>Exit codes: 0 success; 1 the operation ran and failed, or a token is invalid; 2 bad usage or
 * bad input. Run {@code ivs-playback --help} for the reference.
 */
public final class IvsPlaybackCli {

  private IvsPlaybackCli() {}

  /** Runs the tool as a process and exits with its exit code. */
  public static void main(String[] args) {
    int code = execute(CliEnvironment.system(), args);
    System.out.flush();
    System.exit(code);
  }

  /**
   * Runs one command line in this JVM against the given environment and returns its exit code.
   * Never throws for command errors: they are reported on the environment's stderr.
   */
  public static int execute(CliEnvironment environment, String... args) {
    try {
      return newCommandLine(environment).execute(args);
    } finally {
      environment.stdout().flush();
      environment.stderr().flush();
    }
  }

  /** A configured picocli {@link CommandLine} for the tool, bound to {@code environment}. */
  public static CommandLine newCommandLine(CliEnvironment environment) {
    RootCommand root = new RootCommand(environment);
    CommandLine cl = new CommandLine(root);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setUsageHelpAutoWidth(true);
    giveVersionToAll(cl);
    cl.setOut(environment.stdout());
    cl.setErr(environment.stderr());
    ErrorHandler errors = new ErrorHandler(root);
    cl.setExecutionExceptionHandler(errors);
    cl.setParameterExceptionHandler(errors);
    return cl;
  }

  /** Every command answers --version, not only the top one. */
  private static void giveVersionToAll(CommandLine cl) {
    cl.getCommandSpec().versionProvider(new RootCommand.Version());
    cl.getSubcommands().values().forEach(IvsPlaybackCli::giveVersionToAll);
  }
}
