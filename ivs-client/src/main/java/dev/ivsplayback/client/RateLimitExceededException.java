package dev.ivsplayback.client;

import java.time.Duration;

/**
 * A call refused by ivs-client's own rate limiter in {@link RateLimitMode#FAIL_FAST} mode, before
 * it reached IVS. Nothing was sent; the caller may try again after {@link #retryAfter()}.
 */
public class RateLimitExceededException extends IvsClientException {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final String scope;
  private final int requestsPerSecond;
  private final Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param operation the IVS operation, e.g. {@code "PutMetadata"}
   * @param scope what the limit applies to: {@code "account"} or a channel ARN
   * @param requestsPerSecond the limit that would have been exceeded
   * @param retryAfter how long until a request would be allowed
   */
  public RateLimitExceededException(
      String operation, String scope, int requestsPerSecond, Duration retryAfter) {
    super(
        operation
            + " refused by the client-side rate limit of "
            + requestsPerSecond
            + " requests per second"
            + " (scope: "
            + scope
            + "); a slot is free in "
            + retryAfter.toMillis()
            + " ms");
    this.operation = operation;
    this.scope = scope;
    this.requestsPerSecond = requestsPerSecond;
    this.retryAfter = retryAfter;
  }

  /** The IVS operation that was refused. */
  public String operation() {
    return operation;
  }

  /** What the limit applies to: {@code "account"} or a channel ARN. */
  public String scope() {
    return scope;
  }

  /** The limit, in requests per second. */
  public int requestsPerSecond() {
    return requestsPerSecond;
  }

  /** How long until a request in this scope would be allowed. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
