package dev.ivsplayback.local.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable records of the emulated IVS resources, live streams and stream sessions. Plain data:
 * the operation families change them and {@link WireShapes} renders them. Not thread-safe; only
 * touched under {@link IvsState}'s lock.
 */
final class Resources {
  private Resources() {}

  /** What every taggable IVS resource has: ARN, resource id, creation order and tags. */
  abstract static class Resource {
    final String arn;
    final String id;

    /** Creation order; list order and pagination tokens use it. */
    final long seq;

    final Map<String, String> tags = new LinkedHashMap<>();

    Resource(String arn, String id, long seq) {
      this.arn = arn;
      this.id = id;
      this.seq = seq;
    }
  }

  /** Makes a resource from its ARN, id and sequence number. */
  @FunctionalInterface
  interface ResourceFactory<T extends Resource> {
    T create(String arn, String id, long seq);
  }

  /** A channel; the defaults are IVS's (spec §4). */
  static final class Channel extends Resource {
    String name = "";
    String latencyMode = "LOW";
    String type = "STANDARD";
    String recordingConfigurationArn = "";
    String playbackRestrictionPolicyArn = "";
    String adConfigurationArn = "";
    String preset = "";
    String containerFormat = "TS";
    boolean authorized;
    boolean insecureIngest;
    boolean multitrackEnabled;
    String multitrackPolicy = "ALLOW";
    String multitrackMaximumResolution = "FULL_HD";
    String ingestEndpoint;
    String srtEndpoint;
    String srtPassphrase;
    String playbackUrl;

    Channel(String arn, String id, long seq) {
      super(arn, id, seq);
    }
  }

  /** A stream key of one channel. */
  static final class StreamKey extends Resource {
    final String value;
    final String channelArn;

    StreamKey(String arn, String id, long seq, String value, String channelArn) {
      super(arn, id, seq);
      this.value = value;
      this.channelArn = channelArn;
    }
  }

  /** An imported playback key pair (public half only). */
  static final class KeyPair extends Resource {
    final String name;
    final String fingerprint;
    final ECPublicKey publicKey;

    KeyPair(
        String arn, String id, long seq, String name, String fingerprint, ECPublicKey publicKey) {
      super(arn, id, seq);
      this.name = name;
      this.fingerprint = fingerprint;
      this.publicKey = publicKey;
    }
  }

  /** A recording configuration; its JSON members are kept as given (after defaults). */
  static final class RecordingConfig extends Resource {
    String name = "";
    ObjectNode destination;
    ObjectNode thumbnail;
    ObjectNode rendition;
    int reconnectWindowSeconds;

    RecordingConfig(String arn, String id, long seq) {
      super(arn, id, seq);
    }
  }

  /** A playback restriction policy. */
  static final class RestrictionPolicy extends Resource {
    String name = "";
    List<String> allowedCountries = List.of();
    List<String> allowedOrigins = List.of();
    boolean strictOriginEnforcement;

    RestrictionPolicy(String arn, String id, long seq) {
      super(arn, id, seq);
    }
  }

  /** An ad configuration (not in the Java SDK 2.40.2). */
  static final class AdConfig extends Resource {
    String name = "";
    ArrayNode mediaTailorPlaybackConfigurations;
    ObjectNode postRollConfiguration;

    AdConfig(String arn, String id, long seq) {
      super(arn, id, seq);
    }
  }

  /** The live stream of a channel while it broadcasts. */
  static final class Live {
    final String channelArn;
    final long seq;
    final Session session;
    String health = "HEALTHY";
    long viewerCount;

    Live(String channelArn, long seq, Session session) {
      this.channelArn = channelArn;
      this.seq = seq;
      this.session = session;
    }
  }

  /**
   * One broadcast of a channel, kept after it ends: the channel and recording configuration as they
   * were at its start, and its events, oldest first.
   */
  static final class Session {
    final String streamId;
    final long seq;
    final Instant startTime;
    Instant endTime;
    final ObjectNode channel;
    final ObjectNode recordingConfiguration;
    final List<ObjectNode> events = new ArrayList<>();

    Session(
        String streamId,
        long seq,
        Instant startTime,
        ObjectNode channel,
        ObjectNode recordingConfiguration) {
      this.streamId = streamId;
      this.seq = seq;
      this.startTime = startTime;
      this.channel = channel;
      this.recordingConfiguration = recordingConfiguration;
    }
  }
}
