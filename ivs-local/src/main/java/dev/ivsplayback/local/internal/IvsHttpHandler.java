package dev.ivsplayback.local.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front of ivs-local: IVS's restJson1 wire protocol (SigV4 check, routing, model
 * validation, faults, throttling, errors), playback-URL authorization and the {@code /_local/}
 * control API (whose callers {@code ControlGuard} checks first). Thread-safe.
 */
public final class IvsHttpHandler implements HttpHandler {

  /** Requests with a larger body are refused without reading it whole. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  /**
   * The operations served: the 35 of the Java SDK 2.40.2 and the model's six ad-configuration
   * operations (CreateAdConfiguration, GetAdConfiguration, ListAdConfigurations,
   * UpdateAdConfiguration, DeleteAdConfiguration, InsertAdBreak), which newer SDKs and the CLI
   * call.
   */
  public static final Set<String> OPERATIONS =
      Set.of(
          "CreateAdConfiguration",
          "GetAdConfiguration",
          "ListAdConfigurations",
          "UpdateAdConfiguration",
          "DeleteAdConfiguration",
          "InsertAdBreak",
          "BatchGetChannel",
          "BatchGetStreamKey",
          "BatchStartViewerSessionRevocation",
          "CreateChannel",
          "CreatePlaybackRestrictionPolicy",
          "CreateRecordingConfiguration",
          "CreateStreamKey",
          "DeleteChannel",
          "DeletePlaybackKeyPair",
          "DeletePlaybackRestrictionPolicy",
          "DeleteRecordingConfiguration",
          "DeleteStreamKey",
          "GetChannel",
          "GetPlaybackKeyPair",
          "GetPlaybackRestrictionPolicy",
          "GetRecordingConfiguration",
          "GetStream",
          "GetStreamKey",
          "GetStreamSession",
          "ImportPlaybackKeyPair",
          "ListChannels",
          "ListPlaybackKeyPairs",
          "ListPlaybackRestrictionPolicies",
          "ListRecordingConfigurations",
          "ListStreamKeys",
          "ListStreamSessions",
          "ListStreams",
          "ListTagsForResource",
          "PutMetadata",
          "StartViewerSessionRevocation",
          "StopStream",
          "TagResource",
          "UntagResource",
          "UpdateChannel",
          "UpdatePlaybackRestrictionPolicy");

  private static final Logger LOG = LoggerFactory.getLogger(IvsHttpHandler.class);
  private static final Pattern PLAYBACK =
      Pattern.compile("/api/video/v1/([a-z0-9-]+)\\.([0-9]+)\\.channel\\.([a-zA-Z0-9-]+)\\.m3u8");

  private final ObjectMapper json = new ObjectMapper();
  private final ServiceModel model;
  private final ModelValidator validator;
  private final IvsState state;
  private final SigV4Verifier verifier;
  private final Throttle throttle;
  private final Faults faults;
  private final PlaybackAuthorizer playback;
  private final String region;
  private final String accountId;
  private volatile boolean throttling;
  private final LocalControlApi controlApi;

  /** The /_local/ control API, implemented by the public facade. */
  public interface LocalControlApi {
    /** Handles POST/GET /_local/{action}; returns the JSON answer or throws ApiException. */
    JsonNode handle(String action, Map<String, List<String>> query, JsonNode body);
  }

  /** Wires the parts; {@code throttling} is the initial setting. */
  public IvsHttpHandler(
      IvsState state,
      SigV4Verifier verifier,
      Throttle throttle,
      boolean throttling,
      Faults faults,
      PlaybackAuthorizer playback,
      String region,
      String accountId,
      LocalControlApi controlApi) {
    this.model = ServiceModel.get();
    this.validator = new ModelValidator(model);
    this.state = state;
    this.verifier = verifier;
    this.throttle = throttle;
    this.throttling = throttling;
    this.faults = faults;
    this.playback = playback;
    this.region = region;
    this.accountId = accountId;
    this.controlApi = controlApi;
  }

  /** Switches the TPS quotas on or off. */
  public void throttling(boolean on) {
    this.throttling = on;
  }

  /** Whether the TPS quotas are enforced. */
  public boolean throttling() {
    return throttling;
  }

  @Override
  public void handle(HttpExchange ex) {
    String requestId = UUID.randomUUID().toString();
    try {
      ex.getResponseHeaders().set("x-amzn-RequestId", requestId);
      String path = ex.getRequestURI().getRawPath();
      if (path.startsWith("/_local/")) {
        handleControl(ex, path.substring("/_local/".length()));
      } else if (path.startsWith("/api/video/v1/")) {
        handlePlayback(ex, path);
      } else {
        handleApi(ex, path);
      }
    } catch (ApiException e) {
      sendError(ex, e);
    } catch (DroppedResponse d) {
      // the response is deliberately lost: close the connection without answering
    } catch (RuntimeException | Error e) {
      LOG.warn("ivs-local: unexpected error for request {}; answered 500", requestId, e);
      sendError(
          ex,
          new ApiException(
              "InternalServerException",
              500,
              "Unexpected error during processing of request " + requestId + "."));
    } finally {
      ex.close();
    }
  }

