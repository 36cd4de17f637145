package dev.ivsplayback.keys;

/**
 * A new key pair cannot be imported because the region's playback key pair quota (3, counting pairs
 * this manager does not manage) or the manager's own limit is reached. Nothing was changed.
 */
public class NoFreeKeySlotException extends PlaybackKeyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   */
  public NoFreeKeySlotException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   * @param cause the underlying failure
   */
  public NoFreeKeySlotException(String message, Throwable cause) {
    super(message, cause);
  }
}
