package dev.ivsplayback.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IVS's restJson1 wire format as seen on the wire: status codes, headers, error bodies, limits,
 * control API.
 */
class WireProtocolTest {
  @RegisterExtension static IvsLocalExtension ivs = new IvsLocalExtension().resetBeforeEachTest();

  static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  private static void assertError(
      HttpResponse<String> r, int status, String type, String messagePart) throws Exception {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue(type);
    assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = json(r);
    assertThat(body.path("__type").asText()).isEqualTo(type);
    assertThat(body.path("message").asText()).contains(messagePart);
    assertThat(body.path("exceptionMessage").asText()).isEqualTo(body.path("message").asText());
  }

  @Test
  void success_is200WithJsonAndRequestId() throws Exception {
    HttpResponse<String> r = RawHttp.post(ivs.ivsLocal(), "/CreateChannel", "{\"name\":\"wire\"}");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-amzn-RequestId"))
        .hasValueSatisfying(id -> assertThat(id).hasSize(36));
    assertThat(json(r).path("channel").path("name").asText()).isEqualTo("wire");
    assertThat(json(r).path("streamKey").path("value").asText()).startsWith("sk_us-west-2_");
  }

  @Test
  void deleteChannel_is204WithEmptyBody_deletePlaybackKeyPairIs200WithEmptyObject()
      throws Exception {
    String arn =
        json(RawHttp.post(ivs.ivsLocal(), "/CreateChannel", "{}"))
            .path("channel")
            .path("arn")
            .asText();
    HttpResponse<String> deleted =
        RawHttp.post(ivs.ivsLocal(), "/DeleteChannel", "{\"arn\":\"" + arn + "\"}");
    String pem = JSON.writeValueAsString(Sdk.pem(Sdk.p384().getPublic()));
    String keyArn =
        json(RawHttp.post(
                ivs.ivsLocal(), "/ImportPlaybackKeyPair", "{\"publicKeyMaterial\":" + pem + "}"))
            .path("keyPair")
            .path("arn")
            .asText();
    HttpResponse<String> keyDeleted =
        RawHttp.post(ivs.ivsLocal(), "/DeletePlaybackKeyPair", "{\"arn\":\"" + keyArn + "\"}");

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertThat(deleted.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(keyDeleted.statusCode()).isEqualTo(200);
    assertThat(keyDeleted.body()).isEqualTo("{}");
  }

  @Test
  void notFound_hasErrorTypeHeaderAndBody() throws Exception {
    assertError(
        RawHttp.post(
            ivs.ivsLocal(),
            "/GetChannel",
            "{\"arn\":\"arn:aws:ivs:us-west-2:123456789012:channel/none\"}"),
        404,
        "ResourceNotFoundException",
        "channel/none");
  }

  @Test
  void unknownOperationOrWrongMethod_is404UnknownOperation() throws Exception {
    assertError(
        RawHttp.post(ivs.ivsLocal(), "/CreateWidget", "{}"),
        404,
        "UnknownOperationException",
        "CreateWidget");
    HttpResponse<String> get =
        RawHttp.send(
            RawHttp.formatSigned(ivs.endpoint().resolve("/CreateChannel"), Instant.now())
                .GET()
                .build());
    assertError(get, 404, "UnknownOperationException", "GET /CreateChannel");
  }

  @Test
  void malformedJson_is400SerializationException() throws Exception {
    assertError(
        RawHttp.post(ivs.ivsLocal(), "/CreateChannel", "{\"name\":"),
        400,
        "SerializationException",
        "not valid JSON");
    assertError(
        RawHttp.post(ivs.ivsLocal(), "/CreateChannel", "[1,2]"),
        400,
        "SerializationException",
        "JSON object");
  }

  @Test
  void wrongJsonType_isValidationExceptionNamingTheMember() throws Exception {
    assertError(
        RawHttp.post(ivs.ivsLocal(), "/CreateChannel", "{\"name\":5}"),
        400,
        "ValidationException",
        "Request member: name failed to satisfy the constraints: expected a string");
    assertError(
        RawHttp.post(ivs.ivsLocal(), "/CreateChannel", "{\"authorized\":\"yes\"}"),
        400,
        "ValidationException",
        "authorized");
    assertError(
        RawHttp.post(ivs.ivsLocal(), "/CreateChannel", "{\"type\":\"HUGE\"}"),
        400,
        "ValidationException",
        "type failed to satisfy the constraints: the value must be one of");
    assertThat(json(RawHttp.post(ivs.ivsLocal(), "/ListChannels", "{}")).path("channels"))
        .isEmpty();
  }

  @Test
  void nestedListMembers_areNamedWithTheirPath() throws Exception {
    String arn = "arn:aws:ivs:us-west-2:123456789012:channel/abc";
    assertError(
        RawHttp.post(
            ivs.ivsLocal(),
            "/BatchStartViewerSessionRevocation",
            "{\"viewerSessions\":[{\"channelArn\":\""
                + arn
                + "\",\"viewerId\":\"v\"},{\"channelArn\":\""
                + arn
                + "\"}]}"),
        400,
        "ValidationException",
        "Request member: viewerSessions[1].viewerId failed to satisfy the constraints: the member is required");
    assertError(
        RawHttp.post(
            ivs.ivsLocal(),
            "/StartViewerSessionRevocation",
            "{\"channelArn\":\""
                + arn
                + "\",\"viewerId\":\"v\",\"viewerSessionVersionsLessThanOrEqualTo\":-1}"),
        400,
        "ValidationException",
        "viewerSessionVersionsLessThanOrEqualTo");
  }

  @Test
  void bodyOverOneMebibyte_isRefusedWithoutBuffering() throws Exception {
    String big = "{\"name\":\"" + "a".repeat(1024 * 1024) + "\"}";

    HttpResponse<String> r = RawHttp.post(ivs.ivsLocal(), "/CreateChannel", big);

    assertError(r, 413, "RequestEntityTooLargeException", "1048576 bytes");
    assertThat(json(RawHttp.post(ivs.ivsLocal(), "/ListChannels", "{}")).path("channels"))
        .isEmpty();
  }

  @Test
  void timestamps_areIso8601Strings() throws Exception {
    String arn =
        json(RawHttp.post(ivs.ivsLocal(), "/CreateChannel", "{}"))
            .path("channel")
            .path("arn")
            .asText();
    ivs.ivsLocal().control().startStream(arn);

    JsonNode stream =
        json(RawHttp.post(ivs.ivsLocal(), "/GetStream", "{\"channelArn\":\"" + arn + "\"}"))
            .path("stream");

    assertThat(stream.path("startTime").isTextual()).isTrue();
    assertThat(Instant.parse(stream.path("startTime").asText())).isBeforeOrEqualTo(Instant.now());
  }

  @Test
  void controlApi_overHttp_startsStreamsAndReportsMetadataAndCounts() throws Exception {
    String arn =
        json(RawHttp.post(ivs.ivsLocal(), "/CreateChannel", "{}"))
            .path("channel")
            .path("arn")
            .asText();

    HttpResponse<String> started = control("streams/start", "{\"channelArn\":\"" + arn + "\"}");
    RawHttp.post(
        ivs.ivsLocal(), "/PutMetadata", "{\"channelArn\":\"" + arn + "\",\"metadata\":\"hello\"}");
    HttpResponse<String> metadata =
        RawHttp.send(
            HttpRequest.newBuilder(
                    ivs.endpoint()
                        .resolve(
                            "/_local/metadata?channelArn="
                                + java.net.URLEncoder.encode(arn, "UTF-8")))
                .GET()
                .build());
    HttpResponse<String> count =
        RawHttp.send(
            HttpRequest.newBuilder(
                    ivs.endpoint().resolve("/_local/callCount?operation=PutMetadata"))
                .GET()
                .build());
    HttpResponse<String> failNext =
        control(
            "failNext",
            "{\"operation\":\"GetChannel\",\"count\":1,\"errorType\":\"AccessDeniedException\",\"httpStatus\":403}");
    HttpResponse<String> denied =
        RawHttp.post(ivs.ivsLocal(), "/GetChannel", "{\"arn\":\"" + arn + "\"}");
    HttpResponse<String> ended = control("streams/end", "{\"channelArn\":\"" + arn + "\"}");
    HttpResponse<String> bad = control("streams/end", "{\"channelArn\":\"" + arn + "\"}");
    HttpResponse<String> unknown = control("nope", "{}");

    assertThat(started.statusCode()).isEqualTo(200);
    assertThat(json(started).path("streamId").asText()).startsWith("st-");
    assertThat(json(started).path("health").asText()).isEqualTo("HEALTHY");
    assertThat(json(metadata).path("metadata").get(0).asText()).isEqualTo("hello");
    assertThat(json(count).path("count").asLong()).isEqualTo(1);
    assertThat(failNext.statusCode()).isEqualTo(204);
    assertError(denied, 403, "AccessDeniedException", "Injected");
    assertThat(ended.statusCode()).isEqualTo(204);
    assertError(bad, 400, "ValidationException", "not broadcasting");
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  private static HttpResponse<String> control(String action, String body) throws Exception {
    return RawHttp.send(
        HttpRequest.newBuilder(ivs.endpoint().resolve("/_local/" + action))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }
}
