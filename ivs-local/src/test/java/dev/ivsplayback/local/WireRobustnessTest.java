package dev.ivsplayback.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Odd requests get IVS-style 4xx JSON answers, never a 5xx or a hang. */
class WireRobustnessTest {
  @RegisterExtension static IvsLocalExtension ivs = new IvsLocalExtension().resetBeforeEachTest();

  static final ObjectMapper JSON = new ObjectMapper();

  private static HttpResponse<String> send(String method, String path, String body)
      throws Exception {
    return RawHttp.send(
        RawHttp.formatSigned(ivs.endpoint().resolve(path), Instant.now())
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  @Test
  void otherMethodsAndPaths_areUnknownOperations() throws Exception {
    for (String[] c :
        new String[][] {
          {"PUT", "/CreateChannel"},
          {"PATCH", "/GetChannel"},
          {"OPTIONS", "/"},
          {"GET", "/"},
          {"POST", "/tags"},
          {"PUT", "/tags/abc"},
          {"POST", "/GetChannel/extra"}
        }) {
      HttpResponse<String> r = send(c[0], c[1], "{}");
      assertThat(r.statusCode()).as(c[0] + " " + c[1]).isEqualTo(404);
      assertThat(JSON.readTree(r.body()).path("__type").asText())
          .isEqualTo("UnknownOperationException");
    }
  }

  @Test
  void head_getsStatusWithoutBody() throws Exception {
    HttpResponse<String> r = send("HEAD", "/GetChannel", null);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEmpty();
    assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
  }

  @Test
  void deeplyNestedOrHugeNumbers_areClientErrors() throws Exception {
    String deep = "{\"name\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

    assertThat(send("POST", "/CreateChannel", deep).statusCode()).isEqualTo(400);
    assertThat(send("POST", "/ListChannels", "{\"maxResults\":1e400}").statusCode()).isEqualTo(400);
    assertThat(
            send("POST", "/ListChannels", "{\"maxResults\":99999999999999999999999}").statusCode())
        .isEqualTo(400);
    assertThat(send("POST", "/ListChannels", "{\"maxResults\":2.5}").statusCode()).isEqualTo(400);
    assertThat(send("POST", "/CreateChannel", "{\"tags\":{\"k\":null}}").statusCode())
        .isEqualTo(400);
    assertThat(send("POST", "/BatchGetChannel", "{\"arns\":[null]}").statusCode()).isEqualTo(400);
  }

  @Test
  void hugeFaultCount_isQueuedWithoutCost_andResetClearsIt() throws Exception {
    ivs.ivsLocal()
        .control()
        .failNext("ListChannels", Integer.MAX_VALUE, "ThrottlingException", 429);

    assertThat(send("POST", "/ListChannels", "{}").statusCode()).isEqualTo(429);
    assertThat(send("POST", "/ListChannels", "{}").statusCode()).isEqualTo(429);
    ivs.ivsLocal().control().reset();
    assertThat(send("POST", "/ListChannels", "{}").statusCode()).isEqualTo(200);
  }

  @Test
  void controlApi_badArguments_are400() throws Exception {
    String arn =
        JSON.readTree(send("POST", "/CreateChannel", "{}").body())
            .path("channel")
            .path("arn")
            .asText();
    ivs.ivsLocal().control().startStream(arn);

    for (String[] c :
        new String[][] {
          {"streams/update", "{\"channelArn\":\"" + arn + "\",\"health\":\"SICK\"}"},
          {"streams/start", "{}"},
          {
            "failNext",
            "{\"operation\":\"GetChannel\",\"count\":1,\"errorType\":\"X\",\"httpStatus\":99}"
          },
          {"dropResponseNext", "{\"operation\":\"Nope\"}"},
          {"streams/start", "[]"}
        }) {
      HttpResponse<String> r =
          RawHttp.send(
              HttpRequest.newBuilder(ivs.endpoint().resolve("/_local/" + c[0]))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(c[1]))
                  .build());
      assertThat(r.statusCode()).as(c[0] + " " + c[1]).isEqualTo(400);
    }
  }
}
