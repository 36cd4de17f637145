package dev.ivsplayback.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ivs.model.BatchGetChannelResponse;
import software.amazon.awssdk.services.ivs.model.Channel;
import software.amazon.awssdk.services.ivs.model.ChannelLatencyMode;
import software.amazon.awssdk.services.ivs.model.ChannelSummary;
import software.amazon.awssdk.services.ivs.model.ChannelType;
import software.amazon.awssdk.services.ivs.model.ConflictException;
import software.amazon.awssdk.services.ivs.model.ContainerFormat;
import software.amazon.awssdk.services.ivs.model.CreateChannelResponse;
import software.amazon.awssdk.services.ivs.model.ListChannelsResponse;
import software.amazon.awssdk.services.ivs.model.MultitrackInputConfiguration;
import software.amazon.awssdk.services.ivs.model.MultitrackMaximumResolution;
import software.amazon.awssdk.services.ivs.model.MultitrackPolicy;
import software.amazon.awssdk.services.ivs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ivs.model.TranscodePreset;
import software.amazon.awssdk.services.ivs.model.ValidationException;

/**
 * CreateChannel, GetChannel, BatchGetChannel, ListChannels, UpdateChannel, DeleteChannel through
 * the real SDK.
 */
class ChannelOperationsTest {
  @RegisterExtension static IvsLocalExtension ivs = new IvsLocalExtension().resetBeforeEachTest();

  @RegisterExtension static final Sdk.ClientExtension sdk = new Sdk.ClientExtension(ivs);

  private static String missingChannelArn() {
    return "arn:aws:ivs:us-west-2:123456789012:channel/doesNotExist";
  }

  @Test
  void createChannel_withDefaults_returnsChannelAndStreamKey() {
    CreateChannelResponse r = sdk.client().createChannel(b -> {});
    Channel c = r.channel();

    assertThat(c.arn()).matches("arn:aws:ivs:us-west-2:123456789012:channel/[a-zA-Z0-9]{12}");
    String id = c.arn().substring(c.arn().lastIndexOf('/') + 1);
    assertThat(c.name()).isEmpty();
    assertThat(c.latencyMode()).isEqualTo(ChannelLatencyMode.LOW);
    assertThat(c.type()).isEqualTo(ChannelType.STANDARD);
    assertThat(c.authorized()).isFalse();
    assertThat(c.insecureIngest()).isFalse();
    assertThat(c.recordingConfigurationArn()).isEmpty();
    assertThat(c.playbackRestrictionPolicyArn()).isEmpty();
    assertThat(c.presetAsString()).isEmpty();
    assertThat(c.containerFormat()).isEqualTo(ContainerFormat.TS);
    assertThat(c.multitrackInputConfiguration().enabled()).isFalse();
    assertThat(c.multitrackInputConfiguration().policy()).isEqualTo(MultitrackPolicy.ALLOW);
    assertThat(c.multitrackInputConfiguration().maximumResolution())
        .isEqualTo(MultitrackMaximumResolution.FULL_HD);
    assertThat(c.tags()).isEmpty();
    assertThat(c.ingestEndpoint()).matches("[0-9a-f]{12}\\.global-contribute\\.live-video\\.net");
    assertThat(c.srt().endpoint()).matches("[0-9a-f]{12}\\.srt\\.live-video\\.net");
    assertThat(c.srt().passphrase()).hasSize(32);
    assertThat(c.playbackUrl())
        .isEqualTo(ivs.endpoint() + "/api/video/v1/us-west-2.123456789012.channel." + id + ".m3u8");
    assertThat(r.streamKey().channelArn()).isEqualTo(c.arn());
    assertThat(r.streamKey().arn())
        .matches("arn:aws:ivs:us-west-2:123456789012:stream-key/[a-zA-Z0-9]{12}");
    assertThat(r.streamKey().value()).matches("sk_us-west-2_[a-zA-Z0-9]{12}_[a-zA-Z0-9]{30}");
  }

