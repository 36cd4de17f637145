package dev.ivsplayback.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ivsplayback.client.ads.model.AdConfiguration;
import dev.ivsplayback.client.ads.model.AdConfigurationSummary;
import dev.ivsplayback.client.ads.model.CreateAdConfigurationRequest;
import dev.ivsplayback.client.ads.model.ListAdConfigurationsRequest;
import dev.ivsplayback.client.ads.model.MediaTailorPlaybackConfiguration;
import dev.ivsplayback.local.IvsLocalControl;
import dev.ivsplayback.local.IvsLocalExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ivs.model.ChannelNotBroadcastingException;
import software.amazon.awssdk.services.ivs.model.ConflictException;
import software.amazon.awssdk.services.ivs.model.IvsException;
import software.amazon.awssdk.services.ivs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ivs.model.ValidationException;

/**
 * The six ad-configuration operations through {@link IvsPlaybackClient#adConfigurations()} against
 * ivs-local (real HTTP, real SigV4 signing): each one's success, and each modelled error that
 * ivs-local produces by itself. Errors ivs-local can only inject are in {@link
 * AdConfigurationErrorsTest}; retries and timeouts in {@link RetryTest} and {@link
 * AttemptTimeoutTest}.
 */
class AdConfigurationsTest {
  @RegisterExtension static IvsLocalExtension ivs = new IvsLocalExtension().resetBeforeEachTest();

  static final String MEDIA_TAILOR =
      "arn:aws:mediatailor:us-west-2:123456789012:playbackConfiguration/my-config";
  static final MediaTailorPlaybackConfiguration MEDIA_TAILOR_CONFIG =
      MediaTailorPlaybackConfiguration.builder().playbackConfigurationArn(MEDIA_TAILOR).build();
  static final String MISSING = "arn:aws:ivs:us-west-2:123456789012:ad-configuration/doesNotExist1";

  static final ObjectMapper JSON = new ObjectMapper();

  private IvsPlaybackClient client;
  private AdConfigurations ads;
  private IvsLocalControl control;

