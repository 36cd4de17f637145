package dev.ivsplayback.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ivsplayback.local.IvsLocal;
import dev.ivsplayback.token.PlaybackKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz target for ivs-local's request handling: per operation, arbitrary bodies (structured from
 * the operation's model members, or raw bytes), paths, methods and headers, sent as raw HTTP. Every
 * request must be answered within the bound with a non-5xx status; every API error must be a JSON
 * object naming its {@code __type} and carrying a message, and must not leak a Java stack trace.
 */
class IvsLocalHttpFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode MODEL = model();
  private static final List<String> OPERATIONS =
      new ArrayList<>(new TreeMap<>(JsonMaps.toMap(MODEL.path("operations"))).keySet());
  private static final String[] METHODS = {
    "GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS"
  };
  private static final String[] CONTROL_ACTIONS = {
    "streams/start",
    "streams/end",
    "streams/update",
    "failNext",
    "dropResponseNext",
    "metadata",
    "callCount",
    "throttling",
    "info",
    "nope"
  };
  private static IvsLocal ivs;

  /**
   * Jazzer's SSRF detector flags every socket a fuzz test opens; ours go to the emulator only. The
   * policy exists only while Jazzer's agent runs (fuzzing); in regression mode there is no detector
   * to relax.
   */
  private static SilentCloseable allowLoopbackToEmulator() {
    try {
      return BugDetectors.allowNetworkConnections(
          (host, port) ->
              port == ivs.port() && (host.equals("127.0.0.1") || host.equals("localhost")));
    } catch (IllegalStateException noAgent) {
      return () -> {};
    }
  }

  private static Resources resources;

  /** ARNs of one resource of each kind, recreated before every input. */
  record Resources(
      String channel, String streamKey, String keyPair, String recording, String policy) {
    String[] all() {
      return new String[] {channel, streamKey, keyPair, recording, policy};
    }
  }

  @BeforeAll
  static void start() {
    ivs = IvsLocal.builder().build().start();
  }

  @AfterAll
  static void stop() {
    ivs.close();
  }

  @FuzzTest(maxDuration = "3m")
  void api_arbitraryRequest(FuzzedDataProvider data) {
    try (SilentCloseable allowed = allowLoopbackToEmulator()) {
      Bounded.run(() -> api_arbitraryRequestInput(data));
    }
  }

  private void api_arbitraryRequestInput(FuzzedDataProvider data) throws IOException {
    resources = freshResources(data.consumeBoolean());
    String operation = data.pickValue(OPERATIONS);
    JsonNode op = MODEL.path("operations").path(operation);
    String method =
        data.consumeInt(0, 9) == 0
            ? data.pickValue(METHODS)
            : op.path("http").path("method").asText();
    String target;
    switch (data.consumeInt(0, 11)) {
      case 0 -> target = "/tags/" + encodeArn(data.pickValue(resources.all())) + fuzzSuffix(data);
      case 1 -> target = "/_local/" + data.pickValue(CONTROL_ACTIONS) + fuzzSuffix(data);
      case 2 ->
          target =
              "/api/video/v1/us-west-2.123456789012.channel."
                  + resources.channel().substring(resources.channel().lastIndexOf('/') + 1)
                  + ".m3u8?token="
                  + data.consumeString(64);
      case 3 -> target = "/" + operation + fuzzSuffix(data);
      default -> target = "/" + operation;
    }
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    if (data.consumeInt(0, 15) != 0) {
      headers.putAll(RawHttp.sigV4FormHeaders(Instant.now()));
    } else {
      headers.put("Authorization", data.consumeString(200));
      headers.put("X-Amz-Date", data.consumeString(20));
    }
    headers.put(
        "Content-Type", data.consumeInt(0, 7) == 0 ? data.consumeString(30) : "application/json");
    if (data.consumeBoolean()) {
      headers.put("Origin", data.consumeString(40));
    }
    if (data.consumeInt(0, 7) == 0) {
      headers.put("X-Amz-Content-Sha256", data.consumeString(70));
    }
    byte[] body =
        data.consumeBoolean()
            ? structuredBody(op.path("input").path("shape").asText(), data)
            : data.consumeRemainingAsBytes();
    sendAndCheck(method, sanitizeTarget(target), headers, body);
  }

  static void sendAndCheck(String method, String target, Map<String, String> headers, byte[] body)
      throws IOException {
    RawHttp.Response r =
        RawHttp.send(
            ivs.endpoint(),
            method,
            target,
            headers,
            method.equals("GET") || method.equals("HEAD")
                ? (body.length == 0 ? null : body)
                : body);
    String text = r.text();
    assertThat(r.status())
        .as("%s %s -> %s %s", method, target, r.status(), text)
        .isBetween(200, 499);
    String sent = target + headers + new String(body, StandardCharsets.ISO_8859_1);
    for (String traceMarker : List.of("\tat ", "Exception:", "java.lang.", "dev.ivsplayback.")) {
      if (!sent.contains(traceMarker)) { // a marker the request did not carry (so not an echo)
        assertThat(text).as("stack-trace marker in %s", text).doesNotContain(traceMarker);
      }
    }
    if (r.status() >= 400 && r.header("x-amzn-requestid") != null && !method.equals("HEAD")) {
      JsonNode json = JSON.readTree(r.body());
      if (target.startsWith("/api/video/v1/")) {
        assertThat(json.isArray()).as("playback error body %s", text).isTrue();
        assertThat(json.path(0).path("error_code").asText()).isNotBlank();
      } else {
        assertThat(json.path("__type").asText()).as("error body %s", text).isNotBlank();
        assertThat(json.path("message").asText()).as("error body %s", text).isNotBlank();
        assertThat(r.header("x-amzn-errortype")).isEqualTo(json.path("__type").asText());
      }
    }
  }

  /**
   * A JSON object with the operation's members (and some strangers) holding fuzzer-chosen values.
   */
  private static byte[] structuredBody(String shapeName, FuzzedDataProvider data) {
    ObjectNode body = JSON.createObjectNode();
    JsonNode shape = MODEL.path("shapes").path(shapeName);
    List<String> members = new ArrayList<>(JsonMaps.toMap(shape.path("members")).keySet());
    members.add("tags");
    members.add("arns");
    members.add(data.consumeString(12));
    int n = data.consumeInt(0, 8);
    for (int i = 0; i < n; i++) {
      String member = data.pickValue(members);
      JsonNode memberShape =
          MODEL.path("shapes").path(shape.path("members").path(member).path("shape").asText());
      body.set(member, value(data, memberShape, 0));
    }
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode value(FuzzedDataProvider data, JsonNode shape, int depth) {
    int kind = data.consumeInt(0, 9);
    String type = shape.path("type").asText("");
    if (kind < 4 && !type.isEmpty() && depth < 4) {
      // a value of the right type, so that validation passes more often and the state code is
      // reached
      switch (type) {
        case "string" -> {
          if (shape.has("enum") && data.consumeBoolean()) {
            return JSON.getNodeFactory()
                .textNode(
                    shape
                        .get("enum")
                        .get(data.consumeInt(0, shape.get("enum").size() - 1))
                        .asText());
          }
          return JSON.getNodeFactory()
              .textNode(
                  data.consumeBoolean() ? data.pickValue(resources.all()) : data.consumeString(40));
        }
        case "integer", "long" -> {
          return JSON.getNodeFactory().numberNode(data.consumeLong());
        }
        case "boolean" -> {
          return JSON.getNodeFactory().booleanNode(data.consumeBoolean());
        }
        case "list" -> {
          ArrayNode a = JSON.createArrayNode();
          JsonNode member = MODEL.path("shapes").path(shape.path("member").path("shape").asText());
          int n = data.consumeInt(0, 4);
          for (int i = 0; i < n; i++) {
            a.add(value(data, member, depth + 1));
          }
          return a;
        }
        case "map" -> {
          ObjectNode m = JSON.createObjectNode();
          int n = data.consumeInt(0, 4);
          for (int i = 0; i < n; i++) {
            m.put(data.consumeString(10), data.consumeString(10));
          }
          return m;
        }
        case "structure" -> {
          ObjectNode o = JSON.createObjectNode();
          for (String member : JsonMaps.toMap(shape.path("members")).keySet()) {
            if (data.consumeBoolean()) {
              o.set(
                  member,
                  value(
                      data,
                      MODEL
                          .path("shapes")
                          .path(shape.path("members").path(member).path("shape").asText()),
                      depth + 1));
            }
          }
          return o;
        }
        default -> {
          // fall through to an arbitrary value
        }
      }
    }
    return switch (kind % 6) {
      case 0 -> JSON.getNodeFactory().textNode(data.consumeString(40));
      case 1 -> JSON.getNodeFactory().numberNode(data.consumeDouble());
      case 2 -> JSON.getNodeFactory().booleanNode(data.consumeBoolean());
      case 3 -> JSON.getNodeFactory().nullNode();
      case 4 ->
          depth < 4
              ? JSON.createArrayNode().add(value(data, JSON.missingNode(), depth + 1))
              : JSON.getNodeFactory().numberNode(data.consumeLong());
      default ->
          depth < 4
              ? JSON.createObjectNode()
                  .set(data.consumeString(8), value(data, JSON.missingNode(), depth + 1))
              : JSON.getNodeFactory().textNode("");
    };
  }

  private static String fuzzSuffix(FuzzedDataProvider data) {
    return data.consumeBoolean() ? "" : data.consumeString(24);
  }

  private static String encodeArn(String arn) {
    return java.net.URLEncoder.encode(arn, StandardCharsets.UTF_8);
  }

  /**
   * Keeps the request line a request line: no CR, LF or spaces (those are framing, not a target).
   */
  private static String sanitizeTarget(String target) {
    StringBuilder sb = new StringBuilder();
    for (char c : target.toCharArray()) {
      sb.append(c == '\r' || c == '\n' || c == ' ' || c > 0x7e || c < 0x21 ? '_' : c);
    }
    return sb.toString();
  }

  /**
   * Empties the emulator and creates one resource of each kind (optionally with the channel live).
   */
  static Resources freshResources(boolean live) throws IOException {
    ivs.control().reset();
    JsonNode channel = post("/CreateChannel", "{\"name\":\"fuzz\"}");
    String channelArn = channel.path("channel").path("arn").asText();
    String keyPair =
        post(
                "/ImportPlaybackKeyPair",
                JSON.createObjectNode()
                    .put("publicKeyMaterial", PlaybackKeys.toPublicKeyPem(Fixtures.KEY.getPublic()))
                    .toString())
            .path("keyPair")
            .path("arn")
            .asText();
    String recording =
        post(
                "/CreateRecordingConfiguration",
                "{\"destinationConfiguration\":{\"s3\":{\"bucketName\":\"fuzz-bucket\"}}}")
            .path("recordingConfiguration")
            .path("arn")
            .asText();
    String policy =
        post("/CreatePlaybackRestrictionPolicy", "{}")
            .path("playbackRestrictionPolicy")
            .path("arn")
            .asText();
    if (live) {
      ivs.control().startStream(channelArn);
    }
    return new Resources(
        channelArn, channel.path("streamKey").path("arn").asText(), keyPair, recording, policy);
  }

  private static JsonNode post(String target, String body) throws IOException {
    RawHttp.Response r =
        RawHttp.send(
            ivs.endpoint(),
            "POST",
            target,
            RawHttp.sigV4FormHeaders(Instant.now()),
            body.getBytes(StandardCharsets.UTF_8));
    if (r.status() != 200) {
      throw new IllegalStateException(target + " fixture failed: " + r.status() + " " + r.text());
    }
    return JSON.readTree(r.body());
  }

  private static JsonNode model() {
    try (InputStream in =
        IvsLocal.class.getResourceAsStream("/dev/ivsplayback/local/internal/ivs-service-2.json")) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Field names of a JSON object, in order. */
  static final class JsonMaps {
    private JsonMaps() {}

    static Map<String, JsonNode> toMap(JsonNode object) {
      Map<String, JsonNode> m = new java.util.LinkedHashMap<>();
      object.properties().forEach(e -> m.put(e.getKey(), e.getValue()));
      return m;
    }
  }
}
