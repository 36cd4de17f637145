package dev.ivsplayback.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * All emulated IVS resources and the semantics of the model's 41 operations (the Java SDK 2.40.2
 * has 35; the six ad-configuration operations are served too). One lock guards everything; every
 * operation checks all of its preconditions before it changes anything, so a failed request changes
 * no state. Thread-safe.
 */
public final class IvsState {

  /** Playback key pairs per region (IVS quota). */
  public static final int MAX_KEY_PAIRS = 3;

  /** Tags per resource. */
  public static final int MAX_TAGS = 50;

  /** PutMetadata payload limit, in UTF-8 bytes. */
  public static final int MAX_METADATA_BYTES = 1024;

  private static final int MAX_EVENTS = 500;

  private final ObjectMapper json = new ObjectMapper();
  private final String region;
  private final String accountId;
  private final Clock clock;
  private volatile String playbackBase = "http://127.0.0.1:0";
  private long seq;

  private final Map<String, Channel> channels = new LinkedHashMap<>();
  private final Map<String, StreamKey> streamKeys = new LinkedHashMap<>();
  private final Map<String, KeyPair> keyPairs = new LinkedHashMap<>();
  private final Map<String, RecordingConfig> recordingConfigs = new LinkedHashMap<>();
  private final Map<String, RestrictionPolicy> policies = new LinkedHashMap<>();
  private final Map<String, AdConfig> adConfigs = new LinkedHashMap<>();
  private final Map<String, Live> live = new LinkedHashMap<>();
  private final Map<String, List<Session>> sessions = new HashMap<>();
  private final Map<String, List<String>> metadata = new HashMap<>();
  private final Map<String, Long> revocations = new HashMap<>();

  /** Empty state for one region and account; the clock stamps times. */
  public IvsState(String region, String accountId, Clock clock) {
    this.region = region;
    this.accountId = accountId;
    this.clock = clock;
  }

  /** Sets the base of playback URLs (http://127.0.0.1:PORT) once the port is known. */
  public void playbackBase(String base) {
    this.playbackBase = base;
  }

  // ------------------------------------------------------------------ resources

  private abstract static class Resource {
    final String arn;
    final String id;
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
  private interface ResourceFactory<T extends Resource> {
    T create(String arn, String id, long seq);
  }

  private static final class Channel extends Resource {
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

  private static final class StreamKey extends Resource {
    final String value;
    final String channelArn;

    StreamKey(String arn, String id, long seq, String value, String channelArn) {
      super(arn, id, seq);
      this.value = value;
      this.channelArn = channelArn;
    }
  }

  private static final class KeyPair extends Resource {
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

  private static final class RecordingConfig extends Resource {
    String name = "";
    ObjectNode destination;
    ObjectNode thumbnail;
    ObjectNode rendition;
    int reconnectWindowSeconds;

    RecordingConfig(String arn, String id, long seq) {
      super(arn, id, seq);
    }
  }

  private static final class RestrictionPolicy extends Resource {
    String name = "";
    List<String> allowedCountries = List.of();
    List<String> allowedOrigins = List.of();
    boolean strictOriginEnforcement;

    RestrictionPolicy(String arn, String id, long seq) {
      super(arn, id, seq);
    }
  }

  private static final class AdConfig extends Resource {
    String name = "";
    ArrayNode mediaTailorPlaybackConfigurations;
    ObjectNode postRollConfiguration;

    AdConfig(String arn, String id, long seq) {
      super(arn, id, seq);
    }
  }

  private static final class Live {
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

  private static final class Session {
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

  // ------------------------------------------------------------------ dispatch

