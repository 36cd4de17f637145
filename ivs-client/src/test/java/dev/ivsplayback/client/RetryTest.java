package dev.ivsplayback.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.local.IvsLocalControl;
import dev.ivsplayback.local.IvsLocalExtension;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ivs.model.InternalServerException;
import software.amazon.awssdk.services.ivs.model.IvsException;
import software.amazon.awssdk.services.ivs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ivs.model.ThrottlingException;

/** The retry strategy against faults injected by ivs-local. */
class RetryTest {
  @RegisterExtension static IvsLocalExtension ivs = new IvsLocalExtension().resetBeforeEachTest();

  private IvsPlaybackClient client;
  private IvsLocalControl control;

  @BeforeEach
  void setUp() {
    client = IvsPlaybackClient.create(TestSupport.config(ivs.endpoint()).maxAttempts(3).build());
    control = ivs.ivsLocal().control();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private String newChannel() {
    return client.sync().createChannel(b -> b.name("c")).channel().arn();
  }

  @Test
  void getChannel_afterTwoInjected429s_retriesAndSucceeds() {
    String arn = newChannel();
    control.failNext("GetChannel", 2, "ThrottlingException", 429);

    assertThat(client.sync().getChannel(b -> b.arn(arn)).channel().arn()).isEqualTo(arn);
    assertThat(control.callCount("GetChannel")).isEqualTo(3);
  }

  @Test
  void getChannel_async_afterTwoInjected503s_retriesAndSucceeds() {
    String arn = newChannel();
    control.failNext("GetChannel", 2, "ServiceUnavailable", 503);

    assertThat(client.async().getChannel(b -> b.arn(arn)).join().channel().arn()).isEqualTo(arn);
    assertThat(control.callCount("GetChannel")).isEqualTo(3);
  }

  @Test
  void getChannel_whenThrottledOnEveryAttempt_givesUpAfterMaxAttemptsWithIvsMessage() {
    String arn = newChannel();
    control.failNext("GetChannel", 5, "ThrottlingException", 429);

    assertThatThrownBy(() -> client.sync().getChannel(b -> b.arn(arn)))
        .isInstanceOf(ThrottlingException.class)
        .hasMessageContaining("Injected by ivs-local: ThrottlingException for GetChannel");
    assertThat(control.callCount("GetChannel")).isEqualTo(3);
  }

  @Test
  void getChannel_afterDroppedConnection_isRetriedBecauseItIsIdempotent() {
    String arn = newChannel();
    control.dropResponseNext("GetChannel", 1);

    assertThat(client.sync().getChannel(b -> b.arn(arn)).channel().arn()).isEqualTo(arn);
    assertThat(control.callCount("GetChannel")).isEqualTo(2);
  }

  @Test
  void createChannel_afterDroppedConnection_isNotRetried() {
    control.dropResponseNext("CreateChannel", 1);

    assertThatThrownBy(() -> client.sync().createChannel(b -> b.name("once")))
        .isInstanceOf(SdkClientException.class);
    assertThat(control.callCount("CreateChannel")).isEqualTo(1);
    assertThat(client.listChannels().toList()).extracting(c -> c.name()).containsExactly("once");
  }

  @Test
  void createChannel_async_afterDroppedConnection_isNotRetried() {
    control.dropResponseNext("CreateChannel", 1);

    assertThatThrownBy(() -> client.async().createChannel(b -> b.name("once")).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(SdkClientException.class);
    assertThat(control.callCount("CreateChannel")).isEqualTo(1);
    assertThat(client.listChannels().count()).isEqualTo(1);
  }

  @Test
  void createChannel_after429_isRetriedBecauseIvsRefusedIt() {
    control.failNext("CreateChannel", 1, "ThrottlingException", 429);

    client.sync().createChannel(b -> b.name("throttled"));

    assertThat(control.callCount("CreateChannel")).isEqualTo(2);
    assertThat(client.listChannels().count()).isEqualTo(1);
  }

  @Test
  void createChannel_after500_isNotRetriedBecauseItMayHaveBeenApplied() {
    control.failNext("CreateChannel", 1, "InternalServerException", 500);

    assertThatThrownBy(() -> client.sync().createChannel(b -> b.name("x")))
        .isInstanceOf(InternalServerException.class)
        .hasMessageContaining("Injected by ivs-local");
    assertThat(control.callCount("CreateChannel")).isEqualTo(1);
  }

  @Test
  void getChannel_after500_isRetried() {
    String arn = newChannel();
    control.failNext("GetChannel", 1, "InternalServerException", 500);

    client.sync().getChannel(b -> b.arn(arn));

    assertThat(control.callCount("GetChannel")).isEqualTo(2);
  }

  @Test
  void putMetadata_afterDroppedConnection_isNotRetriedSoViewersSeeTheCueOnce() {
    String arn = newChannel();
    control.startStream(arn);
    control.dropResponseNext("PutMetadata", 1);

    assertThatThrownBy(() -> client.putMetadata(arn, "cue")).isInstanceOf(SdkClientException.class);
    assertThat(control.metadata(arn)).containsExactly("cue");
    assertThat(control.callCount("PutMetadata")).isEqualTo(1);
  }

  @Test
  void revokeViewer_afterDroppedConnection_isRetriedBecauseRevokingTwiceIsHarmless() {
    String arn = newChannel();
    control.dropResponseNext("StartViewerSessionRevocation", 1);

    client.revokeViewer(arn, "viewer-1", 3);

    assertThat(control.callCount("StartViewerSessionRevocation")).isEqualTo(2);
  }

  @Test
  void deleteChannel_afterDroppedConnection_isRetried_andTheRetryAnswersResourceNotFound() {
    String arn = newChannel();
    control.dropResponseNext("DeleteChannel", 1);

    // The documented behaviour: the first attempt deleted the channel, the retry finds nothing to
    // delete.
    assertThatThrownBy(() -> client.sync().deleteChannel(b -> b.arn(arn)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(control.callCount("DeleteChannel")).isEqualTo(2);
    assertThat(client.listChannels().count()).isZero();
  }

  @Test
  void clientError_isNotRetried_andCarriesIvsMessage() {
    String missing = "arn:aws:ivs:us-west-2:123456789012:channel/doesNotExist";
    assertThatThrownBy(() -> client.sync().getChannel(b -> b.arn(missing)))
        .isInstanceOf(ResourceNotFoundException.class)
        .satisfies(
            e -> assertThat(((IvsException) e).awsErrorDetails().errorMessage()).isNotBlank());
    assertThat(control.callCount("GetChannel")).isEqualTo(1);
  }

  @Test
  void maxAttemptsOne_disablesRetries() {
    try (IvsPlaybackClient noRetry =
        IvsPlaybackClient.create(TestSupport.config(ivs.endpoint()).maxAttempts(1).build())) {
      String arn = newChannel();
      control.failNext("GetChannel", 1, "ThrottlingException", 429);

      assertThatThrownBy(() -> noRetry.sync().getChannel(b -> b.arn(arn)))
          .isInstanceOf(ThrottlingException.class);
      assertThat(control.callCount("GetChannel")).isEqualTo(1);
    }
  }

  // ---- The six ad-configuration operations: same retry strategy and interceptor as sync().

  private String newAdConfiguration() {
    return client
        .adConfigurations()
        .createAdConfiguration(
            b -> b.mediaTailorPlaybackConfigurations(AdConfigurationsTest.MEDIA_TAILOR_CONFIG))
        .adConfiguration()
        .arn();
  }

  @Test
  void getAdConfiguration_afterTwoInjected429s_retriesAndSucceeds() {
    String arn = newAdConfiguration();
    control.failNext("GetAdConfiguration", 2, "ThrottlingException", 429);

    assertThat(
            client.adConfigurations().getAdConfiguration(b -> b.arn(arn)).adConfiguration().arn())
        .isEqualTo(arn);
    assertThat(control.callCount("GetAdConfiguration")).isEqualTo(3);
  }

  @Test
  void listAdConfigurations_async_afterTwoInjected503s_retriesAndSucceeds() {
    newAdConfiguration();
    control.failNext("ListAdConfigurations", 2, "ServiceUnavailable", 503);

    assertThat(
            client
                .adConfigurations()
                .async()
                .listAdConfigurations(b -> {})
                .join()
                .adConfigurations())
        .hasSize(1);
    assertThat(control.callCount("ListAdConfigurations")).isEqualTo(3);
  }

  @Test
  void getAdConfiguration_whenThrottledOnEveryAttempt_givesUpAfterMaxAttempts() {
    String arn = newAdConfiguration();
    control.failNext("GetAdConfiguration", 5, "ThrottlingException", 429);

    assertThatThrownBy(() -> client.adConfigurations().getAdConfiguration(b -> b.arn(arn)))
        .isInstanceOf(ThrottlingException.class)
        .satisfies(e -> assertThat(((ThrottlingException) e).numAttempts()).isEqualTo(3));
    assertThat(control.callCount("GetAdConfiguration")).isEqualTo(3);
  }

  /**
   * The retry strategy learns the operation from the configured interceptor ({@code
   * IvsClientInterceptor}); without it the call would count as not idempotent and a lost response
   * would not be retried. So this retry shows that the interceptor saw the call.
   */
  @Test
  void getAdConfiguration_afterDroppedConnection_isRetried_soTheInterceptorSawTheCall() {
    String arn = newAdConfiguration();
    control.dropResponseNext("GetAdConfiguration", 1);

    assertThat(
            client.adConfigurations().getAdConfiguration(b -> b.arn(arn)).adConfiguration().arn())
        .isEqualTo(arn);
    assertThat(control.callCount("GetAdConfiguration")).isEqualTo(2);
  }

  @Test
  void createAdConfiguration_afterDroppedConnection_isNotRetried() {
    control.dropResponseNext("CreateAdConfiguration", 1);

    assertThatThrownBy(this::newAdConfiguration).isInstanceOf(SdkClientException.class);
    assertThat(control.callCount("CreateAdConfiguration")).isEqualTo(1);
    assertThat(client.listAdConfigurations().count()).isEqualTo(1);
  }

  @Test
  void createAdConfiguration_after429_isRetriedBecauseIvsRefusedIt() {
    control.failNext("CreateAdConfiguration", 1, "ThrottlingException", 429);

    newAdConfiguration();

    assertThat(control.callCount("CreateAdConfiguration")).isEqualTo(2);
    assertThat(client.listAdConfigurations().count()).isEqualTo(1);
  }

  @Test
  void insertAdBreak_after500_isNotRetriedBecauseItMayHaveBeenApplied() {
    control.failNext("InsertAdBreak", 1, "InternalServerException", 500);
    String channel = "arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh";

    assertThatThrownBy(
            () ->
                client
                    .adConfigurations()
                    .insertAdBreak(b -> b.channelArn(channel).durationSeconds(30)))
        .isInstanceOf(InternalServerException.class)
        .hasMessageContaining("Injected by ivs-local");
    assertThat(control.callCount("InsertAdBreak")).isEqualTo(1);
  }

  @Test
  void deleteAdConfiguration_afterDroppedConnection_isRetried_andTheRetryAnswersResourceNotFound() {
    String arn = newAdConfiguration();
    control.dropResponseNext("DeleteAdConfiguration", 1);

    assertThatThrownBy(() -> client.adConfigurations().deleteAdConfiguration(b -> b.arn(arn)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(control.callCount("DeleteAdConfiguration")).isEqualTo(2);
    assertThat(client.listAdConfigurations().count()).isZero();
  }
}
