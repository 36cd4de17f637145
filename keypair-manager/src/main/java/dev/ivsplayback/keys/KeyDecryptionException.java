package dev.ivsplayback.keys;

/**
 * A private key stored encrypted at rest could not be decrypted: wrong passphrase or key, or
 * damaged ciphertext.
 */
public class KeyDecryptionException extends PlaybackKeyStoreException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   */
  public KeyDecryptionException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   * @param cause the underlying failure
   */
  public KeyDecryptionException(String message, Throwable cause) {
    super(message, cause);
  }
}
