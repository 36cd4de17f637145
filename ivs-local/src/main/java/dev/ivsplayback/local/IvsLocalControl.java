package dev.ivsplayback.local;

import java.util.List;

/**
 * Test controls of a running {@link IvsLocal}, outside IVS's API: simulated broadcasts, injected
 * faults, recorded metadata and call counts. The same controls are served over HTTP under {@code
 * /_local/} (see the module notes). Implementations are thread-safe.
 */
public interface IvsLocalControl {

  /**
   * Starts a simulated broadcast on a channel: the channel goes live (GetStream, ListStreams,
   * PutMetadata and StopStream work; UpdateChannel and DeleteChannel answer 409) and a stream
   * session with its events is recorded.
   *
   * @throws IvsLocalException if the channel does not exist or is already live
   */
  LiveStream startStream(String channelArn);

  /**
   * Ends the simulated broadcast on a channel, as the encoder disconnecting would.
   *
   * @throws IvsLocalException if the channel does not exist or is not live
   */
  void endStream(String channelArn);

  /**
   * Sets the health and viewer count that GetStream and ListStreams report for a live channel.
   *
   * @param viewerCount the count, or -1 (IVS's value when the count timed out)
   * @throws IvsLocalException if the channel does not exist or is not live, or viewerCount is below
   *     -1
   */
  LiveStream updateStream(String channelArn, StreamHealth health, long viewerCount);

  /**
   * Makes the next {@code count} calls of an operation fail with the given error, before any state
   * change. The AWS SDK maps the error type to its exception class (e.g. "ThrottlingException" with
   * 429).
   *
   * @param operation an IVS operation name (the 35 of the Java SDK or the six ad-configuration
   *     ones), e.g. "ImportPlaybackKeyPair"
   * @param errorType the wire error type sent in {@code x-amzn-ErrorType} and {@code __type}
   * @param httpStatus 400 to 599
   * @throws IvsLocalException if an argument is invalid
   */
  void failNext(String operation, int count, String errorType, int httpStatus);

  /**
   * Makes the next {@code count} calls of an operation be processed as usual (applying their
   * change, or failing as they would) and then close the connection without answering (a lost
   * response): the client sees an I/O error, and a retry sees the changed state.
   *
   * @throws IvsLocalException if an argument is invalid
   */
  void dropResponseNext(String operation, int count);

  /** The PutMetadata payloads accepted for a channel, oldest first (empty if none). */
  List<String> metadata(String channelArn);

  /** How many authenticated requests of the operation reached ivs-local (including failed ones). */
  long callCount(String operation);

  /** Switches IVS's per-operation request-rate quotas on or off. */
  void throttling(boolean enabled);

  /**
   * Removes all resources, streams, metadata, revocations, pending faults, call counts and throttle
   * windows.
   */
  void reset();
}
