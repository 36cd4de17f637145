package dev.ivsplayback.client;

/**
 * One viewer session revocation: every session of {@code viewerId} on {@code channelArn} whose
 * {@code aws:viewer-session-version} is at most {@code upToVersion}.
 *
 * @param channelArn the channel
 * @param viewerId the viewer, 1 to 40 characters (the token's {@code aws:viewer-id})
 * @param upToVersion the highest session version revoked, at least 0
 */
public record ViewerRevocation(String channelArn, String viewerId, int upToVersion) {
  /**
   * Validates against IVS's rules.
   *
   * @throws InvalidRequestException naming the field at fault
   */
  public ViewerRevocation {
    Checks.requireText("channelArn", channelArn);
    Checks.requireText("viewerId", viewerId);
    if (viewerId.length() > 40) {
      throw new InvalidRequestException(
          "viewerId", "viewerId is " + viewerId.length() + " characters; IVS allows 1 to 40");
    }
    if (upToVersion < 0) {
      throw new InvalidRequestException(
          "viewerSessionVersionsLessThanOrEqualTo",
          "upToVersion is " + upToVersion + "; IVS requires a version of at least 0");
    }
  }
}