  /**
   * Executes one IVS operation on a validated input.
   *
   * @return the response body, or null for the operations that answer 204 without a body
   */
  public synchronized ObjectNode execute(String operation, ObjectNode in) {
    return switch (operation) {
      case "CreateChannel" -> createChannel(in);
      case "GetChannel" -> obj("channel", channelNode(channel(text(in, "arn"))));
      case "BatchGetChannel" -> batchGet(in, channels, "channels", c -> channelNode((Channel) c));
      case "ListChannels" -> listChannels(in);
      case "UpdateChannel" -> updateChannel(in);
      case "DeleteChannel" -> deleteChannel(in);
      case "CreateStreamKey" -> createStreamKey(in);
      case "GetStreamKey" -> obj("streamKey", streamKeyNode(streamKey(text(in, "arn")), true));
      case "BatchGetStreamKey" ->
          batchGet(in, streamKeys, "streamKeys", k -> streamKeyNode((StreamKey) k, true));
      case "ListStreamKeys" -> listStreamKeys(in);
      case "DeleteStreamKey" -> deleteStreamKey(in);
      case "ImportPlaybackKeyPair" -> importKeyPair(in);
      case "GetPlaybackKeyPair" -> obj("keyPair", keyPairNode(keyPair(text(in, "arn")), true));
      case "ListPlaybackKeyPairs" ->
          page(
              in,
              new ArrayList<>(keyPairs.values()),
              r -> r.seq,
              false,
              100,
              "keyPairs",
              k -> keyPairNode(k, false));
      case "DeletePlaybackKeyPair" -> {
        keyPairs.remove(keyPair(text(in, "arn")).arn);
        yield json.createObjectNode();
      }
      case "CreateRecordingConfiguration" -> createRecordingConfiguration(in);
      case "GetRecordingConfiguration" ->
          obj("recordingConfiguration", recordingNode(recordingConfig(text(in, "arn")), true));
      case "ListRecordingConfigurations" ->
          page(
              in,
              new ArrayList<>(recordingConfigs.values()),
              r -> r.seq,
              false,
              100,
              "recordingConfigurations",
              r -> recordingNode(r, false));
      case "DeleteRecordingConfiguration" -> deleteRecordingConfiguration(in);
      case "CreatePlaybackRestrictionPolicy" -> createPolicy(in);
      case "GetPlaybackRestrictionPolicy" ->
          obj("playbackRestrictionPolicy", policyNode(policy(text(in, "arn"))));
      case "ListPlaybackRestrictionPolicies" ->
          page(
              in,
              new ArrayList<>(policies.values()),
              r -> r.seq,
              false,
              1,
              "playbackRestrictionPolicies",
              this::policyNode);
      case "UpdatePlaybackRestrictionPolicy" -> updatePolicy(in);
      case "DeletePlaybackRestrictionPolicy" -> deletePolicy(in);
      case "GetStream" -> obj("stream", streamNode(liveOf(text(in, "channelArn"))));
      case "ListStreams" -> listStreams(in);
      case "StopStream" -> {
        Live l = liveOf(text(in, "channelArn"));
        end(l);
        yield json.createObjectNode();
      }
      case "PutMetadata" -> putMetadata(in);
      case "GetStreamSession" -> getStreamSession(in);
      case "ListStreamSessions" -> listStreamSessions(in);
      case "StartViewerSessionRevocation" -> {
        String channelArn = text(in, "channelArn");
        channel(channelArn);
        revoke(
            channelArn,
            text(in, "viewerId"),
            in.path("viewerSessionVersionsLessThanOrEqualTo").asLong(0));
        yield json.createObjectNode();
      }
      case "BatchStartViewerSessionRevocation" -> batchRevoke(in);
      case "CreateAdConfiguration" -> createAdConfiguration(in);
      case "GetAdConfiguration" -> obj("adConfiguration", adConfigNode(adConfig(text(in, "arn"))));
      case "ListAdConfigurations" ->
          page(
              in,
              new ArrayList<>(adConfigs.values()),
              r -> r.seq,
              false,
              100,
              "adConfigurations",
              this::adConfigNode);
      case "UpdateAdConfiguration" -> updateAdConfiguration(in);
      case "DeleteAdConfiguration" -> deleteAdConfiguration(in);
      case "InsertAdBreak" -> insertAdBreak(in);
      case "ListTagsForResource" -> {
        ObjectNode out = json.createObjectNode();
        out.set("tags", tagsNode(taggable(text(in, "resourceArn")).tags));
        yield out;
      }
      case "TagResource" -> tagResource(in);
      case "UntagResource" -> {
        Resource r = taggable(text(in, "resourceArn"));
        for (JsonNode k : in.path("tagKeys")) {
          r.tags.remove(k.asText());
        }
        yield json.createObjectNode();
      }
      default ->
          throw new ApiException(
              "UnknownOperationException",
              404,
              "Operation " + operation + " is not supported by ivs-local");
    };
  }

  // ------------------------------------------------------------------ channels

  private ObjectNode createChannel(ObjectNode in) {
    Map<String, String> tags = tagsOf(in.path("tags"), "tags");
    String type = in.path("type").asText("STANDARD");
    String recordingArn = in.path("recordingConfigurationArn").asText("");
    String policyArn = in.path("playbackRestrictionPolicyArn").asText("");
    String adArn = in.path("adConfigurationArn").asText("");
    checkReferences(recordingArn, policyArn, adArn);
    String preset = presetFor(type, in.has("preset") ? in.path("preset").asText() : null, "");
    String containerFormat = in.path("containerFormat").asText("TS");
    JsonNode mt = in.path("multitrackInputConfiguration");
    checkMultitrack(mt, type, containerFormat);

    Channel c = newResource("channel", Channel::new);
    c.name = in.path("name").asText("");
    c.latencyMode = in.path("latencyMode").asText("LOW");
    c.type = type;
    c.authorized = in.path("authorized").asBoolean(false);
    c.insecureIngest = in.path("insecureIngest").asBoolean(false);
    c.recordingConfigurationArn = recordingArn;
    c.playbackRestrictionPolicyArn = policyArn;
    c.adConfigurationArn = adArn;
    c.preset = preset;
    c.containerFormat = containerFormat;
    applyMultitrack(c, mt);
    String host = Ids.hex(12);
    c.ingestEndpoint = host + ".global-contribute.live-video.net";
    c.srtEndpoint = host + ".srt.live-video.net";
    c.srtPassphrase = Ids.alnum(32);
    c.playbackUrl =
        playbackBase + "/api/video/v1/" + region + "." + accountId + ".channel." + c.id + ".m3u8";
    store(channels, c, tags);
    StreamKey key = newStreamKey(c.arn, Map.of());
    ObjectNode out = json.createObjectNode();
    out.set("channel", channelNode(c));
    out.set("streamKey", streamKeyNode(key, true));
    return out;
  }

  private void checkReferences(String recordingArn, String policyArn, String adArn) {
    if (!recordingArn.isEmpty()) {
      recordingConfig(recordingArn);
    }
    if (!policyArn.isEmpty()) {
      policy(policyArn);
    }
    if (!adArn.isEmpty()) {
      adConfig(adArn);
    }
  }

  /**
   * Presets are selectable only for ADVANCED_* channels, which default to
   * HIGHER_BANDWIDTH_DELIVERY.
   */
  private static String presetFor(String type, String requested, String current) {
    boolean advanced = type.startsWith("ADVANCED_");
    if (requested != null && !requested.isEmpty()) {
      if (!advanced) {
        throw ApiException.invalidMember(
            "preset",
            "a transcode preset can be selected only for channel types "
                + "ADVANCED_SD and ADVANCED_HD, not "
                + type);
      }
      return requested;
    }
    if (!advanced) {
      return "";
    }
    return current.isEmpty() ? "HIGHER_BANDWIDTH_DELIVERY" : current;
  }

