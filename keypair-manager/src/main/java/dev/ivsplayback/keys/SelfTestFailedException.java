package dev.ivsplayback.keys;

/**
 * A freshly imported key failed its self-test (sign a token, verify it with the imported public
 * key). The key never signs.
 */
public class SelfTestFailedException extends PlaybackKeyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   */
  public SelfTestFailedException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   * @param cause the underlying failure
   */
  public SelfTestFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
