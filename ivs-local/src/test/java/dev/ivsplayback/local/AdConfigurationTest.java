package dev.ivsplayback.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The model's six ad-configuration operations, which the Java SDK 2.40.2 lacks (so these go over
 * raw HTTP, as the AWS CLI or a newer SDK would send them).
 */
class AdConfigurationTest {
  @RegisterExtension static IvsLocalExtension ivs = new IvsLocalExtension().resetBeforeEachTest();

  static final ObjectMapper JSON = new ObjectMapper();
  static final String MEDIA_TAILOR =
      "arn:aws:mediatailor:us-west-2:123456789012:playbackConfiguration/my-config";

  private static JsonNode post(String op, String body, int expectedStatus) throws Exception {
    HttpResponse<String> r = RawHttp.post(ivs.ivsLocal(), "/" + op, body);
    assertThat(r.statusCode()).as(op + " " + r.body()).isEqualTo(expectedStatus);
    return r.body().isEmpty() ? null : JSON.readTree(r.body());
  }

  private static String create(String name) throws Exception {
    return post(
            "CreateAdConfiguration",
            "{\"name\":\""
                + name
                + "\",\"mediaTailorPlaybackConfigurations\":"
                + "[{\"playbackConfigurationArn\":\""
                + MEDIA_TAILOR
                + "\"}],\"postRollConfiguration\":"
                + "{\"enabled\":true,\"durationSeconds\":30},\"tags\":{\"k\":\"v\"}}",
            200)
        .path("adConfiguration")
        .path("arn")
        .asText();
  }

  @Test
  void adConfiguration_createGetListUpdateDelete() throws Exception {
    String arn = create("ads");

    JsonNode got =
        post("GetAdConfiguration", "{\"arn\":\"" + arn + "\"}", 200).path("adConfiguration");
    JsonNode list = post("ListAdConfigurations", "{}", 200);
    JsonNode updated =
        post("UpdateAdConfiguration", "{\"arn\":\"" + arn + "\",\"name\":\"renamed\"}", 200)
            .path("adConfiguration");
    post("DeleteAdConfiguration", "{\"arn\":\"" + arn + "\"}", 204);

    assertThat(arn).matches("arn:aws:ivs:us-west-2:123456789012:ad-configuration/[a-zA-Z0-9]{12}");
    assertThat(got.path("name").asText()).isEqualTo("ads");
    assertThat(
            got.path("mediaTailorPlaybackConfigurations")
                .get(0)
                .path("playbackConfigurationArn")
                .asText())
        .isEqualTo(MEDIA_TAILOR);
    assertThat(got.path("postRollConfiguration").path("durationSeconds").asInt()).isEqualTo(30);
    assertThat(got.path("tags").path("k").asText()).isEqualTo("v");
    assertThat(list.path("adConfigurations")).hasSize(1);
    assertThat(updated.path("name").asText()).isEqualTo("renamed");
    assertThat(post("GetAdConfiguration", "{\"arn\":\"" + arn + "\"}", 404).path("__type").asText())
        .isEqualTo("ResourceNotFoundException");
  }

  @Test
  void createAdConfiguration_validatesAgainstTheModel() throws Exception {
    JsonNode noConfigs = post("CreateAdConfiguration", "{\"name\":\"x\"}", 400);
    JsonNode tooMany =
        post("CreateAdConfiguration", "{\"mediaTailorPlaybackConfigurations\":[{},{},{},{}]}", 400);
    JsonNode badArn =
        post(
            "CreateAdConfiguration",
            "{\"mediaTailorPlaybackConfigurations\":[{\"playbackConfigurationArn\":\"arn:nope\"}]}",
            400);

    assertThat(noConfigs.path("message").asText())
        .contains("mediaTailorPlaybackConfigurations")
        .contains("required");
    assertThat(tooMany.path("message").asText()).contains("maximum of 3");
    assertThat(badArn.path("message").asText())
        .contains("mediaTailorPlaybackConfigurations[0].playbackConfigurationArn");
  }

  @Test
  void insertAdBreak_needsLiveChannelWithAdConfiguration_andDeleteInUseIsConflict()
      throws Exception {
    String ad = create("ads");
    String channel =
        post("CreateChannel", "{\"adConfigurationArn\":\"" + ad + "\"}", 200)
            .path("channel")
            .path("arn")
            .asText();
    String plain = post("CreateChannel", "{}", 200).path("channel").path("arn").asText();

    assertThat(
            post(
                    "InsertAdBreak",
                    "{\"channelArn\":\"" + channel + "\",\"durationSeconds\":30}",
                    404)
                .path("__type")
                .asText())
        .isEqualTo("ChannelNotBroadcasting");
    ivs.ivsLocal().control().startStream(channel);
    ivs.ivsLocal().control().startStream(plain);
    assertThat(
            post(
                    "InsertAdBreak",
                    "{\"channelArn\":\"" + channel + "\",\"durationSeconds\":30}",
                    200)
                .path("adBreakId")
                .asText())
        .matches("[a-zA-Z0-9]{12}");
    assertThat(
            post("InsertAdBreak", "{\"channelArn\":\"" + plain + "\",\"durationSeconds\":30}", 409)
                .path("message")
                .asText())
        .contains("no ad configuration");
    assertThat(
            post(
                    "InsertAdBreak",
                    "{\"channelArn\":\"" + channel + "\",\"durationSeconds\":301}",
                    400)
                .path("message")
                .asText())
        .contains("durationSeconds");
    assertThat(
            post("DeleteAdConfiguration", "{\"arn\":\"" + ad + "\"}", 409).path("message").asText())
        .contains(channel);
    assertThat(
            post("CreateChannel", "{\"adConfigurationArn\":\"" + ad.replace("/", "/x") + "\"}", 404)
                .path("__type")
                .asText())
        .isEqualTo("ResourceNotFoundException");
  }
}
