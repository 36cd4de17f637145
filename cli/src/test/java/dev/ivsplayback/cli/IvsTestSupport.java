package dev.ivsplayback.cli;

import dev.ivsplayback.local.IvsLocal;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ivs.IvsClient;

/**
 * The CLI takes credentials from the AWS default chain, whose first link is the aws.accessKeyId /
 * aws.secretAccessKey system properties: set here so that in-process runs sign with known keys
 * whatever the developer's environment holds.
 */
final class IvsTestSupport {

  static final String ACCESS_KEY = "AKIDCLITEST";
  static final String SECRET_KEY = "cli-test-secret";

  static {
    System.setProperty("aws.accessKeyId", ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", SECRET_KEY);
  }

  private IvsTestSupport() {}

  /**
   * Call from a static initializer or @BeforeAll so the credentials are set before the first run.
   */
  static void init() {}

  /** The CLI arguments that point a command at this ivs-local. */
  static String[] at(IvsLocal local, String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--endpoint-url";
    all[args.length + 1] = local.endpoint().toString();
    all[args.length + 2] = "--region";
    all[args.length + 3] = local.region();
    return all;
  }

  /**
   * A plain AWS SDK client on the same endpoint, to check what the CLI did independently of
   * ivs-client.
   */
  static IvsClient sdk(URI endpoint) {
    return IvsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_WEST_2)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
  }
}