  private static void checkMultitrack(JsonNode mt, String type, String containerFormat) {
    if (!mt.path("enabled").asBoolean(false)) {
      return;
    }
    if (!type.equals("STANDARD")) {
      throw ApiException.invalidMember(
          "multitrackInputConfiguration.enabled",
          "multitrack input can be enabled only for channel type STANDARD, not " + type);
    }
    if (!mt.hasNonNull("policy")) {
      throw ApiException.invalidMember(
          "multitrackInputConfiguration.policy",
          "the member is required when multitrack input is enabled");
    }
    if (!mt.hasNonNull("maximumResolution")) {
      throw ApiException.invalidMember(
          "multitrackInputConfiguration.maximumResolution",
          "the member is required when multitrack input is enabled");
    }
    if (!containerFormat.equals("FRAGMENTED_MP4")) {
      throw ApiException.invalidMember(
          "containerFormat", "must be FRAGMENTED_MP4 when multitrack input is enabled");
    }
  }

  private static void applyMultitrack(Channel c, JsonNode mt) {
    if (mt.isMissingNode() || mt.isNull()) {
      return;
    }
    c.multitrackEnabled = mt.path("enabled").asBoolean(false);
    if (mt.hasNonNull("policy")) {
      c.multitrackPolicy = mt.get("policy").asText();
    }
    if (mt.hasNonNull("maximumResolution")) {
      c.multitrackMaximumResolution = mt.get("maximumResolution").asText();
    }
  }

  private ObjectNode listChannels(ObjectNode in) {
    List<String> filters = new ArrayList<>();
    for (String f :
        List.of(
            "filterByName",
            "filterByRecordingConfigurationArn",
            "filterByPlaybackRestrictionPolicyArn",
            "filterByAdConfigurationArn")) {
      if (in.hasNonNull(f)) {
        filters.add(f);
      }
    }
    if (filters.size() > 1) {
      throw ApiException.conflict(
          "The filters "
              + String.join(" and ", filters)
              + " are mutually exclusive and cannot be used together.");
    }
    List<Channel> list = new ArrayList<>();
    for (Channel c : channels.values()) {
      if (in.hasNonNull("filterByName") && !c.name.equals(in.get("filterByName").asText())) {
        continue;
      }
      if (in.hasNonNull("filterByRecordingConfigurationArn")
          && !c.recordingConfigurationArn.equals(
              in.get("filterByRecordingConfigurationArn").asText())) {
        continue;
      }
      if (in.hasNonNull("filterByPlaybackRestrictionPolicyArn")
          && !c.playbackRestrictionPolicyArn.equals(
              in.get("filterByPlaybackRestrictionPolicyArn").asText())) {
        continue;
      }
      if (in.hasNonNull("filterByAdConfigurationArn")
          && !c.adConfigurationArn.equals(in.get("filterByAdConfigurationArn").asText())) {
        continue;
      }
      list.add(c);
    }
    return page(in, list, r -> r.seq, false, 100, "channels", this::channelSummaryNode);
  }

  private ObjectNode updateChannel(ObjectNode in) {
    Channel c = channel(text(in, "arn"));
    if (live.containsKey(c.arn)) {
      throw ApiException.conflict(
          "Live channels cannot be updated. Stop the stream first: " + c.arn);
    }
    String type = in.path("type").asText(c.type);
    String recordingArn = in.path("recordingConfigurationArn").asText(c.recordingConfigurationArn);
    String policyArn =
        in.path("playbackRestrictionPolicyArn").asText(c.playbackRestrictionPolicyArn);
    String adArn = in.path("adConfigurationArn").asText(c.adConfigurationArn);
    if (!recordingArn.equals(c.recordingConfigurationArn)
        || !policyArn.equals(c.playbackRestrictionPolicyArn)
        || !adArn.equals(c.adConfigurationArn)) {
      checkReferences(
          recordingArn.equals(c.recordingConfigurationArn) ? "" : recordingArn,
          policyArn.equals(c.playbackRestrictionPolicyArn) ? "" : policyArn,
          adArn.equals(c.adConfigurationArn) ? "" : adArn);
    }
    String currentPreset = type.equals(c.type) ? c.preset : "";
    String preset =
        presetFor(type, in.has("preset") ? in.path("preset").asText() : null, currentPreset);
    String containerFormat = in.path("containerFormat").asText(c.containerFormat);
    JsonNode mt = in.path("multitrackInputConfiguration");
    if (mt.isMissingNode() || mt.isNull()) {
      if (c.multitrackEnabled) {
        ObjectNode current =
            json.createObjectNode()
                .put("enabled", true)
                .put("policy", c.multitrackPolicy)
                .put("maximumResolution", c.multitrackMaximumResolution);
        checkMultitrack(current, type, containerFormat);
      }
    } else {
      checkMultitrack(mt, type, containerFormat);
    }
    c.type = type;
    c.recordingConfigurationArn = recordingArn;
    c.playbackRestrictionPolicyArn = policyArn;
    c.adConfigurationArn = adArn;
    c.preset = preset;
    c.containerFormat = containerFormat;
    applyMultitrack(c, mt);
    c.name = in.path("name").asText(c.name);
    c.latencyMode = in.path("latencyMode").asText(c.latencyMode);
    c.authorized = in.path("authorized").asBoolean(c.authorized);
    c.insecureIngest = in.path("insecureIngest").asBoolean(c.insecureIngest);
    return obj("channel", channelNode(c));
  }

  private ObjectNode deleteChannel(ObjectNode in) {
    Channel c = channel(text(in, "arn"));
    if (live.containsKey(c.arn)) {
      throw ApiException.conflict(
          "A live channel cannot be deleted. Stop the stream first: " + c.arn);
    }
    channels.remove(c.arn);
    streamKeys.values().removeIf(k -> k.channelArn.equals(c.arn));
    sessions.remove(c.arn);
    metadata.remove(c.arn);
    revocations.keySet().removeIf(k -> k.startsWith(c.arn + "\n"));
    return null;
  }

