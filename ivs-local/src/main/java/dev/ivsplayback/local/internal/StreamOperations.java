package dev.ivsplayback.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ivsplayback.local.internal.Resources.Channel;
import dev.ivsplayback.local.internal.Resources.Live;
import dev.ivsplayback.local.internal.Resources.RecordingConfig;
import dev.ivsplayback.local.internal.Resources.Session;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Broadcasts: the simulated stream start, health and end of the control API, and the operations on
 * streams (GetStream, ListStreams, StopStream), their sessions (GetStreamSession,
 * ListStreamSessions), timed metadata (PutMetadata), ad breaks (InsertAdBreak) and viewer-session
 * revocations (StartViewerSessionRevocation, BatchStartViewerSessionRevocation). Not thread-safe:
 * runs under {@link IvsState}'s lock.
 */
final class StreamOperations {
  private static final List<String> HEALTH = List.of("HEALTHY", "STARVING", "UNKNOWN");

  private final StateStore store;

  StreamOperations(StateStore store) {
    this.store = store;
  }

  void register(OperationTable table) {
    table
        .add(
            "GetStream",
            in -> {
              Live l = store.liveOf(channelArn(in));
              return WireShapes.obj(
                  "stream", WireShapes.stream(l, store.channels.get(l.channelArn).playbackUrl));
            })
        .add("ListStreams", this::listStreams)
        .add(
            "StopStream",
            in -> {
              end(store.liveOf(channelArn(in)));
              return WireShapes.object();
            })
        .add("PutMetadata", this::putMetadata)
        .add("GetStreamSession", this::getStreamSession)
        .add("ListStreamSessions", this::listStreamSessions)
        .add("InsertAdBreak", this::insertAdBreak)
        .add(
            "StartViewerSessionRevocation",
            in -> {
              String channelArn = channelArn(in);
              store.channel(channelArn);
              revoke(
                  channelArn,
                  in.path("viewerId").asText(),
                  in.path("viewerSessionVersionsLessThanOrEqualTo").asLong(0));
              return WireShapes.object();
            })
        .add("BatchStartViewerSessionRevocation", this::batchRevoke);
  }

  // ------------------------------------------------------------------ simulated broadcasts

  /** Starts a simulated broadcast: a new session with its start events, and a live stream. */
  IvsState.LiveSnapshot start(String channelArn) {
    Channel c = store.channel(channelArn);
    if (store.live.containsKey(channelArn)) {
      throw ApiException.conflict("Channel is already live: " + channelArn);
    }
    Instant now = store.now();
    RecordingConfig rc =
        c.recordingConfigurationArn.isEmpty()
            ? null
            : store.recordingConfigs.get(c.recordingConfigurationArn);
    Session s =
        new Session(
            "st-" + Ids.alnum(23),
            store.nextSeq(),
            now,
            WireShapes.channel(c),
            rc == null ? null : WireShapes.recordingConfiguration(rc, true));
    event(s, "Session Created", "IVS Stream State Change", now);
    event(s, "Stream Start", "IVS Stream State Change", now);
    if (rc != null) {
      event(s, "Recording Start", "IVS Recording State Change", now);
    }
    store.sessions.computeIfAbsent(channelArn, k -> new ArrayList<>()).add(s);
    Live l = new Live(channelArn, s.seq, s);
    store.live.put(channelArn, l);
    return snapshot(l);
  }

  /** Ends the simulated broadcast of a live channel. */
  void end(String channelArn) {
    end(store.liveOf(channelArn));
  }

  /** Sets health and/or viewer count of a live stream (null = unchanged). */
  IvsState.LiveSnapshot update(String channelArn, String health, Long viewerCount) {
    Live l = store.liveOf(channelArn);
    if (health != null && !HEALTH.contains(health)) {
      throw ApiException.invalidMember("health", "must be one of HEALTHY, STARVING, UNKNOWN");
    }
    if (viewerCount != null && viewerCount < -1) {
      throw ApiException.invalidMember(
          "viewerCount", "must be >= -1 (-1 means the count timed out)");
    }
    if (health != null) {
      l.health = health;
    }
    if (viewerCount != null) {
      l.viewerCount = viewerCount;
    }
    return snapshot(l);
  }

  /** The live stream of an existing channel, if it is live. */
  Optional<IvsState.LiveSnapshot> liveStream(String channelArn) {
    store.channel(channelArn);
    Live l = store.live.get(channelArn);
    return l == null ? Optional.empty() : Optional.of(snapshot(l));
  }

