package dev.ivsplayback.client.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * The SDK's {@link StandardRetryStrategy} (exponential backoff with full jitter, a separate longer
 * backoff for throttling, and the retry-quota circuit breaker), restricted so that an operation
 * that is not idempotent is not sent again when the failed attempt may have been applied.
 *
 * <p>The SDK asks a retry strategy for tokens without saying which operation they are for. The
 * operation reaches the token twice: {@link IvsClientInterceptor#modifyHttpRequest} hands it over
 * through a thread-local just before the SDK, on the same thread, asks for the first token; and
 * {@link IvsClientInterceptor#beforeTransmission} sets it on the token before each attempt. A token
 * that was never tagged is treated as not idempotent: the safe side.
 *
 * <p>Delete* operations count as idempotent (see {@link OperationPolicy#isIdempotent}): after an
 * ambiguous failure they are sent again, and the retry of an applied delete answers
 * ResourceNotFoundException, which callers treat as "already deleted".
 *
 * <p>Thread-safe.
 */
public final class IvsRetryStrategy implements RetryStrategy {

  private static final ThreadLocal<String> HANDED_OVER = new ThreadLocal<>();

  private final StandardRetryStrategy delegate;
  private final Builder settings;

  private IvsRetryStrategy(Builder settings) {
    this.settings = settings.copy();
    Predicate<Throwable> retryable = RetryClassifier::isRetryable;
    if (settings.extraRetryOn != null) {
      retryable = retryable.or(settings.extraRetryOn);
    }
    Predicate<Throwable> throttling = RetryClassifier::isThrottling;
    if (settings.extraThrottling != null) {
      throttling = throttling.or(settings.extraThrottling);
    }
    this.delegate =
        StandardRetryStrategy.builder()
            .useClientDefaults(
                false) // the SDK's defaults would retry every IOException, for every operation
            .maxAttempts(settings.maxAttempts)
            .backoffStrategy(settings.backoff)
            .throttlingBackoffStrategy(settings.throttlingBackoff)
            .retryOnException(retryable)
            .treatAsThrottling(throttling)
            .circuitBreakerEnabled(settings.circuitBreakerEnabled)
            .build();
  }

  /**
   * A builder with ivs-client's defaults: 3 attempts, full-jitter backoff from 100 ms (throttling:
   * 500 ms) up to 20 s, circuit breaker on.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Records the operation whose first retry token this thread will ask for next. */
  static void handOver(String operation) {
    HANDED_OVER.set(operation);
  }

  @Override
  public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
    String operation = HANDED_OVER.get();
    HANDED_OVER.remove();
    AcquireInitialTokenResponse response = delegate.acquireInitialToken(request);
    return AcquireInitialTokenResponse.create(
        new IvsRetryToken(response.token(), operation), response.delay());
  }

  @Override
  public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
    IvsRetryToken token = token(request.token());
    Throwable failure = request.failure();
    String operation = token.operation();
    if (!OperationPolicy.isIdempotent(operation) && RetryClassifier.isRetryable(failure)) {
      String refusal = RetryClassifier.refusalForNonIdempotent(operation, failure);
      if (refusal != null) {
        throw new TokenAcquisitionFailedException(refusal, token, failure);
      }
    }
    RefreshRetryTokenRequest.Builder forward =
        RefreshRetryTokenRequest.builder().token(token.delegate()).failure(failure);
    request.suggestedDelay().ifPresent(forward::suggestedDelay);
    try {
      RefreshRetryTokenResponse response = delegate.refreshRetryToken(forward.build());
      return RefreshRetryTokenResponse.create(
          token.withDelegate(response.token()), response.delay());
    } catch (TokenAcquisitionFailedException e) {
      RetryToken inner = e.token() == null ? token.delegate() : e.token();
      throw new TokenAcquisitionFailedException(e.getMessage(), token.withDelegate(inner), failure);
    }
  }

  @Override
  public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
    IvsRetryToken token = token(request.token());
    RecordSuccessResponse response =
        delegate.recordSuccess(RecordSuccessRequest.create(token.delegate()));
    return RecordSuccessResponse.create(token.withDelegate(response.token()));
  }

  @Override
  public int maxAttempts() {
    return settings.maxAttempts;
  }

  /**
   * False: the SDK must not add its own retry conditions, which retry every I/O error of every
   * operation.
   */
  @Override
  public boolean useClientDefaults() {
    return false;
  }

  @Override
  public Builder toBuilder() {
    return settings.copy();
  }

  private static IvsRetryToken token(RetryToken token) {
    if (token instanceof IvsRetryToken t) {
      return t;
    }
    throw new IllegalArgumentException("token was not issued by IvsRetryStrategy: " + token);
  }

  /** A token of the delegate strategy, tagged with the operation it belongs to. */
  public static final class IvsRetryToken implements RetryToken {
    private final RetryToken delegate;
    private volatile String operation;

    IvsRetryToken(RetryToken delegate, String operation) {
      this.delegate = delegate;
      this.operation = operation;
    }

    RetryToken delegate() {
      return delegate;
    }

    IvsRetryToken withDelegate(RetryToken newDelegate) {
      return new IvsRetryToken(newDelegate, operation);
    }

    /** The operation name, or null if not yet known. */
    public String operation() {
      return operation;
    }

    /** Records the operation this token belongs to. */
    public void operation(String operationName) {
      this.operation = operationName;
    }

    @Override
    public String toString() {
      return "IvsRetryToken[" + operation + ", " + delegate + "]";
    }
  }

  /** Builder; mutable, not thread-safe. */
  public static final class Builder implements RetryStrategy.Builder<Builder, IvsRetryStrategy> {
    private int maxAttempts = 3;
    private BackoffStrategy backoff =
        BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(20));
    private BackoffStrategy throttlingBackoff =
        BackoffStrategy.exponentialDelay(Duration.ofMillis(500), Duration.ofSeconds(20));
    private boolean circuitBreakerEnabled = true;
    private Predicate<Throwable> extraRetryOn;
    private Predicate<Throwable> extraThrottling;

    private Builder() {}

    Builder copy() {
      Builder b = new Builder();
      b.maxAttempts = maxAttempts;
      b.backoff = backoff;
      b.throttlingBackoff = throttlingBackoff;
      b.circuitBreakerEnabled = circuitBreakerEnabled;
      b.extraRetryOn = extraRetryOn;
      b.extraThrottling = extraThrottling;
      return b;
    }

    /**
     * Adds a condition under which a failure is retried (still subject to the idempotency rule).
     */
    @Override
    public Builder retryOnException(Predicate<Throwable> shouldRetry) {
      Objects.requireNonNull(shouldRetry, "shouldRetry");
      extraRetryOn = extraRetryOn == null ? shouldRetry : extraRetryOn.or(shouldRetry);
      return this;
    }

    /** Total attempts including the first; at least 1. */
    @Override
    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, was " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /** Backoff before retrying a non-throttling failure. */
    @Override
    public Builder backoffStrategy(BackoffStrategy strategy) {
      this.backoff = Objects.requireNonNull(strategy, "backoffStrategy");
      return this;
    }

    /** Backoff before retrying a throttling failure. */
    @Override
    public Builder throttlingBackoffStrategy(BackoffStrategy strategy) {
      this.throttlingBackoff = Objects.requireNonNull(strategy, "throttlingBackoffStrategy");
      return this;
    }

    /** Adds a condition under which a failure counts as throttling. */
    @Override
    public Builder treatAsThrottling(Predicate<Throwable> isThrottling) {
      Objects.requireNonNull(isThrottling, "treatAsThrottling");
      extraThrottling = extraThrottling == null ? isThrottling : extraThrottling.or(isThrottling);
      return this;
    }

    /**
     * Whether the SDK's retry quota stops retries when most recent attempts failed (default true).
     */
    public Builder circuitBreakerEnabled(boolean enabled) {
      this.circuitBreakerEnabled = enabled;
      return this;
    }

    @Override
    public IvsRetryStrategy build() {
      return new IvsRetryStrategy(this);
    }
  }
}
