package dev.ivsplayback.keys;

/**
 * A rotation was requested while another one is pending (a new key is imported and waiting for its
 * propagation delay) or running.
 */
public class RotationInProgressException extends PlaybackKeyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   */
  public RotationInProgressException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   * @param cause the underlying failure
   */
  public RotationInProgressException(String message, Throwable cause) {
    super(message, cause);
  }
}
