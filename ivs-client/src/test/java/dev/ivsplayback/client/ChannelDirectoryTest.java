package dev.ivsplayback.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.local.IvsLocalControl;
import dev.ivsplayback.local.IvsLocalExtension;
import dev.ivsplayback.testing.MutableClock;
import dev.ivsplayback.token.IvsPlaybackException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The channel directory's hits, refresh, expiry and invalidation, counted at ivs-local, on a test
 * clock.
 */
class ChannelDirectoryTest {
  @RegisterExtension static IvsLocalExtension ivs = new IvsLocalExtension().resetBeforeEachTest();

  private final MutableClock clock = TestSupport.clock();
  private IvsPlaybackClient client;

  /** A second client, standing for changes made elsewhere (another process, the console). */
  private IvsPlaybackClient elsewhere;

  private ChannelDirectory directory;
  private IvsLocalControl control;
  private String channel;

  @BeforeEach
  void setUp() {
    client =
        IvsPlaybackClient.create(
            TestSupport.config(ivs.endpoint())
                .clock(clock)
                .channelDirectoryTtl(Duration.ofSeconds(60))
                .channelDirectoryRefreshAfter(Duration.ofSeconds(30))
                // background refreshes run on the calling thread, so the test can count them
                // without waiting
                .channelDirectoryExecutor(Runnable::run)
                .build());
    elsewhere = IvsPlaybackClient.create(TestSupport.config(ivs.endpoint()).build());
    directory = client.channelDirectory();
    control = ivs.ivsLocal().control();
    channel = client.sync().createChannel(b -> b.name("dir").authorized(false)).channel().arn();
  }

  @AfterEach
  void tearDown() {
    client.close();
    elsewhere.close();
  }

  private long getChannelCalls() {
    return control.callCount("GetChannel");
  }

  @Test
  void lookup_repeated_callsGetChannelOnce() {
    ChannelInfo first = directory.get(channel);
    for (int i = 0; i < 100; i++) {
      assertThat(directory.isAuthorized(channel)).isFalse();
      assertThat(directory.playbackUrl(channel)).isEqualTo(first.playbackUrl());
    }
    assertThat(first.playbackUrl()).endsWith(".m3u8");
    assertThat(getChannelCalls()).isEqualTo(1);
    assertThat(directory.stats().hitCount()).isEqualTo(200);
  }

  @Test
  void lookup_beforeRefreshAge_doesNotSeeChangesMadeElsewhere() {
    directory.get(channel);
    elsewhere.sync().updateChannel(b -> b.arn(channel).authorized(true));
    clock.advance(Duration.ofSeconds(29));

    assertThat(directory.isAuthorized(channel)).isFalse();
    assertThat(getChannelCalls()).isEqualTo(1);
  }

  @Test
  void lookup_afterRefreshAge_reloadsOnceAndThenServesTheNewValue() {
    directory.get(channel);
    elsewhere.sync().updateChannel(b -> b.arn(channel).authorized(true));
    clock.advance(Duration.ofSeconds(31));

    directory.find(channel); // triggers the reload
    assertThat(getChannelCalls()).isEqualTo(2);
    assertThat(directory.isAuthorized(channel)).isTrue();
    assertThat(getChannelCalls()).isEqualTo(2);
  }

  @Test
  void lookup_afterTtl_expiresAndLoadsAgain() {
    directory.get(channel);
    elsewhere.sync().updateChannel(b -> b.arn(channel).authorized(true));
    clock.advance(Duration.ofSeconds(61));

    assertThat(directory.isAuthorized(channel)).isTrue();
    assertThat(getChannelCalls()).isEqualTo(2);
  }

  @Test
  void updateChannel_throughSyncClient_invalidatesTheEntry() {
    assertThat(directory.isAuthorized(channel)).isFalse();

    client.sync().updateChannel(b -> b.arn(channel).authorized(true));

    assertThat(directory.isAuthorized(channel)).isTrue();
    assertThat(getChannelCalls()).isEqualTo(2);
  }

