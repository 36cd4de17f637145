package dev.ivsplayback.cli.internal;

import dev.ivsplayback.token.IvsPlaybackException;

/** The operator's input cannot be used (exit code 2); the message says what to fix. */
public final class BadInputException extends IvsPlaybackException {

  /**
   * @param message names the option or file, the problem and what would be accepted
   */
  public BadInputException(String message) {
    super(message);
  }

  /**
   * @param message names the option or file, the problem and what would be accepted
   */
  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
