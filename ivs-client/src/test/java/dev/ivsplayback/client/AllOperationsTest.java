package dev.ivsplayback.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ivsplayback.client.ads.model.CreateAdConfigurationRequest;
import dev.ivsplayback.client.ads.model.DeleteAdConfigurationRequest;
import dev.ivsplayback.client.ads.model.GetAdConfigurationRequest;
import dev.ivsplayback.client.ads.model.InsertAdBreakRequest;
import dev.ivsplayback.client.ads.model.ListAdConfigurationsRequest;
import dev.ivsplayback.client.ads.model.UpdateAdConfigurationRequest;
import dev.ivsplayback.client.internal.OperationPolicy;
import dev.ivsplayback.local.IvsLocalExtension;
import dev.ivsplayback.token.PlaybackKeys;
import java.security.KeyPair;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.ivs.IvsAsyncClient;
import software.amazon.awssdk.services.ivs.IvsClient;
import software.amazon.awssdk.services.ivs.model.BatchGetChannelRequest;
import software.amazon.awssdk.services.ivs.model.BatchGetStreamKeyRequest;
import software.amazon.awssdk.services.ivs.model.BatchStartViewerSessionRevocationRequest;
import software.amazon.awssdk.services.ivs.model.BatchStartViewerSessionRevocationViewerSession;
import software.amazon.awssdk.services.ivs.model.ConflictException;
import software.amazon.awssdk.services.ivs.model.CreateChannelRequest;
import software.amazon.awssdk.services.ivs.model.CreateChannelResponse;
import software.amazon.awssdk.services.ivs.model.CreatePlaybackRestrictionPolicyRequest;
import software.amazon.awssdk.services.ivs.model.CreateRecordingConfigurationRequest;
import software.amazon.awssdk.services.ivs.model.CreateStreamKeyRequest;
import software.amazon.awssdk.services.ivs.model.DeleteChannelRequest;
import software.amazon.awssdk.services.ivs.model.DeletePlaybackKeyPairRequest;
import software.amazon.awssdk.services.ivs.model.DeletePlaybackRestrictionPolicyRequest;
import software.amazon.awssdk.services.ivs.model.DeleteRecordingConfigurationRequest;
import software.amazon.awssdk.services.ivs.model.DeleteStreamKeyRequest;
import software.amazon.awssdk.services.ivs.model.DestinationConfiguration;
import software.amazon.awssdk.services.ivs.model.GetChannelRequest;
import software.amazon.awssdk.services.ivs.model.GetPlaybackKeyPairRequest;
import software.amazon.awssdk.services.ivs.model.GetPlaybackRestrictionPolicyRequest;
import software.amazon.awssdk.services.ivs.model.GetRecordingConfigurationRequest;
import software.amazon.awssdk.services.ivs.model.GetStreamKeyRequest;
import software.amazon.awssdk.services.ivs.model.GetStreamRequest;
import software.amazon.awssdk.services.ivs.model.GetStreamSessionRequest;
import software.amazon.awssdk.services.ivs.model.ImportPlaybackKeyPairRequest;
import software.amazon.awssdk.services.ivs.model.ListChannelsRequest;
import software.amazon.awssdk.services.ivs.model.ListPlaybackKeyPairsRequest;
import software.amazon.awssdk.services.ivs.model.ListPlaybackRestrictionPoliciesRequest;
import software.amazon.awssdk.services.ivs.model.ListRecordingConfigurationsRequest;
import software.amazon.awssdk.services.ivs.model.ListStreamKeysRequest;
import software.amazon.awssdk.services.ivs.model.ListStreamSessionsRequest;
import software.amazon.awssdk.services.ivs.model.ListStreamsRequest;
import software.amazon.awssdk.services.ivs.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ivs.model.PutMetadataRequest;
import software.amazon.awssdk.services.ivs.model.S3DestinationConfiguration;
import software.amazon.awssdk.services.ivs.model.StartViewerSessionRevocationRequest;
import software.amazon.awssdk.services.ivs.model.StopStreamRequest;
import software.amazon.awssdk.services.ivs.model.StreamState;
import software.amazon.awssdk.services.ivs.model.TagResourceRequest;
import software.amazon.awssdk.services.ivs.model.UntagResourceRequest;
import software.amazon.awssdk.services.ivs.model.UpdateChannelRequest;
import software.amazon.awssdk.services.ivs.model.UpdatePlaybackRestrictionPolicyRequest;

/**
 * All 41 operations: the 35 of SDK 2.40.2 through the module's configured sync and async clients,
 * and the six ad-configuration operations through its sync and async ad facades, against ivs-local.
 */
class AllOperationsTest {
  @RegisterExtension static IvsLocalExtension ivs = new IvsLocalExtension().resetBeforeEachTest();

