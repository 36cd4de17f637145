package dev.ivsplayback.keys;

/**
 * A compare-and-set write was refused because another writer changed the store since it was read
 * (the expected version is stale); nothing was written. Re-read and retry. Reason {@link
 * Reason#STORE_CONFLICT}.
 */
public class StoreConflictException extends PlaybackKeyStoreException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the store and the versions; never key material
   */
  public StoreConflictException(String message) {
    super(Reason.STORE_CONFLICT, message, null);
  }
}
