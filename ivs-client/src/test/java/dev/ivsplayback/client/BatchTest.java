package dev.ivsplayback.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.local.IvsLocalControl;
import dev.ivsplayback.local.IvsLocalExtension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ivs.model.CreateChannelResponse;

/** Batches of any size: chunked to IVS's limits, results and per-item errors merged. */
class BatchTest {
  @RegisterExtension static IvsLocalExtension ivs = new IvsLocalExtension();

  private static IvsPlaybackClient client;
  private static final List<String> CHANNELS = new ArrayList<>();
  private static final List<String> STREAM_KEYS = new ArrayList<>();
  private static final String MISSING_PREFIX = "arn:aws:ivs:us-west-2:123456789012:channel/missing";

  private IvsLocalControl control;

  @BeforeAll
  static void createChannels() {
    client = IvsPlaybackClient.create(TestSupport.config(ivs.endpoint()).build());
    for (int i = 0; i < 120; i++) {
      CreateChannelResponse created = client.sync().createChannel(b -> b.name("batch"));
      CHANNELS.add(created.channel().arn());
      STREAM_KEYS.add(created.streamKey().arn());
    }
  }

  @AfterAll
  static void closeClient() {
    client.close();
  }

  @BeforeEach
  void setUp() {
    control = ivs.ivsLocal().control();
  }

  @Test
  void batchGetChannels_120Arns_takesThreeCallsAndReturnsAll() {
    long before = control.callCount("BatchGetChannel");

    BatchGetResult<?> result = client.batchGetChannels(CHANNELS);

    assertThat(result.items()).hasSize(120);
    assertThat(result.errors()).isEmpty();
    assertThat(control.callCount("BatchGetChannel") - before).isEqualTo(3);
  }

  @Test
  void batchGetChannels_mergesPerArnErrorsFromEveryChunk_andDropsDuplicates() {
    List<String> arns = new ArrayList<>(CHANNELS);
    arns.add(1, MISSING_PREFIX + "A");
    arns.add(MISSING_PREFIX + "B");
    arns.add(CHANNELS.get(0));
    long before = control.callCount("BatchGetChannel");

    var result = client.batchGetChannels(arns);

    assertThat(result.items()).extracting(c -> c.arn()).containsExactlyElementsOf(CHANNELS);
    assertThat(result.errors())
        .extracting(e -> e.arn())
        .containsExactly(MISSING_PREFIX + "A", MISSING_PREFIX + "B");
    assertThat(control.callCount("BatchGetChannel") - before).isEqualTo(3);
  }

  @Test
  void batchGetStreamKeys_120Arns_takesThreeCalls() {
    long before = control.callCount("BatchGetStreamKey");

    var result = client.batchGetStreamKeys(STREAM_KEYS);

    assertThat(result.items()).extracting(k -> k.arn()).containsExactlyElementsOf(STREAM_KEYS);
    assertThat(control.callCount("BatchGetStreamKey") - before).isEqualTo(3);
  }

  @Test
  void batchGet_ofNothing_makesNoCall() {
    long before = control.callCount("BatchGetChannel");
    assertThat(client.batchGetChannels(List.of()).items()).isEmpty();
    assertThat(control.callCount("BatchGetChannel")).isEqualTo(before);
  }

  @Test
  void batchGet_withBlankArn_isRejectedNamingTheField() {
    assertThatThrownBy(() -> client.batchGetChannels(Arrays.asList(CHANNELS.get(0), " ")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("channelArns element")
        .extracting(e -> ((InvalidRequestException) e).field())
        .isEqualTo("channelArns element");
  }

  @Test
  void revokeViewers_45Revocations_takesThreeCallsAndMergesErrors() {
    List<ViewerRevocation> revocations = new ArrayList<>();
    for (int i = 0; i < 43; i++) {
      revocations.add(new ViewerRevocation(CHANNELS.get(i), "viewer-" + i, i));
    }
    revocations.add(new ViewerRevocation(MISSING_PREFIX + "X", "viewer-x", 1));
    revocations.add(new ViewerRevocation(MISSING_PREFIX + "Y", "viewer-y", 1));
    long before = control.callCount("BatchStartViewerSessionRevocation");

    BatchRevocationResult result = client.revokeViewers(revocations);

    assertThat(result.submitted()).isEqualTo(45);
    assertThat(result.allStarted()).isFalse();
    assertThat(result.errors())
        .extracting(e -> e.viewerId())
        .containsExactly("viewer-x", "viewer-y");
    assertThat(control.callCount("BatchStartViewerSessionRevocation") - before).isEqualTo(3);
  }

  @Test
  void revokeViewer_startsOneRevocation() {
    long before = control.callCount("StartViewerSessionRevocation");
    client.revokeViewer(CHANNELS.get(0), "viewer-9", 4);
    assertThat(control.callCount("StartViewerSessionRevocation") - before).isEqualTo(1);
  }

  @Test
  void revokeViewer_withTooLongViewerId_isRejectedBeforeAnyCall() {
    long before = control.callCount("StartViewerSessionRevocation");
    assertThatThrownBy(() -> client.revokeViewer(CHANNELS.get(0), "v".repeat(41), 0))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("viewerId is 41 characters; IVS allows 1 to 40");
    assertThatThrownBy(() -> client.revokeViewer(CHANNELS.get(0), "v", -1))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("at least 0");
    assertThat(control.callCount("StartViewerSessionRevocation")).isEqualTo(before);
  }
}
