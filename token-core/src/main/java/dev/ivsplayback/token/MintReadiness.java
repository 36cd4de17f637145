package dev.ivsplayback.token;

import java.util.Objects;

/**
 * Whether a {@link PlaybackTokenMinter} can mint now and, if not, why: for health checks, and for
 * deciding before a request whether to answer it.
 *
 * <pre>{@code
 * MintReadiness r = minter.readiness();
 * if (!r.ready()) {
 *   return ResponseEntity.status(503).body(r.status() + ": " + r.detail());
 * }
 * }</pre>
 *
 * @param status what the minter's state is
 * @param detail a sentence for people (names the key or the limit, never key material)
 */
public record MintReadiness(Status status, String detail) {
  private static final MintReadiness READY = new MintReadiness(Status.READY, "ready");

  /** What a minter's state is. */
  public enum Status {
    /** A key is in use and tokens can be minted. */
    READY,
    /** No key is in use yet (a key manager that has not started or created its first key). */
    NO_ACTIVE_KEY,
    /**
     * The minter could not confirm for too long that its key is still the one to use (a key manager
     * whose store has been unreadable for longer than its maximum snapshot age). It refuses every
     * token that could outlive its key's deletion, so allowed tokens get shorter until it mints
     * none; {@link MintReadiness#detail()} says when that is.
     */
    KEY_VIEW_STALE,
    /** The minter's key was destroyed; it will never mint again. */
    DESTROYED
  }

  /**
   * Checks both parts are present.
   *
   * @param status the status
   * @param detail the explanation
   */
  public MintReadiness {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
  }

  /**
   * The ready state.
   *
   * @return a readiness whose {@link #ready()} is true
   */
  public static MintReadiness isReady() {
    return READY;
  }

  /**
   * A state in which the minter refuses to mint.
   *
   * @param status why (not {@link Status#READY})
   * @param detail a sentence for people
   * @return the readiness
   */
  public static MintReadiness notReady(Status status, String detail) {
    if (status == Status.READY) {
      throw new IllegalArgumentException("status: READY is not a reason to refuse");
    }
    return new MintReadiness(status, detail);
  }

  /**
   * Whether tokens can be minted now.
   *
   * @return true when {@link #status()} is {@link Status#READY}
   */
  public boolean ready() {
    return status == Status.READY;
  }
}
