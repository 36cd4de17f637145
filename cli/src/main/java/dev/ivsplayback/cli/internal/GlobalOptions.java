package dev.ivsplayback.cli.internal;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options accepted anywhere on the command line, before or after the command name. They are
 * inherited by every subcommand and bound to this one instance (held by the root command).
 */
public final class GlobalOptions {

  /** The region used when --region is not given. */
  public static final String DEFAULT_REGION = "us-west-2";

  @Option(
      names = "--region",
      scope = ScopeType.INHERIT,
      paramLabel = "REGION",
      description = "AWS region (default: ${DEFAULT-VALUE}).",
      defaultValue = DEFAULT_REGION)
  String region = DEFAULT_REGION;

  @Option(
      names = "--endpoint-url",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description = "IVS endpoint to call instead of the region's, e.g. an ivs-local endpoint.")
  String endpointUrl;

  @Option(
      names = "--profile",
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      description =
          "Named profile from the AWS shared config/credentials files (default: the AWS default credentials chain).")
  String profile;

  @Option(
      names = "--output",
      scope = ScopeType.INHERIT,
      paramLabel = "text|json",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      defaultValue = "text")
  OutputFormat output = OutputFormat.text;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean debug;

  /** The --region value. */
  public String region() {
    return region;
  }

  /** The --endpoint-url value, or null. */
  public String endpointUrl() {
    return endpointUrl;
  }

  /** The --profile value, or null. */
  public String profile() {
    return profile;
  }

  /** The --output value. */
  public OutputFormat output() {
    return output;
  }

  /** Whether --output json was given. */
  public boolean json() {
    return output == OutputFormat.json;
  }

  /** Whether --debug was given. */
  public boolean debug() {
    return debug;
  }
}