  private ObjectNode channelNode(Channel c) {
    ObjectNode n = json.createObjectNode();
    n.put("arn", c.arn);
    n.put("name", c.name);
    n.put("latencyMode", c.latencyMode);
    n.put("type", c.type);
    n.put("recordingConfigurationArn", c.recordingConfigurationArn);
    n.put("ingestEndpoint", c.ingestEndpoint);
    n.put("playbackUrl", c.playbackUrl);
    n.put("authorized", c.authorized);
    n.set("tags", tagsNode(c.tags));
    n.put("insecureIngest", c.insecureIngest);
    n.put("preset", c.preset);
    ObjectNode srt = n.putObject("srt");
    srt.put("endpoint", c.srtEndpoint);
    if (!c.insecureIngest) {
      srt.put("passphrase", c.srtPassphrase);
    }
    n.put("playbackRestrictionPolicyArn", c.playbackRestrictionPolicyArn);
    ObjectNode mt = n.putObject("multitrackInputConfiguration");
    mt.put("enabled", c.multitrackEnabled);
    mt.put("policy", c.multitrackPolicy);
    mt.put("maximumResolution", c.multitrackMaximumResolution);
    n.put("containerFormat", c.containerFormat);
    n.put("adConfigurationArn", c.adConfigurationArn);
    return n;
  }

  private ObjectNode channelSummaryNode(Channel c) {
    ObjectNode n = json.createObjectNode();
    n.put("arn", c.arn);
    n.put("name", c.name);
    n.put("latencyMode", c.latencyMode);
    n.put("authorized", c.authorized);
    n.put("recordingConfigurationArn", c.recordingConfigurationArn);
    n.set("tags", tagsNode(c.tags));
    n.put("insecureIngest", c.insecureIngest);
    n.put("type", c.type);
    n.put("preset", c.preset);
    n.put("playbackRestrictionPolicyArn", c.playbackRestrictionPolicyArn);
    n.put("adConfigurationArn", c.adConfigurationArn);
    return n;
  }

  // ------------------------------------------------------------------ stream keys

  private ObjectNode createStreamKey(ObjectNode in) {
    Channel c = channel(text(in, "channelArn"));
    Map<String, String> tags = tagsOf(in.path("tags"), "tags");
    for (StreamKey k : streamKeys.values()) {
      if (k.channelArn.equals(c.arn)) {
        throw ApiException.quota(
            "A channel can have at most 1 stream key; "
                + c.arn
                + " already has "
                + k.arn
                + ". To reset it, call DeleteStreamKey and then CreateStreamKey.");
      }
    }
    return obj("streamKey", streamKeyNode(newStreamKey(c.arn, tags), true));
  }

  private StreamKey newStreamKey(String channelArn, Map<String, String> tags) {
    return store(
        streamKeys,
        newResource(
            "stream-key",
            (arn, id, number) ->
                new StreamKey(
                    arn,
                    id,
                    number,
                    "sk_" + region + "_" + Ids.alnum(12) + "_" + Ids.alnum(30),
                    channelArn)),
        tags);
  }

  private ObjectNode listStreamKeys(ObjectNode in) {
    Channel c = channel(text(in, "channelArn"));
    List<StreamKey> list = new ArrayList<>();
    for (StreamKey k : streamKeys.values()) {
      if (k.channelArn.equals(c.arn)) {
        list.add(k);
      }
    }
    return page(in, list, r -> r.seq, false, 1, "streamKeys", k -> streamKeyNode(k, false));
  }

  private ObjectNode deleteStreamKey(ObjectNode in) {
    streamKeys.remove(streamKey(text(in, "arn")).arn);
    return null;
  }

  private ObjectNode streamKeyNode(StreamKey k, boolean withValue) {
    ObjectNode n = json.createObjectNode();
    n.put("arn", k.arn);
    if (withValue) {
      n.put("value", k.value);
    }
    n.put("channelArn", k.channelArn);
    n.set("tags", tagsNode(k.tags));
    return n;
  }

  // ------------------------------------------------------------------ playback key pairs

  private ObjectNode importKeyPair(ObjectNode in) {
    ECPublicKey key = PublicKeyImport.parse(text(in, "publicKeyMaterial"));
    Map<String, String> tags = tagsOf(in.path("tags"), "tags");
    String fingerprint = PublicKeyImport.fingerprint(key);
    for (KeyPair k : keyPairs.values()) {
      if (k.fingerprint.equals(fingerprint)) {
        throw ApiException.conflict(
            "A playback key pair with this public key already exists (fingerprint "
                + fingerprint
                + ").");
      }
    }
    if (keyPairs.size() >= MAX_KEY_PAIRS) {
      throw ApiException.quota(
          "Request would exceed the quota of "
              + MAX_KEY_PAIRS
              + " playback key pairs per account per region.");
    }
    String name = in.path("name").asText("");
    KeyPair k =
        store(
            keyPairs,
            newResource(
                "playback-key",
                (arn, id, number) -> new KeyPair(arn, id, number, name, fingerprint, key)),
            tags);
    return obj("keyPair", keyPairNode(k, true));
  }

  private ObjectNode keyPairNode(KeyPair k, boolean withFingerprint) {
    ObjectNode n = json.createObjectNode();
    n.put("arn", k.arn);
    if (!k.name.isEmpty()) {
      n.put(
          "name",
          k.name); // IVS's documented response omits the name of a key pair imported without one
    }
    if (withFingerprint) {
      n.put("fingerprint", k.fingerprint);
    }
    n.set("tags", tagsNode(k.tags));
    return n;
  }

  /** The public keys of the currently imported key pairs (a snapshot). */
  public synchronized List<PublicKey> publicKeys() {
    List<PublicKey> out = new ArrayList<>();
    for (KeyPair k : keyPairs.values()) {
      out.add(k.publicKey);
    }
    return out;
  }

  // ------------------------------------------------------------------ recording configurations

