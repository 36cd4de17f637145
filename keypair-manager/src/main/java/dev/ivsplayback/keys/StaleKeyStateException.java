package dev.ivsplayback.keys;

/**
 * The signer's view of the key store is older than the policy's maximum snapshot age, so the ACTIVE
 * key may already be retiring; minting is refused until the view is refreshed.
 */
public class StaleKeyStateException extends PlaybackKeyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   */
  public StaleKeyStateException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   * @param cause the underlying failure
   */
  public StaleKeyStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
