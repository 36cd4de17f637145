package dev.ivsplayback.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ivsplayback.testing.MutableClock;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Security F3: the /_local/ control API changes nothing on a request a web page can make a browser
 * send without a CORS preflight: a GET (an {@code <img src>}), a POST with a form or text/plain
 * body, or any request with a cross-site Origin. Each control path is tried each way with a body
 * that would change state, and the state is checked to be exactly as before; a JSON POST still
 * works.
 */
class ControlApiMethodRuleTest {
  /** A clock that does not move, so six calls in a row always fall in one throttling window. */
  static final MutableClock CLOCK = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

  @RegisterExtension
  static IvsLocalExtension ivs =
      new IvsLocalExtension(IvsLocal.builder().clock(CLOCK)).resetBeforeEachTest();

  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> FORM_TYPES =
      List.of("application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x");

  /**
   * Channel A is live (HEALTHY, 0 viewers); channel B is offline; no fault armed; no throttling.
   */
  String liveArn;

  String offlineArn;

  @BeforeEach
  void arrange() throws Exception {
    ivs.ivsLocal().control().throttling(false);
    liveArn = createChannel();
    offlineArn = createChannel();
    ivs.ivsLocal().control().startStream(liveArn);
  }

  /** Each control path with a body that would change state were it obeyed. */
  static Stream<String> actions() {
    return Stream.of(
        "streams/start",
        "streams/end",
        "streams/update",
        "failNext",
        "dropResponseNext",
        "throttling",
        "reset",
        "metadata",
        "callCount",
        "info");
  }

  private String body(String action) {
    return switch (action) {
      case "streams/start" -> "{\"channelArn\":\"" + offlineArn + "\"}";
      case "streams/end", "metadata" -> "{\"channelArn\":\"" + liveArn + "\"}";
      case "streams/update" ->
          "{\"channelArn\":\"" + liveArn + "\",\"health\":\"STARVING\",\"viewerCount\":5}";
      case "failNext" ->
          "{\"operation\":\"ListChannels\",\"count\":1,"
              + "\"errorType\":\"InternalServerException\",\"httpStatus\":500}";
      case "dropResponseNext" -> "{\"operation\":\"ListChannels\",\"count\":1}";
      case "throttling" -> "{\"enabled\":true}";
      case "callCount" -> "{\"operation\":\"ListChannels\"}";
      default -> "{}";
    };
  }

  private String query(String action) {
    return switch (action) {
      case "metadata" -> "?channelArn=" + URLEncoder.encode(liveArn, StandardCharsets.UTF_8);
      case "callCount" -> "?operation=ListChannels";
      default -> "";
    };
  }

  private static boolean reads(String action) {
    return List.of("metadata", "callCount", "info").contains(action);
  }

  @ParameterizedTest
  @MethodSource("actions")
  void get_ofAStateChangingPath_is405_andChangesNothing(String action) throws Exception {
    // a read takes its arguments from the query (GET has no body), a write's are in the body
    String target = reads(action) ? action + query(action) : action;
    HttpResponse<String> r = control("GET", target, "application/json", null, body(action));

    if (reads(action)) {
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    } else {
      assertError(r, 405, "MethodNotAllowedException", "POST");
      assertThat(r.headers().firstValue("Allow")).hasValue("POST");
    }
    assertStateUnchanged();
  }

  @ParameterizedTest
  @MethodSource("actions")
  void jsonPost_withCrossSiteOrigin_is403_andChangesNothing(String action) throws Exception {
    HttpResponse<String> r =
        control("POST", action, "application/json", "https://evil.example", body(action));

    assertError(r, 403, "AccessDeniedException", "Origin 'https://evil.example'");
    assertStateUnchanged();
  }

  static Stream<Arguments> actionsAndFormTypes() {
    return actions().flatMap(a -> FORM_TYPES.stream().map(t -> Arguments.of(a, t)));
  }

  @ParameterizedTest
  @MethodSource("actionsAndFormTypes")
  void post_withAFormContentType_is415_andChangesNothing(String action, String contentType)
      throws Exception {
    HttpResponse<String> r = control("POST", action, contentType, null, body(action));

    assertError(r, 415, "UnsupportedMediaTypeException", "application/json");
    assertStateUnchanged();
  }

  @ParameterizedTest
  @MethodSource("actions")
  void post_withoutContentType_is415_andChangesNothing(String action) throws Exception {
    HttpResponse<String> r = control("POST", action, null, null, body(action));

    assertError(r, 415, "UnsupportedMediaTypeException", "missing");
    assertStateUnchanged();
  }

  @ParameterizedTest
  @ValueSource(strings = {"PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"})
  void otherMethods_onReset_are405_andChangeNothing(String method) throws Exception {
    HttpResponse<String> r = control(method, "reset", "application/json", null, "{}");

    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue("POST");
    assertStateUnchanged();
  }

  // ------------------------------------------------------------------ the legitimate JSON POST

