package dev.ivsplayback.keys;

/**
 * A store file is truncated, half-written, has a bad checksum or an unknown format. It is never
 * loaded, and the store refuses to overwrite it.
 */
public class CorruptKeyStoreException extends PlaybackKeyStoreException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   */
  public CorruptKeyStoreException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   * @param cause the underlying failure
   */
  public CorruptKeyStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