  @Test
  void updateChannel_throughAsyncClient_invalidatesTheEntry() {
    assertThat(directory.isAuthorized(channel)).isFalse();

    client.async().updateChannel(b -> b.arn(channel).authorized(true)).join();

    assertThat(directory.isAuthorized(channel)).isTrue();
    assertThat(getChannelCalls()).isEqualTo(2);
  }

  @Test
  void deleteChannel_throughThisClient_invalidates_andTheAbsenceIsCached() {
    directory.get(channel);

    client.sync().deleteChannel(b -> b.arn(channel));

    assertThat(directory.find(channel)).isEmpty();
    assertThat(directory.find(channel)).isEmpty();
    assertThat(getChannelCalls()).isEqualTo(2);
    assertThatThrownBy(() -> directory.isAuthorized(channel))
        .isInstanceOf(ChannelNotFoundException.class)
        .hasMessageContaining(channel);
  }

  @Test
  void unrelatedUpdate_keepsTheEntry() {
    directory.get(channel);
    String other = client.sync().createChannel(b -> b.name("other")).channel().arn();

    client.sync().updateChannel(b -> b.arn(other).name("renamed"));
    directory.get(channel);

    assertThat(getChannelCalls()).isEqualTo(1);
  }

  @Test
  void invalidate_forcesTheNextLookupToCallIvs() {
    directory.get(channel);
    directory.invalidate(channel);
    directory.get(channel);
    directory.invalidateAll();
    directory.get(channel);
    assertThat(getChannelCalls()).isEqualTo(3);
  }

  @Test
  void playbackUrlWithToken_appendsTheTokenQueryParameter() {
    String url = directory.playbackUrl(channel);
    assertThat(directory.playbackUrl(channel, "aaa.bbb.ccc")).isEqualTo(url + "?token=aaa.bbb.ccc");
    assertThatThrownBy(() -> directory.playbackUrl(channel, " "))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("token");
  }

  @Test
  void playbackUrlWithToken_whenUrlHasFragment_putsTheTokenBeforeIt() {
    // ivs-local's playback URLs have neither a fragment nor a query, so the URL step is exercised
    // directly.
    assertThat(ChannelDirectory.withToken("https://x.example/p.m3u8?a=1#t=10", "aaa.bbb.ccc"))
        .isEqualTo("https://x.example/p.m3u8?a=1&token=aaa.bbb.ccc#t=10");
    assertThat(ChannelDirectory.withToken("https://x.example/p.m3u8#live", "aaa.bbb.ccc"))
        .isEqualTo("https://x.example/p.m3u8?token=aaa.bbb.ccc#live");
  }

  @Test
  void playbackUrlWithToken_whenUrlAlreadyHasAToken_refuses() {
    assertThatThrownBy(
            () -> ChannelDirectory.withToken("https://x.example/p.m3u8?token=old", "aaa.bbb.ccc"))
        .isInstanceOf(IvsPlaybackException.class)
        .hasMessageContaining("already has a token parameter");
    assertThat(ChannelDirectory.withToken("https://x.example/p.m3u8?notoken=1", "aaa.bbb.ccc"))
        .isEqualTo("https://x.example/p.m3u8?notoken=1&token=aaa.bbb.ccc");
  }

  @Test
  void directory_holdsAtMostItsMaximumSize() {
    try (IvsPlaybackClient small =
        IvsPlaybackClient.create(
            TestSupport.config(ivs.endpoint())
                .clock(clock)
                .channelDirectoryMaximumSize(2)
                .channelDirectoryExecutor(Runnable::run)
                .build())) {
      for (int i = 0; i < 5; i++) {
        String arn = small.sync().createChannel(b -> b.name("many")).channel().arn();
        small.channelDirectory().get(arn);
      }
      assertThat(small.channelDirectory().estimatedSize()).isLessThanOrEqualTo(2);
      assertThat(small.channelDirectory().stats().evictionCount()).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void lookup_ofBlankArn_isRejected() {
    assertThatThrownBy(() -> directory.find(""))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("channelArn");
    assertThat(getChannelCalls()).isZero();
  }
}