  enum Mode {
    SYNC,
    ASYNC
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void everyOperation_throughConfiguredClient_reachesIvsAndReturnsItsAnswer(Mode mode) {
    try (IvsPlaybackClient client =
        IvsPlaybackClient.create(TestSupport.config(ivs.endpoint()).build())) {
      Calls c = new Calls(mode, client.sync(), client.async());
      IvsClient s = client.sync();
      IvsAsyncClient a = client.async();

      var rcRequest =
          CreateRecordingConfigurationRequest.builder()
              .name("rec")
              .destinationConfiguration(
                  DestinationConfiguration.builder()
                      .s3(S3DestinationConfiguration.builder().bucketName("my-bucket").build())
                      .build())
              .build();
      String rcArn =
          c.call(
                  () -> s.createRecordingConfiguration(rcRequest),
                  () -> a.createRecordingConfiguration(rcRequest))
              .recordingConfiguration()
              .arn();
      var getRc = GetRecordingConfigurationRequest.builder().arn(rcArn).build();
      assertThat(
              c.call(
                      () -> s.getRecordingConfiguration(getRc),
                      () -> a.getRecordingConfiguration(getRc))
                  .recordingConfiguration()
                  .name())
          .isEqualTo("rec");
      var listRc = ListRecordingConfigurationsRequest.builder().build();
      assertThat(
              c.call(
                      () -> s.listRecordingConfigurations(listRc),
                      () -> a.listRecordingConfigurations(listRc))
                  .recordingConfigurations())
          .extracting(r -> r.arn())
          .containsExactly(rcArn);

      var prpRequest =
          CreatePlaybackRestrictionPolicyRequest.builder()
              .name("policy")
              .allowedCountries("US")
              .allowedOrigins("https://example.com")
              .build();
      String prpArn =
          c.call(
                  () -> s.createPlaybackRestrictionPolicy(prpRequest),
                  () -> a.createPlaybackRestrictionPolicy(prpRequest))
              .playbackRestrictionPolicy()
              .arn();
      var getPrp = GetPlaybackRestrictionPolicyRequest.builder().arn(prpArn).build();
      assertThat(
              c.call(
                      () -> s.getPlaybackRestrictionPolicy(getPrp),
                      () -> a.getPlaybackRestrictionPolicy(getPrp))
                  .playbackRestrictionPolicy()
                  .allowedCountries())
          .containsExactly("US");
      var updatePrp =
          UpdatePlaybackRestrictionPolicyRequest.builder()
              .arn(prpArn)
              .allowedCountries("DE")
              .build();
      assertThat(
              c.call(
                      () -> s.updatePlaybackRestrictionPolicy(updatePrp),
                      () -> a.updatePlaybackRestrictionPolicy(updatePrp))
                  .playbackRestrictionPolicy()
                  .allowedCountries())
          .containsExactly("DE");
      var listPrp = ListPlaybackRestrictionPoliciesRequest.builder().build();
      assertThat(
              c.call(
                      () -> s.listPlaybackRestrictionPolicies(listPrp),
                      () -> a.listPlaybackRestrictionPolicies(listPrp))
                  .playbackRestrictionPolicies())
          .extracting(p -> p.arn())
          .containsExactly(prpArn);

      var createChannel = CreateChannelRequest.builder().name("main").authorized(true).build();
      CreateChannelResponse created =
          c.call(() -> s.createChannel(createChannel), () -> a.createChannel(createChannel));
      String channelArn = created.channel().arn();
      String streamKeyArn = created.streamKey().arn();
      assertThat(created.channel().authorized()).isTrue();
      var getChannel = GetChannelRequest.builder().arn(channelArn).build();
      assertThat(
              c.call(() -> s.getChannel(getChannel), () -> a.getChannel(getChannel))
                  .channel()
                  .name())
          .isEqualTo("main");
      var updateChannel = UpdateChannelRequest.builder().arn(channelArn).name("renamed").build();
      assertThat(
              c.call(() -> s.updateChannel(updateChannel), () -> a.updateChannel(updateChannel))
                  .channel()
                  .name())
          .isEqualTo("renamed");
      var listChannels = ListChannelsRequest.builder().build();
      assertThat(
              c.call(() -> s.listChannels(listChannels), () -> a.listChannels(listChannels))
                  .channels())
          .extracting(ch -> ch.arn())
          .containsExactly(channelArn);
      var batchChannels = BatchGetChannelRequest.builder().arns(channelArn).build();
      assertThat(
              c.call(() -> s.batchGetChannel(batchChannels), () -> a.batchGetChannel(batchChannels))
                  .channels())
          .extracting(ch -> ch.arn())
          .containsExactly(channelArn);

      var getKey = GetStreamKeyRequest.builder().arn(streamKeyArn).build();
      assertThat(
              c.call(() -> s.getStreamKey(getKey), () -> a.getStreamKey(getKey))
                  .streamKey()
                  .channelArn())
          .isEqualTo(channelArn);
      var listKeys = ListStreamKeysRequest.builder().channelArn(channelArn).build();
      assertThat(
              c.call(() -> s.listStreamKeys(listKeys), () -> a.listStreamKeys(listKeys))
                  .streamKeys())
          .extracting(k -> k.arn())
          .containsExactly(streamKeyArn);
      var batchKeys = BatchGetStreamKeyRequest.builder().arns(streamKeyArn).build();
      assertThat(
              c.call(() -> s.batchGetStreamKey(batchKeys), () -> a.batchGetStreamKey(batchKeys))
                  .streamKeys())
          .extracting(k -> k.arn())
          .containsExactly(streamKeyArn);
      var deleteKey = DeleteStreamKeyRequest.builder().arn(streamKeyArn).build();
      c.call(() -> s.deleteStreamKey(deleteKey), () -> a.deleteStreamKey(deleteKey));
      var createKey = CreateStreamKeyRequest.builder().channelArn(channelArn).build();
      assertThat(
              c.call(() -> s.createStreamKey(createKey), () -> a.createStreamKey(createKey))
                  .streamKey()
                  .arn())
          .isNotEqualTo(streamKeyArn);

      var tag =
          TagResourceRequest.builder()
              .resourceArn(channelArn)
              .tags(Map.of("team", "video", "env", "t"))
              .build();
      c.call(() -> s.tagResource(tag), () -> a.tagResource(tag));
      var untag = UntagResourceRequest.builder().resourceArn(channelArn).tagKeys("env").build();
      c.call(() -> s.untagResource(untag), () -> a.untagResource(untag));
      var listTags = ListTagsForResourceRequest.builder().resourceArn(channelArn).build();
      assertThat(
              c.call(() -> s.listTagsForResource(listTags), () -> a.listTagsForResource(listTags))
                  .tags())
          .isEqualTo(Map.of("team", "video"));

      KeyPair key = TestSupport.p384();
      var importKey =
          ImportPlaybackKeyPairRequest.builder()
              .name("k1")
              .publicKeyMaterial(PlaybackKeys.toPublicKeyPem(key.getPublic()))
              .build();
      var imported =
          c.call(() -> s.importPlaybackKeyPair(importKey), () -> a.importPlaybackKeyPair(importKey))
              .keyPair();
      assertThat(imported.fingerprint()).isEqualTo(PlaybackKeys.fingerprint(key.getPublic()));
      var getKeyPair = GetPlaybackKeyPairRequest.builder().arn(imported.arn()).build();
      assertThat(
              c.call(() -> s.getPlaybackKeyPair(getKeyPair), () -> a.getPlaybackKeyPair(getKeyPair))
                  .keyPair()
                  .name())
          .isEqualTo("k1");
      var listKeyPairs = ListPlaybackKeyPairsRequest.builder().build();
      assertThat(
              c.call(
                      () -> s.listPlaybackKeyPairs(listKeyPairs),
                      () -> a.listPlaybackKeyPairs(listKeyPairs))
                  .keyPairs())
          .extracting(k -> k.arn())
          .containsExactly(imported.arn());

      ivs.ivsLocal().control().startStream(channelArn);
      var getStream = GetStreamRequest.builder().channelArn(channelArn).build();
      assertThat(
              c.call(() -> s.getStream(getStream), () -> a.getStream(getStream)).stream().state())
          .isEqualTo(StreamState.LIVE);
      var listStreams = ListStreamsRequest.builder().build();
      assertThat(
              c.call(() -> s.listStreams(listStreams), () -> a.listStreams(listStreams)).streams())
          .extracting(st -> st.channelArn())
          .containsExactly(channelArn);
      var put = PutMetadataRequest.builder().channelArn(channelArn).metadata("{\"q\":1}").build();
      c.call(() -> s.putMetadata(put), () -> a.putMetadata(put));
      assertThat(ivs.ivsLocal().control().metadata(channelArn)).containsExactly("{\"q\":1}");
      var getSession = GetStreamSessionRequest.builder().channelArn(channelArn).build();
      String streamId =
          c.call(() -> s.getStreamSession(getSession), () -> a.getStreamSession(getSession))
              .streamSession()
              .streamId();
      var listSessions = ListStreamSessionsRequest.builder().channelArn(channelArn).build();
      assertThat(
              c.call(
                      () -> s.listStreamSessions(listSessions),
                      () -> a.listStreamSessions(listSessions))
                  .streamSessions())
          .extracting(ss -> ss.streamId())
          .containsExactly(streamId);

      var revoke =
          StartViewerSessionRevocationRequest.builder()
              .channelArn(channelArn)
              .viewerId("v1")
              .viewerSessionVersionsLessThanOrEqualTo(2)
              .build();
      c.call(
          () -> s.startViewerSessionRevocation(revoke),
          () -> a.startViewerSessionRevocation(revoke));
      var batchRevoke =
          BatchStartViewerSessionRevocationRequest.builder()
              .viewerSessions(
                  BatchStartViewerSessionRevocationViewerSession.builder()
                      .channelArn(channelArn)
                      .viewerId("v2")
                      .build())
              .build();
      assertThat(
              c.call(
                      () -> s.batchStartViewerSessionRevocation(batchRevoke),
                      () -> a.batchStartViewerSessionRevocation(batchRevoke))
                  .errors())
          .isEmpty();

      // The six ad-configuration operations SDK 2.40.2 lacks, through adConfigurations().
      AdConfigurations ads = client.adConfigurations();
      AsyncAdConfigurations adsAsync = ads.async();
      var createAd =
          CreateAdConfigurationRequest.builder()
              .name("ads")
              .mediaTailorPlaybackConfigurations(AdConfigurationsTest.MEDIA_TAILOR_CONFIG)
              .build();
      String adArn =
          c.call(
                  () -> ads.createAdConfiguration(createAd),
                  () -> adsAsync.createAdConfiguration(createAd))
              .adConfiguration()
              .arn();
      var getAd = GetAdConfigurationRequest.builder().arn(adArn).build();
      assertThat(
              c.call(() -> ads.getAdConfiguration(getAd), () -> adsAsync.getAdConfiguration(getAd))
                  .adConfiguration()
                  .name())
          .isEqualTo("ads");
      var updateAd = UpdateAdConfigurationRequest.builder().arn(adArn).name("renamed").build();
      assertThat(
              c.call(
                      () -> ads.updateAdConfiguration(updateAd),
                      () -> adsAsync.updateAdConfiguration(updateAd))
                  .adConfiguration()
                  .name())
          .isEqualTo("renamed");
      var listAds = ListAdConfigurationsRequest.builder().build();
      assertThat(
              c.call(
                      () -> ads.listAdConfigurations(listAds),
                      () -> adsAsync.listAdConfigurations(listAds))
                  .adConfigurations())
          .extracting(ad -> ad.arn())
          .containsExactly(adArn);
      // SDK 2.40.2's CreateChannel cannot give the channel an ad configuration: IVS says so.
      var adBreak =
          InsertAdBreakRequest.builder().channelArn(channelArn).durationSeconds(30).build();
      Throwable noAdConfiguration =
          catchThrowable(
              () ->
                  c.call(() -> ads.insertAdBreak(adBreak), () -> adsAsync.insertAdBreak(adBreak)));
      assertThat(mode == Mode.SYNC ? noAdConfiguration : noAdConfiguration.getCause())
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining("no ad configuration");
      var deleteAd = DeleteAdConfigurationRequest.builder().arn(adArn).build();
      c.call(
          () -> ads.deleteAdConfiguration(deleteAd),
          () -> adsAsync.deleteAdConfiguration(deleteAd));

      var stop = StopStreamRequest.builder().channelArn(channelArn).build();
      c.call(() -> s.stopStream(stop), () -> a.stopStream(stop));

      var deleteKeyPair = DeletePlaybackKeyPairRequest.builder().arn(imported.arn()).build();
      c.call(
          () -> s.deletePlaybackKeyPair(deleteKeyPair),
          () -> a.deletePlaybackKeyPair(deleteKeyPair));
      var deleteChannel = DeleteChannelRequest.builder().arn(channelArn).build();
      c.call(() -> s.deleteChannel(deleteChannel), () -> a.deleteChannel(deleteChannel));
      var deleteRc = DeleteRecordingConfigurationRequest.builder().arn(rcArn).build();
      c.call(
          () -> s.deleteRecordingConfiguration(deleteRc),
          () -> a.deleteRecordingConfiguration(deleteRc));
      var deletePrp = DeletePlaybackRestrictionPolicyRequest.builder().arn(prpArn).build();
      c.call(
          () -> s.deletePlaybackRestrictionPolicy(deletePrp),
          () -> a.deletePlaybackRestrictionPolicy(deletePrp));

      assertThat(OperationPolicy.operations())
          .hasSize(41)
          .allSatisfy(op -> assertThat(ivs.ivsLocal().control().callCount(op)).as(op).isEqualTo(1));
      assertThat(client.listChannels().count()).isZero();
      assertThat(client.listPlaybackKeyPairs().count()).isZero();
    }
  }

  /** Runs a call on the sync client or on the async client (waiting for its future). */
  private record Calls(Mode mode, IvsClient sync, IvsAsyncClient async) {
    <R> R call(Supplier<R> syncCall, Supplier<CompletableFuture<R>> asyncCall) {
      return mode == Mode.SYNC ? syncCall.get() : asyncCall.get().join();
    }
  }
}
