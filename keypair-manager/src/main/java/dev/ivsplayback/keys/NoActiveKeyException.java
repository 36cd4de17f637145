package dev.ivsplayback.keys;

/**
 * No ACTIVE key is known yet (the manager has not started, or the leader has not created the first
 * key), so no token can be minted.
 */
public class NoActiveKeyException extends PlaybackKeyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   */
  public NoActiveKeyException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   * @param cause the underlying failure
   */
  public NoActiveKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
