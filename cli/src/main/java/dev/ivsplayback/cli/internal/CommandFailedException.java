package dev.ivsplayback.cli.internal;

import dev.ivsplayback.token.IvsPlaybackException;

/** The command ran and its operation failed (exit code 1). */
public final class CommandFailedException extends IvsPlaybackException {

  /**
   * @param message what failed and why
   */
  public CommandFailedException(String message) {
    super(message);
  }

  /**
   * @param message what failed and why
   */
  public CommandFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
