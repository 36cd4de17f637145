package dev.ivsplayback.token;

import java.util.Objects;

/**
 * What a playback request asks for: the channel being played and, when the request carries one, its
 * {@code Origin} header.
 *
 * @param channelArn the channel ARN the viewer asks to play (required)
 * @param origin the request's {@code Origin} header value, or {@code null} when it has none
 */
public record VerificationRequest(String channelArn, String origin) {

  /** Checks that the channel ARN is present. */
  public VerificationRequest {
    Objects.requireNonNull(channelArn, "channelArn");
  }

  /**
   * A request for a channel without an origin.
   *
   * @param channelArn the channel ARN
   * @return the request
   */
  public static VerificationRequest forChannel(String channelArn) {
    return new VerificationRequest(channelArn, null);
  }

  /**
   * The same request carrying an origin.
   *
   * @param origin the {@code Origin} header value, or {@code null} for none
   * @return a new request
   */
  public VerificationRequest withOrigin(String origin) {
    return new VerificationRequest(channelArn, origin);
  }
}
