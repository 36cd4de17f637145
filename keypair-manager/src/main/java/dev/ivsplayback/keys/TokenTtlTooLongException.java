package dev.ivsplayback.keys;

import java.time.Duration;

/**
 * A token was to be minted with an {@code exp} further away than the manager's maximum token TTL.
 * Refused, never clamped: the manager deletes a retired key only once every token it can have
 * signed has expired, and that bound is computed from the maximum TTL. Reason {@link
 * Reason#TOKEN_TTL_TOO_LONG}; a claim-level refusal (the caller asked for too long a token), which
 * the CLI reports as bad input.
 */
public class TokenTtlTooLongException extends PlaybackKeyException {
  private static final long serialVersionUID = 1L;

  private final Duration requested;
  private final Duration maximum;

  /**
   * Creates the exception.
   *
   * @param requested the TTL the claims asked for ({@code exp} minus now)
   * @param maximum the manager's maximum token TTL
   */
  public TokenTtlTooLongException(Duration requested, Duration maximum) {
    this(requested, maximum, "the key manager's maxTokenTtl " + maximum);
  }

  /**
   * Creates the exception, saying which limit applied.
   *
   * @param requested the TTL the claims asked for ({@code exp} minus now)
   * @param maximum the limit that applied
   * @param limit which limit that is and why it applies, e.g. the key store's recorded maxTokenTtl
   */
  public TokenTtlTooLongException(Duration requested, Duration maximum, String limit) {
    super(
        Reason.TOKEN_TTL_TOO_LONG,
        "exp: token TTL "
            + requested
            + " is longer than "
            + limit
            + "; tokens must expire within maxTokenTtl so that retired keys can be deleted safely");
    this.requested = requested;
    this.maximum = maximum;
  }

  /**
   * The claim at fault.
   *
   * @return always {@code "exp"}
   */
  public String claim() {
    return "exp";
  }

  /**
   * The TTL that was asked for.
   *
   * @return {@code exp} minus the signer clock's now
   */
  public Duration requested() {
    return requested;
  }

  /**
   * The maximum allowed TTL.
   *
   * @return the manager's maximum token TTL
   */
  public Duration maximum() {
    return maximum;
  }
}
