package dev.ivsplayback.local.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ivsplayback.local.internal.Resources.Channel;
import dev.ivsplayback.local.internal.Resources.StreamKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CreateStreamKey, GetStreamKey, BatchGetStreamKey, ListStreamKeys and DeleteStreamKey, and the
 * stream key CreateChannel makes. Not thread-safe: runs under {@link IvsState}'s lock.
 */
final class StreamKeyOperations {
  private final StateStore store;

  StreamKeyOperations(StateStore store) {
    this.store = store;
  }

  void register(OperationTable table) {
    table
        .add("CreateStreamKey", this::create)
        .add(
            "GetStreamKey",
            in -> WireShapes.obj("streamKey", WireShapes.streamKey(store.streamKey(arn(in)), true)))
        .add(
            "BatchGetStreamKey",
            in ->
                Paging.batchGet(
                    in, store.streamKeys, "streamKeys", k -> WireShapes.streamKey(k, true)))
        .add("ListStreamKeys", this::list)
        .add("DeleteStreamKey", this::delete);
  }

  private ObjectNode create(ObjectNode in) {
    Channel c = store.channel(in.path("channelArn").asText());
    Map<String, String> tags = TagOperations.parse(in.path("tags"), "tags");
    for (StreamKey k : store.streamKeys.values()) {
      if (k.channelArn.equals(c.arn)) {
        throw ApiException.quota(
            "A channel can have at most 1 stream key; "
                + c.arn
                + " already has "
                + k.arn
                + ". To reset it, call DeleteStreamKey and then CreateStreamKey.");
      }
    }
    return WireShapes.obj("streamKey", WireShapes.streamKey(newStreamKey(c.arn, tags), true));
  }

  /** Mints and stores a stream key for a channel. */
  StreamKey newStreamKey(String channelArn, Map<String, String> tags) {
    return StateStore.store(
        store.streamKeys,
        store.newResource(
            "stream-key",
            (arn, id, number) ->
                new StreamKey(
                    arn,
                    id,
                    number,
                    "sk_" + store.region + "_" + Ids.alnum(12) + "_" + Ids.alnum(30),
                    channelArn)),
        tags);
  }

  private ObjectNode list(ObjectNode in) {
    Channel c = store.channel(in.path("channelArn").asText());
    List<StreamKey> list = new ArrayList<>();
    for (StreamKey k : store.streamKeys.values()) {
      if (k.channelArn.equals(c.arn)) {
        list.add(k);
      }
    }
    return Paging.pageOf(in, list, 1, "streamKeys", k -> WireShapes.streamKey(k, false));
  }

  private ObjectNode delete(ObjectNode in) {
    store.streamKeys.remove(store.streamKey(arn(in)).arn);
    return null;
  }

  private static String arn(ObjectNode in) {
    return in.path("arn").asText();
  }
}