  private ObjectNode createRecordingConfiguration(ObjectNode in) {
    JsonNode dest = in.path("destinationConfiguration");
    if (!dest.hasNonNull("s3")) {
      throw ApiException.invalidMember(
          "destinationConfiguration", "exactly one destination (s3) must be specified");
    }
    Map<String, String> tags = tagsOf(in.path("tags"), "tags");
    ObjectNode thumb = json.createObjectNode();
    JsonNode t = in.path("thumbnailConfiguration");
    String mode = t.path("recordingMode").asText("INTERVAL");
    thumb.put("recordingMode", mode);
    if (mode.equals("INTERVAL")) {
      thumb.put("targetIntervalSeconds", t.path("targetIntervalSeconds").asLong(60));
    } else if (t.has("targetIntervalSeconds")) {
      throw ApiException.invalidMember(
          "thumbnailConfiguration.targetIntervalSeconds",
          "configurable only when recordingMode is INTERVAL");
    }
    if (t.hasNonNull("resolution")) {
      thumb.put("resolution", t.get("resolution").asText());
    }
    ArrayNode storage = thumb.putArray("storage");
    if (t.hasNonNull("storage") && t.get("storage").size() > 0) {
      t.get("storage").forEach(storage::add);
    } else {
      storage.add("SEQUENTIAL");
    }
    ObjectNode rendition = json.createObjectNode();
    JsonNode r = in.path("renditionConfiguration");
    String selection = r.path("renditionSelection").asText("ALL");
    rendition.put("renditionSelection", selection);
    ArrayNode renditions = rendition.putArray("renditions");
    if (r.hasNonNull("renditions")) {
      r.get("renditions").forEach(renditions::add);
    }
    if (selection.equals("CUSTOM") && renditions.isEmpty()) {
      throw ApiException.invalidMember(
          "renditionConfiguration.renditions",
          "at least one rendition is required when renditionSelection is CUSTOM");
    }
    RecordingConfig rc = newResource("recording-configuration", RecordingConfig::new);
    rc.name = in.path("name").asText("");
    rc.destination = dest.deepCopy();
    rc.thumbnail = thumb;
    rc.rendition = rendition;
    rc.reconnectWindowSeconds = in.path("recordingReconnectWindowSeconds").asInt(0);
    store(recordingConfigs, rc, tags);
    return obj("recordingConfiguration", recordingNode(rc, true));
  }

  private ObjectNode deleteRecordingConfiguration(ObjectNode in) {
    RecordingConfig rc = recordingConfig(text(in, "arn"));
    checkUnused(
        rc,
        "Recording configuration",
        "recordingConfigurationArn",
        c -> c.recordingConfigurationArn);
    recordingConfigs.remove(rc.arn);
    return null;
  }

  private ObjectNode recordingNode(RecordingConfig rc, boolean full) {
    ObjectNode n = json.createObjectNode();
    n.put("arn", rc.arn);
    n.put("name", rc.name);
    n.set("destinationConfiguration", rc.destination.deepCopy());
    n.put("state", "ACTIVE");
    n.set("tags", tagsNode(rc.tags));
    if (full) {
      n.set("thumbnailConfiguration", rc.thumbnail.deepCopy());
      n.put("recordingReconnectWindowSeconds", rc.reconnectWindowSeconds);
      n.set("renditionConfiguration", rc.rendition.deepCopy());
    }
    return n;
  }

  // ------------------------------------------------------------------ playback restriction
  // policies

  private ObjectNode createPolicy(ObjectNode in) {
    Map<String, String> tags = tagsOf(in.path("tags"), "tags");
    RestrictionPolicy p = newResource("playback-restriction-policy", RestrictionPolicy::new);
    p.name = in.path("name").asText("");
    p.allowedCountries = strings(in.path("allowedCountries"));
    p.allowedOrigins = strings(in.path("allowedOrigins"));
    p.strictOriginEnforcement = in.path("enableStrictOriginEnforcement").asBoolean(false);
    store(policies, p, tags);
    return obj("playbackRestrictionPolicy", policyNode(p));
  }

  private ObjectNode updatePolicy(ObjectNode in) {
    RestrictionPolicy p = policy(text(in, "arn"));
    if (in.hasNonNull("name")) {
      p.name = in.get("name").asText();
    }
    if (in.hasNonNull("allowedCountries")) {
      p.allowedCountries = strings(in.get("allowedCountries"));
    }
    if (in.hasNonNull("allowedOrigins")) {
      p.allowedOrigins = strings(in.get("allowedOrigins"));
    }
    if (in.hasNonNull("enableStrictOriginEnforcement")) {
      p.strictOriginEnforcement = in.get("enableStrictOriginEnforcement").asBoolean();
    }
    return obj("playbackRestrictionPolicy", policyNode(p));
  }

  private ObjectNode deletePolicy(ObjectNode in) {
    RestrictionPolicy p = policy(text(in, "arn"));
    checkUnused(
        p,
        "Playback restriction policy",
        "playbackRestrictionPolicyArn",
        c -> c.playbackRestrictionPolicyArn);
    policies.remove(p.arn);
    return null;
  }

  private ObjectNode policyNode(RestrictionPolicy p) {
    ObjectNode n = json.createObjectNode();
    n.put("arn", p.arn);
    ArrayNode countries = n.putArray("allowedCountries");
    p.allowedCountries.forEach(countries::add);
    ArrayNode origins = n.putArray("allowedOrigins");
    p.allowedOrigins.forEach(origins::add);
    n.put("enableStrictOriginEnforcement", p.strictOriginEnforcement);
    n.put("name", p.name);
    n.set("tags", tagsNode(p.tags));
    return n;
  }

  // ------------------------------------------------------------------ ad configurations (not in
  // SDK 2.40.2)

  private ObjectNode createAdConfiguration(ObjectNode in) {
    Map<String, String> tags = tagsOf(in.path("tags"), "tags");
    AdConfig a = newResource("ad-configuration", AdConfig::new);
    a.name = in.path("name").asText("");
    a.mediaTailorPlaybackConfigurations =
        (ArrayNode) in.get("mediaTailorPlaybackConfigurations").deepCopy();
    a.postRollConfiguration =
        in.hasNonNull("postRollConfiguration")
            ? (ObjectNode) in.get("postRollConfiguration").deepCopy()
            : null;
    store(adConfigs, a, tags);
    return obj("adConfiguration", adConfigNode(a));
  }

