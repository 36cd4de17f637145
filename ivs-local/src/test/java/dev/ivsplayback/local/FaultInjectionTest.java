package dev.ivsplayback.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ivs.IvsAsyncClient;
import software.amazon.awssdk.services.ivs.IvsClient;
import software.amazon.awssdk.services.ivs.model.ConflictException;
import software.amazon.awssdk.services.ivs.model.InternalServerException;
import software.amazon.awssdk.services.ivs.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.ivs.model.ThrottlingException;

/**
 * failNext and dropResponseNext, as clients' retry and recovery paths see them through the real
 * SDK.
 */
class FaultInjectionTest {
  @RegisterExtension static IvsLocalExtension ivs = new IvsLocalExtension().resetBeforeEachTest();

  @RegisterExtension static final Sdk.ClientExtension sdk = new Sdk.ClientExtension(ivs);

  private static IvsLocalControl control() {
    return ivs.ivsLocal().control();
  }

  @Test
  void failNext_failsExactlyTheNextCalls_withoutChangingState() {
    control().failNext("ImportPlaybackKeyPair", 2, "ThrottlingException", 429);
    String pem = Sdk.pem(Sdk.p384().getPublic());

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> sdk.client().importPlaybackKeyPair(b -> b.publicKeyMaterial(pem)))
          .isInstanceOfSatisfying(
              ThrottlingException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
    }
    assertThat(sdk.client().listPlaybackKeyPairs(b -> {}).keyPairs()).isEmpty();
    assertThat(
            sdk.client()
                .importPlaybackKeyPair(b -> b.publicKeyMaterial(pem))
                .keyPair()
                .fingerprint())
        .isNotEmpty();
    assertThat(control().callCount("ImportPlaybackKeyPair")).isEqualTo(3);
  }

  @Test
  void failNext_mapsAnyModelledErrorType_toItsSdkClass() {
    control().failNext("CreateChannel", 1, "InternalServerException", 500);
    control().failNext("GetChannel", 1, "ServiceQuotaExceededException", 402);

    assertThatThrownBy(() -> sdk.client().createChannel(b -> {}))
        .isInstanceOf(InternalServerException.class)
        .hasMessageContaining("Injected");
    assertThatThrownBy(
            () ->
                sdk.client().getChannel(b -> b.arn("arn:aws:ivs:us-west-2:123456789012:channel/x")))
        .isInstanceOf(ServiceQuotaExceededException.class);
  }

  @Test
  void failNext_isRetriedByARetryingClient() {
    control().failNext("CreateChannel", 1, "ThrottlingException", 429);
    try (IvsClient retrying = Sdk.client(ivs.ivsLocal(), Sdk.ACCESS_KEY, Sdk.SECRET_KEY, true)) {
      assertThat(retrying.createChannel(b -> b.name("after-retry")).channel().name())
          .isEqualTo("after-retry");
    }
    assertThat(control().callCount("CreateChannel")).isEqualTo(2);
    assertThat(sdk.client().listChannels(b -> {}).channels()).hasSize(1);
  }

  @Test
  void dropResponseNext_appliesTheChange_thenLosesTheResponse() {
    control().dropResponseNext("ImportPlaybackKeyPair", 1);
    String pem = Sdk.pem(Sdk.p384().getPublic());

    assertThatThrownBy(() -> sdk.client().importPlaybackKeyPair(b -> b.publicKeyMaterial(pem)))
        .isInstanceOf(SdkClientException.class)
        .hasRootCauseInstanceOf(IOException.class);

    assertThat(sdk.client().listPlaybackKeyPairs(b -> {}).keyPairs()).hasSize(1);
    assertThatThrownBy(() -> sdk.client().importPlaybackKeyPair(b -> b.publicKeyMaterial(pem)))
        .as("the client's retry of the lost import sees its own key")
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void dropResponseNext_losesAnErrorResponseToo() {
    control().dropResponseNext("GetChannel", 1);

    assertThatThrownBy(
            () ->
                sdk.client()
                    .getChannel(b -> b.arn("arn:aws:ivs:us-west-2:123456789012:channel/none")))
        .isInstanceOf(SdkClientException.class)
        .hasRootCauseInstanceOf(IOException.class);
    assertThatThrownBy(
            () ->
                sdk.client()
                    .getChannel(b -> b.arn("arn:aws:ivs:us-west-2:123456789012:channel/none")))
        .isInstanceOf(software.amazon.awssdk.services.ivs.model.ResourceNotFoundException.class);
  }

  @Test
  void dropResponseNext_withRetryingClient_duplicatesANonIdempotentCreate() {
    control().dropResponseNext("CreateChannel", 1);

    try (IvsClient retrying = Sdk.client(ivs.ivsLocal(), Sdk.ACCESS_KEY, Sdk.SECRET_KEY, true)) {
      retrying.createChannel(b -> b.name("dup"));
    }

    assertThat(sdk.client().listChannels(b -> b.filterByName("dup")).channels()).hasSize(2);
    assertThat(control().callCount("CreateChannel")).isEqualTo(2);
  }

  @Test
  void dropResponseNext_isAnIoFailureForTheAsyncClientToo() {
    control().dropResponseNext("CreateChannel", 1);

    try (IvsAsyncClient async = Sdk.asyncClient(ivs.ivsLocal())) {
      assertThatThrownBy(() -> async.createChannel(b -> b.name("async-drop")).join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(SdkClientException.class)
          .hasRootCauseInstanceOf(IOException.class);
    }
    assertThat(sdk.client().listChannels(b -> {}).channels()).hasSize(1);
  }

  @Test
  void reset_clearsPendingFaultsAndCounts() {
    control().failNext("ListChannels", 5, "ThrottlingException", 429);
    assertThatThrownBy(() -> sdk.client().listChannels(b -> {}))
        .isInstanceOf(ThrottlingException.class);
    assertThat(control().callCount("ListChannels")).isEqualTo(1);
    control().reset();

    assertThat(control().callCount("ListChannels")).isZero();
    assertThat(sdk.client().listChannels(b -> {}).channels()).isEmpty();
  }

  @Test
  void faultArguments_areChecked() {
    assertThatThrownBy(() -> control().failNext("NoSuchOperation", 1, "ThrottlingException", 429))
        .isInstanceOf(IvsLocalException.class)
        .hasMessageContaining("NoSuchOperation");
    assertThatThrownBy(() -> control().failNext("GetChannel", 0, "ThrottlingException", 429))
        .isInstanceOf(IvsLocalException.class)
        .hasMessageContaining("count");
    assertThatThrownBy(() -> control().failNext("GetChannel", 1, "ThrottlingException", 200))
        .isInstanceOf(IvsLocalException.class)
        .hasMessageContaining("httpStatus");
    assertThatThrownBy(() -> control().failNext("GetChannel", 1, "bad type!", 500))
        .isInstanceOf(IvsLocalException.class)
        .hasMessageContaining("errorType");
    assertThatThrownBy(() -> control().dropResponseNext("GetChannel", -1))
        .isInstanceOf(IvsLocalException.class)
        .hasMessageContaining("count");
  }
}
