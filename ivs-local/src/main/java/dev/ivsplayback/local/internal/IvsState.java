package dev.ivsplayback.local.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ivsplayback.local.internal.Resources.Channel;
import dev.ivsplayback.local.internal.Resources.RestrictionPolicy;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * All emulated IVS resources and the semantics of the model's 41 operations (the Java SDK 2.40.2
 * has 35; the six ad-configuration operations are served too): the facade the HTTP front, the
 * control API and playback authorization call.
 *
 * <p>The work is done by one class per resource family ({@code ChannelOperations}, {@code
 * StreamKeyOperations}, {@code KeyPairOperations}, {@code ConfigurationOperations}, {@code
 * StreamOperations}, {@code TagOperations}) over one shared {@code StateStore}; {@link #execute}
 * finds the operation's handler in an {@code OperationTable}.
 *
 * <p>Thread-safe: every public method holds this object's lock, the one lock that guards all state
 * (the families and the store have no locking of their own). Every operation checks all of its
 * preconditions before it changes anything, so a failed request changes no state.
 */
public final class IvsState {

  /** Playback key pairs per region (IVS quota). */
  public static final int MAX_KEY_PAIRS = 3;

  /** Tags per resource. */
  public static final int MAX_TAGS = 50;

  /** PutMetadata payload limit, in UTF-8 bytes. */
  public static final int MAX_METADATA_BYTES = 1024;

  private final StateStore store;
  private final KeyPairOperations keyPairs;
  private final StreamOperations streams;
  private final OperationTable operations = new OperationTable();

  /** Empty state for one region and account; the clock stamps times. */
  public IvsState(String region, String accountId, Clock clock) {
    this.store = new StateStore(region, accountId, clock);
    StreamKeyOperations streamKeys = new StreamKeyOperations(store);
    this.keyPairs = new KeyPairOperations(store);
    this.streams = new StreamOperations(store);
    new ChannelOperations(store, streamKeys).register(operations);
    streamKeys.register(operations);
    keyPairs.register(operations);
    new ConfigurationOperations(store).register(operations);
    streams.register(operations);
    new TagOperations(store).register(operations);
  }

  /** Sets the base of playback URLs (http://127.0.0.1:PORT) once the port is known. */
  public void playbackBase(String base) {
    store.playbackBase(base);
  }

  /** A snapshot of what playback authorization needs to know about a channel. */
  public record PlaybackChannel(
      String arn,
      boolean authorized,
      List<String> allowedOrigins,
      boolean strictOriginEnforcement,
      boolean live) {}

  /** A snapshot of a live stream, for the control API. */
  public record LiveSnapshot(
      String channelArn,
      String streamId,
      Instant startTime,
      String health,
      long viewerCount,
      String playbackUrl) {}

  /**
   * Executes one IVS operation on a validated input.
   *
   * @return the response body, or null for the operations that answer 204 without a body
   * @throws ApiException IVS's error for the request (404 UnknownOperationException for an
   *     operation not served)
   */
  public synchronized ObjectNode execute(String operation, ObjectNode in) {
    return operations.execute(operation, in);
  }

  // ------------------------------------------------------------------ control API

  /** Starts a simulated broadcast (control API). */
  public synchronized LiveSnapshot startStream(String channelArn) {
    return streams.start(channelArn);
  }

  /** Ends the simulated broadcast (control API). */
  public synchronized void endStream(String channelArn) {
    streams.end(channelArn);
  }

  /** Sets health and viewer count of a live stream (control API); null leaves a value as is. */
  public synchronized LiveSnapshot updateStream(
      String channelArn, String health, Long viewerCount) {
    return streams.update(channelArn, health, viewerCount);
  }

  /** The live stream of a channel, if any (control API). */
  public synchronized Optional<LiveSnapshot> liveStream(String channelArn) {
    return streams.liveStream(channelArn);
  }

  /** PutMetadata payloads recorded for a channel, oldest first (control API). */
  public synchronized List<String> metadata(String channelArn) {
    return streams.metadata(channelArn);
  }

  /** Removes every resource, stream, session, metadata and revocation. */
  public synchronized void reset() {
    store.clear();
  }

  // ------------------------------------------------------------------ playback

  /**
   * True when sessions of this viewer up to at least {@code version} were revoked on the channel.
   */
  public synchronized boolean isRevoked(String channelArn, String viewerId, long version) {
    return streams.isRevoked(channelArn, viewerId, version);
  }

  /** The public keys of the currently imported key pairs (a snapshot). */
  public synchronized List<PublicKey> publicKeys() {
    return keyPairs.publicKeys();
  }

  /** The channel with this resource id, for playback authorization. */
  public synchronized Optional<PlaybackChannel> playbackChannel(String channelId) {
    Channel c = store.channels.get(store.arn("channel", channelId));
    if (c == null) {
      return Optional.empty();
    }
    RestrictionPolicy p =
        c.playbackRestrictionPolicyArn.isEmpty()
            ? null
            : store.policies.get(c.playbackRestrictionPolicyArn);
    return Optional.of(
        new PlaybackChannel(
            c.arn,
            c.authorized,
            p == null ? List.of() : p.allowedOrigins,
            p != null && p.strictOriginEnforcement,
            store.live.containsKey(c.arn)));
  }
}
