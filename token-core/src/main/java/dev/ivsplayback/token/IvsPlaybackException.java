package dev.ivsplayback.token;

/**
 * The one unchecked base exception of the ivs-playback project. Every module throws subclasses of
 * it that say what went wrong. Messages never contain private key material.
 */
public class IvsPlaybackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong
   */
  public IvsPlaybackException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure
   */
  public IvsPlaybackException(String message, Throwable cause) {
    super(message, cause);
  }
}