  private ObjectNode updateAdConfiguration(ObjectNode in) {
    AdConfig a = adConfig(text(in, "arn"));
    if (in.hasNonNull("name")) {
      a.name = in.get("name").asText();
    }
    if (in.hasNonNull("mediaTailorPlaybackConfigurations")) {
      a.mediaTailorPlaybackConfigurations =
          (ArrayNode) in.get("mediaTailorPlaybackConfigurations").deepCopy();
    }
    if (in.hasNonNull("postRollConfiguration")) {
      a.postRollConfiguration = (ObjectNode) in.get("postRollConfiguration").deepCopy();
    }
    return obj("adConfiguration", adConfigNode(a));
  }

  private ObjectNode deleteAdConfiguration(ObjectNode in) {
    AdConfig a = adConfig(text(in, "arn"));
    checkUnused(a, "Ad configuration", "adConfigurationArn", c -> c.adConfigurationArn);
    adConfigs.remove(a.arn);
    return null;
  }

  private ObjectNode insertAdBreak(ObjectNode in) {
    String channelArn = text(in, "channelArn");
    Channel c = channel(channelArn);
    Live l = liveOf(channelArn);
    if (c.adConfigurationArn.isEmpty()) {
      throw ApiException.conflict(
          "Channel "
              + channelArn
              + " has no ad configuration; set adConfigurationArn"
              + " with UpdateChannel first.");
    }
    String adBreakId = Ids.alnum(12);
    event(l.session, "Ad Break Inserted", "IVS Stream State Change", now());
    return json.createObjectNode().put("adBreakId", adBreakId);
  }

  private ObjectNode adConfigNode(AdConfig a) {
    ObjectNode n = json.createObjectNode();
    n.put("arn", a.arn);
    n.put("name", a.name);
    n.set("mediaTailorPlaybackConfigurations", a.mediaTailorPlaybackConfigurations.deepCopy());
    if (a.postRollConfiguration != null) {
      n.set("postRollConfiguration", a.postRollConfiguration.deepCopy());
    }
    n.set("tags", tagsNode(a.tags));
    return n;
  }

  // ------------------------------------------------------------------ streams

  private Live liveOf(String channelArn) {
    channel(channelArn);
    Live l = live.get(channelArn);
    if (l == null) {
      throw ApiException.notBroadcasting(channelArn);
    }
    return l;
  }

  private ObjectNode streamNode(Live l) {
    ObjectNode n = json.createObjectNode();
    n.put("channelArn", l.channelArn);
    n.put("streamId", l.session.streamId);
    n.put("playbackUrl", channels.get(l.channelArn).playbackUrl);
    n.put("startTime", time(l.session.startTime));
    n.put("state", "LIVE");
    n.put("health", l.health);
    n.put("viewerCount", l.viewerCount);
    return n;
  }

  private ObjectNode listStreams(ObjectNode in) {
    String health = in.path("filterBy").path("health").asText(null);
    List<Live> list = new ArrayList<>();
    for (Live l : live.values()) {
      if (health == null || health.equals(l.health)) {
        list.add(l);
      }
    }
    list.sort(Comparator.comparingLong(l -> l.seq));
    return page(
        in,
        list,
        l -> l.seq,
        false,
        100,
        "streams",
        l -> {
          ObjectNode n = json.createObjectNode();
          n.put("channelArn", l.channelArn);
          n.put("streamId", l.session.streamId);
          n.put("state", "LIVE");
          n.put("health", l.health);
          n.put("viewerCount", l.viewerCount);
          n.put("startTime", time(l.session.startTime));
          return n;
        });
  }

  private ObjectNode putMetadata(ObjectNode in) {
    String channelArn = text(in, "channelArn");
    String payload = text(in, "metadata");
    int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_METADATA_BYTES) {
      throw ApiException.invalidMember(
          "metadata",
          "the payload is "
              + bytes
              + " bytes; the maximum is 1 KB ("
              + MAX_METADATA_BYTES
              + " bytes of UTF-8)");
    }
    liveOf(channelArn);
    metadata.computeIfAbsent(channelArn, k -> new ArrayList<>()).add(payload);
    return null;
  }

  private ObjectNode getStreamSession(ObjectNode in) {
    String channelArn = text(in, "channelArn");
    channel(channelArn);
    List<Session> list = sessions.getOrDefault(channelArn, List.of());
    Session s = null;
    if (in.hasNonNull("streamId")) {
      String streamId = in.get("streamId").asText();
      for (Session x : list) {
        if (x.streamId.equals(streamId)) {
          s = x;
        }
      }
      if (s == null) {
        throw ApiException.notFound(
            "Stream session " + streamId + " not found for channel " + channelArn);
      }
    } else if (!list.isEmpty()) {
      s = list.get(list.size() - 1);
    } else {
      throw ApiException.notFound("Channel " + channelArn + " has no stream sessions");
    }
    ObjectNode n = sessionNode(s);
    n.set("channel", s.channel.deepCopy());
    ObjectNode video =
        json.createObjectNode()
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
        json.createObjectNode()
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
    return obj("streamSession", n);
  }

  private ObjectNode listStreamSessions(ObjectNode in) {
    String channelArn = text(in, "channelArn");
    channel(channelArn);
    List<Session> list = new ArrayList<>(sessions.getOrDefault(channelArn, List.of()));
    list.sort(Comparator.comparingLong((Session s) -> s.seq).reversed());
    return page(
        in,
        list,
        s -> s.seq,
        true,
        100,
        "streamSessions",
        s -> sessionNode(s).put("hasErrorEvent", false));
  }

