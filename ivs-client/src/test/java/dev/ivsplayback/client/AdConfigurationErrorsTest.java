package dev.ivsplayback.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ivsplayback.local.IvsLocal;
import dev.ivsplayback.local.IvsLocalExtension;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ivs.model.IvsException;

/**
 * Every error the service model lists for each of the six ad-configuration operations, injected by
 * ivs-local (with the model's HTTP status), arrives as the SDK's exception class of that name, with
 * IVS's message, the request id and the status code; from the sync and the async facade. Also: a
 * request signed with the wrong secret fails as it does on the SDK's own client.
 */
class AdConfigurationErrorsTest {
  @RegisterExtension
  static IvsLocalExtension ivs =
      new IvsLocalExtension(IvsLocal.builder().credentials("AKIDIVSCLIENTTEST", "right-secret"))
          .resetBeforeEachTest();

  static final String AD_ARN = "arn:aws:ivs:us-west-2:123456789012:ad-configuration/abcdABCDefgh";
  static final String CHANNEL_ARN = "arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh";

  /** One well-formed call per operation; each is answered by the injected error. */
  static final Map<String, Consumer<AdConfigurations>> CALLS =
      Map.of(
          "CreateAdConfiguration",
          a ->
              a.createAdConfiguration(
                  b ->
                      b.mediaTailorPlaybackConfigurations(
                          AdConfigurationsTest.MEDIA_TAILOR_CONFIG)),
          "GetAdConfiguration",
          a -> a.getAdConfiguration(b -> b.arn(AD_ARN)),
          "UpdateAdConfiguration",
          a -> a.updateAdConfiguration(b -> b.arn(AD_ARN).name("x")),
          "DeleteAdConfiguration",
          a -> a.deleteAdConfiguration(b -> b.arn(AD_ARN)),
          "ListAdConfigurations",
          a -> a.listAdConfigurations(b -> {}),
          "InsertAdBreak",
          a -> a.insertAdBreak(b -> b.channelArn(CHANNEL_ARN).durationSeconds(30)));

  static final Map<String, Consumer<AsyncAdConfigurations>> ASYNC_CALLS =
      Map.of(
          "CreateAdConfiguration",
          a ->
              a.createAdConfiguration(
                      b ->
                          b.mediaTailorPlaybackConfigurations(
                              AdConfigurationsTest.MEDIA_TAILOR_CONFIG))
                  .join(),
          "GetAdConfiguration",
          a -> a.getAdConfiguration(b -> b.arn(AD_ARN)).join(),
          "UpdateAdConfiguration",
          a -> a.updateAdConfiguration(b -> b.arn(AD_ARN).name("x")).join(),
          "DeleteAdConfiguration",
          a -> a.deleteAdConfiguration(b -> b.arn(AD_ARN)).join(),
          "ListAdConfigurations",
          a -> a.listAdConfigurations(b -> {}).join(),
          "InsertAdBreak",
          a -> a.insertAdBreak(b -> b.channelArn(CHANNEL_ARN).durationSeconds(30)).join());

  /**
   * (operation, error shape, HTTP status) for every error of the six operations in the service
   * model; read from the model ivs-local bundles (the same file the generator used).
   */
  static Stream<Arguments> modelledErrors() throws IOException {
    JsonNode model;
    try (InputStream in =
        IvsLocal.class.getResourceAsStream("/dev/ivsplayback/local/internal/ivs-service-2.json")) {
      model = new ObjectMapper().readTree(in);
    }
    List<Arguments> errors = new ArrayList<>();
    for (String operation : CALLS.keySet()) {
      for (JsonNode error : model.path("operations").path(operation).path("errors")) {
        String shape = error.path("shape").asText();
        int status = model.path("shapes").path(shape).path("error").path("httpStatusCode").asInt();
        errors.add(Arguments.of(operation, shape, status));
      }
    }
    return errors.stream();
  }

  private static IvsPlaybackClient client(String secret) {
    return IvsPlaybackClient.create(
        TestSupport.config(ivs.endpoint())
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIDIVSCLIENTTEST", secret)))
            .maxAttempts(1) // the mapping, not the retries (RetryTest)
            .build());
  }

  /** The SDK 2.40.2 class for a model error shape: the two without the suffix gain it. */
  private static String sdkClassName(String shape) {
    return "software.amazon.awssdk.services.ivs.model."
        + (shape.endsWith("Exception") ? shape : shape + "Exception");
  }

  @Test
  void modelListsEveryErrorOfTheSixOperations() throws IOException {
    assertThat(modelledErrors().count()).isEqualTo(8 + 4 + 8 + 5 + 3 + 7);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("modelledErrors")
  void modelledError_arrivesAsTheSdksExceptionWithIvsMessageRequestIdAndStatus(
      String operation, String shape, int status) {
    ivs.ivsLocal().control().failNext(operation, 1, shape, status);
    try (IvsPlaybackClient client = client("right-secret")) {

      Throwable thrown =
          catchThrowable(() -> CALLS.get(operation).accept(client.adConfigurations()));

      assertThat(thrown.getClass().getName()).isEqualTo(sdkClassName(shape));
      IvsException e = (IvsException) thrown;
      assertThat(e.statusCode()).isEqualTo(status);
      assertThat(e.requestId()).isNotBlank();
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo(shape);
      assertThat(e.awsErrorDetails().errorMessage())
          .isEqualTo("Injected by ivs-local: " + shape + " for " + operation + ".");
      assertThat(e.getMessage()).startsWith(e.awsErrorDetails().errorMessage());
    }
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("modelledErrors")
  void modelledError_async_completesTheFutureWithTheSdksException(
      String operation, String shape, int status) {
    ivs.ivsLocal().control().failNext(operation, 1, shape, status);
    try (IvsPlaybackClient client = client("right-secret")) {

      Throwable thrown =
          catchThrowable(
              () -> ASYNC_CALLS.get(operation).accept(client.adConfigurations().async()));

      assertThat(thrown).isInstanceOf(CompletionException.class);
      assertThat(thrown.getCause().getClass().getName()).isEqualTo(sdkClassName(shape));
      assertThat(((IvsException) thrown.getCause()).statusCode()).isEqualTo(status);
    }
  }

  @Test
  void wrongSecret_failsAsOnTheSdksOwnClient_withIvsLocalsSignatureError() {
    try (IvsPlaybackClient client = client("wrong-secret")) {
      IvsException fromSdk =
          (IvsException) catchThrowable(() -> client.sync().listChannels(b -> {}));

      IvsException fromAds =
          (IvsException)
              catchThrowable(() -> client.adConfigurations().listAdConfigurations(b -> {}));

      assertThat(fromAds.getClass()).isEqualTo(fromSdk.getClass()).isEqualTo(IvsException.class);
      assertThat(fromAds.statusCode()).isEqualTo(403).isEqualTo(fromSdk.statusCode());
      assertThat(fromAds.awsErrorDetails().errorCode())
          .isEqualTo("InvalidSignatureException")
          .isEqualTo(fromSdk.awsErrorDetails().errorCode());
    }
  }

  @Test
  void rightSecret_isAcceptedByIvsLocalWhichVerifiesTheSignature() {
    try (IvsPlaybackClient client = client("right-secret")) {
      assertThat(client.adConfigurations().listAdConfigurations(b -> {}).adConfigurations())
          .isEmpty();
      assertThat(ivs.ivsLocal().control().callCount("ListAdConfigurations")).isEqualTo(1);
    }
  }
}
