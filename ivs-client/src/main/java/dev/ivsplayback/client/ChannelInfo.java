package dev.ivsplayback.client;

import java.util.Objects;
import software.amazon.awssdk.services.ivs.model.Channel;

/**
 * What an authorization server needs to know about a channel, as cached by {@link
 * ChannelDirectory}.
 *
 * @param arn the channel ARN
 * @param authorized whether playback requires a signed token
 * @param playbackUrl the channel's HLS playback URL
 * @param channel the full channel as returned by GetChannel
 */
public record ChannelInfo(String arn, boolean authorized, String playbackUrl, Channel channel) {
  /** Validates. */
  public ChannelInfo {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(playbackUrl, "playbackUrl");
    Objects.requireNonNull(channel, "channel");
  }

  /** Extracts the cached fields from an SDK channel. */
  public static ChannelInfo of(Channel channel) {
    return new ChannelInfo(
        channel.arn(),
        Boolean.TRUE.equals(channel.authorized()),
        channel.playbackUrl() == null ? "" : channel.playbackUrl(),
        channel);
  }
}
