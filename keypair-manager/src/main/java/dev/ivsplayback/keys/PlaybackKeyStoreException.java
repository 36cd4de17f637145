package dev.ivsplayback.keys;

import java.nio.file.Path;

/**
 * The key store failed: it could not be read or written (I/O, permissions, lock timeout), a private
 * key could not be decrypted, the caller does not hold the lease, a compare-and-set lost ({@link
 * StoreConflictException}) or the data is damaged ({@link CorruptKeyStoreException}). Its {@link
 * #reason()} is one of those for which {@link Reason#isStoreFailure()} holds. When a write fails
 * the store is unchanged.
 */
public class PlaybackKeyStoreException extends PlaybackKeyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an I/O failure ({@link Reason#STORE_IO}).
   *
   * @param message what went wrong, naming the key, field or file; never key material
   */
  public PlaybackKeyStoreException(String message) {
    this(Reason.STORE_IO, message, null);
  }

  /**
   * Creates an I/O failure ({@link Reason#STORE_IO}) with its cause.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   * @param cause the underlying failure
   */
  public PlaybackKeyStoreException(String message, Throwable cause) {
    this(Reason.STORE_IO, message, cause);
  }

  /**
   * Creates the exception.
   *
   * @param reason a store failure ({@link Reason#isStoreFailure()})
   * @param message what went wrong, naming the key, field or file; never key material
   */
  public PlaybackKeyStoreException(Reason reason, String message) {
    this(reason, message, null);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param reason a store failure ({@link Reason#isStoreFailure()})
   * @param message what went wrong, naming the key, field or file; never key material
   * @param cause the underlying failure, or null
   */
  public PlaybackKeyStoreException(Reason reason, String message, Throwable cause) {
    this(reason, null, null, message, cause);
  }

  /**
   * Creates the exception naming the key and the store file concerned.
   *
   * @param reason a store failure ({@link Reason#isStoreFailure()})
   * @param keyId the key whose record failed, or null
   * @param file the store file, or null
   * @param message what went wrong; never key material
   * @param cause the underlying failure, or null
   */
  public PlaybackKeyStoreException(
      Reason reason, String keyId, Path file, String message, Throwable cause) {
    super(storeReason(reason), keyId, null, file, message, cause);
  }

  private static Reason storeReason(Reason reason) {
    if (reason == null || !reason.isStoreFailure()) {
      throw new IllegalArgumentException(
          "reason " + reason + " is not a store failure (see Reason.isStoreFailure())");
    }
    return reason;
  }
}