  /** Thrown to abandon an exchange without a response. */
  private static final class DroppedResponse extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DroppedResponse() {
      super(null, null, false, false);
    }
  }

  // ------------------------------------------------------------------ IVS API

  private void handleApi(HttpExchange ex, String path) {
    String method = ex.getRequestMethod();
    byte[] body = readBody(ex);
    String rawQuery = ex.getRequestURI().getRawQuery();
    verifier.verify(method, path, rawQuery, name -> ex.getRequestHeaders().get(name), body);

    String operation;
    ObjectNode input;
    if (path.startsWith("/tags/") && path.length() > "/tags/".length()) {
      String arn = Uris.decode(path.substring("/tags/".length()));
      switch (method) {
        case "GET" -> {
          operation = "ListTagsForResource";
          input = json.createObjectNode();
        }
        case "POST" -> {
          operation = "TagResource";
          input = parseObject(body);
        }
        case "DELETE" -> {
          operation = "UntagResource";
          input = json.createObjectNode();
          List<String> keys = Uris.query(rawQuery).get("tagKeys");
          if (keys != null) {
            ArrayNode arr = input.putArray("tagKeys");
            keys.forEach(arr::add);
          }
        }
        default -> throw unknownOperation(method, path);
      }
      input.put("resourceArn", arn);
    } else {
      operation = path.length() > 1 ? path.substring(1) : "";
      ServiceModel.Operation op = model.operations().get(operation);
      if (!OPERATIONS.contains(operation) || op == null || !op.method().equals(method)) {
        throw unknownOperation(method, path);
      }
      input = null;
    }

    Faults.Fault fault = faults.next(operation);
    if (fault != null && !fault.drop()) {
      throw fault.error();
    }
    boolean drop = fault != null && fault.drop();
    try {
      respond(ex, operation, input, body, drop);
    } catch (ApiException e) {
      if (drop) {
        throw new DroppedResponse();
      }
      throw e;
    }
    if (drop) {
      throw new DroppedResponse();
    }
  }

  /**
   * Throttles, validates and executes one operation; returns without sending when the response is
   * to be dropped.
   */
  private void respond(
      HttpExchange ex, String operation, ObjectNode parsed, byte[] body, boolean drop) {
    if (throttling) {
      throttle.acquire(operation);
    }
    ObjectNode input = parsed == null ? parseObject(body) : parsed;
    ServiceModel.Operation op = model.operations().get(operation);
    if (operation.equals("UntagResource") && !input.has("tagKeys")) {
      throw ApiException.invalidMember("tagKeys", "the member is required");
    }
    if (input.has("resourceArn") && input.get("resourceArn").asText().isEmpty()) {
      throw ApiException.invalidMember("resourceArn", "the member is required");
    }
    validator.validate(op.inputShape(), input);
    if (throttling && operation.equals("PutMetadata")) {
      throttle.acquirePutMetadata(input.path("channelArn").asText());
    }
    ObjectNode out = state.execute(operation, input);
    if (drop) {
      return;
    }
    if (op.successCode() == 204 || out == null) {
      send(ex, 204, null, null);
    } else {
      send(ex, op.successCode(), bytes(out), "application/json");
    }
  }

  private static ApiException unknownOperation(String method, String path) {
    return new ApiException(
        "UnknownOperationException", 404, "No IVS operation matches " + method + " " + path + ".");
  }

  private ObjectNode parseObject(byte[] body) {
    if (body.length == 0) {
      return json.createObjectNode();
    }
    try {
      JsonNode n = json.readTree(body);
      if (n == null || n.isMissingNode()) {
        return json.createObjectNode();
      }
      if (!n.isObject()) {
        throw new ApiException(
            "SerializationException", 400, "The request body must be a JSON object.");
      }
      return (ObjectNode) n;
    } catch (IOException e) {
      throw new ApiException("SerializationException", 400, "The request body is not valid JSON.");
    }
  }

  private static byte[] readBody(HttpExchange ex) {
    String declared = ex.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      long n;
      try {
        n = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        throw new ApiException("SerializationException", 400, "Invalid Content-Length header.");
      }
      if (n > MAX_BODY_BYTES) {
        throw tooLarge();
      }
    }
    try {
      InputStream in = ex.getRequestBody();
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      byte[] chunk = new byte[8192];
      int r;
      while ((r = in.read(chunk)) >= 0) {
        if (buf.size() + r > MAX_BODY_BYTES) {
          throw tooLarge();
        }
        buf.write(chunk, 0, r);
      }
      return buf.toByteArray();
    } catch (IOException e) {
      throw new ApiException("SerializationException", 400, "Could not read the request body.");
    }
  }

  private static ApiException tooLarge() {
    return new ApiException(
        "RequestEntityTooLargeException",
        413,
        "The request body exceeds the maximum of " + MAX_BODY_BYTES + " bytes.");
  }

  // ------------------------------------------------------------------ playback

  private void handlePlayback(HttpExchange ex, String path) {
    String origin = ex.getRequestHeaders().getFirst("Origin");
    String method = ex.getRequestMethod();
    Matcher m = PLAYBACK.matcher(path);
    if (!method.equals("GET") && !method.equals("HEAD")) {
      sendPlaybackError(ex, 405, path, "method not allowed", "method_not_allowed", origin);
      return;
    }
    if (!m.matches() || !m.group(1).equals(region) || !m.group(2).equals(accountId)) {
      sendPlaybackError(ex, 404, path, "no such channel", "channel_not_found", origin);
      return;
    }
    IvsState.PlaybackChannel channel = state.playbackChannel(m.group(3)).orElse(null);
    if (channel == null) {
      sendPlaybackError(ex, 404, path, "no such channel", "channel_not_found", origin);
      return;
    }
    List<String> tokens = Uris.query(ex.getRequestURI().getRawQuery()).get("token");
    String token = tokens == null || tokens.isEmpty() ? null : tokens.get(0);
    PlaybackAuthorizer.Decision d = playback.authorize(channel, token, origin);
    if (!d.allowed()) {
      boolean policy = !channel.authorized();
      sendPlaybackError(
          ex,
          403,
          path,
          d.error(),
          policy ? "playback_restriction_policy_violation" : "invalid_playback_auth_token",
          origin);
      return;
    }
    byte[] playlist =
        Playlists.multivariant(d.maximumResolution()).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Access-Control-Allow-Origin", origin == null ? "*" : origin);
    ex.getResponseHeaders().set("Cache-Control", "no-cache");
    if (method.equals("HEAD")) {
      ex.getResponseHeaders().set("Content-Type", "application/vnd.apple.mpegurl");
      sendHeaders(ex, 200, -1);
    } else {
      send(ex, 200, playlist, "application/vnd.apple.mpegurl");
    }
  }

  private void sendPlaybackError(
      HttpExchange ex, int status, String path, String error, String code, String origin) {
    ArrayNode arr = json.createArrayNode();
    arr.addObject()
        .put("url", path)
        .put("error", error)
        .put("error_code", code)
        .put("type", "error");
    ex.getResponseHeaders().set("Access-Control-Allow-Origin", origin == null ? "*" : origin);
    send(ex, status, bytes(arr), "application/json");
  }

  // ------------------------------------------------------------------ control

  private void handleControl(HttpExchange ex, String action) {
    // before the body is read: a refused caller gets nothing from us but the refusal
    ControlGuard.check(
        ex.getRequestMethod(), action, ex.getRequestHeaders(), ex.getResponseHeaders());
    byte[] body = readBody(ex);
    JsonNode in =
        ex.getRequestMethod().equals("POST") ? parseObject(body) : json.createObjectNode();
    JsonNode out = controlApi.handle(action, Uris.query(ex.getRequestURI().getRawQuery()), in);
    if (out == null) {
      send(ex, 204, null, null);
    } else {
      send(ex, 200, bytes(out), "application/json");
    }
  }

  // ------------------------------------------------------------------ responses

  private void sendError(HttpExchange ex, ApiException e) {
    ObjectNode body = json.createObjectNode();
    body.put("__type", e.errorType());
    body.put("message", e.getMessage());
    body.put("exceptionMessage", e.getMessage());
    ex.getResponseHeaders().set("x-amzn-ErrorType", e.errorType());
    if (e.status() == 413) {
      ex.getResponseHeaders().set("Connection", "close");
      discardRequestBody(ex);
    }
    send(ex, e.status(), bytes(body), "application/json");
  }

  /**
   * Reads and drops what is left of a refused body (never buffering it) before answering, so that
   * the connection is not reset under the client's unread 413 response; a client still sending
   * after 64 MiB is cut off.
   */
  private static void discardRequestBody(HttpExchange ex) {
    byte[] chunk = new byte[64 * 1024];
    long left = 64L * 1024 * 1024;
    try {
      InputStream in = ex.getRequestBody();
      int r;
      while (left > 0 && (r = in.read(chunk)) >= 0) {
        left -= r;
      }
    } catch (IOException ignored) {
      // the client went away; the connection is closed next anyway
    }
  }

  private static void send(HttpExchange ex, int status, byte[] body, String contentType) {
    if (contentType != null) {
      ex.getResponseHeaders().set("Content-Type", contentType);
    }
    if (body == null || ex.getRequestMethod().equals("HEAD")) {
      sendHeaders(ex, status, -1);
      return;
    }
    sendHeaders(ex, status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    } catch (IOException e) {
      // the client went away; nothing more to do for this exchange
    }
  }

  private static void sendHeaders(HttpExchange ex, int status, long length) {
    try {
      ex.sendResponseHeaders(status, length);
    } catch (IOException e) {
      // the client went away
    }
  }

  private byte[] bytes(JsonNode n) {
    try {
      return json.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise response", e);
    }
  }
}