  @Test
  void jsonPost_reset_wipesTheState() throws Exception {
    HttpResponse<String> r =
        control("POST", "reset", "application/json; charset=UTF-8", null, "{}");

    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(channelArns()).isEmpty();
  }

  @Test
  void jsonPost_throttling_switchesItOn() throws Exception {
    HttpResponse<String> r = control("POST", "throttling", "application/json", null, "{}");

    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(getChannelStatuses(6)).containsExactly(200, 200, 200, 200, 200, 429);
  }

  @Test
  void jsonPost_streamControls_startUpdateAndEndStreams() throws Exception {
    HttpResponse<String> started = control("POST", "streams/start", body("streams/start"));
    HttpResponse<String> updated = control("POST", "streams/update", body("streams/update"));
    HttpResponse<String> ended = control("POST", "streams/end", body("streams/end"));

    assertThat(started.statusCode()).isEqualTo(200);
    assertThat(getStream(offlineArn).statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(updated.body()).path("health").asText()).isEqualTo("STARVING");
    assertThat(ended.statusCode()).isEqualTo(204);
    assertThat(getStream(liveArn).statusCode()).isEqualTo(404);
  }

  @Test
  void jsonPost_faults_armTheNextCall() throws Exception {
    assertThat(control("POST", "failNext", body("failNext")).statusCode()).isEqualTo(204);
    assertThat(listChannels().statusCode()).isEqualTo(500);

    assertThat(control("POST", "dropResponseNext", body("dropResponseNext")).statusCode())
        .isEqualTo(204);
    assertThatThrownBy(this::listChannels).isInstanceOf(IOException.class);
  }

  @Test
  void jsonPost_reads_answerLikeGet() throws Exception {
    HttpResponse<String> metadata = control("POST", "metadata", body("metadata"));
    HttpResponse<String> count = control("POST", "callCount", body("callCount"));
    HttpResponse<String> info = control("POST", "info", "{}");

    assertThat(JSON.readTree(metadata.body()).path("metadata").isArray()).isTrue();
    assertThat(JSON.readTree(count.body()).path("operation").asText()).isEqualTo("ListChannels");
    assertThat(JSON.readTree(info.body()).path("region").asText()).isEqualTo("us-west-2");
  }

  // ------------------------------------------------------------------ helpers

  /** The arranged state, observed through the IVS API: nothing of it may have changed. */
  private void assertStateUnchanged() throws Exception {
    assertThat(channelArns()).containsExactlyInAnyOrder(liveArn, offlineArn); // not reset
    JsonNode live = JSON.readTree(getStream(liveArn).body()).path("stream");
    assertThat(live.path("health").asText()).isEqualTo("HEALTHY"); // not updated, not ended
    assertThat(live.path("viewerCount").asLong()).isZero();
    assertThat(getStream(offlineArn).statusCode()).isEqualTo(404); // not started
    assertThat(getChannelStatuses(6)).containsOnly(200); // throttling still off
    assertThat(ivs.ivsLocal().control().callCount("ListChannels"))
        .isEqualTo(1); // our one call: no failNext, no dropResponseNext armed before it
  }

  private List<String> channelArns() throws Exception {
    HttpResponse<String> r = listChannels();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> arns = new ArrayList<>();
    JSON.readTree(r.body()).path("channels").forEach(c -> arns.add(c.path("arn").asText()));
    return arns;
  }

  private HttpResponse<String> listChannels() throws Exception {
    return RawHttp.post(ivs.ivsLocal(), "/ListChannels", "{}");
  }

  private HttpResponse<String> getStream(String arn) throws Exception {
    return RawHttp.post(ivs.ivsLocal(), "/GetStream", "{\"channelArn\":\"" + arn + "\"}");
  }

  private List<Integer> getChannelStatuses(int calls) throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      statuses.add(
          RawHttp.post(ivs.ivsLocal(), "/GetChannel", "{\"arn\":\"" + liveArn + "\"}")
              .statusCode());
    }
    return statuses;
  }

  private static String createChannel() throws Exception {
    return JSON.readTree(RawHttp.post(ivs.ivsLocal(), "/CreateChannel", "{}").body())
        .path("channel")
        .path("arn")
        .asText();
  }

  private static HttpResponse<String> control(String method, String action, String body)
      throws Exception {
    return control(method, action, "application/json", null, body);
  }

  private static HttpResponse<String> control(
      String method, String action, String contentType, String origin, String body)
      throws Exception {
    Function<String, HttpRequest.BodyPublisher> publisher =
        b ->
            method.equals("HEAD")
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(b);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(ivs.endpoint().resolve("/_local/" + action))
            .method(method, publisher.apply(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (origin != null) {
      b.header("Origin", origin);
    }
    return RawHttp.send(b.build());
  }

  private static void assertError(HttpResponse<String> r, int status, String type, String text)
      throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("__type").asText()).isEqualTo(type);
    assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue(type);
    assertThat(body.path("message").asText()).contains(text);
  }
}
