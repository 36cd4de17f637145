package dev.ivsplayback.cli.internal;

import dev.ivsplayback.local.IvsLocal;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code local}: runs ivs-local in the foreground until SIGINT or SIGTERM. */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run ivs-local, an IVS-compatible endpoint, in the foreground.",
      "Prints its endpoint, then serves until Ctrl-C (SIGINT) or SIGTERM, and stops cleanly. The global --region sets its region."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  ivs-playback local --port 4599",
      "  ivs-playback --endpoint-url http://127.0.0.1:4599 keys list",
      "  IVS_LOCAL_SECRET=... ivs-playback local --access-key AKIDLOCAL --secret-key-env IVS_LOCAL_SECRET"
    })
final class LocalCommand extends AbstractCommand {

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "0",
      description = "TCP port on 127.0.0.1 (default: 0, a free port).")
  int port;

  @Option(
      names = "--account",
      paramLabel = "ID",
      defaultValue = "123456789012",
      description = "12-digit account id used in ARNs (default: ${DEFAULT-VALUE}).")
  String account;

  @Option(
      names = "--access-key",
      paramLabel = "K",
      description =
          "Require SigV4 signatures made with this access key id (with --secret-key-env or --secret-key).")
  String accessKey;

  @Option(
      names = "--secret-key-env",
      paramLabel = "VAR",
      description =
          "Read the secret key for --access-key from environment variable VAR (recommended).")
  String secretKeyVariable;

  @Option(
      names = "--secret-key",
      paramLabel = "S",
      description =
          "The secret key for --access-key, on the command line: visible to other users in 'ps' and kept in"
              + " shell history; prefer --secret-key-env.")
  String secretKey;

  @Option(
      names = "--throttle",
      description = "Enforce the IVS API rate quotas (ThrottlingException when exceeded).")
  boolean throttle;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new BadInputException(
          "--port " + port + ": must be between 0 and 65535 (0 picks a free port)");
    }
    if (!account.matches("\\d{12}")) {
      throw new BadInputException("--account " + account + ": must be a 12-digit AWS account id");
    }
    String secret = secret();
    boolean verified = accessKey != null;
    IvsLocal.Builder b =
        IvsLocal.builder()
            .port(port)
            .region(globals().region())
            .accountId(account)
            .throttling(throttle)
            .clock(env().clock());
    if (verified) {
      b.credentials(accessKey, secret);
    }
    env().armShutdownRequest();
    try (IvsLocal local = b.build().start()) {
      String endpoint = local.endpoint().toString();
      if (json()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpoint", endpoint);
        m.put("region", local.region());
        m.put("accountId", local.accountId());
        m.put("sigv4Verified", verified);
        m.put("throttling", throttle);
        out().println(Json.compact(m));
      } else {
        out()
            .println(
                "ivs-local listening on "
                    + endpoint
                    + " (region "
                    + local.region()
                    + ", account "
                    + local.accountId()
                    + (verified ? ", SigV4 verified" : "")
                    + (throttle ? ", throttling on" : "")
                    + ")");
        out()
            .println(
                "use it with: ivs-playback --endpoint-url "
                    + endpoint
                    + " --region "
                    + local.region()
                    + " keys list");
        out().println("stop it with Ctrl-C");
      }
      out().flush();
      env().awaitShutdownRequest();
    }
    err().println("ivs-local stopped");
    err().flush();
    return 0;
  }

  /**
   * The secret for --access-key, or null without one; exactly one source goes with --access-key.
   */
  private String secret() {
    if (secretKey != null && secretKeyVariable != null) {
      throw new BadInputException(
          "give the secret key with --secret-key-env or --secret-key, not both");
    }
    if (accessKey == null) {
      if (secretKey != null || secretKeyVariable != null) {
        throw new BadInputException(
            (secretKey != null ? "--secret-key" : "--secret-key-env")
                + " needs --access-key K: the secret belongs to an access key id");
      }
      return null;
    }
    if (accessKey.isBlank()) {
      throw new BadInputException("--access-key: must not be empty");
    }
    if (secretKey != null) {
      if (secretKey.isEmpty()) {
        throw new BadInputException("--secret-key: must not be empty");
      }
      return secretKey;
    }
    if (secretKeyVariable == null) {
      throw new BadInputException(
          "--access-key needs its secret: give --secret-key-env VAR (or --secret-key S,"
              + " which 'ps' shows to other users)");
    }
    String value = env().variable(secretKeyVariable);
    if (value == null) {
      throw new BadInputException(
          "--secret-key-env " + secretKeyVariable + ": the environment variable is not set");
    }
    if (value.isEmpty()) {
      throw new BadInputException(
          "--secret-key-env " + secretKeyVariable + ": the environment variable is empty");
    }
    return value;
  }
}
