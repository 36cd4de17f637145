package dev.ivsplayback.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ivs.model.Channel;
import software.amazon.awssdk.services.ivs.model.ChannelNotBroadcastingException;
import software.amazon.awssdk.services.ivs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ivs.model.Stream;
import software.amazon.awssdk.services.ivs.model.StreamEvent;
import software.amazon.awssdk.services.ivs.model.StreamHealth;
import software.amazon.awssdk.services.ivs.model.StreamSession;
import software.amazon.awssdk.services.ivs.model.StreamSessionSummary;
import software.amazon.awssdk.services.ivs.model.StreamState;
import software.amazon.awssdk.services.ivs.model.StreamSummary;
import software.amazon.awssdk.services.ivs.model.ValidationException;

/**
 * GetStream, ListStreams, StopStream, PutMetadata, GetStreamSession, ListStreamSessions with
 * simulated broadcasts.
 */
class StreamOperationsTest {
  static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));

  @RegisterExtension
  static IvsLocalExtension ivs =
      new IvsLocalExtension(IvsLocal.builder().clock(CLOCK)).resetBeforeEachTest();

  @RegisterExtension static final Sdk.ClientExtension sdk = new Sdk.ClientExtension(ivs);

  private static IvsLocalControl control() {
    return ivs.ivsLocal().control();
  }

  @Test
  void getStream_whileLive_reportsTheStream() {
    Channel c = sdk.client().createChannel(b -> {}).channel();
    LiveStream live = control().startStream(c.arn());

    Stream s = sdk.client().getStream(b -> b.channelArn(c.arn())).stream();

    assertThat(live.streamId()).matches("st-[a-zA-Z0-9]{23}");
    assertThat(s.channelArn()).isEqualTo(c.arn());
    assertThat(s.streamId()).isEqualTo(live.streamId());
    assertThat(s.playbackUrl()).isEqualTo(c.playbackUrl());
    assertThat(s.startTime()).isEqualTo(CLOCK.instant());
    assertThat(s.state()).isEqualTo(StreamState.LIVE);
    assertThat(s.health()).isEqualTo(StreamHealth.HEALTHY);
    assertThat(s.viewerCount()).isZero();
  }

  @Test
  void getStream_offline_isChannelNotBroadcasting() {
    Channel c = sdk.client().createChannel(b -> {}).channel();

    assertThatThrownBy(() -> sdk.client().getStream(b -> b.channelArn(c.arn())))
        .isInstanceOf(ChannelNotBroadcastingException.class)
        .hasMessageContaining("not broadcasting")
        .satisfies(
            e -> assertThat(((ChannelNotBroadcastingException) e).statusCode()).isEqualTo(404));
    assertThatThrownBy(
            () ->
                sdk.client()
                    .getStream(
                        b -> b.channelArn("arn:aws:ivs:us-west-2:123456789012:channel/none")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void updateStream_setsHealthAndViewerCount() {
    Channel c = sdk.client().createChannel(b -> {}).channel();
    control().startStream(c.arn());

    LiveStream l = control().updateStream(c.arn(), dev.ivsplayback.local.StreamHealth.STARVING, 42);

    assertThat(l.viewerCount()).isEqualTo(42);
    Stream s = sdk.client().getStream(b -> b.channelArn(c.arn())).stream();
    assertThat(s.health()).isEqualTo(StreamHealth.STARVING);
    assertThat(s.viewerCount()).isEqualTo(42L);
  }

  @Test
  void updateStream_whenViewerCountIsInvalid_changesNothing() {
    Channel c = sdk.client().createChannel(b -> {}).channel();
    control().startStream(c.arn());

    assertThatThrownBy(
            () -> control().updateStream(c.arn(), dev.ivsplayback.local.StreamHealth.STARVING, -2))
        .isInstanceOf(IvsLocalException.class)
        .hasMessageContaining("viewerCount");

    Stream s = sdk.client().getStream(b -> b.channelArn(c.arn())).stream();
    assertThat(s.health()).isEqualTo(StreamHealth.HEALTHY);
    assertThat(s.viewerCount()).isZero();
  }

  @Test
  void listStreams_listsLiveStreamsOnly_filteredByHealth() {
    Channel a = sdk.client().createChannel(b -> b.name("a")).channel();
    Channel b2 = sdk.client().createChannel(b -> b.name("b")).channel();
    sdk.client().createChannel(b -> b.name("offline"));
    control().startStream(a.arn());
    control().startStream(b2.arn());
    control().updateStream(b2.arn(), dev.ivsplayback.local.StreamHealth.STARVING, 7);

    List<StreamSummary> all = sdk.client().listStreams(b -> {}).streams();
    List<StreamSummary> starving =
        sdk.client().listStreams(b -> b.filterBy(f -> f.health(StreamHealth.STARVING))).streams();

    assertThat(all).extracting(StreamSummary::channelArn).containsExactly(a.arn(), b2.arn());
    assertThat(starving)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.channelArn()).isEqualTo(b2.arn());
              assertThat(s.state()).isEqualTo(StreamState.LIVE);
              assertThat(s.viewerCount()).isEqualTo(7L);
              assertThat(s.streamId()).startsWith("st-");
              assertThat(s.startTime()).isEqualTo(CLOCK.instant());
            });
    assertThat(sdk.client().listStreams(b -> b.maxResults(1)).nextToken()).isNotEmpty();
  }

  @Test
  void stopStream_endsTheBroadcast_andOfflineStopIsChannelNotBroadcasting() {
    Channel c = sdk.client().createChannel(b -> {}).channel();
    control().startStream(c.arn());

    sdk.client().stopStream(b -> b.channelArn(c.arn()));

    assertThat(sdk.client().listStreams(b -> {}).streams()).isEmpty();
    assertThatThrownBy(() -> sdk.client().stopStream(b -> b.channelArn(c.arn())))
        .isInstanceOf(ChannelNotBroadcastingException.class);
    sdk.client().updateChannel(b -> b.arn(c.arn()).name("after-stop"));
  }

  @Test
  void putMetadata_recordsPayloadsWhileLive() {
    Channel c = sdk.client().createChannel(b -> {}).channel();
    control().startStream(c.arn());

    sdk.client().putMetadata(b -> b.channelArn(c.arn()).metadata("{\"question\":\"1+1?\"}"));
    sdk.client().putMetadata(b -> b.channelArn(c.arn()).metadata("ünïcode ✓"));

    assertThat(control().metadata(c.arn())).containsExactly("{\"question\":\"1+1?\"}", "ünïcode ✓");
  }

  @Test
  void putMetadata_offline_isChannelNotBroadcasting() {
    Channel c = sdk.client().createChannel(b -> {}).channel();

    assertThatThrownBy(() -> sdk.client().putMetadata(b -> b.channelArn(c.arn()).metadata("x")))
        .isInstanceOf(ChannelNotBroadcastingException.class);
    assertThat(control().metadata(c.arn())).isEmpty();
  }

  @Test
  void putMetadata_over1KB_isValidationException() {
    Channel c = sdk.client().createChannel(b -> {}).channel();
    control().startStream(c.arn());

    sdk.client().putMetadata(b -> b.channelArn(c.arn()).metadata("a".repeat(1024)));
    assertThatThrownBy(
            () -> sdk.client().putMetadata(b -> b.channelArn(c.arn()).metadata("a".repeat(1025))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("metadata")
        .hasMessageContaining("1 KB");
    assertThatThrownBy(
            () -> sdk.client().putMetadata(b -> b.channelArn(c.arn()).metadata("é".repeat(513))))
        .as("the limit counts UTF-8 bytes")
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> sdk.client().putMetadata(b -> b.channelArn(c.arn()).metadata("")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("minimum length 1");
    assertThat(control().metadata(c.arn())).hasSize(1);
  }

  @Test
  void getStreamSession_returnsSessionWithEventsMostRecentFirst() {
    Channel c = sdk.client().createChannel(b -> b.name("sess")).channel();
    LiveStream first = control().startStream(c.arn());
    Instant start = CLOCK.instant();
    CLOCK.advance(Duration.ofMinutes(10));
    control().endStream(c.arn());

    StreamSession s = sdk.client().getStreamSession(b -> b.channelArn(c.arn())).streamSession();

    assertThat(s.streamId()).isEqualTo(first.streamId());
    assertThat(s.startTime()).isEqualTo(start);
    assertThat(s.endTime()).isEqualTo(start.plus(Duration.ofMinutes(10)));
    assertThat(s.channel().arn()).isEqualTo(c.arn());
    assertThat(s.channel().name()).isEqualTo("sess");
    assertThat(s.ingestConfiguration().video().codec()).isNotEmpty();
    assertThat(s.ingestConfigurations().audioConfigurations()).hasSize(1);
    assertThat(s.recordingConfiguration()).isNull();
    assertThat(s.truncatedEvents())
        .extracting(StreamEvent::name)
        .containsExactly("Session Ended", "Stream End", "Stream Start", "Session Created");
    assertThat(s.truncatedEvents().get(0).eventTime()).isEqualTo(s.endTime());
  }

  @Test
  void getStreamSession_byIdAmongSeveral_andUnknownIdIsNotFound() {
    Channel c = sdk.client().createChannel(b -> {}).channel();
    LiveStream first = control().startStream(c.arn());
    control().endStream(c.arn());
    LiveStream second = control().startStream(c.arn());

    StreamSession byId =
        sdk.client()
            .getStreamSession(b -> b.channelArn(c.arn()).streamId(first.streamId()))
            .streamSession();
    StreamSession latest =
        sdk.client().getStreamSession(b -> b.channelArn(c.arn())).streamSession();

    assertThat(byId.streamId()).isEqualTo(first.streamId());
    assertThat(latest.streamId()).isEqualTo(second.streamId());
    assertThat(latest.endTime()).isNull();
    assertThatThrownBy(
            () ->
                sdk.client()
                    .getStreamSession(b -> b.channelArn(c.arn()).streamId("st-" + "A".repeat(23))))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(
            () -> sdk.client().getStreamSession(b -> b.channelArn(c.arn()).streamId("st-short")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("streamId");
  }

  @Test
  void getStreamSession_recordsRecordingConfigurationAndEvents() {
    String rc =
        sdk.client()
            .createRecordingConfiguration(
                b -> b.destinationConfiguration(d -> d.s3(s -> s.bucketName("rec-bucket"))))
            .recordingConfiguration()
            .arn();
    Channel c = sdk.client().createChannel(b -> b.recordingConfigurationArn(rc)).channel();
    control().startStream(c.arn());

    StreamSession s = sdk.client().getStreamSession(b -> b.channelArn(c.arn())).streamSession();

    assertThat(s.recordingConfiguration().arn()).isEqualTo(rc);
    assertThat(s.truncatedEvents()).extracting(StreamEvent::name).contains("Recording Start");
  }

  @Test
  void listStreamSessions_mostRecentFirst_withPagination() {
    Channel c = sdk.client().createChannel(b -> {}).channel();
    LiveStream s1 = control().startStream(c.arn());
    control().endStream(c.arn());
    LiveStream s2 = control().startStream(c.arn());

    List<StreamSessionSummary> all =
        sdk.client().listStreamSessions(b -> b.channelArn(c.arn())).streamSessions();
    var page = sdk.client().listStreamSessions(b -> b.channelArn(c.arn()).maxResults(1));
    var rest =
        sdk.client()
            .listStreamSessions(
                b -> b.channelArn(c.arn()).maxResults(1).nextToken(page.nextToken()));

    assertThat(all)
        .extracting(StreamSessionSummary::streamId)
        .containsExactly(s2.streamId(), s1.streamId());
    assertThat(all.get(0).endTime()).isNull();
    assertThat(all.get(1).endTime()).isNotNull();
    assertThat(all.get(0).hasErrorEvent()).isFalse();
    assertThat(page.streamSessions())
        .extracting(StreamSessionSummary::streamId)
        .containsExactly(s2.streamId());
    assertThat(rest.streamSessions())
        .extracting(StreamSessionSummary::streamId)
        .containsExactly(s1.streamId());
    assertThatThrownBy(
            () ->
                sdk.client()
                    .listStreamSessions(
                        b -> b.channelArn("arn:aws:ivs:us-west-2:123456789012:channel/none")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void control_startStreamTwice_orOnMissingChannel_isIvsLocalException() {
    Channel c = sdk.client().createChannel(b -> {}).channel();
    control().startStream(c.arn());

    assertThatThrownBy(() -> control().startStream(c.arn()))
        .isInstanceOf(IvsLocalException.class)
        .hasMessageContaining("already live");
    assertThatThrownBy(
            () -> control().startStream("arn:aws:ivs:us-west-2:123456789012:channel/none"))
        .isInstanceOf(IvsLocalException.class)
        .hasMessageContaining("not found");
    assertThatThrownBy(
            () -> control().updateStream(c.arn(), dev.ivsplayback.local.StreamHealth.HEALTHY, -2))
        .isInstanceOf(IvsLocalException.class)
        .hasMessageContaining("viewerCount");
  }
}
