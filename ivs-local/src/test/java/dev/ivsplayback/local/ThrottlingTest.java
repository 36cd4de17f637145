package dev.ivsplayback.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ivs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ivs.model.ThrottlingException;

/** IVS's per-operation TPS quotas, on demand; time is driven with an injected clock. */
class ThrottlingTest {
  static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
  static final String MISSING = "arn:aws:ivs:us-west-2:123456789012:channel/missing";

  @RegisterExtension
  static IvsLocalExtension ivs =
      new IvsLocalExtension(IvsLocal.builder().clock(CLOCK).throttling(true)).resetBeforeEachTest();

  @RegisterExtension static final Sdk.ClientExtension sdk = new Sdk.ClientExtension(ivs);

  @Test
  void getChannel_sixthCallInOneSecond_isThrottled_untilTheWindowMoves() {
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> sdk.client().getChannel(b -> b.arn(MISSING)))
          .isInstanceOf(ResourceNotFoundException.class);
    }

    assertThatThrownBy(() -> sdk.client().getChannel(b -> b.arn(MISSING)))
        .isInstanceOfSatisfying(
            ThrottlingException.class, e -> assertThat(e.statusCode()).isEqualTo(429))
        .hasMessageContaining("GetChannel allows 5 requests per second");

    CLOCK.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> sdk.client().getChannel(b -> b.arn(MISSING)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void importPlaybackKeyPair_allowsThreePerSecond() {
    for (int i = 0; i < 3; i++) {
      sdk.client().importPlaybackKeyPair(b -> b.publicKeyMaterial(Sdk.pem(Sdk.p384().getPublic())));
    }

    assertThatThrownBy(() -> sdk.client().importPlaybackKeyPair(b -> b.publicKeyMaterial("x")))
        .isInstanceOf(ThrottlingException.class)
        .hasMessageContaining("3 requests per second");
    CLOCK.advance(Duration.ofSeconds(1));
  }

  @Test
  void putMetadata_allowsFivePerSecondPerChannel() {
    String a = sdk.client().createChannel(b -> {}).channel().arn();
    String b2 = sdk.client().createChannel(b -> {}).channel().arn();
    ivs.ivsLocal().control().startStream(a);
    ivs.ivsLocal().control().startStream(b2);
    for (int i = 0; i < 5; i++) {
      sdk.client().putMetadata(b -> b.channelArn(a).metadata("m"));
    }

    assertThatThrownBy(() -> sdk.client().putMetadata(b -> b.channelArn(a).metadata("m")))
        .isInstanceOf(ThrottlingException.class)
        .hasMessageContaining("per channel");
    sdk.client().putMetadata(b -> b.channelArn(b2).metadata("other channel"));
    CLOCK.advance(Duration.ofMillis(1001));
    sdk.client().putMetadata(b -> b.channelArn(a).metadata("next second"));

    assertThat(ivs.ivsLocal().control().metadata(a)).hasSize(6).endsWith("next second");
  }

  @Test
  void putMetadata_allows155PerSecondPerAccount() {
    ivs.ivsLocal().control().throttling(false);
    java.util.List<String> channels = new java.util.ArrayList<>();
    for (int i = 0; i < 32; i++) {
      String arn = sdk.client().createChannel(b -> {}).channel().arn();
      ivs.ivsLocal().control().startStream(arn);
      channels.add(arn);
    }
    ivs.ivsLocal().control().throttling(true);
    try {
      for (int i = 0; i < 155; i++) {
        String arn = channels.get(i / 5);
        sdk.client().putMetadata(b -> b.channelArn(arn).metadata("m"));
      }

      assertThatThrownBy(
              () -> sdk.client().putMetadata(b -> b.channelArn(channels.get(31)).metadata("m")))
          .isInstanceOf(ThrottlingException.class)
          .hasMessageContaining("155 requests per second per account");
      assertThat(ivs.ivsLocal().control().metadata(channels.get(31))).isEmpty();
    } finally {
      CLOCK.advance(Duration.ofSeconds(1));
    }
  }

  @Test
  void throttling_canBeSwitchedOff() {
    ivs.ivsLocal().control().throttling(false);
    try {
      for (int i = 0; i < 12; i++) {
        assertThatThrownBy(() -> sdk.client().getChannel(b -> b.arn(MISSING)))
            .isInstanceOf(ResourceNotFoundException.class);
      }
    } finally {
      ivs.ivsLocal().control().throttling(true);
      CLOCK.advance(Duration.ofSeconds(1));
    }
  }
}
