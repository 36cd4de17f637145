package dev.ivsplayback.local;

import dev.ivsplayback.token.IvsPlaybackException;

/**
 * Misuse of {@link IvsLocal} or {@link IvsLocalControl}: a server that cannot start, or a control
 * call on a channel that does not exist or is in the wrong state. The message names the problem.
 * (Bad builder settings are a {@link dev.ivsplayback.token.InvalidConfigurationException} from
 * {@link IvsLocal.Builder#build()}.)
 */
public class IvsLocalException extends IvsPlaybackException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what went wrong
   */
  public IvsLocalException(String message) {
    super(message);
  }

  /**
   * @param message what went wrong
   * @param cause the underlying failure
   */
  public IvsLocalException(String message, Throwable cause) {
    super(message, cause);
  }
}
