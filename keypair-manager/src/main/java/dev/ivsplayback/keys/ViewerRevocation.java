package dev.ivsplayback.keys;

import dev.ivsplayback.token.InvalidConfigurationException;

/**
 * A viewer session to revoke during an emergency key revocation ({@code
 * StartViewerSessionRevocation}).
 *
 * @param channelArn the channel
 * @param viewerId the viewer id carried in the tokens ({@code aws:viewer-id})
 * @param upToVersion revoke every session version up to and including this one
 */
public record ViewerRevocation(String channelArn, String viewerId, int upToVersion) {
  /** Validates the fields. */
  public ViewerRevocation {
    if (channelArn == null || channelArn.isBlank()) {
      throw new InvalidConfigurationException("channelArn", "is required");
    }
    if (viewerId == null || viewerId.isEmpty()) {
      throw new InvalidConfigurationException("viewerId", "is required");
    }
    if (upToVersion < 0) {
      throw new InvalidConfigurationException("upToVersion", "must be >= 0, was " + upToVersion);
    }
  }
}
