package dev.ivsplayback.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ivs.IvsAsyncClient;
import software.amazon.awssdk.services.ivs.model.ChannelNotBroadcastingException;
import software.amazon.awssdk.services.ivs.model.ConflictException;
import software.amazon.awssdk.services.ivs.model.CreateChannelResponse;
import software.amazon.awssdk.services.ivs.model.PlaybackKeyPair;
import software.amazon.awssdk.services.ivs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ivs.model.ValidationException;

/**
 * A representative set of operations through IvsAsyncClient on Netty, with SigV4 verified for real.
 */
class AsyncClientTest {
  @RegisterExtension
  static IvsLocalExtension ivs =
      new IvsLocalExtension(IvsLocal.builder().credentials(Sdk.ACCESS_KEY, Sdk.SECRET_KEY))
          .resetBeforeEachTest();

  static IvsAsyncClient async;

  @BeforeAll
  static void client() {
    async = Sdk.asyncClient(ivs.ivsLocal());
  }

  @AfterAll
  static void close() {
    async.close();
  }

  @Test
  void channelLifecycle_overNetty() {
    CreateChannelResponse created =
        async
            .createChannel(b -> b.name("async").authorized(true).tags(Map.of("via", "netty")))
            .join();

    assertThat(created.channel().name()).isEqualTo("async");
    assertThat(created.streamKey().value()).startsWith("sk_us-west-2_");
    assertThat(async.getChannel(b -> b.arn(created.channel().arn())).join().channel())
        .isEqualTo(created.channel());
    assertThat(async.listChannels(b -> {}).join().channels()).hasSize(1);
    assertThat(async.batchGetChannel(b -> b.arns(created.channel().arn())).join().channels())
        .hasSize(1);
    assertThat(
            async
                .updateChannel(b -> b.arn(created.channel().arn()).authorized(false))
                .join()
                .channel()
                .authorized())
        .isFalse();
    assertThat(async.listStreamKeys(b -> b.channelArn(created.channel().arn())).join().streamKeys())
        .hasSize(1);
    async.deleteChannel(b -> b.arn(created.channel().arn())).join();
    assertThatThrownBy(() -> async.getChannel(b -> b.arn(created.channel().arn())).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void keyPairs_overNetty() {
    String pem = Sdk.pem(Sdk.p384().getPublic());

    PlaybackKeyPair k =
        async
            .importPlaybackKeyPair(b -> b.publicKeyMaterial(pem).name("async-key"))
            .join()
            .keyPair();

    assertThat(async.getPlaybackKeyPair(b -> b.arn(k.arn())).join().keyPair()).isEqualTo(k);
    assertThat(async.listPlaybackKeyPairs(b -> {}).join().keyPairs()).hasSize(1);
    assertThatThrownBy(() -> async.importPlaybackKeyPair(b -> b.publicKeyMaterial(pem)).join())
        .hasCauseInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> async.importPlaybackKeyPair(b -> b.publicKeyMaterial("junk")).join())
        .hasCauseInstanceOf(ValidationException.class)
        .hasMessageContaining(
            "Request member: publicKeyMaterial failed to satisfy the constraints");
    async.deletePlaybackKeyPair(b -> b.arn(k.arn())).join();
    assertThat(async.listPlaybackKeyPairs(b -> {}).join().keyPairs()).isEmpty();
  }

  @Test
  void tagsStreamsAndRevocation_overNetty() {
    String arn = async.createChannel(b -> {}).join().channel().arn();
    async.tagResource(b -> b.resourceArn(arn).tags(Map.of("a b", "c:d", "e", "f"))).join();
    async.untagResource(b -> b.resourceArn(arn).tagKeys("e")).join();

    assertThat(async.listTagsForResource(b -> b.resourceArn(arn)).join().tags())
        .containsExactlyEntriesOf(Map.of("a b", "c:d"));
    assertThatThrownBy(() -> async.putMetadata(b -> b.channelArn(arn).metadata("x")).join())
        .hasCauseInstanceOf(ChannelNotBroadcastingException.class);
    ivs.ivsLocal().control().startStream(arn);
    async.putMetadata(b -> b.channelArn(arn).metadata("async metadata")).join();
    assertThat(async.getStream(b -> b.channelArn(arn)).join().stream().channelArn()).isEqualTo(arn);
    async.stopStream(b -> b.channelArn(arn)).join();
    assertThat(async.listStreamSessions(b -> b.channelArn(arn)).join().streamSessions()).hasSize(1);
    async.startViewerSessionRevocation(b -> b.channelArn(arn).viewerId("v")).join();
    assertThat(ivs.ivsLocal().control().metadata(arn)).containsExactly("async metadata");
  }
}
