package dev.ivsplayback.token;

import java.util.Objects;

/**
 * A playback-token claim broke one of the rules of Amazon IVS. The message names the claim (its
 * wire name), the problem with the value and the rule; {@link #claim()} gives the wire name, e.g.
 * {@code "aws:viewer-id"} or {@code "exp"}.
 */
public class InvalidClaimException extends IvsPlaybackException {
  private static final long serialVersionUID = 1L;

  private final String claim;

  /**
   * Creates the exception.
   *
   * @param claim the claim's wire name
   * @param message the full message (it should name the claim, the problem and the rule)
   */
  public InvalidClaimException(String claim, String message) {
    super(message);
    this.claim = Objects.requireNonNull(claim, "claim");
  }

  /**
   * The wire name of the offending claim.
   *
   * @return e.g. {@code "aws:viewer-id"} or {@code "exp"}
   */
  public String claim() {
    return claim;
  }
}
