package dev.ivsplayback.keys;

/** No key with the given id or fingerprint is in the store. */
public class UnknownKeyException extends PlaybackKeyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   */
  public UnknownKeyException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   * @param cause the underlying failure
   */
  public UnknownKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
