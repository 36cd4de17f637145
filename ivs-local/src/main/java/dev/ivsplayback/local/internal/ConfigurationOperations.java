package dev.ivsplayback.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ivsplayback.local.internal.Resources.AdConfig;
import dev.ivsplayback.local.internal.Resources.RecordingConfig;
import dev.ivsplayback.local.internal.Resources.RestrictionPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The configurations a channel refers to: recording configurations (Create, Get, List, Delete),
 * playback restriction policies (Create, Get, List, Update, Delete) and ad configurations (Create,
 * Get, List, Update, Delete; not in the Java SDK 2.40.2). A configuration a channel uses cannot be
 * deleted. Not thread-safe: runs under {@link IvsState}'s lock.
 */
final class ConfigurationOperations {
  private final StateStore store;

  ConfigurationOperations(StateStore store) {
    this.store = store;
  }

  void register(OperationTable table) {
    table
        .add("CreateRecordingConfiguration", this::createRecordingConfiguration)
        .add(
            "GetRecordingConfiguration",
            in ->
                WireShapes.obj(
                    "recordingConfiguration",
                    WireShapes.recordingConfiguration(store.recordingConfig(arn(in)), true)))
        .add(
            "ListRecordingConfigurations",
            in ->
                Paging.pageOf(
                    in,
                    new ArrayList<>(store.recordingConfigs.values()),
                    100,
                    "recordingConfigurations",
                    rc -> WireShapes.recordingConfiguration(rc, false)))
        .add("DeleteRecordingConfiguration", this::deleteRecordingConfiguration)
        .add("CreatePlaybackRestrictionPolicy", this::createPolicy)
        .add(
            "GetPlaybackRestrictionPolicy",
            in ->
                WireShapes.obj(
                    "playbackRestrictionPolicy", WireShapes.policy(store.policy(arn(in)))))
        .add(
            "ListPlaybackRestrictionPolicies",
            in ->
                Paging.pageOf(
                    in,
                    new ArrayList<>(store.policies.values()),
                    1,
                    "playbackRestrictionPolicies",
                    WireShapes::policy))
        .add("UpdatePlaybackRestrictionPolicy", this::updatePolicy)
        .add("DeletePlaybackRestrictionPolicy", this::deletePolicy)
        .add("CreateAdConfiguration", this::createAdConfiguration)
        .add(
            "GetAdConfiguration",
            in ->
                WireShapes.obj(
                    "adConfiguration", WireShapes.adConfiguration(store.adConfig(arn(in)))))
        .add(
            "ListAdConfigurations",
            in ->
                Paging.pageOf(
                    in,
                    new ArrayList<>(store.adConfigs.values()),
                    100,
                    "adConfigurations",
                    WireShapes::adConfiguration))
        .add("UpdateAdConfiguration", this::updateAdConfiguration)
        .add("DeleteAdConfiguration", this::deleteAdConfiguration);
  }

  // ------------------------------------------------------------------ recording configurations

  private ObjectNode createRecordingConfiguration(ObjectNode in) {
    JsonNode dest = in.path("destinationConfiguration");
    if (!dest.hasNonNull("s3")) {
      throw ApiException.invalidMember(
          "destinationConfiguration", "exactly one destination (s3) must be specified");
    }
    Map<String, String> tags = TagOperations.parse(in.path("tags"), "tags");
    ObjectNode thumb = WireShapes.object();
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
    ObjectNode rendition = WireShapes.object();
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
    RecordingConfig rc = store.newResource("recording-configuration", RecordingConfig::new);
    rc.name = in.path("name").asText("");
    rc.destination = dest.deepCopy();
    rc.thumbnail = thumb;
    rc.rendition = rendition;
    rc.reconnectWindowSeconds = in.path("recordingReconnectWindowSeconds").asInt(0);
    StateStore.store(store.recordingConfigs, rc, tags);
    return WireShapes.obj("recordingConfiguration", WireShapes.recordingConfiguration(rc, true));
  }

  private ObjectNode deleteRecordingConfiguration(ObjectNode in) {
    RecordingConfig rc = store.recordingConfig(arn(in));
    store.checkUnused(
        rc,
        "Recording configuration",
        "recordingConfigurationArn",
        c -> c.recordingConfigurationArn);
    store.recordingConfigs.remove(rc.arn);
    return null;
  }

  // ------------------------------------------------------------------ playback restriction
  // policies

  private ObjectNode createPolicy(ObjectNode in) {
    Map<String, String> tags = TagOperations.parse(in.path("tags"), "tags");
    RestrictionPolicy p = store.newResource("playback-restriction-policy", RestrictionPolicy::new);
    p.name = in.path("name").asText("");
    p.allowedCountries = strings(in.path("allowedCountries"));
    p.allowedOrigins = strings(in.path("allowedOrigins"));
    p.strictOriginEnforcement = in.path("enableStrictOriginEnforcement").asBoolean(false);
    StateStore.store(store.policies, p, tags);
    return WireShapes.obj("playbackRestrictionPolicy", WireShapes.policy(p));
  }

  private ObjectNode updatePolicy(ObjectNode in) {
    RestrictionPolicy p = store.policy(arn(in));
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
    return WireShapes.obj("playbackRestrictionPolicy", WireShapes.policy(p));
  }

  private ObjectNode deletePolicy(ObjectNode in) {
    RestrictionPolicy p = store.policy(arn(in));
    store.checkUnused(
        p,
        "Playback restriction policy",
        "playbackRestrictionPolicyArn",
        c -> c.playbackRestrictionPolicyArn);
    store.policies.remove(p.arn);
    return null;
  }

  // ------------------------------------------------------------------ ad configurations

  private ObjectNode createAdConfiguration(ObjectNode in) {
    Map<String, String> tags = TagOperations.parse(in.path("tags"), "tags");
    AdConfig a = store.newResource("ad-configuration", AdConfig::new);
    a.name = in.path("name").asText("");
    a.mediaTailorPlaybackConfigurations =
        (ArrayNode) in.get("mediaTailorPlaybackConfigurations").deepCopy();
    a.postRollConfiguration =
        in.hasNonNull("postRollConfiguration")
            ? (ObjectNode) in.get("postRollConfiguration").deepCopy()
            : null;
    StateStore.store(store.adConfigs, a, tags);
    return WireShapes.obj("adConfiguration", WireShapes.adConfiguration(a));
  }

  private ObjectNode updateAdConfiguration(ObjectNode in) {
    AdConfig a = store.adConfig(arn(in));
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
    return WireShapes.obj("adConfiguration", WireShapes.adConfiguration(a));
  }

  private ObjectNode deleteAdConfiguration(ObjectNode in) {
    AdConfig a = store.adConfig(arn(in));
    store.checkUnused(a, "Ad configuration", "adConfigurationArn", c -> c.adConfigurationArn);
    store.adConfigs.remove(a.arn);
    return null;
  }

  private static String arn(ObjectNode in) {
    return in.path("arn").asText();
  }

  private static List<String> strings(JsonNode arr) {
    List<String> out = new ArrayList<>();
    if (arr != null) {
      arr.forEach(n -> out.add(n.asText()));
    }
    return List.copyOf(out);
  }
}
