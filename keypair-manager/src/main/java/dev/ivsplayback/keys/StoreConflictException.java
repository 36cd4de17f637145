package dev.ivsplayback.keys;

/**
 * A compare-and-set write was refused because another writer changed the store since it was read
 * (the expected version is stale). Re-read and retry.
 */
public class StoreConflictException extends PlaybackKeyStoreException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   */
  public StoreConflictException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   * @param cause the underlying failure
   */
  public StoreConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
