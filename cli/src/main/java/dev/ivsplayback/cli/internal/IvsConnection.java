package dev.ivsplayback.cli.internal;

import dev.ivsplayback.cli.CliEnvironment;
import dev.ivsplayback.client.IvsClientConfig;
import dev.ivsplayback.client.IvsPlaybackClient;
import java.net.URI;
import java.net.URISyntaxException;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;

/** Builds the project's IVS client from the global options (region, endpoint, profile). */
final class IvsConnection {

  private IvsConnection() {}

  /** A client for this run. The caller closes it. */
  static IvsPlaybackClient open(GlobalOptions globals, CliEnvironment env) {
    return IvsPlaybackClient.create(config(globals).build());
  }

  /** The client configuration the global options describe. */
  static IvsClientConfig.Builder config(GlobalOptions globals) {
    String region = globals.region();
    if (region == null || !region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
      throw new BadInputException(
          "--region '" + region + "': not an AWS region name (e.g. us-west-2)");
    }
    IvsClientConfig.Builder b = IvsClientConfig.builder().region(region);
    if (globals.endpointUrl() != null) {
      b.endpointOverride(endpoint(globals.endpointUrl()));
    }
    if (globals.profile() != null) {
      String profile = globals.profile();
      ProfileFile files;
      try {
        files = ProfileFile.defaultProfileFile();
      } catch (RuntimeException e) {
        throw new BadInputException(
            "--profile "
                + profile
                + ": cannot read the AWS shared config/credentials files: "
                + ErrorHandler.oneLine(e.getMessage()),
            e);
      }
      if (files.profile(profile).isEmpty()) {
        throw new BadInputException(
            "--profile "
                + profile
                + ": no such profile in the AWS shared credentials or config file (~/.aws/credentials, ~/.aws/config)");
      }
      b.credentialsProvider(
          ProfileCredentialsProvider.builder().profileFile(files).profileName(profile).build());
    }
    return b;
  }

  private static URI endpoint(String value) {
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw new BadInputException(
            "--endpoint-url '" + value + "': must be an http:// or https:// URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new BadInputException(
          "--endpoint-url '" + value + "': not a valid URL (" + e.getReason() + ")");
    }
  }
}