  @Test
  void createChannel_withEveryOption_echoesThem() {
    Channel c =
        sdk.client()
            .createChannel(
                b ->
                    b.name("big-one_2")
                        .latencyMode(ChannelLatencyMode.NORMAL)
                        .type(ChannelType.ADVANCED_HD)
                        .authorized(true)
                        .insecureIngest(true)
                        .preset(TranscodePreset.CONSTRAINED_BANDWIDTH_DELIVERY)
                        .tags(Map.of("team", "video")))
            .channel();

    assertThat(c.name()).isEqualTo("big-one_2");
    assertThat(c.latencyMode()).isEqualTo(ChannelLatencyMode.NORMAL);
    assertThat(c.type()).isEqualTo(ChannelType.ADVANCED_HD);
    assertThat(c.authorized()).isTrue();
    assertThat(c.insecureIngest()).isTrue();
    assertThat(c.srt().passphrase()).as("no SRT passphrase with insecure ingest").isNull();
    assertThat(c.preset()).isEqualTo(TranscodePreset.CONSTRAINED_BANDWIDTH_DELIVERY);
    assertThat(c.tags()).containsExactlyEntriesOf(Map.of("team", "video"));
  }

  @Test
  void createChannel_advancedWithoutPreset_defaultsToHigherBandwidth() {
    Channel c = sdk.client().createChannel(b -> b.type(ChannelType.ADVANCED_SD)).channel();

    assertThat(c.preset()).isEqualTo(TranscodePreset.HIGHER_BANDWIDTH_DELIVERY);
  }

