package dev.ivsplayback.local.internal;

/**
 * An error answered to an IVS client: the wire error type (as in {@code x-amzn-ErrorType}), the
 * HTTP status and the message. Internal: it never leaves ivs-local except as an HTTP response.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String errorType;
  private final int status;

  /** An error answer of the given wire type and HTTP status. */
  public ApiException(String errorType, int status, String message) {
    super(message, null, false, false);
    this.errorType = errorType;
    this.status = status;
  }

  /** The wire error type. */
  public String errorType() {
    return errorType;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** A 400 ValidationException. */
  public static ApiException validation(String message) {
    return new ApiException("ValidationException", 400, message);
  }

  /** A ValidationException in IVS's "Request member: X failed to satisfy the constraints" form. */
  public static ApiException invalidMember(String member, String problem) {
    return validation(
        "Request member: " + member + " failed to satisfy the constraints: " + problem);
  }

  /** A 404 ResourceNotFoundException. */
  public static ApiException notFound(String message) {
    return new ApiException("ResourceNotFoundException", 404, message);
  }

  /** A 409 ConflictException. */
  public static ApiException conflict(String message) {
    return new ApiException("ConflictException", 409, message);
  }

  /** A 402 ServiceQuotaExceededException. */
  public static ApiException quota(String message) {
    return new ApiException("ServiceQuotaExceededException", 402, message);
  }

  /** A 404 ChannelNotBroadcasting for an offline channel. */
  public static ApiException notBroadcasting(String channelArn) {
    return new ApiException(
        "ChannelNotBroadcasting", 404, "Channel is not broadcasting: " + channelArn);
  }

  /** A 429 ThrottlingException. */
  public static ApiException throttled(String message) {
    return new ApiException("ThrottlingException", 429, message);
  }
}
