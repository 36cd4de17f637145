package dev.ivsplayback.client.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.RetryableException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Decides which failures are worth another attempt, and which of those are safe for a
 * non-idempotent operation.
 */
public final class RetryClassifier {

  private RetryClassifier() {}

  /** 429 and the AWS throttling error codes: retried with the (longer) throttling backoff. */
  public static boolean isThrottling(Throwable failure) {
    return failure instanceof SdkServiceException e
        && (e.isThrottlingException() || e.statusCode() == 429);
  }

  /**
   * Failures another attempt may cure: throttling, 500/502/503/504, clock skew (the SDK corrects
   * its offset), transport errors and attempt timeouts. Client errors (400, 402, 403, 404, 409) are
   * never retried.
   */
  public static boolean isRetryable(Throwable failure) {
    if (failure instanceof SdkServiceException e) {
      int status = e.statusCode();
      return isThrottling(e)
          || e.isClockSkewException()
          || status == 500
          || status == 502
          || status == 503
          || status == 504;
    }
    // The async client sometimes reports an attempt timeout wrapped in "Unable to execute HTTP
    // request".
    return failure instanceof RetryableException
        || hasCause(failure, ApiCallAttemptTimeoutException.class)
        || hasCause(failure, IOException.class);
  }

  /**
   * For an operation that is not idempotent, the reason another attempt is refused, or null if the
   * failed attempt certainly was not applied: IVS answered 429 or 503 (request refused), the
   * signature was rejected for clock skew, or the connection was never established. A 500/502/504,
   * a lost or reset connection and an attempt timeout may all follow a request IVS already applied.
   */
  public static String refusalForNonIdempotent(String operation, Throwable failure) {
    if (failure instanceof SdkServiceException e) {
      if (isThrottling(e) || e.statusCode() == 503 || e.isClockSkewException()) {
        return null;
      }
    } else if (neverSent(failure)) {
      return null;
    }
    return (operation == null ? "the operation" : operation)
        + " is not idempotent and the failed attempt may have been applied by IVS, so it is not retried";
  }

  /** The request never left this host: no connection could be made. */
  static boolean neverSent(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException
          // Apache's connect timeout and pool-lease timeout; named to keep the classifier
          // client-neutral
          || t.getClass().getName().equals("org.apache.http.conn.ConnectTimeoutException")
          || t.getClass().getName().equals("org.apache.http.conn.ConnectionPoolTimeoutException")
          || t.getClass().getName().equals("org.apache.http.conn.HttpHostConnectException")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
