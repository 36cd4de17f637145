package dev.ivsplayback.cli.internal;

import dev.ivsplayback.cli.CliEnvironment;
import dev.ivsplayback.token.SigningEngine;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** The {@code ivs-playback} command: global options and the list of commands. */
@Command(
    name = "ivs-playback",
    mixinStandardHelpOptions = true,
    versionProvider = RootCommand.Version.class,
    usageHelpAutoWidth = true,
    header = "Amazon IVS playback tokens, key pairs and a local IVS endpoint.",
    description = {
      "Mint and verify IVS private-channel playback tokens, manage and rotate playback key pairs, and run ivs-local."
          + " Start with: ivs-playback demo"
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success",
      "  1  the operation ran and failed, or the token is invalid",
      "  2  bad usage or bad input (the message says what to fix)",
      "",
      "",
      "Global options (--region, --endpoint-url, --profile, --output, --debug) go before or after the command."
          + " Credentials come from the AWS default chain (environment variables, shared files, instance role) or"
          + " from --profile."
    },
    subcommands = {
      DemoCommand.class,
      LocalCommand.class,
      KeygenCommand.class,
      FingerprintCommand.class,
      ImportCommand.class,
      KeysCommand.class,
      StoreCommand.class,
      MintCommand.class,
      VerifyCommand.class,
      RotateCommand.class,
    })
public final class RootCommand implements Callable<Integer> {

  private final CliEnvironment environment;

  @Mixin GlobalOptions globals = new GlobalOptions();

  @Spec CommandLine.Model.CommandSpec spec;

  /**
   * @param environment the streams, variables and clock of this run
   */
  public RootCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  /** The environment of this run. */
  public CliEnvironment environment() {
    return environment;
  }

  /** The global options (one instance, shared by every command of this run). */
  public GlobalOptions globals() {
    return globals;
  }

  @Override
  public Integer call() {
    environment.stderr().println("ivs-playback: a command is required (try 'ivs-playback --help')");
    spec.commandLine().usage(environment.stderr());
    return 2;
  }

  /** The version, and which signing engine this JVM would use. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = "unknown";
      try (InputStream in =
          RootCommand.class.getResourceAsStream("/dev/ivsplayback/cli/version.properties")) {
        if (in != null) {
          Properties p = new Properties();
          p.load(in);
          version = p.getProperty("version", version);
        }
      } catch (IOException e) {
        // Version is informational only.
      }
      return new String[] {
        "ivs-playback " + version,
        "signing engine: " + SigningEngine.fastestAvailable(),
        "java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")"
      };
    }
  }
}