  @Test
  void createChannel_withMultitrack_requiresStandardAndFragmentedMp4() {
    MultitrackInputConfiguration mt =
        MultitrackInputConfiguration.builder()
            .enabled(true)
            .policy(MultitrackPolicy.REQUIRE)
            .maximumResolution(MultitrackMaximumResolution.HD)
            .build();

    assertThatThrownBy(() -> sdk.client().createChannel(b -> b.multitrackInputConfiguration(mt)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("containerFormat")
        .hasMessageContaining("FRAGMENTED_MP4");
    assertThatThrownBy(
            () ->
                sdk.client()
                    .createChannel(
                        b ->
                            b.type(ChannelType.BASIC)
                                .multitrackInputConfiguration(mt)
                                .containerFormat(ContainerFormat.FRAGMENTED_MP4)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("multitrackInputConfiguration.enabled");
    Channel c =
        sdk.client()
            .createChannel(
                b ->
                    b.multitrackInputConfiguration(mt)
                        .containerFormat(ContainerFormat.FRAGMENTED_MP4))
            .channel();
    assertThat(c.multitrackInputConfiguration()).isEqualTo(mt);
    assertThat(sdk.client().listChannels(b -> {}).channels()).hasSize(1);
  }

  @Test
  void createChannel_withPresetOnStandard_isValidationException() {
    assertThatThrownBy(
            () ->
                sdk.client()
                    .createChannel(b -> b.preset(TranscodePreset.HIGHER_BANDWIDTH_DELIVERY)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Request member: preset failed to satisfy the constraints");
  }

  @Test
  void createChannel_withBadName_namesTheFieldAndPattern() {
    assertThatThrownBy(() -> sdk.client().createChannel(b -> b.name("has space")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Request member: name failed to satisfy the constraints")
        .hasMessageContaining("[a-zA-Z0-9-_]*");
    assertThatThrownBy(() -> sdk.client().createChannel(b -> b.name("n".repeat(129))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("name")
        .hasMessageContaining("maximum length 128");
    assertThat(sdk.client().listChannels(b -> {}).channels())
        .as("a failed request changes nothing")
        .isEmpty();
  }

  @Test
  void createChannel_withUnknownRecordingConfiguration_isNotFound() {
    String arn = "arn:aws:ivs:us-west-2:123456789012:recording-configuration/nope";

    assertThatThrownBy(() -> sdk.client().createChannel(b -> b.recordingConfigurationArn(arn)))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining(arn);
    assertThat(sdk.client().listChannels(b -> {}).channels()).isEmpty();
  }

  @Test
  void createChannel_with51Tags_isValidationException() {
    Map<String, String> tags = new HashMap<>();
    for (int i = 0; i < 51; i++) {
      tags.put("k" + i, "v");
    }

    assertThatThrownBy(() -> sdk.client().createChannel(b -> b.tags(tags)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("tags")
        .hasMessageContaining("maximum of 50");
  }

  @Test
  void createChannel_withReservedTagPrefix_isValidationException() {
    assertThatThrownBy(() -> sdk.client().createChannel(b -> b.tags(Map.of("aws:owner", "x"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("aws:");
  }

  @Test
  void getChannel_returnsTheChannel_orNotFound() {
    Channel created = sdk.client().createChannel(b -> b.name("one")).channel();

    assertThat(sdk.client().getChannel(b -> b.arn(created.arn())).channel()).isEqualTo(created);
    assertThatThrownBy(() -> sdk.client().getChannel(b -> b.arn(missingChannelArn())))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining(missingChannelArn());
  }

  @Test
  void getChannel_withMalformedArn_isValidationException() {
    assertThatThrownBy(
            () ->
                sdk.client()
                    .getChannel(b -> b.arn("arn:aws:ivs:us-west-2:123456789012:stream-key/abc")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Request member: arn failed to satisfy the constraints");
    assertThatThrownBy(() -> sdk.client().getChannel(b -> {}))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("arn")
        .hasMessageContaining("required");
  }

  @Test
  void batchGetChannel_returnsFoundAndReportsMissingPerItem() {
    Channel a = sdk.client().createChannel(b -> b.name("a")).channel();
    Channel c = sdk.client().createChannel(b -> b.name("c")).channel();

    BatchGetChannelResponse r =
        sdk.client().batchGetChannel(b -> b.arns(a.arn(), missingChannelArn(), c.arn()));

    assertThat(r.channels()).extracting(Channel::name).containsExactly("a", "c");
    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.arn()).isEqualTo(missingChannelArn());
              assertThat(e.code()).isEqualTo("ResourceNotFoundException");
              assertThat(e.message()).contains("not found");
            });
  }

  @Test
  void batchGetChannel_withMoreThan50Arns_isValidationException() {
    List<String> arns =
        java.util.stream.IntStream.range(0, 51).mapToObj(i -> missingChannelArn() + i).toList();

    assertThatThrownBy(() -> sdk.client().batchGetChannel(b -> b.arns(arns)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("arns")
        .hasMessageContaining("maximum of 50");
  }

  @Test
  void listChannels_paginatesWithNextTokenAndMaxResults() {
    for (int i = 0; i < 5; i++) {
      int n = i;
      sdk.client().createChannel(b -> b.name("ch" + n));
    }

    ListChannelsResponse first = sdk.client().listChannels(b -> b.maxResults(2));
    ListChannelsResponse second =
        sdk.client().listChannels(b -> b.maxResults(2).nextToken(first.nextToken()));
    ListChannelsResponse third =
        sdk.client().listChannels(b -> b.maxResults(2).nextToken(second.nextToken()));

    assertThat(first.channels()).extracting(ChannelSummary::name).containsExactly("ch0", "ch1");
    assertThat(second.channels()).extracting(ChannelSummary::name).containsExactly("ch2", "ch3");
    assertThat(third.channels()).extracting(ChannelSummary::name).containsExactly("ch4");
    assertThat(third.nextToken()).isNull();
    assertThat(
            sdk.client().listChannelsPaginator(b -> b.maxResults(1)).stream()
                .mapToInt(p -> p.channels().size())
                .sum())
        .isEqualTo(5);
    ChannelSummary s = first.channels().get(0);
    assertThat(s.latencyMode()).isEqualTo(ChannelLatencyMode.LOW);
    assertThat(s.type()).isEqualTo(ChannelType.STANDARD);
    assertThat(s.authorized()).isFalse();
    assertThat(s.insecureIngest()).isFalse();
    assertThat(s.recordingConfigurationArn()).isEmpty();
    assertThat(s.playbackRestrictionPolicyArn()).isEmpty();
    assertThat(s.tags()).isEmpty();
  }

  @Test
  void listChannels_maxResultsOutOfRange_isValidationException() {
    assertThatThrownBy(() -> sdk.client().listChannels(b -> b.maxResults(101)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("maxResults")
        .hasMessageContaining("maximum 100");
    assertThatThrownBy(() -> sdk.client().listChannels(b -> b.maxResults(0)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("maxResults");
    assertThatThrownBy(() -> sdk.client().listChannels(b -> b.nextToken("not-ours")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("nextToken");
  }

  @Test
  void listChannels_filtersByNameOrRecordingConfiguration_butNotBoth() {
    String rc =
        sdk.client()
            .createRecordingConfiguration(
                b -> b.destinationConfiguration(d -> d.s3(s -> s.bucketName("my-bucket"))))
            .recordingConfiguration()
            .arn();
    sdk.client().createChannel(b -> b.name("recorded").recordingConfigurationArn(rc));
    sdk.client().createChannel(b -> b.name("plain"));
    sdk.client().createChannel(b -> b.name("plain"));

    assertThat(sdk.client().listChannels(b -> b.filterByName("plain")).channels()).hasSize(2);
    assertThat(sdk.client().listChannels(b -> b.filterByRecordingConfigurationArn(rc)).channels())
        .extracting(ChannelSummary::name)
        .containsExactly("recorded");
    assertThatThrownBy(
            () ->
                sdk.client()
                    .listChannels(
                        b -> b.filterByName("plain").filterByRecordingConfigurationArn(rc)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("mutually exclusive");
  }

  @Test
  void updateChannel_changesOnlyGivenFields() {
    Channel c = sdk.client().createChannel(b -> b.name("before").tags(Map.of("a", "b"))).channel();

    Channel u =
        sdk.client()
            .updateChannel(
                b ->
                    b.arn(c.arn())
                        .name("after")
                        .authorized(true)
                        .latencyMode(ChannelLatencyMode.NORMAL))
            .channel();

    assertThat(u.name()).isEqualTo("after");
    assertThat(u.authorized()).isTrue();
    assertThat(u.latencyMode()).isEqualTo(ChannelLatencyMode.NORMAL);
    assertThat(u.type()).isEqualTo(ChannelType.STANDARD);
    assertThat(u.tags()).containsExactlyEntriesOf(Map.of("a", "b"));
    assertThat(u.playbackUrl()).isEqualTo(c.playbackUrl());
    assertThat(sdk.client().getChannel(b -> b.arn(c.arn())).channel()).isEqualTo(u);
  }

  @Test
  void updateChannel_whileLive_isConflict_andNothingChanges() {
    Channel c = sdk.client().createChannel(b -> b.name("live")).channel();
    ivs.ivsLocal().control().startStream(c.arn());

    assertThatThrownBy(() -> sdk.client().updateChannel(b -> b.arn(c.arn()).name("renamed")))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("Live channels cannot be updated");
    assertThat(sdk.client().getChannel(b -> b.arn(c.arn())).channel().name()).isEqualTo("live");
  }

  @Test
  void updateChannel_missing_isNotFound() {
    assertThatThrownBy(() -> sdk.client().updateChannel(b -> b.arn(missingChannelArn()).name("x")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void deleteChannel_removesChannelAndItsStreamKeys() {
    CreateChannelResponse r = sdk.client().createChannel(b -> {});

    sdk.client().deleteChannel(b -> b.arn(r.channel().arn()));

    assertThatThrownBy(() -> sdk.client().getChannel(b -> b.arn(r.channel().arn())))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> sdk.client().getStreamKey(b -> b.arn(r.streamKey().arn())))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> sdk.client().deleteChannel(b -> b.arn(r.channel().arn())))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void deleteChannel_whileLive_isConflict() {
    Channel c = sdk.client().createChannel(b -> {}).channel();
    ivs.ivsLocal().control().startStream(c.arn());

    assertThatThrownBy(() -> sdk.client().deleteChannel(b -> b.arn(c.arn())))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("live channel cannot be deleted");
    ivs.ivsLocal().control().endStream(c.arn());
    sdk.client().deleteChannel(b -> b.arn(c.arn()));
    assertThat(sdk.client().listChannels(b -> {}).channels()).isEmpty();
  }
}
