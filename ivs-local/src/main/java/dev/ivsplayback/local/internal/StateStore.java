package dev.ivsplayback.local.internal;

import dev.ivsplayback.local.internal.Resources.AdConfig;
import dev.ivsplayback.local.internal.Resources.Channel;
import dev.ivsplayback.local.internal.Resources.KeyPair;
import dev.ivsplayback.local.internal.Resources.Live;
import dev.ivsplayback.local.internal.Resources.RecordingConfig;
import dev.ivsplayback.local.internal.Resources.Resource;
import dev.ivsplayback.local.internal.Resources.ResourceFactory;
import dev.ivsplayback.local.internal.Resources.RestrictionPolicy;
import dev.ivsplayback.local.internal.Resources.Session;
import dev.ivsplayback.local.internal.Resources.StreamKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The registries every operation family shares: resources by ARN (in creation order), live streams,
 * stream sessions, PutMetadata payloads and viewer-session revocations; plus the lookups that
 * answer IVS's "not found" errors, ARN and id minting, and the clock. Not thread-safe: only touched
 * under {@link IvsState}'s lock.
 */
final class StateStore {
  final String region;
  final String accountId;
  private final Clock clock;

  /** The base of playback URLs, http://127.0.0.1:PORT once the port is known. */
  private volatile String playbackBase = "http://127.0.0.1:0";

  private long seq;

  final Map<String, Channel> channels = new LinkedHashMap<>();
  final Map<String, StreamKey> streamKeys = new LinkedHashMap<>();
  final Map<String, KeyPair> keyPairs = new LinkedHashMap<>();
  final Map<String, RecordingConfig> recordingConfigs = new LinkedHashMap<>();
  final Map<String, RestrictionPolicy> policies = new LinkedHashMap<>();
  final Map<String, AdConfig> adConfigs = new LinkedHashMap<>();

  /** Live streams by channel ARN. */
  final Map<String, Live> live = new LinkedHashMap<>();

  /** Stream sessions by channel ARN, oldest first. */
  final Map<String, List<Session>> sessions = new HashMap<>();

  /** PutMetadata payloads by channel ARN, oldest first. */
  final Map<String, List<String>> metadata = new HashMap<>();

  /** Highest revoked viewer-session version by {@link #revocationKey}. */
  final Map<String, Long> revocations = new HashMap<>();

  StateStore(String region, String accountId, Clock clock) {
    this.region = region;
    this.accountId = accountId;
    this.clock = clock;
  }

  void playbackBase(String base) {
    this.playbackBase = base;
  }

  String playbackBase() {
    return playbackBase;
  }

  /** The next number of the one sequence that orders resources, streams and sessions. */
  long nextSeq() {
    return ++seq;
  }

  /** Now on the injected clock, at the millisecond precision IVS's timestamps have. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  String arn(String type, String id) {
    return "arn:aws:ivs:" + region + ":" + accountId + ":" + type + "/" + id;
  }

  /** A new resource of this ARN type with a fresh id and the next sequence number. */
  <T extends Resource> T newResource(String type, ResourceFactory<T> factory) {
    String id = Ids.alnum(12);
    return factory.create(arn(type, id), id, nextSeq());
  }

  /** Tags the resource and stores it under its ARN. */
  static <T extends Resource> T store(Map<String, T> map, T r, Map<String, String> tags) {
    r.tags.putAll(tags);
    map.put(r.arn, r);
    return r;
  }

  Channel channel(String arn) {
    return require(channels, arn, "Channel");
  }

  StreamKey streamKey(String arn) {
    return require(streamKeys, arn, "Stream key");
  }

  KeyPair keyPair(String arn) {
    return require(keyPairs, arn, "Playback key pair");
  }

  RecordingConfig recordingConfig(String arn) {
    return require(recordingConfigs, arn, "Recording configuration");
  }

  RestrictionPolicy policy(String arn) {
    return require(policies, arn, "Playback restriction policy");
  }

  AdConfig adConfig(String arn) {
    return require(adConfigs, arn, "Ad configuration");
  }

  /** The resource with this ARN, or a ResourceNotFoundException "{@code what} not found: ARN". */
  static <T extends Resource> T require(Map<String, T> map, String arn, String what) {
    T r = map.get(arn);
    if (r == null) {
      throw ApiException.notFound(what + " not found: " + arn);
    }
    return r;
  }

  /** The resource of any taggable kind with this ARN. */
  Resource taggable(String arn) {
    for (Map<String, ? extends Resource> m :
        List.of(channels, streamKeys, keyPairs, recordingConfigs, policies, adConfigs)) {
      Resource r = m.get(arn);
      if (r != null) {
        return r;
      }
    }
    throw ApiException.notFound("Resource not found: " + arn);
  }

  /** The live stream of an existing channel, or 404 ChannelNotBroadcasting. */
  Live liveOf(String channelArn) {
    channel(channelArn);
    Live l = live.get(channelArn);
    if (l == null) {
      throw ApiException.notBroadcasting(channelArn);
    }
    return l;
  }

  /** Rejects deleting a resource that a channel still refers to through {@code member}. */
  void checkUnused(Resource r, String what, String member, Function<Channel, String> reference) {
    for (Channel c : channels.values()) {
      if (reference.apply(c).equals(r.arn)) {
        throw ApiException.conflict(
            what
                + " "
                + r.arn
                + " is used by channel "
                + c.arn
                + "; set the channel's "
                + member
                + " to \"\" first.");
      }
    }
  }

  static String revocationKey(String channelArn, String viewerId) {
    return channelArn + "\n" + viewerId;
  }

  /** Forgets everything a channel owns: stream keys, sessions, metadata and revocations. */
  void removeChannel(String channelArn) {
    channels.remove(channelArn);
    streamKeys.values().removeIf(k -> k.channelArn.equals(channelArn));
    sessions.remove(channelArn);
    metadata.remove(channelArn);
    revocations.keySet().removeIf(k -> k.startsWith(channelArn + "\n"));
  }

  /** Removes every resource, stream, session, metadata and revocation. */
  void clear() {
    channels.clear();
    streamKeys.clear();
    keyPairs.clear();
    recordingConfigs.clear();
    policies.clear();
    adConfigs.clear();
    live.clear();
    sessions.clear();
    metadata.clear();
    revocations.clear();
  }
}
