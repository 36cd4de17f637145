package dev.ivsplayback.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;
import software.amazon.awssdk.services.ivs.model.IvsException;

/**
 * The strategy's decisions, per operation and failure (the SDK pipeline around it is tested against
 * ivs-local).
 */
class IvsRetryStrategyTest {
  private final IvsRetryStrategy strategy =
      IvsRetryStrategy.builder()
          .backoffStrategy(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(7)))
          .throttlingBackoffStrategy(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(70)))
          .build();

  private RetryToken first(String operation) {
    IvsRetryStrategy.handOver(operation);
    return strategy.acquireInitialToken(AcquireInitialTokenRequest.create("GLOBAL")).token();
  }

  private Duration retry(RetryToken token, Throwable failure) {
    return strategy
        .refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(failure).build())
        .delay();
  }

  private static Throwable status(int code, String errorCode) {
    return IvsException.builder()
        .statusCode(code)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(errorCode).errorMessage("m").build())
        .build();
  }

  private static Throwable lostConnection() {
    return SdkClientException.create(
        "Unable to execute HTTP request", new IOException("connection reset"));
  }

  @Test
  void throttling_usesTheThrottlingBackoff_evenForCreates() {
    assertThat(retry(first("CreateChannel"), status(429, "ThrottlingException")))
        .isEqualTo(Duration.ofMillis(70));
  }

  @Test
  void serverErrors_areRetriedForReads() {
    assertThat(retry(first("GetChannel"), status(500, "InternalServerException")))
        .isEqualTo(Duration.ofMillis(7));
    assertThat(retry(first("GetChannel"), status(503, "ServiceUnavailable")))
        .isEqualTo(Duration.ofMillis(7));
  }

  @Test
  void status503_isRetriedForCreates_but500IsNot() {
    assertThat(retry(first("PutMetadata"), status(503, "ServiceUnavailable")))
        .isEqualTo(Duration.ofMillis(7));
    assertThatThrownBy(() -> retry(first("PutMetadata"), status(500, "InternalServerException")))
        .isInstanceOf(TokenAcquisitionFailedException.class)
        .hasMessageContaining("PutMetadata is not idempotent");
  }

  @Test
  void lostConnection_isRetriedForReads_notForCreates() {
    assertThat(retry(first("ListChannels"), lostConnection())).isEqualTo(Duration.ofMillis(7));
    assertThatThrownBy(() -> retry(first("ImportPlaybackKeyPair"), lostConnection()))
        .isInstanceOf(TokenAcquisitionFailedException.class);
  }

  @Test
  void refusedConnection_isRetriedEvenForCreates() {
    Throwable refused =
        SdkClientException.create(
            "Unable to execute HTTP request", new ConnectException("refused"));
    assertThat(retry(first("CreateChannel"), refused)).isEqualTo(Duration.ofMillis(7));
  }

  @Test
  void unknownOperation_isTreatedAsNotIdempotent() {
    assertThatThrownBy(() -> retry(first(null), lostConnection()))
        .isInstanceOf(TokenAcquisitionFailedException.class)
        .hasMessageContaining("the operation is not idempotent");
  }

  @Test
  void clientErrors_areNeverRetried() {
    assertThatThrownBy(() -> retry(first("GetChannel"), status(404, "ResourceNotFoundException")))
        .isInstanceOf(TokenAcquisitionFailedException.class);
    assertThatThrownBy(() -> retry(first("GetChannel"), status(409, "ConflictException")))
        .isInstanceOf(TokenAcquisitionFailedException.class);
  }

  @Test
  void sdkDefaults_areNotMerged() {
    assertThat(strategy.useClientDefaults()).isFalse();
    assertThat(strategy.maxAttempts()).isEqualTo(3);
    assertThat(strategy.toBuilder().maxAttempts(5).build().maxAttempts()).isEqualTo(5);
  }
}
