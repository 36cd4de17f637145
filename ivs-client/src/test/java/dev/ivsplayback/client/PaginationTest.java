package dev.ivsplayback.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivsplayback.local.IvsLocalControl;
import dev.ivsplayback.local.IvsLocalExtension;
import dev.ivsplayback.local.StreamHealth;
import dev.ivsplayback.token.PlaybackKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ivs.model.ListChannelsRequest;
import software.amazon.awssdk.services.ivs.model.ListPlaybackKeyPairsRequest;
import software.amazon.awssdk.services.ivs.model.ListPlaybackRestrictionPoliciesRequest;
import software.amazon.awssdk.services.ivs.model.ListRecordingConfigurationsRequest;
import software.amazon.awssdk.services.ivs.model.ListStreamKeysRequest;
import software.amazon.awssdk.services.ivs.model.ListStreamSessionsRequest;
import software.amazon.awssdk.services.ivs.model.ListStreamsRequest;
import software.amazon.awssdk.services.ivs.model.StreamFilters;

/**
 * Lazily paginated streams for all seven list operations, across several pages, with filters passed
 * through.
 */
class PaginationTest {
  @RegisterExtension static IvsLocalExtension ivs = new IvsLocalExtension().resetBeforeEachTest();

  private IvsPlaybackClient client;
  private IvsLocalControl control;

  @BeforeEach
  void setUp() {
    client = IvsPlaybackClient.create(TestSupport.config(ivs.endpoint()).build());
    control = ivs.ivsLocal().control();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private List<String> channels(String prefix, int count) {
    List<String> arns = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = i;
      arns.add(client.sync().createChannel(b -> b.name(prefix + n)).channel().arn());
    }
    return arns;
  }

  @Test
  void listChannels_acrossThreePages_returnsEveryChannelOnce() {
    List<String> arns = channels("c", 5);

    List<String> listed =
        client
            .listChannels(ListChannelsRequest.builder().maxResults(2).build())
            .map(c -> c.arn())
            .toList();

    assertThat(listed).containsExactlyInAnyOrderElementsOf(arns);
    assertThat(control.callCount("ListChannels")).isEqualTo(3);
  }

  @Test
  void listChannels_fetchesPagesOnlyAsTheStreamIsConsumed() {
    channels("c", 5);

    Stream<?> stream = client.listChannels(ListChannelsRequest.builder().maxResults(2).build());
    assertThat(control.callCount("ListChannels")).isZero();

    assertThat(stream.limit(3).count()).isEqualTo(3);
    assertThat(control.callCount("ListChannels")).isEqualTo(2);
  }

  @Test
  void listChannels_passesTheNameFilterThrough() {
    channels("other", 3);
    client.sync().createChannel(b -> b.name("wanted"));

    assertThat(
            client
                .listChannels(
                    ListChannelsRequest.builder().filterByName("wanted").maxResults(1).build())
                .map(c -> c.name())
                .toList())
        .containsExactly("wanted");
  }

  @Test
  void listStreamKeys_onePerChannel_fitsOnOnePage() {
    // IVS allows one stream key per channel, so a channel's key list cannot span two pages;
    // maxResults=1 is the
    // tightest page size and the stream must end after the single key without another call.
    String arn = channels("c", 1).get(0);

    assertThat(
            client
                .listStreamKeys(
                    ListStreamKeysRequest.builder().channelArn(arn).maxResults(1).build())
                .map(k -> k.channelArn())
                .toList())
        .containsExactly(arn);
    assertThat(control.callCount("ListStreamKeys")).isEqualTo(1);
  }

  @Test
  void listStreams_acrossThreePages_andWithHealthFilter() {
    List<String> arns = channels("live", 3);
    arns.forEach(control::startStream);
    control.updateStream(arns.get(1), StreamHealth.STARVING, 7);

    assertThat(
            client
                .listStreams(ListStreamsRequest.builder().maxResults(1).build())
                .map(s -> s.channelArn())
                .toList())
        .containsExactlyInAnyOrderElementsOf(arns);
    assertThat(control.callCount("ListStreams")).isEqualTo(3);

    assertThat(
            client
                .listStreams(
                    ListStreamsRequest.builder()
                        .maxResults(1)
                        .filterBy(StreamFilters.builder().health("STARVING").build())
                        .build())
                .map(s -> s.channelArn())
                .toList())
        .containsExactly(arns.get(1));
  }