  /** The members a session and its summary share: streamId, startTime and, once ended, endTime. */
  private ObjectNode sessionNode(Session s) {
    ObjectNode n = json.createObjectNode();
    n.put("streamId", s.streamId);
    n.put("startTime", time(s.startTime));
    if (s.endTime != null) {
      n.put("endTime", time(s.endTime));
    }
    return n;
  }

  /** Starts a simulated broadcast (control API). */
  public synchronized LiveSnapshot startStream(String channelArn) {
    Channel c = channel(channelArn);
    if (live.containsKey(channelArn)) {
      throw ApiException.conflict("Channel is already live: " + channelArn);
    }
    Instant now = now();
    RecordingConfig rc =
        c.recordingConfigurationArn.isEmpty()
            ? null
            : recordingConfigs.get(c.recordingConfigurationArn);
    Session s =
        new Session(
            "st-" + Ids.alnum(23),
            ++seq,
            now,
            channelNode(c),
            rc == null ? null : recordingNode(rc, true));
    event(s, "Session Created", "IVS Stream State Change", now);
    event(s, "Stream Start", "IVS Stream State Change", now);
    if (rc != null) {
      event(s, "Recording Start", "IVS Recording State Change", now);
    }
    sessions.computeIfAbsent(channelArn, k -> new ArrayList<>()).add(s);
    Live l = new Live(channelArn, s.seq, s);
    live.put(channelArn, l);
    return snapshot(l);
  }

  /** Ends the simulated broadcast (control API). */
  public synchronized void endStream(String channelArn) {
    end(liveOf(channelArn));
  }

  /** Sets health and viewer count of a live stream (control API). */
  public synchronized LiveSnapshot updateStream(
      String channelArn, String health, Long viewerCount) {
    Live l = liveOf(channelArn);
    if (health != null) {
      if (!List.of("HEALTHY", "STARVING", "UNKNOWN").contains(health)) {
        throw ApiException.invalidMember("health", "must be one of HEALTHY, STARVING, UNKNOWN");
      }
      l.health = health;
    }
    if (viewerCount != null) {
      if (viewerCount < -1) {
        throw ApiException.invalidMember(
            "viewerCount", "must be >= -1 (-1 means the count timed out)");
      }
      l.viewerCount = viewerCount;
    }
    return snapshot(l);
  }

  /** The live stream of a channel, if any (control API). */
  public synchronized Optional<LiveSnapshot> liveStream(String channelArn) {
    channel(channelArn);
    Live l = live.get(channelArn);
    return l == null ? Optional.empty() : Optional.of(snapshot(l));
  }

  private LiveSnapshot snapshot(Live l) {
    return new LiveSnapshot(
        l.channelArn,
        l.session.streamId,
        l.session.startTime,
        l.health,
        l.viewerCount,
        channels.get(l.channelArn).playbackUrl);
  }

  private void end(Live l) {
    Instant now = now();
    Session s = l.session;
    if (s.recordingConfiguration != null) {
      event(s, "Recording End", "IVS Recording State Change", now);
    }
    event(s, "Stream End", "IVS Stream State Change", now);
    event(s, "Session Ended", "IVS Stream State Change", now);
    s.endTime = now;
    live.remove(l.channelArn);
  }

  private void event(Session s, String name, String type, Instant at) {
    s.events.add(
        json.createObjectNode().put("name", name).put("type", type).put("eventTime", time(at)));
  }

  /** PutMetadata payloads recorded for a channel, oldest first (control API). */
  public synchronized List<String> metadata(String channelArn) {
    return List.copyOf(metadata.getOrDefault(channelArn, List.of()));
  }

  // ------------------------------------------------------------------ viewer-session revocation

  private void revoke(String channelArn, String viewerId, long upTo) {
    revocations.merge(channelArn + "\n" + viewerId, upTo, Math::max);
  }

  private ObjectNode batchRevoke(ObjectNode in) {
    ArrayNode errors = json.createArrayNode();
    for (JsonNode vs : in.path("viewerSessions")) {
      String channelArn = vs.path("channelArn").asText();
      String viewerId = vs.path("viewerId").asText();
      if (!channels.containsKey(channelArn)) {
        errors
            .addObject()
            .put("channelArn", channelArn)
            .put("viewerId", viewerId)
            .put("code", "404")
            .put("message", "channel not found");
        continue;
      }
      revoke(channelArn, viewerId, vs.path("viewerSessionVersionsLessThanOrEqualTo").asLong(0));
    }
    ObjectNode out = json.createObjectNode();
    out.set("errors", errors);
    return out;
  }

  /**
   * True when sessions of this viewer up to at least {@code version} were revoked on the channel.
   */
  public synchronized boolean isRevoked(String channelArn, String viewerId, long version) {
    Long upTo = revocations.get(channelArn + "\n" + viewerId);
    return upTo != null && version <= upTo;
  }

  // ------------------------------------------------------------------ tags

  private ObjectNode tagResource(ObjectNode in) {
    Resource r = taggable(text(in, "resourceArn"));
    Map<String, String> add = tagsOf(in.path("tags"), "tags");
    Set<String> keys = new LinkedHashSet<>(r.tags.keySet());
    keys.addAll(add.keySet());
    if (keys.size() > MAX_TAGS) {
      throw ApiException.invalidMember(
          "tags",
          "the resource would have "
              + keys.size()
              + " tags; at most "
              + MAX_TAGS
              + " tags can be applied to a resource");
    }
    r.tags.putAll(add);
    return json.createObjectNode();
  }

  private Resource taggable(String arn) {
    for (Map<String, ? extends Resource> m :
        List.of(channels, streamKeys, keyPairs, recordingConfigs, policies, adConfigs)) {
      Resource r = m.get(arn);
      if (r != null) {
        return r;
      }
    }
    throw ApiException.notFound("Resource not found: " + arn);
  }

