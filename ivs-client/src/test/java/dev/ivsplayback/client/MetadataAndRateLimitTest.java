package dev.ivsplayback.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.client.TestSupport.ClockSleeper;
import dev.ivsplayback.local.IvsLocalControl;
import dev.ivsplayback.local.IvsLocalExtension;
import dev.ivsplayback.testing.MutableClock;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ivs.model.ChannelNotBroadcastingException;

/**
 * PutMetadata's size check and per-channel limiter, and the optional client-side TPS limits, on a
 * test clock.
 */
class MetadataAndRateLimitTest {
  @RegisterExtension static IvsLocalExtension ivs = new IvsLocalExtension().resetBeforeEachTest();

  private final MutableClock clock = TestSupport.clock();
  private final ClockSleeper sleeper = new ClockSleeper(clock);
  private IvsPlaybackClient client;
  private IvsLocalControl control;
  private String channel;

  @BeforeEach
  void setUp() {
    client =
        IvsPlaybackClient.create(
            TestSupport.config(ivs.endpoint()).clock(clock).sleeper(sleeper).build());
    control = ivs.ivsLocal().control();
    channel = client.sync().createChannel(b -> b.name("live")).channel().arn();
    control.startStream(channel);
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  @Test
  void putMetadata_of1000Utf8Bytes_isSent() {
    String payload = "€".repeat(333) + "a"; // 999 + 1 bytes
    client.putMetadata(channel, payload);
    assertThat(control.metadata(channel)).containsExactly(payload);
  }

  @Test
  void putMetadata_over1000Utf8Bytes_isRejectedBeforeTheCall() {
    String payload = "€".repeat(334); // 334 characters, 1002 bytes
    assertThatThrownBy(() -> client.putMetadata(channel, payload))
        .isInstanceOf(MetadataTooLargeException.class)
        .hasMessageContaining("1002 bytes in UTF-8")
        .hasMessageContaining("at most 1000 bytes")
        .satisfies(e -> assertThat(((MetadataTooLargeException) e).field()).isEqualTo("metadata"));
    assertThat(control.callCount("PutMetadata")).isZero();
  }

  @Test
  void putMetadata_empty_isRejectedBeforeTheCall() {
    assertThatThrownBy(() -> client.putMetadata(channel, ""))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("metadata is required");
    assertThat(control.callCount("PutMetadata")).isZero();
  }

  @Test
  void putMetadata_sixthWithinOneSecond_waitsUntilTheWindowFrees() {
    for (int i = 0; i < 5; i++) {
      client.putMetadata(channel, "m" + i, RateLimitMode.WAIT);
    }
    assertThat(sleeper.sleeps).isEmpty();

    client.putMetadata(channel, "m5", RateLimitMode.WAIT);

    assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(1));
    assertThat(control.metadata(channel)).containsExactly("m0", "m1", "m2", "m3", "m4", "m5");
  }

  @Test
  void putMetadata_spreadOverTime_neverWaits() {
    for (int i = 0; i < 12; i++) {
      client.putMetadata(channel, "m" + i, RateLimitMode.WAIT);
      clock.advance(Duration.ofMillis(200));
    }
    assertThat(sleeper.sleeps).isEmpty();
    assertThat(control.callCount("PutMetadata")).isEqualTo(12);
  }

  @Test
  void putMetadata_sixthWithinOneSecond_failsFastWithoutCalling() {
    for (int i = 0; i < 5; i++) {
      client.putMetadata(channel, "m" + i, RateLimitMode.FAIL_FAST);
      clock.advance(Duration.ofMillis(100));
    }

    assertThatThrownBy(() -> client.putMetadata(channel, "m5", RateLimitMode.FAIL_FAST))
        .isInstanceOf(RateLimitExceededException.class)
        .hasMessageContaining("5 requests per second")
        .satisfies(
            e -> {
              RateLimitExceededException r = (RateLimitExceededException) e;
              assertThat(r.scope()).isEqualTo(channel);
              assertThat(r.retryAfter()).isEqualTo(Duration.ofMillis(500));
            });
    assertThat(control.callCount("PutMetadata")).isEqualTo(5);

    clock.advance(Duration.ofMillis(500));
    client.putMetadata(channel, "m5", RateLimitMode.FAIL_FAST);
    assertThat(control.callCount("PutMetadata")).isEqualTo(6);
    assertThat(sleeper.sleeps).isEmpty();
  }

  @Test
  void putMetadata_limitIsPerChannel() {
    String other = client.sync().createChannel(b -> b.name("other")).channel().arn();
    control.startStream(other);
    for (int i = 0; i < 5; i++) {
      client.putMetadata(channel, "m" + i, RateLimitMode.FAIL_FAST);
    }
    client.putMetadata(other, "x", RateLimitMode.FAIL_FAST);
    assertThat(control.metadata(other)).containsExactly("x");
  }

  @Test
  void putMetadata_offlineChannel_surfacesIvsError() {
    control.endStream(channel);
    assertThatThrownBy(() -> client.putMetadata(channel, "cue"))
        .isInstanceOf(ChannelNotBroadcastingException.class);
  }

  @Test
  void clientSideRateLimits_sixthGetChannelInOneSecond_waits() {
    try (IvsPlaybackClient limited =
        IvsPlaybackClient.create(
            TestSupport.config(ivs.endpoint())
                .clock(clock)
                .sleeper(sleeper)
                .clientSideRateLimits(true)
                .build())) {
      for (int i = 0; i < 6; i++) {
        limited.sync().getChannel(b -> b.arn(channel));
      }
      assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(1));
      assertThat(control.callCount("GetChannel")).isEqualTo(6);
    }
  }

  @Test
  void clientSideRateLimits_failFast_refusesTheFourthImportWithinOneSecond() {
    try (IvsPlaybackClient limited =
        IvsPlaybackClient.create(
            TestSupport.config(ivs.endpoint())
                .clock(clock)
                .sleeper(sleeper)
                .clientSideRateLimits(true)
                .rateLimitMode(RateLimitMode.FAIL_FAST)
                .build())) {
      for (int i = 0; i < 3; i++) {
        limited.sync().listPlaybackKeyPairs(b -> {});
      }
      assertThatThrownBy(() -> limited.sync().listPlaybackKeyPairs(b -> {}))
          .isInstanceOf(RateLimitExceededException.class)
          .hasMessageContaining("ListPlaybackKeyPairs refused by the client-side rate limit of 3");
      assertThatThrownBy(() -> limited.async().listPlaybackKeyPairs(b -> {}).join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(RateLimitExceededException.class);
      assertThat(control.callCount("ListPlaybackKeyPairs")).isEqualTo(3);
    }
  }

  @Test
  void clientSideRateLimitsOff_neverWaits() {
    for (int i = 0; i < 20; i++) {
      client.sync().getChannel(b -> b.arn(channel));
    }
    assertThat(sleeper.sleeps).isEmpty();
  }
}
