package dev.ivsplayback.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ivsplayback.local.internal.Resources.Resource;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * ListTagsForResource, TagResource and UntagResource on any taggable resource, and the tag rules
 * the Create* operations share. Not thread-safe: runs under {@link IvsState}'s lock.
 */
final class TagOperations {
  private final StateStore store;

  TagOperations(StateStore store) {
    this.store = store;
  }

  void register(OperationTable table) {
    table
        .add(
            "ListTagsForResource",
            in -> WireShapes.obj("tags", WireShapes.tags(store.taggable(text(in)).tags)))
        .add("TagResource", this::tagResource)
        .add("UntagResource", this::untagResource);
  }

  private ObjectNode tagResource(ObjectNode in) {
    Resource r = store.taggable(text(in));
    Map<String, String> add = parse(in.path("tags"), "tags");
    Set<String> keys = new LinkedHashSet<>(r.tags.keySet());
    keys.addAll(add.keySet());
    if (keys.size() > IvsState.MAX_TAGS) {
      throw ApiException.invalidMember(
          "tags",
          "the resource would have "
              + keys.size()
              + " tags; at most "
              + IvsState.MAX_TAGS
              + " tags can be applied to a resource");
    }
    r.tags.putAll(add);
    return WireShapes.object();
  }

  private ObjectNode untagResource(ObjectNode in) {
    Resource r = store.taggable(text(in));
    for (JsonNode k : in.path("tagKeys")) {
      r.tags.remove(k.asText());
    }
    return WireShapes.object();
  }

  private static String text(ObjectNode in) {
    return in.path("resourceArn").asText();
  }

  /** The tags of a request member; keys with the reserved prefix {@code aws:} are refused. */
  static Map<String, String> parse(JsonNode tags, String member) {
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
}