  @Test
  void listStreamSessions_acrossThreePages() {
    String arn = channels("c", 1).get(0);
    List<String> streamIds = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      streamIds.add(control.startStream(arn).streamId());
      control.endStream(arn);
    }

    assertThat(
            client
                .listStreamSessions(
                    ListStreamSessionsRequest.builder().channelArn(arn).maxResults(1).build())
                .map(s -> s.streamId())
                .toList())
        .containsExactlyInAnyOrderElementsOf(streamIds);
    assertThat(control.callCount("ListStreamSessions")).isEqualTo(3);
  }

  @Test
  void listPlaybackKeyPairs_acrossThreePages() {
    List<String> arns =
        IntStream.range(0, 3)
            .mapToObj(
                i ->
                    client
                        .sync()
                        .importPlaybackKeyPair(
                            b ->
                                b.publicKeyMaterial(
                                    PlaybackKeys.toPublicKeyPem(TestSupport.p384().getPublic())))
                        .keyPair()
                        .arn())
            .toList();

    assertThat(
            client
                .listPlaybackKeyPairs(ListPlaybackKeyPairsRequest.builder().maxResults(1).build())
                .map(k -> k.arn())
                .toList())
        .containsExactlyInAnyOrderElementsOf(arns);
    assertThat(control.callCount("ListPlaybackKeyPairs")).isEqualTo(3);
  }

  @Test
  void listRecordingConfigurations_acrossTwoPages() {
    List<String> arns =
        IntStream.range(0, 3)
            .mapToObj(
                i ->
                    client
                        .sync()
                        .createRecordingConfiguration(
                            b ->
                                b.name("rc" + i)
                                    .destinationConfiguration(
                                        d -> d.s3(s3 -> s3.bucketName("bucket-" + i))))
                        .recordingConfiguration()
                        .arn())
            .toList();

    assertThat(
            client
                .listRecordingConfigurations(
                    ListRecordingConfigurationsRequest.builder().maxResults(2).build())
                .map(r -> r.arn())
                .toList())
        .containsExactlyInAnyOrderElementsOf(arns);
    assertThat(control.callCount("ListRecordingConfigurations")).isEqualTo(2);
  }

  @Test
  void listPlaybackRestrictionPolicies_acrossThreePages() {
    List<String> arns =
        IntStream.range(0, 3)
            .mapToObj(
                i ->
                    client
                        .sync()
                        .createPlaybackRestrictionPolicy(
                            b -> b.name("p" + i).allowedCountries("US"))
                        .playbackRestrictionPolicy()
                        .arn())
            .toList();

    assertThat(
            client
                .listPlaybackRestrictionPolicies(
                    ListPlaybackRestrictionPoliciesRequest.builder().maxResults(1).build())
                .map(p -> p.arn())
                .toList())
        .containsExactlyInAnyOrderElementsOf(arns);
    assertThat(control.callCount("ListPlaybackRestrictionPolicies")).isEqualTo(3);
  }

  @Test
  void listWithoutArguments_returnsEverything() {
    List<String> arns = channels("c", 2);
    assertThat(client.listChannels().map(c -> c.arn()).toList())
        .containsExactlyInAnyOrderElementsOf(arns);
    assertThat(client.listStreams().toList()).isEmpty();
    assertThat(client.listStreamSessions(arns.get(0)).toList()).isEmpty();
    assertThat(client.listStreamKeys(arns.get(0)).toList()).hasSize(1);
    assertThat(client.listPlaybackKeyPairs().toList()).isEmpty();
    assertThat(client.listRecordingConfigurations().toList()).isEmpty();
    assertThat(client.listPlaybackRestrictionPolicies().toList()).isEmpty();
  }

  @Test
  void listStreamKeys_withoutChannel_isRejectedBeforeAnyCall() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.listStreamKeys((String) null))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("channelArn");
    assertThat(control.callCount("ListStreamKeys")).isZero();
  }
}
