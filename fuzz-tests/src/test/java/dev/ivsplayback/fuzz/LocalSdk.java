package dev.ivsplayback.fuzz;

import dev.ivsplayback.local.IvsLocal;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ivs.IvsClient;

/**
 * The real AWS SDK (sync, Apache HTTP) pointed at an IvsLocal; no retries, so one call is one
 * request.
 */
final class LocalSdk {
  private LocalSdk() {}

  static IvsClient client(IvsLocal ivs) {
    return IvsClient.builder()
        .endpointOverride(ivs.endpoint())
        .region(Region.of(ivs.region()))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDFUZZTESTS", "fuzz-tests-secret")))
        .httpClientBuilder(ApacheHttpClient.builder())
        .overrideConfiguration(
            c ->
                c.apiCallTimeout(Duration.ofSeconds(10))
                    .retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }
}
