package dev.ivsplayback.keys;

/**
 * The key store could not be read or written (I/O failure, permissions, lock timeout). When a write
 * fails the store is unchanged.
 */
public class PlaybackKeyStoreException extends PlaybackKeyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   */
  public PlaybackKeyStoreException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   * @param cause the underlying failure
   */
  public PlaybackKeyStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