  private IvsState.LiveSnapshot snapshot(Live l) {
    return new IvsState.LiveSnapshot(
        l.channelArn,
        l.session.streamId,
        l.session.startTime,
        l.health,
        l.viewerCount,
        store.channels.get(l.channelArn).playbackUrl);
  }

  private void end(Live l) {
    Instant now = store.now();
    Session s = l.session;
    if (s.recordingConfiguration != null) {
      event(s, "Recording End", "IVS Recording State Change", now);
    }
    event(s, "Stream End", "IVS Stream State Change", now);
    event(s, "Session Ended", "IVS Stream State Change", now);
    s.endTime = now;
    store.live.remove(l.channelArn);
  }

  private static void event(Session s, String name, String type, Instant at) {
    s.events.add(WireShapes.event(name, type, at));
  }

  // ------------------------------------------------------------------ streams and sessions

  private ObjectNode listStreams(ObjectNode in) {
    String health = in.path("filterBy").path("health").asText(null);
    List<Live> list = new ArrayList<>();
    for (Live l : store.live.values()) {
      if (health == null || health.equals(l.health)) {
        list.add(l);
      }
    }
    list.sort(Comparator.comparingLong(l -> l.seq));
    return Paging.page(in, list, l -> l.seq, false, 100, "streams", WireShapes::streamSummary);
  }

  private ObjectNode putMetadata(ObjectNode in) {
    String channelArn = channelArn(in);
    String payload = in.path("metadata").asText();
    int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > IvsState.MAX_METADATA_BYTES) {
      throw ApiException.invalidMember(
          "metadata",
          "the payload is "
              + bytes
              + " bytes; the maximum is 1 KB ("
              + IvsState.MAX_METADATA_BYTES
              + " bytes of UTF-8)");
    }
    store.liveOf(channelArn);
    store.metadata.computeIfAbsent(channelArn, k -> new ArrayList<>()).add(payload);
    return null;
  }

  /** PutMetadata payloads recorded for a channel, oldest first. */
  List<String> metadata(String channelArn) {
    return List.copyOf(store.metadata.getOrDefault(channelArn, List.of()));
  }

  private ObjectNode getStreamSession(ObjectNode in) {
    String channelArn = channelArn(in);
    store.channel(channelArn);
    List<Session> list = store.sessions.getOrDefault(channelArn, List.of());
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
    return WireShapes.obj("streamSession", WireShapes.session(s));
  }

  private ObjectNode listStreamSessions(ObjectNode in) {
    String channelArn = channelArn(in);
    store.channel(channelArn);
    List<Session> list = new ArrayList<>(store.sessions.getOrDefault(channelArn, List.of()));
    list.sort(Comparator.comparingLong((Session s) -> s.seq).reversed());
    return Paging.page(
        in, list, s -> s.seq, true, 100, "streamSessions", WireShapes::sessionSummary);
  }

  private ObjectNode insertAdBreak(ObjectNode in) {
    String channelArn = channelArn(in);
    Channel c = store.channel(channelArn);
    Live l = store.liveOf(channelArn);
    if (c.adConfigurationArn.isEmpty()) {
      throw ApiException.conflict(
          "Channel "
              + channelArn
              + " has no ad configuration; set adConfigurationArn"
              + " with UpdateChannel first.");
    }
    String adBreakId = Ids.alnum(12);
    event(l.session, "Ad Break Inserted", "IVS Stream State Change", store.now());
    return WireShapes.object().put("adBreakId", adBreakId);
  }

  // ------------------------------------------------------------------ viewer-session revocation

  private void revoke(String channelArn, String viewerId, long upTo) {
    store.revocations.merge(StateStore.revocationKey(channelArn, viewerId), upTo, Math::max);
  }

  private ObjectNode batchRevoke(ObjectNode in) {
    ArrayNode errors = WireShapes.array();
    for (JsonNode vs : in.path("viewerSessions")) {
      String channelArn = vs.path("channelArn").asText();
      String viewerId = vs.path("viewerId").asText();
      if (!store.channels.containsKey(channelArn)) {
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
    ObjectNode out = WireShapes.object();
    out.set("errors", errors);
    return out;
  }

  /** True when sessions of this viewer up to at least {@code version} were revoked. */
  boolean isRevoked(String channelArn, String viewerId, long version) {
    Long upTo = store.revocations.get(StateStore.revocationKey(channelArn, viewerId));
    return upTo != null && version <= upTo;
  }

  private static String channelArn(ObjectNode in) {
    return in.path("channelArn").asText();
  }
}
