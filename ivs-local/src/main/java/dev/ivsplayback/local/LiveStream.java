package dev.ivsplayback.local;

import java.time.Instant;
import java.util.Objects;

/**
 * A simulated broadcast on a channel of {@link IvsLocal}, as started by {@link
 * IvsLocalControl#startStream(String)}.
 *
 * @param channelArn the channel's ARN
 * @param streamId the stream id ({@code st-} followed by 23 letters and digits), also the stream
 *     session's id
 * @param startTime when the stream went live (the emulator's clock)
 * @param health the stream's health
 * @param viewerCount the viewer count reported by GetStream and ListStreams
 * @param playbackUrl the channel's playback URL
 */
public record LiveStream(
    String channelArn,
    String streamId,
    Instant startTime,
    StreamHealth health,
    long viewerCount,
    String playbackUrl) {

  /** Checks that no component is null. */
  public LiveStream {
    Objects.requireNonNull(channelArn, "channelArn");
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(playbackUrl, "playbackUrl");
  }
}
