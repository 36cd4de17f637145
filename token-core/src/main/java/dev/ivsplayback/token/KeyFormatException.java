package dev.ivsplayback.token;

/**
 * A key or PEM document is unusable: not EC P-384 (e.g. RSA or another curve), not a key at all,
 * truncated, or encrypted with a different passphrase. The message says what was found and what is
 * required; it never contains key material.
 */
public class KeyFormatException extends IvsPlaybackException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was found and what is required
   */
  public KeyFormatException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what was found and what is required
   * @param cause the underlying parsing failure
   */
  public KeyFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