  private static Map<String, String> tagsOf(JsonNode tags, String member) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : tags.properties()) {
      if (e.getKey().toLowerCase(Locale.ROOT).startsWith("aws:")) {
        throw ApiException.invalidMember(
            member, "tag keys must not use the reserved prefix 'aws:'");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private ObjectNode tagsNode(Map<String, String> tags) {
    ObjectNode n = json.createObjectNode();
    tags.forEach(n::put);
    return n;
  }

  // ------------------------------------------------------------------ playback

  /** The channel with this resource id, for playback authorization. */
  public synchronized Optional<PlaybackChannel> playbackChannel(String channelId) {
    Channel c = channels.get(arn("channel", channelId));
    if (c == null) {
      return Optional.empty();
    }
    RestrictionPolicy p =
        c.playbackRestrictionPolicyArn.isEmpty()
            ? null
            : policies.get(c.playbackRestrictionPolicyArn);
    return Optional.of(
        new PlaybackChannel(
            c.arn,
            c.authorized,
            p == null ? List.of() : p.allowedOrigins,
            p != null && p.strictOriginEnforcement,
            live.containsKey(c.arn)));
  }

  // ------------------------------------------------------------------ control

  /** Removes every resource, stream, session, metadata and revocation. */
  public synchronized void reset() {
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

  // ------------------------------------------------------------------ helpers

  private ObjectNode batchGet(
      ObjectNode in,
      Map<String, ? extends Resource> map,
      String field,
      Function<Resource, ObjectNode> render) {
    ObjectNode out = json.createObjectNode();
    ArrayNode found = out.putArray(field);
    ArrayNode errors = out.putArray("errors");
    Set<String> seen = new LinkedHashSet<>();
    for (JsonNode a : in.path("arns")) {
      String arn = a.asText();
      if (!seen.add(arn)) {
        continue;
      }
      Resource r = map.get(arn);
      if (r == null) {
        errors
            .addObject()
            .put("arn", arn)
            .put("code", "ResourceNotFoundException")
            .put("message", "Resource not found: " + arn);
      } else {
        found.add(render.apply(r));
      }
    }
    return out;
  }

  /**
   * One page of a list in output order. The token names the sequence number of the next item to
   * return, so pages stay consistent when items are deleted between calls.
   */
  private <T> ObjectNode page(
      ObjectNode in,
      List<T> items,
      ToLongFunction<T> seqOf,
      boolean descending,
      int defaultMax,
      String field,
      Function<T, ObjectNode> render) {
    int max = in.path("maxResults").asInt(defaultMax);
    int start = 0;
    String token = in.path("nextToken").asText("");
    if (!token.isEmpty()) {
      long from = decodeToken(token);
      start = items.size();
      for (int i = 0; i < items.size(); i++) {
        long s = seqOf.applyAsLong(items.get(i));
        if (descending ? s <= from : s >= from) {
          start = i;
          break;
        }
      }
    }
    ObjectNode out = json.createObjectNode();
    ArrayNode arr = out.putArray(field);
    int end = Math.min(items.size(), start + max);
    for (int i = start; i < end; i++) {
      arr.add(render.apply(items.get(i)));
    }
    if (end < items.size()) {
      out.put("nextToken", encodeToken(seqOf.applyAsLong(items.get(end))));
    }
    return out;
  }

  private static String encodeToken(long seq) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("ivs-local:" + seq).getBytes(StandardCharsets.UTF_8));
  }

  private static long decodeToken(String token) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (s.startsWith("ivs-local:")) {
        return Long.parseLong(s.substring("ivs-local:".length()));
      }
    } catch (IllegalArgumentException e) {
      // fall through: not one of ours
    }
    throw ApiException.invalidMember("nextToken", "not a pagination token issued by this endpoint");
  }

  private Channel channel(String arn) {
    return require(channels, arn, "Channel");
  }

  private StreamKey streamKey(String arn) {
    return require(streamKeys, arn, "Stream key");
  }

  private KeyPair keyPair(String arn) {
    return require(keyPairs, arn, "Playback key pair");
  }

  private RecordingConfig recordingConfig(String arn) {
    return require(recordingConfigs, arn, "Recording configuration");
  }

  private RestrictionPolicy policy(String arn) {
    return require(policies, arn, "Playback restriction policy");
  }

  private AdConfig adConfig(String arn) {
    return require(adConfigs, arn, "Ad configuration");
  }

  /** The resource with this ARN, or a ResourceNotFoundException "{@code what} not found: ARN". */
  private static <T extends Resource> T require(Map<String, T> map, String arn, String what) {
    T r = map.get(arn);
    if (r == null) {
      throw ApiException.notFound(what + " not found: " + arn);
    }
    return r;
  }

  /** A new resource of this ARN type with a fresh id and the next sequence number. */
  private <T extends Resource> T newResource(String type, ResourceFactory<T> factory) {
    String id = Ids.alnum(12);
    return factory.create(arn(type, id), id, ++seq);
  }

  /** Tags the resource and stores it under its ARN. */
  private <T extends Resource> T store(Map<String, T> map, T r, Map<String, String> tags) {
    r.tags.putAll(tags);
    map.put(r.arn, r);
    return r;
  }

  /** Rejects deleting a resource that a channel still refers to through {@code member}. */
  private void checkUnused(
      Resource r, String what, String member, Function<Channel, String> reference) {
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

  private String arn(String type, String id) {
    return "arn:aws:ivs:" + region + ":" + accountId + ":" + type + "/" + id;
  }

  private ObjectNode obj(String field, JsonNode value) {
    ObjectNode n = json.createObjectNode();
    n.set(field, value);
    return n;
  }

  private static String text(JsonNode in, String field) {
    return in.path(field).asText();
  }

  private static List<String> strings(JsonNode arr) {
    List<String> out = new ArrayList<>();
    if (arr != null) {
      arr.forEach(n -> out.add(n.asText()));
    }
    return List.copyOf(out);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static String time(Instant t) {
    return t.toString();
  }
}
