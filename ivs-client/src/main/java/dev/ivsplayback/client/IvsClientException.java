package dev.ivsplayback.client;

import dev.ivsplayback.token.IvsPlaybackException;

/**
 * Base of the errors that ivs-client raises itself: checks made before a call (sizes, batch input,
 * rate limits) and results that fail a check after a call (a fingerprint mismatch).
 *
 * <p>Errors returned by IVS are not wrapped: they reach the caller as the AWS SDK's own {@code
 * IvsException} subclasses, carrying IVS's message.
 */
public class IvsClientException extends IvsPlaybackException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that says what went wrong and which rule applies. */
  public IvsClientException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the error that caused it. */
  public IvsClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
