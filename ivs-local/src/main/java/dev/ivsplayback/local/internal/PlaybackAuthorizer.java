package dev.ivsplayback.local.internal;

/** Decides whether a playback request for a channel may play. Implementations are thread-safe. */
@FunctionalInterface
public interface PlaybackAuthorizer {

  /**
   * The outcome: allowed (optionally capped at a maximum resolution), or refused with IVS's error
   * text.
   */
  record Decision(boolean allowed, String error, String maximumResolution) {
    /** Playback allowed, optionally capped at SD, HD or FULL_HD. */
    public static Decision allow(String maximumResolution) {
      return new Decision(true, null, maximumResolution);
    }

    /** Playback refused, with the error text of the 403 body. */
    public static Decision refuse(String error) {
      return new Decision(false, error, null);
    }
  }

  /**
   * @param token the {@code token} query parameter, or null
   * @param origin the request's {@code Origin} header, or null
   */
  Decision authorize(IvsState.PlaybackChannel channel, String token, String origin);
}
