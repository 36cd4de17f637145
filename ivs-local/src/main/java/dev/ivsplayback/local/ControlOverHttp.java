package dev.ivsplayback.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ivsplayback.local.internal.ApiException;
import dev.ivsplayback.local.internal.IvsHttpHandler;
import java.util.List;
import java.util.Map;

/**
 * The /_local/ HTTP control API: the same controls as {@link IvsLocalControl}, with JSON in and
 * out. Who may call it, and with which method and content type, is checked before (see the internal
 * ControlGuard). Thread-safe.
 */
final class ControlOverHttp implements IvsHttpHandler.LocalControlApi {
  private final ObjectMapper json = new ObjectMapper();
  private final IvsLocal local;
  private final boolean sigv4Verified;

  ControlOverHttp(IvsLocal local, boolean sigv4Verified) {
    this.local = local;
    this.sigv4Verified = sigv4Verified;
  }

  private IvsLocalControl control() {
    return local.control();
  }

  @Override
  public JsonNode handle(String action, Map<String, List<String>> query, JsonNode body) {
    try {
      switch (action) {
        case "streams/start":
          return json.valueToTree(
              new LiveStreamJson(control().startStream(body.path("channelArn").asText(null))));
        case "streams/end":
          control().endStream(body.path("channelArn").asText(null));
          return null;
        case "streams/update":
          {
            LiveStream l =
                control()
                    .updateStream(
                        body.path("channelArn").asText(null),
                        StreamHealth.valueOf(body.path("health").asText("HEALTHY")),
                        body.path("viewerCount").asLong(0));
            return json.valueToTree(new LiveStreamJson(l));
          }
        case "failNext":
          control()
              .failNext(
                  body.path("operation").asText(null),
                  body.path("count").asInt(1),
                  body.path("errorType").asText(null),
                  body.path("httpStatus").asInt(0));
          return null;
        case "dropResponseNext":
          control()
              .dropResponseNext(body.path("operation").asText(null), body.path("count").asInt(1));
          return null;
        case "metadata":
          {
            String arn = first(query, "channelArn", body.path("channelArn").asText(null));
            ObjectNode out = json.createObjectNode();
            ArrayNode arr = out.putArray("metadata");
            control().metadata(arn).forEach(arr::add);
            return out;
          }
        case "callCount":
          {
            String op = first(query, "operation", body.path("operation").asText(null));
            return json.createObjectNode()
                .put("operation", op)
                .put("count", control().callCount(op));
          }
        case "throttling":
          control().throttling(body.path("enabled").asBoolean(true));
          return null;
        case "reset":
          control().reset();
          return null;
        case "info":
          return json.createObjectNode()
              .put("endpoint", local.endpoint().toString())
              .put("region", local.region())
              .put("accountId", local.accountId())
              .put("sigv4Verified", sigv4Verified);
        default:
          throw new ApiException(
              "UnknownOperationException",
              404,
              "No ivs-local control action "
                  + action
                  + "; see the module notes for /_local/ actions.");
      }
    } catch (IvsLocalException | IllegalArgumentException e) {
      throw new ApiException("ValidationException", 400, e.getMessage());
    }
  }

  private static String first(Map<String, List<String>> query, String name, String fallback) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? fallback : v.get(0);
  }

  /** JSON view of a LiveStream for the HTTP control API (timestamps as ISO-8601 strings). */
  private record LiveStreamJson(
      String channelArn,
      String streamId,
      String startTime,
      String health,
      long viewerCount,
      String playbackUrl) {
    LiveStreamJson(LiveStream l) {
      this(
          l.channelArn(),
          l.streamId(),
          l.startTime().toString(),
          l.health().name(),
          l.viewerCount(),
          l.playbackUrl());
    }
  }
}
