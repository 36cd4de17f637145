package dev.ivsplayback.keys;

/**
 * A write or rotation step needs the store lease, and the caller does not hold it (another process
 * holds it, or it expired).
 */
public class LeaseNotHeldException extends PlaybackKeyStoreException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   */
  public LeaseNotHeldException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   * @param cause the underlying failure
   */
  public LeaseNotHeldException(String message, Throwable cause) {
    super(message, cause);
  }
}
