package dev.ivsplayback.keys;

/**
 * IVS refused to import a playback key pair, or the outcome of an import could not be established.
 * Nothing was changed, unless the message says the outcome is unknown (then reconciliation adopts
 * or discards the key).
 */
public class KeyImportException extends PlaybackKeyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   */
  public KeyImportException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, naming the key, field or file; never key material
   * @param cause the underlying failure
   */
  public KeyImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
