package dev.ivsplayback.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ivsplayback.local.IvsLocal;
import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackKeys;
import dev.ivsplayback.token.PlaybackTokenSigner;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every ivs-local operation, a request rejected for validation, and for every quota and
 * conflict rule a request that breaks it, leaves the emulator's state byte-for-byte as before. The
 * state is dumped through the public API only (every list, every get, tags, streams, stream
 * sessions, recorded metadata and playback decisions that reveal viewer revocations) and serialised
 * canonically (sorted keys).
 */
class FailedRequestsChangeNothingTest {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .configure(SerializationFeature.INDENT_OUTPUT, true);
  private static final JsonNode MODEL = model();
  private static IvsLocal ivs;
  private static World world;

  /** The ARNs of the populated state. */
  record World(
      String liveChannel,
      String configuredChannel,
      String streamKey,
      String usedRecording,
      String unusedRecording,
      String usedPolicy,
      String adConfiguration,
      List<String> keyPairs,
      String playbackUrl) {}

  @BeforeAll
  static void start() {
    ivs = IvsLocal.builder().clock(Fixtures.CLOCK).build().start();
  }

  @AfterAll
  static void stop() {
    ivs.close();
  }

  @BeforeEach
  void populate() throws IOException {
    ivs.control().reset();
    String usedRecording =
        ok(
                "/CreateRecordingConfiguration",
                "{\"name\":\"used\",\"destinationConfiguration\":"
                    + "{\"s3\":{\"bucketName\":\"bucket-a\"}},\"tags\":{\"team\":\"a\"}}")
            .path("recordingConfiguration")
            .path("arn")
            .asText();
    String unusedRecording =
        ok(
                "/CreateRecordingConfiguration",
                "{\"destinationConfiguration\":" + "{\"s3\":{\"bucketName\":\"bucket-b\"}}}")
            .path("recordingConfiguration")
            .path("arn")
            .asText();
    String policy =
        ok(
                "/CreatePlaybackRestrictionPolicy",
                "{\"name\":\"p\",\"allowedOrigins\":"
                    + "[\"https://a.example\"],\"allowedCountries\":[\"DE\"]}")
            .path("playbackRestrictionPolicy")
            .path("arn")
            .asText();
    String ad =
        ok(
                "/CreateAdConfiguration",
                "{\"name\":\"ad\",\"mediaTailorPlaybackConfigurations\":[{"
                    + "\"playbackConfigurationArn\":\"arn:aws:mediatailor:us-west-2:123456789012:playbackConfiguration/x\""
                    + "}]}")
            .path("adConfiguration")
            .path("arn")
            .asText();
    JsonNode live =
        ok("/CreateChannel", "{\"name\":\"live\",\"authorized\":true,\"tags\":{\"env\":\"test\"}}");
    String liveArn = live.path("channel").path("arn").asText();
    JsonNode configured =
        ok(
            "/CreateChannel",
            "{\"name\":\"configured\",\"recordingConfigurationArn\":\""
                + usedRecording
                + "\",\"playbackRestrictionPolicyArn\":\""
                + policy
                + "\",\"adConfigurationArn\":\""
                + ad
                + "\"}");
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      pairs.add(
          ok(
                  "/ImportPlaybackKeyPair",
                  JSON.createObjectNode()
                      .put("name", "k" + i)
                      .put(
                          "publicKeyMaterial",
                          PlaybackKeys.toPublicKeyPem(
                              (i == 0 ? Fixtures.KEY : Fixtures.p384(100 + i)).getPublic()))
                      .toString())
              .path("keyPair")
              .path("arn")
              .asText());
    }
    ivs.control().startStream(liveArn);
    status(
        "POST", "/PutMetadata", "{\"channelArn\":\"" + liveArn + "\",\"metadata\":\"hello\"}", 204);
    status(
        "POST",
        "/StartViewerSessionRevocation",
        "{\"channelArn\":\""
            + liveArn
            + "\",\"viewerId\":\"viewer-1\",\"viewerSessionVersionsLessThanOrEqualTo\":2}",
        200);
    world =
        new World(
            liveArn,
            configured.path("channel").path("arn").asText(),
            live.path("streamKey").path("arn").asText(),
            usedRecording,
            unusedRecording,
            policy,
            ad,
            pairs,
            live.path("channel").path("playbackUrl").asText());
  }

  @ParameterizedTest(name = "{0} with an invalid body")
  @MethodSource("operations")
  void everyOperation_rejectedForValidation_changesNothing(String operation) throws IOException {
    String before = dump();
    JsonNode op = MODEL.path("operations").path(operation);
    String method = op.path("http").path("method").asText();
    String uri = op.path("http").path("requestUri").asText();
    String body = invalidBody(op.path("input").path("shape").asText());
    String target =
        uri.startsWith("/tags/")
            ? "/tags/" + URLEncoder.encode(world.liveChannel(), StandardCharsets.UTF_8)
            : uri;
    if (operation.equals("ListTagsForResource")) {
      target = "/tags/not%20an%20arn"; // its only member is the ARN in the path
    }
    RawHttp.Response r =
        send(method, target, method.equals("GET") || method.equals("DELETE") ? null : body);
    assertThat(r.status()).as("%s %s %s -> %s", method, target, body, r.text()).isEqualTo(400);
    assertThat(r.header("x-amzn-errortype")).isEqualTo("ValidationException");
    assertThat(dump()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("quotaAndConflictRequests")
  void requestBreakingAQuotaOrConflictRule_changesNothing(
      String description, String target, String body, int expectedStatus) throws IOException {
    String before = dump();
    RawHttp.Response r = send("POST", resolve(target), resolve(body));
    assertThat(r.status()).as("%s -> %s", description, r.text()).isEqualTo(expectedStatus);
    assertThat(dump()).isEqualTo(before);
  }

  static Stream<Arguments> quotaAndConflictRequests() {
    return Stream.of(
        Arguments.of(
            "4th key pair (quota 3)",
            "/ImportPlaybackKeyPair",
            "{\"publicKeyMaterial\":\"${pem:200}\"}",
            402),
        Arguments.of(
            "duplicate public key",
            "/ImportPlaybackKeyPair",
            "{\"publicKeyMaterial\":\"${pem:key}\"}",
            409),
        Arguments.of(
            "2nd stream key on a channel",
            "/CreateStreamKey",
            "{\"channelArn\":\"${live}\",\"tags\":{\"a\":\"b\"}}",
            402),
        Arguments.of("delete a live channel", "/DeleteChannel", "{\"arn\":\"${live}\"}", 409),
        Arguments.of(
            "update a live channel", "/UpdateChannel", "{\"arn\":\"${live}\",\"name\":\"x\"}", 409),
        Arguments.of(
            "delete a recording configuration in use",
            "/DeleteRecordingConfiguration",
            "{\"arn\":\"${usedRecording}\"}",
            409),
        Arguments.of(
            "delete a restriction policy in use",
            "/DeletePlaybackRestrictionPolicy",
            "{\"arn\":\"${policy}\"}",
            409),
        Arguments.of(
            "delete an ad configuration in use",
            "/DeleteAdConfiguration",
            "{\"arn\":\"${ad}\"}",
            409),
        Arguments.of(
            "two mutually exclusive list filters",
            "/ListChannels",
            "{\"filterByName\":\"live\",\"filterByRecordingConfigurationArn\":\"${usedRecording}\"}",
            409),
        Arguments.of(
            "ad break on a channel without ad configuration",
            "/InsertAdBreak",
            "{\"channelArn\":\"${live}\",\"durationSeconds\":30}",
            409),
        Arguments.of(
            "51 tags on a resource", "/tags/${live:encoded}", "{\"tags\":${tags:50}}", 400),
        Arguments.of(
            "metadata over 1 KB",
            "/PutMetadata",
            "{\"channelArn\":\"${live}\",\"metadata\":\"${x:1025}\"}",
            400),
        Arguments.of(
            "metadata on a channel that is not live",
            "/PutMetadata",
            "{\"channelArn\":\"${configured}\",\"metadata\":\"m\"}",
            404),
        Arguments.of(
            "channel referring to a missing policy",
            "/CreateChannel",
            "{\"name\":\"n\",\"playbackRestrictionPolicyArn\":\"${missingPolicy}\",\"tags\":{\"a\":\"b\"}}",
            404),
        Arguments.of(
            "update to a missing recording configuration",
            "/UpdateChannel",
            "{\"arn\":\"${configured}\",\"name\":\"renamed\",\"recordingConfigurationArn\":"
                + "\"${missingRecording}\"}",
            404),
        Arguments.of(
            "preset on a STANDARD channel",
            "/UpdateChannel",
            "{\"arn\":\"${configured}\",\"name\":\"renamed\",\"type\":\"STANDARD\","
                + "\"preset\":\"HIGHER_BANDWIDTH_DELIVERY\"}",
            400),
        Arguments.of(
            "CUSTOM renditions without renditions",
            "/CreateRecordingConfiguration",
            "{\"destinationConfiguration\":{\"s3\":{\"bucketName\":\"bucket-c\"}},"
                + "\"renditionConfiguration\":{\"renditionSelection\":\"CUSTOM\"}}",
            400),
        Arguments.of(
            "reserved aws: tag key",
            "/CreatePlaybackRestrictionPolicy",
            "{\"name\":\"p2\",\"tags\":{\"aws:x\":\"y\"}}",
            400),
        Arguments.of(
            "revocation on a missing channel",
            "/StartViewerSessionRevocation",
            "{\"channelArn\":\"${missingChannel}\",\"viewerId\":\"viewer-1\","
                + "\"viewerSessionVersionsLessThanOrEqualTo\":9}",
            404),
        Arguments.of(
            "stop a stream that is not live",
            "/StopStream",
            "{\"channelArn\":\"${configured}\"}",
            404),
        Arguments.of(
            "delete a missing key pair",
            "/DeletePlaybackKeyPair",
            "{\"arn\":\"${missingKeyPair}\"}",
            404),
        Arguments.of(
            "foreign pagination token", "/ListChannels", "{\"nextToken\":\"bm90LW91cnM\"}", 400));
  }

  static Stream<String> operations() {
    return new TreeMap<>(fields(MODEL.path("operations"))).keySet().stream();
  }

  /**
   * A body that breaks the operation's model constraints: a required member missing, else a bad
   * value.
   */
  private static String invalidBody(String shapeName) {
    JsonNode shape = MODEL.path("shapes").path(shapeName);
    List<String> required = new ArrayList<>();
    for (JsonNode r : shape.path("required")) {
      if (shape.path("members").path(r.asText()).path("location").isMissingNode()) {
        required.add(r.asText());
      }
    }
    ObjectNode body = JSON.createObjectNode();
    for (Map.Entry<String, JsonNode> m : fields(shape.path("members")).entrySet()) {
      JsonNode member = MODEL.path("shapes").path(m.getValue().path("shape").asText());
      if (!required.isEmpty()) {
        // fill everything except one required member with a value of the wrong type
        if (!m.getKey().equals(required.get(0))) {
          body.put(m.getKey(), true);
        }
        continue;
      }
      switch (member.path("type").asText()) {
        case "integer", "long" ->
            body.put(m.getKey(), member.has("max") ? member.get("max").asLong() + 1 : -1);
        case "boolean" -> body.put(m.getKey(), "not a boolean");
        case "string" -> body.put(m.getKey(), "\u0000 not valid " + "x".repeat(2048));
        default -> body.put(m.getKey(), 12);
      }
    }
    return body.toString();
  }

  private static String resolve(String s) {
    String out =
        s.replace("${live:encoded}", URLEncoder.encode(world.liveChannel(), StandardCharsets.UTF_8))
            .replace("${live}", world.liveChannel())
            .replace("${configured}", world.configuredChannel())
            .replace("${usedRecording}", world.usedRecording())
            .replace("${policy}", world.usedPolicy())
            .replace("${ad}", world.adConfiguration())
            .replace(
                "${missingPolicy}",
                "arn:aws:ivs:us-west-2:123456789012:playback-restriction-policy/nope")
            .replace(
                "${missingRecording}",
                "arn:aws:ivs:us-west-2:123456789012:recording-configuration/nope")
            .replace("${missingChannel}", "arn:aws:ivs:us-west-2:123456789012:channel/nope")
            .replace("${missingKeyPair}", "arn:aws:ivs:us-west-2:123456789012:playback-key/nope")
            .replace("${x:1025}", "x".repeat(1025))
            .replace("${pem:200}", pemJson(Fixtures.p384(200)))
            .replace("${pem:key}", pemJson(Fixtures.KEY));
    if (out.contains("${tags:50}")) {
      ObjectNode tags = JSON.createObjectNode();
      for (int i = 0; i < 50; i++) {
        tags.put("t" + i, "v");
      }
      out = out.replace("${tags:50}", tags.toString());
    }
    return out;
  }

  private static String pemJson(java.security.KeyPair pair) {
    String quoted =
        JSON.getNodeFactory().textNode(PlaybackKeys.toPublicKeyPem(pair.getPublic())).toString();
    return quoted.substring(1, quoted.length() - 1);
  }

  /** Everything observable about the emulator's state, canonically serialised. */
  private static String dump() throws IOException {
    ObjectNode d = JSON.createObjectNode();
    List<String> taggable = new ArrayList<>();
    ArrayNode channels = d.putArray("channels");
    for (JsonNode c : listAll("/ListChannels", "channels")) {
      String arn = c.path("arn").asText();
      taggable.add(arn);
      ObjectNode entry = channels.addObject();
      entry.set("channel", ok("/GetChannel", "{\"arn\":\"" + arn + "\"}"));
      ArrayNode keys = entry.putArray("streamKeys");
      for (JsonNode k :
          listAll("/ListStreamKeys", "streamKeys", "\"channelArn\":\"" + arn + "\"")) {
        taggable.add(k.path("arn").asText());
        keys.add(ok("/GetStreamKey", "{\"arn\":\"" + k.path("arn").asText() + "\"}"));
      }
      ArrayNode sessions = entry.putArray("streamSessions");
      for (JsonNode s :
          listAll("/ListStreamSessions", "streamSessions", "\"channelArn\":\"" + arn + "\"")) {
        sessions.add(
            ok(
                "/GetStreamSession",
                "{\"channelArn\":\""
                    + arn
                    + "\",\"streamId\":\""
                    + s.path("streamId").asText()
                    + "\"}"));
      }
      ArrayNode metadata = entry.putArray("metadata");
      ivs.control().metadata(arn).forEach(metadata::add);
    }
    d.set("streams", JSON.valueToTree(listAll("/ListStreams", "streams")));
    for (String[] kind :
        new String[][] {
          {"/ListPlaybackKeyPairs", "keyPairs", "/GetPlaybackKeyPair"},
          {"/ListRecordingConfigurations", "recordingConfigurations", "/GetRecordingConfiguration"},
          {
            "/ListPlaybackRestrictionPolicies",
            "playbackRestrictionPolicies",
            "/GetPlaybackRestrictionPolicy"
          },
          {"/ListAdConfigurations", "adConfigurations", "/GetAdConfiguration"}
        }) {
      ArrayNode arr = d.putArray(kind[1]);
      for (JsonNode r : listAll(kind[0], kind[1])) {
        taggable.add(r.path("arn").asText());
        arr.add(ok(kind[2], "{\"arn\":\"" + r.path("arn").asText() + "\"}"));
      }
    }
    ObjectNode tags = d.putObject("tags");
    for (String arn : taggable) {
      RawHttp.Response r =
          send("GET", "/tags/" + URLEncoder.encode(arn, StandardCharsets.UTF_8), null);
      tags.set(arn, JSON.readTree(r.body()));
    }
    // Revocations are not listable: a viewer's playback decisions at versions 0..4 reveal them.
    ObjectNode playback = d.putObject("playback");
    PlaybackTokenSigner signer = PlaybackTokenSigner.create(Fixtures.KEY.getPrivate());
    if (world != null) {
      for (int version = 0; version < 5; version++) {
        String token =
            signer.sign(
                PlaybackClaims.builder()
                    .clock(Fixtures.CLOCK)
                    .channelArn(world.liveChannel())
                    .viewerId("viewer-1")
                    .viewerSessionVersion(version)
                    .expiresAt(Fixtures.NOW.plusSeconds(300))
                    .build());
        String path = world.playbackUrl().substring(world.playbackUrl().indexOf("/api/"));
        playback.put("viewer-1@" + version, send("GET", path + "?token=" + token, null).status());
      }
    }
    return JSON.writeValueAsString(d);
  }

  private static List<JsonNode> listAll(String target, String field, String... extra)
      throws IOException {
    List<JsonNode> out = new ArrayList<>();
    String token = null;
    do {
      String body =
          "{"
              + (extra.length > 0 ? extra[0] : "")
              + (token == null
                  ? ""
                  : (extra.length > 0 ? "," : "") + "\"nextToken\":\"" + token + "\"")
              + "}";
      JsonNode page = ok(target, body);
      page.path(field).forEach(out::add);
      token = page.path("nextToken").asText(null);
    } while (token != null && !token.isEmpty());
    return out;
  }

  private static JsonNode ok(String target, String body) throws IOException {
    RawHttp.Response r = send("POST", target, body);
    assertThat(r.status()).as("%s %s -> %s", target, body, r.text()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static void status(String method, String target, String body, int expected)
      throws IOException {
    RawHttp.Response r = send(method, target, body);
    assertThat(r.status()).as("%s -> %s", target, r.text()).isEqualTo(expected);
  }

  private static RawHttp.Response send(String method, String target, String body)
      throws IOException {
    Map<String, String> headers =
        new java.util.LinkedHashMap<>(RawHttp.sigV4FormHeaders(Instant.now()));
    headers.put("Content-Type", "application/json");
    return RawHttp.send(
        ivs.endpoint(),
        method,
        target,
        headers,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, JsonNode> fields(JsonNode object) {
    Map<String, JsonNode> m = new java.util.LinkedHashMap<>();
    object.properties().forEach(e -> m.put(e.getKey(), e.getValue()));
    return m;
  }

  private static JsonNode model() {
    try (InputStream in =
        IvsLocal.class.getResourceAsStream("/dev/ivsplayback/local/internal/ivs-service-2.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
