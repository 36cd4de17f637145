package dev.ivsplayback.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ivsplayback.local.internal.Resources.AdConfig;
import dev.ivsplayback.local.internal.Resources.Channel;
import dev.ivsplayback.local.internal.Resources.KeyPair;
import dev.ivsplayback.local.internal.Resources.Live;
import dev.ivsplayback.local.internal.Resources.RecordingConfig;
import dev.ivsplayback.local.internal.Resources.RestrictionPolicy;
import dev.ivsplayback.local.internal.Resources.Session;
import dev.ivsplayback.local.internal.Resources.StreamKey;
import java.time.Instant;
import java.util.Map;

/**
 * The JSON shapes of IVS's responses (the model's structures), rendered from {@link Resources}.
 * Where a full structure and its summary share members, those are written by one method. Every node
 * is a fresh copy, so a caller may change it. Stateless and thread-safe.
 */
final class WireShapes {
  /** A stream session's {@code truncatedEvents} holds at most this many events. */
  static final int MAX_EVENTS = 500;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private WireShapes() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** {@code {"field": value}}. */
  static ObjectNode obj(String field, JsonNode value) {
    ObjectNode n = object();
    n.set(field, value);
    return n;
  }

  /** IVS's timestamps: ISO-8601 strings. */
  static String time(Instant t) {
    return t.toString();
  }

  static ObjectNode tags(Map<String, String> tags) {
    ObjectNode n = object();
    tags.forEach(n::put);
    return n;
  }

  // ------------------------------------------------------------------ channels

  /** The Channel structure. */
  static ObjectNode channel(Channel c) {
    ObjectNode n = channelMembers(c);
    n.put("ingestEndpoint", c.ingestEndpoint);
    n.put("playbackUrl", c.playbackUrl);
    ObjectNode srt = n.putObject("srt");
    srt.put("endpoint", c.srtEndpoint);
    if (!c.insecureIngest) {
      srt.put("passphrase", c.srtPassphrase);
    }
    ObjectNode mt = n.putObject("multitrackInputConfiguration");
    mt.put("enabled", c.multitrackEnabled);
    mt.put("policy", c.multitrackPolicy);
    mt.put("maximumResolution", c.multitrackMaximumResolution);
    n.put("containerFormat", c.containerFormat);
    return n;
  }

  /** The ChannelSummary structure of ListChannels. */
  static ObjectNode channelSummary(Channel c) {
    return channelMembers(c);
  }

  /** The members Channel and ChannelSummary share. */
  private static ObjectNode channelMembers(Channel c) {
    ObjectNode n = object();
    n.put("arn", c.arn);
    n.put("name", c.name);
    n.put("latencyMode", c.latencyMode);
    n.put("type", c.type);
    n.put("recordingConfigurationArn", c.recordingConfigurationArn);
    n.put("authorized", c.authorized);
    n.set("tags", tags(c.tags));
    n.put("insecureIngest", c.insecureIngest);
    n.put("preset", c.preset);
    n.put("playbackRestrictionPolicyArn", c.playbackRestrictionPolicyArn);
    n.put("adConfigurationArn", c.adConfigurationArn);
    return n;
  }

  // ------------------------------------------------------------------ keys

  /** StreamKey (with its value) or StreamKeySummary (without). */
  static ObjectNode streamKey(StreamKey k, boolean withValue) {
    ObjectNode n = object();
    n.put("arn", k.arn);
    if (withValue) {
      n.put("value", k.value);
    }
    n.put("channelArn", k.channelArn);
    n.set("tags", tags(k.tags));
    return n;
  }

  /** PlaybackKeyPair (with its fingerprint) or PlaybackKeyPairSummary (without). */
  static ObjectNode keyPair(KeyPair k, boolean withFingerprint) {
    ObjectNode n = object();
    n.put("arn", k.arn);
    if (!k.name.isEmpty()) {
      // IVS's documented response omits the name of a key pair imported without one
      n.put("name", k.name);
    }
    if (withFingerprint) {
      n.put("fingerprint", k.fingerprint);
    }
    n.set("tags", tags(k.tags));
    return n;
  }

  // ------------------------------------------------------------------ configurations

  /** RecordingConfiguration (full) or RecordingConfigurationSummary. */
  static ObjectNode recordingConfiguration(RecordingConfig rc, boolean full) {
    ObjectNode n = object();
    n.put("arn", rc.arn);
    n.put("name", rc.name);
    n.set("destinationConfiguration", rc.destination.deepCopy());
    n.put("state", "ACTIVE");
    n.set("tags", tags(rc.tags));
    if (full) {
      n.set("thumbnailConfiguration", rc.thumbnail.deepCopy());
      n.put("recordingReconnectWindowSeconds", rc.reconnectWindowSeconds);
      n.set("renditionConfiguration", rc.rendition.deepCopy());
    }
    return n;
  }