  @BeforeEach
  void setUp() {
    client = IvsPlaybackClient.create(TestSupport.config(ivs.endpoint()).build());
    ads = client.adConfigurations();
    control = ivs.ivsLocal().control();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private String create(String name) {
    return ads.createAdConfiguration(
            b -> b.name(name).mediaTailorPlaybackConfigurations(MEDIA_TAILOR_CONFIG))
        .adConfiguration()
        .arn();
  }

  /**
   * A channel using the ad configuration. SDK 2.40.2's CreateChannel has no adConfigurationArn
   * member, so this one call is made by hand, signed with the SDK's signer.
   */
  private String channelWithAdConfiguration(String adConfigurationArn) throws Exception {
    String body =
        SignedRawCall.post(
            ivs.endpoint(),
            client.config().credentialsProvider().orElseThrow(),
            "CreateChannel",
            JSON.createObjectNode().put("adConfigurationArn", adConfigurationArn).toString());
    return JSON.readTree(body).path("channel").path("arn").asText();
  }

  // ---- CreateAdConfiguration

  @Test
  void createAdConfiguration_returnsTheConfigurationWithEveryMemberSent() {
    CreateAdConfigurationRequest request =
        CreateAdConfigurationRequest.builder()
            .name("ads")
            .mediaTailorPlaybackConfigurations(
                MediaTailorPlaybackConfiguration.builder()
                    .playbackConfigurationArn(MEDIA_TAILOR)
                    .build())
            .postRollConfiguration(p -> p.enabled(true).durationSeconds(30))
            .tags(Map.of("team", "video"))
            .build();

    AdConfiguration created = ads.createAdConfiguration(request).adConfiguration();

    assertThat(created.arn())
        .matches("arn:aws:ivs:us-west-2:123456789012:ad-configuration/[a-zA-Z0-9]+");
    assertThat(created.name()).isEqualTo("ads");
    assertThat(created.mediaTailorPlaybackConfigurations())
        .extracting(MediaTailorPlaybackConfiguration::playbackConfigurationArn)
        .containsExactly(MEDIA_TAILOR);
    assertThat(created.postRollConfiguration().enabled()).isTrue();
    assertThat(created.postRollConfiguration().durationSeconds()).isEqualTo(30);
    assertThat(created.tags()).containsExactly(Map.entry("team", "video"));
    assertThat(control.callCount("CreateAdConfiguration")).isEqualTo(1);
  }

  @Test
  void createAdConfiguration_withoutMediaTailorConfigurations_throwsValidationExceptionNamingIt() {
    assertThatThrownBy(() -> ads.createAdConfiguration(b -> b.name("none")))
        .isInstanceOf(ValidationException.class)
        .satisfies(
            e -> {
              ValidationException v = (ValidationException) e;
              assertThat(v.statusCode()).isEqualTo(400);
              assertThat(v.requestId()).isNotBlank();
              assertThat(v.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(v.awsErrorDetails().errorMessage())
                  .contains("mediaTailorPlaybackConfigurations")
                  .contains("required");
              assertThat(v.exceptionMessage()).isEqualTo(v.awsErrorDetails().errorMessage());
              assertThat(v.getMessage()).contains("Status Code: 400", v.requestId());
            });
  }

  @Test
  void createAdConfiguration_withFourMediaTailorConfigurations_throwsValidationException() {
    assertThatThrownBy(
            () ->
                ads.createAdConfiguration(
                    b ->
                        b.mediaTailorPlaybackConfigurations(
                            MEDIA_TAILOR_CONFIG,
                            MEDIA_TAILOR_CONFIG,
                            MEDIA_TAILOR_CONFIG,
                            MEDIA_TAILOR_CONFIG)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("mediaTailorPlaybackConfigurations")
        .hasMessageContaining("maximum of 3");
  }

  @Test
  void createAdConfiguration_withBadPlaybackConfigurationArn_namesTheNestedMember() {
    assertThatThrownBy(
            () ->
                ads.createAdConfiguration(
                    b ->
                        b.mediaTailorPlaybackConfigurations(
                            MediaTailorPlaybackConfiguration.builder()
                                .playbackConfigurationArn("arn:nope")
                                .build())))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("mediaTailorPlaybackConfigurations[0].playbackConfigurationArn");
  }

  // ---- GetAdConfiguration

  @Test
  void getAdConfiguration_returnsTheCreatedConfiguration() {
    String arn = create("ads");

    AdConfiguration got = ads.getAdConfiguration(b -> b.arn(arn)).adConfiguration();

    assertThat(got.arn()).isEqualTo(arn);
    assertThat(got.name()).isEqualTo("ads");
    assertThat(got.mediaTailorPlaybackConfigurations()).hasSize(1);
  }

  @Test
  void getAdConfiguration_ofUnknownArn_throwsTheSdksResourceNotFoundException_likeSync() {
    String missingChannel = "arn:aws:ivs:us-west-2:123456789012:channel/doesNotExist1";
    ResourceNotFoundException fromSdk =
        catchThrowableOfType(
            ResourceNotFoundException.class,
            () -> client.sync().getChannel(b -> b.arn(missingChannel)));

    ResourceNotFoundException fromAds =
        catchThrowableOfType(
            ResourceNotFoundException.class, () -> ads.getAdConfiguration(b -> b.arn(MISSING)));

    assertThat(fromAds.getClass()).isEqualTo(fromSdk.getClass());
    assertThat(fromAds.statusCode()).isEqualTo(404).isEqualTo(fromSdk.statusCode());
    assertThat(fromAds.awsErrorDetails().serviceName())
        .isEqualTo(fromSdk.awsErrorDetails().serviceName());
    assertThat(fromAds.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
    assertThat(fromAds.awsErrorDetails().errorMessage()).contains(MISSING);
    assertThat(fromAds.requestId()).isNotBlank().isNotEqualTo(fromSdk.requestId());
    assertThat(fromAds.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amzn-RequestId"))
        .contains(fromAds.requestId());
    assertThat(fromAds.numAttempts()).isEqualTo(1);
    assertThat(fromAds.getMessage()).contains("(Service: Ivs, Status Code: 404, Request ID: ");
    assertThat(messageShape(fromAds)).isEqualTo(messageShape(fromSdk));
  }

  /** The exception's message with IVS's text and the request id taken out. */
  private static String messageShape(IvsException e) {
    return e.getMessage()
        .replace(e.awsErrorDetails().errorMessage(), "<message>")
        .replace(e.requestId(), "<request-id>");
  }

  @Test
  void getAdConfiguration_withMalformedArn_throwsValidationExceptionNamingArn() {
    assertThatThrownBy(() -> ads.getAdConfiguration(b -> b.arn("not-an-arn")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Request member: arn");
  }

  // ---- UpdateAdConfiguration

  @Test
  void updateAdConfiguration_changesOnlyTheMembersSent() {
    String arn = create("before");

    AdConfiguration updated =
        ads.updateAdConfiguration(
                b ->
                    b.arn(arn)
                        .name("after")
                        .postRollConfiguration(p -> p.enabled(false).durationSeconds(10)))
            .adConfiguration();

    assertThat(updated.name()).isEqualTo("after");
    assertThat(updated.postRollConfiguration().enabled()).isFalse();
    assertThat(updated.mediaTailorPlaybackConfigurations())
        .extracting(MediaTailorPlaybackConfiguration::playbackConfigurationArn)
        .containsExactly(MEDIA_TAILOR);
    assertThat(ads.getAdConfiguration(b -> b.arn(arn)).adConfiguration()).isEqualTo(updated);
  }

  @Test
  void updateAdConfiguration_ofUnknownArn_throwsResourceNotFoundException() {
    assertThatThrownBy(() -> ads.updateAdConfiguration(b -> b.arn(MISSING).name("x")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining(MISSING);
  }

  @Test
  void updateAdConfiguration_withInvalidName_throwsValidationExceptionNamingName() {
    String arn = create("ads");

    assertThatThrownBy(() -> ads.updateAdConfiguration(b -> b.arn(arn).name("no spaces")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Request member: name");
  }

  // ---- DeleteAdConfiguration

  @Test
  void deleteAdConfiguration_removesIt() {
    String arn = create("ads");

    ads.deleteAdConfiguration(b -> b.arn(arn));

    assertThatThrownBy(() -> ads.getAdConfiguration(b -> b.arn(arn)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void deleteAdConfiguration_ofUnknownArn_throwsResourceNotFoundException() {
    assertThatThrownBy(() -> ads.deleteAdConfiguration(b -> b.arn(MISSING)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void deleteAdConfiguration_usedByAChannel_throwsConflictExceptionNamingTheChannel()
      throws Exception {
    String arn = create("ads");
    String channel = channelWithAdConfiguration(arn);

    assertThatThrownBy(() -> ads.deleteAdConfiguration(b -> b.arn(arn)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(channel)
        .satisfies(e -> assertThat(((ConflictException) e).statusCode()).isEqualTo(409));
  }

  @Test
  void deleteAdConfiguration_withoutArn_throwsValidationExceptionNamingArn() {
    assertThatThrownBy(() -> ads.deleteAdConfiguration(b -> {}))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("arn")
        .hasMessageContaining("required");
  }

  // ---- ListAdConfigurations

  @Test
  void listAdConfigurations_returnsOnePageWithItsNextToken() {
    create("a");
    create("b");
    create("c");

    var page = ads.listAdConfigurations(b -> b.maxResults(2));

    assertThat(page.adConfigurations())
        .extracting(AdConfigurationSummary::name)
        .containsExactly("a", "b");
    assertThat(page.nextToken()).isNotBlank();
  }

  @Test
  void listAdConfigurations_withMaxResultsAbove100_throwsValidationExceptionNamingMaxResults() {
    assertThatThrownBy(() -> ads.listAdConfigurations(b -> b.maxResults(101)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("maxResults");
  }

  @Test
  void listAdConfigurationsStream_walksEveryPageLazily() {
    for (String name : List.of("a", "b", "c", "d", "e")) {
      create(name);
    }
    ListAdConfigurationsRequest twoPerPage =
        ListAdConfigurationsRequest.builder().maxResults(2).build();

    assertThat(client.listAdConfigurations(twoPerPage).limit(1).toList()).hasSize(1);
    assertThat(control.callCount("ListAdConfigurations")).isEqualTo(1);
    assertThat(client.listAdConfigurations(twoPerPage).map(AdConfigurationSummary::name).toList())
        .containsExactly("a", "b", "c", "d", "e");
    assertThat(control.callCount("ListAdConfigurations")).isEqualTo(1 + 3);
    assertThat(client.listAdConfigurations().count()).isEqualTo(5);
  }

  // ---- InsertAdBreak

  @Test
  void insertAdBreak_onALiveChannelWithAnAdConfiguration_returnsTheAdBreakId() throws Exception {
    String arn = create("ads");
    String channel = channelWithAdConfiguration(arn);
    control.startStream(channel);

    String adBreakId =
        ads.insertAdBreak(b -> b.channelArn(channel).durationSeconds(30)).adBreakId();

    assertThat(adBreakId).matches("[a-zA-Z0-9]{12}");
  }

  @Test
  void insertAdBreak_onAnOfflineChannel_throwsChannelNotBroadcastingException() throws Exception {
    String channel = channelWithAdConfiguration(create("ads"));

    assertThatThrownBy(() -> ads.insertAdBreak(b -> b.channelArn(channel).durationSeconds(30)))
        .isInstanceOf(ChannelNotBroadcastingException.class)
        .satisfies(
            e -> assertThat(((ChannelNotBroadcastingException) e).statusCode()).isEqualTo(404));
  }

  @Test
  void insertAdBreak_onAChannelWithoutAdConfiguration_throwsConflictException() {
    String channel = client.sync().createChannel(b -> b.name("plain")).channel().arn();
    control.startStream(channel);

    assertThatThrownBy(() -> ads.insertAdBreak(b -> b.channelArn(channel).durationSeconds(30)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("no ad configuration");
  }

  @Test
  void insertAdBreak_onAnUnknownChannel_throwsResourceNotFoundException() {
    String missing = "arn:aws:ivs:us-west-2:123456789012:channel/doesNotExist1";

    assertThatThrownBy(() -> ads.insertAdBreak(b -> b.channelArn(missing).durationSeconds(30)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void insertAdBreak_longerThan300Seconds_throwsValidationExceptionNamingDurationSeconds() {
    String channel = client.sync().createChannel(b -> b.name("c")).channel().arn();

    assertThatThrownBy(() -> ads.insertAdBreak(b -> b.channelArn(channel).durationSeconds(301)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("durationSeconds");
  }

  // ---- async

  @Test
  void async_createThenGet_returnsTheSameConfiguration() {
    AsyncAdConfigurations async = ads.async();

    AdConfiguration created =
        async
            .createAdConfiguration(
                b -> b.name("async").mediaTailorPlaybackConfigurations(MEDIA_TAILOR_CONFIG))
            .join()
            .adConfiguration();

    assertThat(async.getAdConfiguration(b -> b.arn(created.arn())).join().adConfiguration())
        .isEqualTo(created);
  }

  @Test
  void async_error_completesTheFutureWithTheSdksException() {
    assertThatThrownBy(() -> ads.async().getAdConfiguration(b -> b.arn(MISSING)).join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(ResourceNotFoundException.class)
        .isInstanceOf(IvsException.class)
        .hasMessageContaining(MISSING);
  }
}
