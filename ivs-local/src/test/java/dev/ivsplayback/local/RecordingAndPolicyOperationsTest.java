package dev.ivsplayback.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ivs.model.Channel;
import software.amazon.awssdk.services.ivs.model.ConflictException;
import software.amazon.awssdk.services.ivs.model.ListPlaybackRestrictionPoliciesResponse;
import software.amazon.awssdk.services.ivs.model.PlaybackRestrictionPolicy;
import software.amazon.awssdk.services.ivs.model.PlaybackRestrictionPolicySummary;
import software.amazon.awssdk.services.ivs.model.RecordingConfiguration;
import software.amazon.awssdk.services.ivs.model.RecordingConfigurationState;
import software.amazon.awssdk.services.ivs.model.RecordingConfigurationSummary;
import software.amazon.awssdk.services.ivs.model.RecordingMode;
import software.amazon.awssdk.services.ivs.model.RenditionConfigurationRendition;
import software.amazon.awssdk.services.ivs.model.RenditionConfigurationRenditionSelection;
import software.amazon.awssdk.services.ivs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ivs.model.ThumbnailConfigurationStorage;
import software.amazon.awssdk.services.ivs.model.ValidationException;

/** Recording configurations and playback restriction policies through the real SDK. */
class RecordingAndPolicyOperationsTest {
  @RegisterExtension static IvsLocalExtension ivs = new IvsLocalExtension().resetBeforeEachTest();

  @RegisterExtension static final Sdk.ClientExtension sdk = new Sdk.ClientExtension(ivs);

  private static RecordingConfiguration recording(String name) {
    return sdk.client()
        .createRecordingConfiguration(
            b ->
                b.name(name)
                    .destinationConfiguration(d -> d.s3(s -> s.bucketName("my-recordings"))))
        .recordingConfiguration();
  }

  @Test
  void createRecordingConfiguration_appliesDefaults() {
    RecordingConfiguration rc = recording("rec");

    assertThat(rc.arn())
        .matches("arn:aws:ivs:us-west-2:123456789012:recording-configuration/[a-zA-Z0-9]{12}");
    assertThat(rc.name()).isEqualTo("rec");
    assertThat(rc.destinationConfiguration().s3().bucketName()).isEqualTo("my-recordings");
    assertThat(rc.state()).isEqualTo(RecordingConfigurationState.ACTIVE);
    assertThat(rc.recordingReconnectWindowSeconds()).isZero();
    assertThat(rc.thumbnailConfiguration().recordingMode()).isEqualTo(RecordingMode.INTERVAL);
    assertThat(rc.thumbnailConfiguration().targetIntervalSeconds()).isEqualTo(60L);
    assertThat(rc.thumbnailConfiguration().storage())
        .containsExactly(ThumbnailConfigurationStorage.SEQUENTIAL);
    assertThat(rc.renditionConfiguration().renditionSelection())
        .isEqualTo(RenditionConfigurationRenditionSelection.ALL);
    assertThat(rc.tags()).isEmpty();
  }

  @Test
  void createRecordingConfiguration_withOptions_echoesThem() {
    RecordingConfiguration rc =
        sdk.client()
            .createRecordingConfiguration(
                b ->
                    b.destinationConfiguration(d -> d.s3(s -> s.bucketName("b.ucket-1")))
                        .recordingReconnectWindowSeconds(30)
                        .tags(Map.of("a", "1"))
                        .thumbnailConfiguration(
                            t -> t.recordingMode(RecordingMode.INTERVAL).targetIntervalSeconds(5L))
                        .renditionConfiguration(
                            r ->
                                r.renditionSelection(
                                        RenditionConfigurationRenditionSelection.CUSTOM)
                                    .renditions(
                                        RenditionConfigurationRendition.HD,
                                        RenditionConfigurationRendition.SD)))
            .recordingConfiguration();

    assertThat(rc.recordingReconnectWindowSeconds()).isEqualTo(30);
    assertThat(rc.thumbnailConfiguration().targetIntervalSeconds()).isEqualTo(5L);
    assertThat(rc.renditionConfiguration().renditions())
        .containsExactly(RenditionConfigurationRendition.HD, RenditionConfigurationRendition.SD);
    assertThat(rc.tags()).containsExactlyEntriesOf(Map.of("a", "1"));
    assertThat(
            sdk.client().getRecordingConfiguration(b -> b.arn(rc.arn())).recordingConfiguration())
        .isEqualTo(rc);
  }

