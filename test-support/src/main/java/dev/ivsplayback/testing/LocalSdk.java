package dev.ivsplayback.testing;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ivs.IvsClient;

/**
 * The real AWS SDK's IVS client pointed at a local endpoint (an ivs-local), with static test
 * credentials and no retries, so each call is exactly one request.
 *
 * <pre>{@code
 * try (IvsClient sdk = LocalSdk.client(ivs.endpoint(), ivs.region())) { ... }
 * }</pre>
 */
public final class LocalSdk {
  /** The access key the fixtures sign with (ivs-local accepts any unless configured). */
  public static final String ACCESS_KEY = "AKIDIVSLOCALTEST";

  /** The matching secret key. */
  public static final String SECRET_KEY = "ivs-local-test-secret";

  private LocalSdk() {}

  /**
   * A sync client with the fixture credentials and no retries.
   *
   * @param endpoint the local endpoint
   * @param region its region id
   * @return the client (close it)
   */
  public static IvsClient client(URI endpoint, String region) {
    return client(endpoint, region, ACCESS_KEY, SECRET_KEY, false);
  }

  /**
   * A sync client with chosen credentials.
   *
   * @param endpoint the local endpoint
   * @param region its region id
   * @param accessKey the access key
   * @param secretKey the secret key
   * @param retries whether the SDK's standard retries apply
   * @return the client (close it)
   */
  public static IvsClient client(
      URI endpoint, String region, String accessKey, String secretKey, boolean retries) {
    return IvsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64))
        .overrideConfiguration(
            c -> {
              c.apiCallTimeout(Duration.ofSeconds(30));
              if (!retries) {
                c.retryStrategy(AwsRetryStrategy.doNotRetry());
              }
            })
        .build();
  }
}