  /** PlaybackRestrictionPolicy, also used as its summary (the members are the same). */
  static ObjectNode policy(RestrictionPolicy p) {
    ObjectNode n = object();
    n.put("arn", p.arn);
    ArrayNode countries = n.putArray("allowedCountries");
    p.allowedCountries.forEach(countries::add);
    ArrayNode origins = n.putArray("allowedOrigins");
    p.allowedOrigins.forEach(origins::add);
    n.put("enableStrictOriginEnforcement", p.strictOriginEnforcement);
    n.put("name", p.name);
    n.set("tags", tags(p.tags));
    return n;
  }

  /** AdConfiguration, also used as its summary. */
  static ObjectNode adConfiguration(AdConfig a) {
    ObjectNode n = object();
    n.put("arn", a.arn);
    n.put("name", a.name);
    n.set("mediaTailorPlaybackConfigurations", a.mediaTailorPlaybackConfigurations.deepCopy());
    if (a.postRollConfiguration != null) {
      n.set("postRollConfiguration", a.postRollConfiguration.deepCopy());
    }
    n.set("tags", tags(a.tags));
    return n;
  }

  // ------------------------------------------------------------------ streams

  /** The Stream structure of GetStream. */
  static ObjectNode stream(Live l, String playbackUrl) {
    ObjectNode n = streamMembers(l);
    n.put("playbackUrl", playbackUrl);
    return n;
  }

  /** The StreamSummary structure of ListStreams. */
  static ObjectNode streamSummary(Live l) {
    return streamMembers(l);
  }

  /** The members Stream and StreamSummary share. */
  private static ObjectNode streamMembers(Live l) {
    ObjectNode n = object();
    n.put("channelArn", l.channelArn);
    n.put("streamId", l.session.streamId);
    n.put("startTime", time(l.session.startTime));
    n.put("state", "LIVE");
    n.put("health", l.health);
    n.put("viewerCount", l.viewerCount);
    return n;
  }

  /** The StreamSessionSummary structure of ListStreamSessions. */
  static ObjectNode sessionSummary(Session s) {
    return sessionMembers(s).put("hasErrorEvent", false);
  }

  /**
   * The StreamSession structure of GetStreamSession: the channel and recording configuration as at
   * the start, a fixed ingest configuration, and the newest {@value #MAX_EVENTS} events, newest
   * first.
   */
  static ObjectNode session(Session s) {
    ObjectNode n = sessionMembers(s);
    n.set("channel", s.channel.deepCopy());
    ObjectNode video =
        object()
            .put("avcProfile", "Baseline")
            .put("avcLevel", "4.2")
            .put("codec", "avc1.42C02A")
            .put("encoder", "ivs-local")
            .put("targetBitrate", 6000000L)
            .put("targetFramerate", 30L)
            .put("videoHeight", 1080L)
            .put("videoWidth", 1920L)
            .put("level", "4.2")
            .put("track", "Track0")
            .put("profile", "Baseline");
    ObjectNode audio =
        object()
            .put("codec", "mp4a.40.2")
            .put("targetBitrate", 160000)
            .put("sampleRate", 48000)
            .put("channels", 2)
            .put("track", "Track0");
    ObjectNode ingest = n.putObject("ingestConfiguration");
    ingest.set("video", video);
    ingest.set("audio", audio);
    ObjectNode ingests = n.putObject("ingestConfigurations");
    ingests
        .putArray("videoConfigurations")
        .add(video.deepCopy().put("avcProfile", "").put("avcLevel", ""));
    ingests.putArray("audioConfigurations").add(audio.deepCopy());
    if (s.recordingConfiguration != null) {
      n.set("recordingConfiguration", s.recordingConfiguration.deepCopy());
    }
    ArrayNode events = n.putArray("truncatedEvents");
    for (int i = s.events.size() - 1; i >= 0 && events.size() < MAX_EVENTS; i--) {
      events.add(s.events.get(i).deepCopy());
    }
    return n;
  }

  /** The members a session and its summary share: streamId, startTime and, once ended, endTime. */
  private static ObjectNode sessionMembers(Session s) {
    ObjectNode n = object();
    n.put("streamId", s.streamId);
    n.put("startTime", time(s.startTime));
    if (s.endTime != null) {
      n.put("endTime", time(s.endTime));
    }
    return n;
  }

  /** A StreamEvent. */
  static ObjectNode event(String name, String type, Instant at) {
    return object().put("name", name).put("type", type).put("eventTime", time(at));
  }
}