  @Test
  void createRecordingConfiguration_invalidInput_namesNestedField() {
    assertThatThrownBy(
            () ->
                sdk.client()
                    .createRecordingConfiguration(
                        b -> b.destinationConfiguration(d -> d.s3(s -> s.bucketName("UPPER")))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(
            "Request member: destinationConfiguration.s3.bucketName failed to satisfy");
    assertThatThrownBy(() -> sdk.client().createRecordingConfiguration(b -> b.name("x")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("destinationConfiguration")
        .hasMessageContaining("required");
    assertThatThrownBy(
            () ->
                sdk.client()
                    .createRecordingConfiguration(
                        b ->
                            b.destinationConfiguration(d -> d.s3(s -> s.bucketName("ok-bucket")))
                                .recordingReconnectWindowSeconds(301)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("recordingReconnectWindowSeconds")
        .hasMessageContaining("maximum 300");
    assertThatThrownBy(
            () ->
                sdk.client()
                    .createRecordingConfiguration(
                        b ->
                            b.destinationConfiguration(d -> d.s3(s -> s.bucketName("ok-bucket")))
                                .renditionConfiguration(
                                    r ->
                                        r.renditionSelection(
                                            RenditionConfigurationRenditionSelection.CUSTOM))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("renditions");
    assertThat(sdk.client().listRecordingConfigurations(b -> {}).recordingConfigurations())
        .isEmpty();
  }

  @Test
  void getRecordingConfiguration_missing_isNotFound() {
    assertThatThrownBy(
            () ->
                sdk.client()
                    .getRecordingConfiguration(
                        b ->
                            b.arn(
                                "arn:aws:ivs:us-west-2:123456789012:recording-configuration/nope")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void listRecordingConfigurations_returnsSummaries() {
    RecordingConfiguration a = recording("a");
    recording("b");

    List<RecordingConfigurationSummary> all =
        sdk.client().listRecordingConfigurations(b -> {}).recordingConfigurations();
    List<RecordingConfigurationSummary> one =
        sdk.client().listRecordingConfigurations(b -> b.maxResults(1)).recordingConfigurations();

    assertThat(all).extracting(RecordingConfigurationSummary::name).containsExactly("a", "b");
    assertThat(one)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.arn()).isEqualTo(a.arn());
              assertThat(s.state()).isEqualTo(RecordingConfigurationState.ACTIVE);
              assertThat(s.destinationConfiguration().s3().bucketName()).isEqualTo("my-recordings");
            });
  }

  @Test
  void deleteRecordingConfiguration_usedByChannel_isConflictUntilDetached() {
    RecordingConfiguration rc = recording("used");
    Channel c = sdk.client().createChannel(b -> b.recordingConfigurationArn(rc.arn())).channel();
    assertThat(c.recordingConfigurationArn()).isEqualTo(rc.arn());

    assertThatThrownBy(() -> sdk.client().deleteRecordingConfiguration(b -> b.arn(rc.arn())))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(c.arn());

    sdk.client().updateChannel(b -> b.arn(c.arn()).recordingConfigurationArn(""));
    sdk.client().deleteRecordingConfiguration(b -> b.arn(rc.arn()));
    assertThatThrownBy(() -> sdk.client().deleteRecordingConfiguration(b -> b.arn(rc.arn())))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void createPlaybackRestrictionPolicy_appliesDefaultsAndOptions() {
    PlaybackRestrictionPolicy empty =
        sdk.client().createPlaybackRestrictionPolicy(b -> {}).playbackRestrictionPolicy();
    PlaybackRestrictionPolicy p =
        sdk.client()
            .createPlaybackRestrictionPolicy(
                b ->
                    b.name("geo")
                        .allowedCountries("US", "DE")
                        .allowedOrigins("https://a.example")
                        .enableStrictOriginEnforcement(true)
                        .tags(Map.of("k", "v")))
            .playbackRestrictionPolicy();

    assertThat(empty.arn())
        .matches("arn:aws:ivs:us-west-2:123456789012:playback-restriction-policy/[a-zA-Z0-9]{12}");
    assertThat(empty.allowedCountries()).isEmpty();
    assertThat(empty.allowedOrigins()).isEmpty();
    assertThat(empty.enableStrictOriginEnforcement()).isFalse();
    assertThat(empty.name()).isEmpty();
    assertThat(p.allowedCountries()).containsExactly("US", "DE");
    assertThat(p.allowedOrigins()).containsExactly("https://a.example");
    assertThat(p.enableStrictOriginEnforcement()).isTrue();
    assertThat(p.tags()).containsExactlyEntriesOf(Map.of("k", "v"));
    assertThat(
            sdk.client()
                .getPlaybackRestrictionPolicy(b -> b.arn(p.arn()))
                .playbackRestrictionPolicy())
        .isEqualTo(p);
  }

  @Test
  void createPlaybackRestrictionPolicy_badCountry_isValidationException() {
    assertThatThrownBy(
            () -> sdk.client().createPlaybackRestrictionPolicy(b -> b.allowedCountries("USA")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("allowedCountries[0]");
  }

  @Test
  void listPlaybackRestrictionPolicies_defaultsToOneResult() {
    sdk.client().createPlaybackRestrictionPolicy(b -> b.name("p1"));
    sdk.client().createPlaybackRestrictionPolicy(b -> b.name("p2"));

    ListPlaybackRestrictionPoliciesResponse first =
        sdk.client().listPlaybackRestrictionPolicies(b -> {});
    ListPlaybackRestrictionPoliciesResponse second =
        sdk.client().listPlaybackRestrictionPolicies(b -> b.nextToken(first.nextToken()));

    assertThat(first.playbackRestrictionPolicies())
        .extracting(PlaybackRestrictionPolicySummary::name)
        .containsExactly("p1");
    assertThat(first.nextToken()).isNotEmpty();
    assertThat(second.playbackRestrictionPolicies())
        .extracting(PlaybackRestrictionPolicySummary::name)
        .containsExactly("p2");
    assertThat(second.nextToken()).isNull();
  }

  @Test
  void updatePlaybackRestrictionPolicy_changesGivenFields() {
    PlaybackRestrictionPolicy p =
        sdk.client()
            .createPlaybackRestrictionPolicy(b -> b.name("before").allowedCountries("US"))
            .playbackRestrictionPolicy();

    PlaybackRestrictionPolicy u =
        sdk.client()
            .updatePlaybackRestrictionPolicy(
                b -> b.arn(p.arn()).name("after").allowedOrigins("https://b.example"))
            .playbackRestrictionPolicy();

    assertThat(u.name()).isEqualTo("after");
    assertThat(u.allowedCountries()).containsExactly("US");
    assertThat(u.allowedOrigins()).containsExactly("https://b.example");
    assertThatThrownBy(
            () ->
                sdk.client()
                    .updatePlaybackRestrictionPolicy(
                        b ->
                            b.arn(
                                    "arn:aws:ivs:us-west-2:123456789012:playback-restriction-policy/none")
                                .name("x")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void deletePlaybackRestrictionPolicy_usedByChannel_isConflict() {
    PlaybackRestrictionPolicy p =
        sdk.client().createPlaybackRestrictionPolicy(b -> {}).playbackRestrictionPolicy();
    Channel c = sdk.client().createChannel(b -> b.playbackRestrictionPolicyArn(p.arn())).channel();

    assertThatThrownBy(() -> sdk.client().deletePlaybackRestrictionPolicy(b -> b.arn(p.arn())))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(c.arn());

    sdk.client().deleteChannel(b -> b.arn(c.arn()));
    sdk.client().deletePlaybackRestrictionPolicy(b -> b.arn(p.arn()));
    assertThatThrownBy(() -> sdk.client().getPlaybackRestrictionPolicy(b -> b.arn(p.arn())))
        .isInstanceOf(ResourceNotFoundException.class);
  }
}
