package dev.ivsplayback.keys;

/**
 * A playback key pair could not be deleted from IVS; the key stays RETIRING and deletion is retried
 * on the next tick.
 */
public class KeyDeletionException extends PlaybackKeyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   */
  public KeyDeletionException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   * @param cause the underlying failure
   */
  public KeyDeletionException(String message, Throwable cause) {
    super(message, cause);
  }
}
