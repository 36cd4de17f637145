package dev.ivsplayback.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ivsplayback.local.internal.Resources.Channel;
import dev.ivsplayback.local.internal.Resources.StreamKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CreateChannel, GetChannel, BatchGetChannel, ListChannels, UpdateChannel and DeleteChannel. Each
 * operation checks all of its preconditions before it changes anything. Not thread-safe: runs under
 * {@link IvsState}'s lock.
 */
final class ChannelOperations {
  private static final List<String> LIST_FILTERS =
      List.of(
          "filterByName",
          "filterByRecordingConfigurationArn",
          "filterByPlaybackRestrictionPolicyArn",
          "filterByAdConfigurationArn");

  private final StateStore store;
  private final StreamKeyOperations streamKeys;

  ChannelOperations(StateStore store, StreamKeyOperations streamKeys) {
    this.store = store;
    this.streamKeys = streamKeys;
  }

  void register(OperationTable table) {
    table
        .add("CreateChannel", this::create)
        .add(
            "GetChannel",
            in -> WireShapes.obj("channel", WireShapes.channel(store.channel(arn(in)))))
        .add(
            "BatchGetChannel",
            in -> Paging.batchGet(in, store.channels, "channels", WireShapes::channel))
        .add("ListChannels", this::list)
        .add("UpdateChannel", this::update)
        .add("DeleteChannel", this::delete);
  }

  private ObjectNode create(ObjectNode in) {
    Map<String, String> tags = TagOperations.parse(in.path("tags"), "tags");
    String type = in.path("type").asText("STANDARD");
    String recordingArn = in.path("recordingConfigurationArn").asText("");
    String policyArn = in.path("playbackRestrictionPolicyArn").asText("");
    String adArn = in.path("adConfigurationArn").asText("");
    checkReferences(recordingArn, policyArn, adArn);
    String preset = presetFor(type, in.has("preset") ? in.path("preset").asText() : null, "");
    String containerFormat = in.path("containerFormat").asText("TS");
    JsonNode mt = in.path("multitrackInputConfiguration");
    checkMultitrack(mt, type, containerFormat);

    Channel c = store.newResource("channel", Channel::new);
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
        store.playbackBase()
            + "/api/video/v1/"
            + store.region
            + "."
            + store.accountId
            + ".channel."
            + c.id
            + ".m3u8";
    StateStore.store(store.channels, c, tags);
    StreamKey key = streamKeys.newStreamKey(c.arn, Map.of());
    ObjectNode out = WireShapes.object();
    out.set("channel", WireShapes.channel(c));
    out.set("streamKey", WireShapes.streamKey(key, true));
    return out;
  }

  private ObjectNode list(ObjectNode in) {
    List<String> filters = new ArrayList<>();
    for (String f : LIST_FILTERS) {
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
    for (Channel c : store.channels.values()) {
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
    return Paging.pageOf(in, list, 100, "channels", WireShapes::channelSummary);
  }

  private ObjectNode update(ObjectNode in) {
    Channel c = store.channel(arn(in));
    if (store.live.containsKey(c.arn)) {
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
            WireShapes.object()
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
    return WireShapes.obj("channel", WireShapes.channel(c));
  }

  private ObjectNode delete(ObjectNode in) {
    Channel c = store.channel(arn(in));
    if (store.live.containsKey(c.arn)) {
      throw ApiException.conflict(
          "A live channel cannot be deleted. Stop the stream first: " + c.arn);
    }
    store.removeChannel(c.arn);
    return null;
  }

  private static String arn(ObjectNode in) {
    return in.path("arn").asText();
  }

  /** The referenced configurations ("" = none) must exist. */
  private void checkReferences(String recordingArn, String policyArn, String adArn) {
    if (!recordingArn.isEmpty()) {
      store.recordingConfig(recordingArn);
    }
    if (!policyArn.isEmpty()) {
      store.policy(policyArn);
    }
    if (!adArn.isEmpty()) {
      store.adConfig(adArn);
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
}
