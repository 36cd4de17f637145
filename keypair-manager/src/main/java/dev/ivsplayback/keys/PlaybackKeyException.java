package dev.ivsplayback.keys;

import dev.ivsplayback.token.IvsPlaybackException;

/**
 * Base type of every error raised by the key manager, its stores and its generator. Messages name
 * the key (by id, ARN or fingerprint), the field or the file and the rule that was broken; they
 * never contain private key material.
 */
public class PlaybackKeyException extends IvsPlaybackException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   */
  public PlaybackKeyException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure
   */
  public PlaybackKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
