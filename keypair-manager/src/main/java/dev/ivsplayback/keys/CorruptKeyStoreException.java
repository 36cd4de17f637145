package dev.ivsplayback.keys;

/**
 * The stored data is damaged: a store file is truncated, half-written, has a bad checksum or an
 * unknown format, or its content breaks an invariant of {@link PlaybackKeyStoreSnapshot} (two
 * ACTIVE keys, a key id twice). It is never loaded, and the store refuses to overwrite it. Reason
 * {@link Reason#STORE_CORRUPT}; {@link #keyId()} names the record at fault when one is.
 */
public class CorruptKeyStoreException extends PlaybackKeyStoreException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   */
  public CorruptKeyStoreException(String message) {
    super(Reason.STORE_CORRUPT, message, null);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   * @param cause the underlying failure
   */
  public CorruptKeyStoreException(String message, Throwable cause) {
    super(Reason.STORE_CORRUPT, message, cause);
  }

  /**
   * Creates the exception naming the record at fault.
   *
   * @param keyId the key id of the record at fault
   * @param message what went wrong; never key material
   * @param cause the underlying failure, or null
   */
  public CorruptKeyStoreException(String keyId, String message, Throwable cause) {
    super(Reason.STORE_CORRUPT, keyId, null, message, cause);
  }
}
