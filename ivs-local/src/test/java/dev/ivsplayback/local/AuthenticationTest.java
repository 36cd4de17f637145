package dev.ivsplayback.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ivs.IvsClient;
import software.amazon.awssdk.services.ivs.model.IvsException;
import software.amazon.awssdk.services.ivs.model.ResourceNotFoundException;

/**
 * SigV4: verified for real when credentials are configured; unsigned or malformed requests refused
 * as AWS does.
 */
class AuthenticationTest {
  @RegisterExtension
  static IvsLocalExtension ivs =
      new IvsLocalExtension(IvsLocal.builder().credentials(Sdk.ACCESS_KEY, Sdk.SECRET_KEY));

  static final ObjectMapper JSON = new ObjectMapper();
  static final String MISSING = "{\"arn\":\"arn:aws:ivs:us-west-2:123456789012:channel/none\"}";

  private static void assertRefused(Runnable call, String errorCode, String messagePart) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            IvsException.class,
            e -> {
              assertThat(e).isNotInstanceOf(ResourceNotFoundException.class);
              assertThat(e.statusCode()).isEqualTo(403);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo(errorCode);
              assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
            });
  }

  @Test
  void rightCredentials_areAccepted() {
    try (IvsClient client = Sdk.client(ivs.ivsLocal())) {
      assertThat(client.createChannel(b -> b.name("signed")).channel().name()).isEqualTo("signed");
    }
  }

  @Test
  void wrongSecret_isInvalidSignature() {
    try (IvsClient client = Sdk.client(ivs.ivsLocal(), Sdk.ACCESS_KEY, "wrong-secret", false)) {
      assertRefused(
          () -> client.listChannels(b -> {}),
          "InvalidSignatureException",
          "signature we calculated does not match");
    }
  }

  @Test
  void unknownAccessKey_isUnrecognizedClient() {
    try (IvsClient client = Sdk.client(ivs.ivsLocal(), "AKIDOTHER", Sdk.SECRET_KEY, false)) {
      assertRefused(
          () -> client.listChannels(b -> {}), "UnrecognizedClientException", "security token");
    }
  }

  @Test
  void signingForAnotherRegion_isRefused() {
    try (IvsClient client =
        IvsClient.builder()
            .endpointOverride(ivs.endpoint())
            .region(Region.EU_WEST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(Sdk.ACCESS_KEY, Sdk.SECRET_KEY)))
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build()) {
      assertRefused(() -> client.listChannels(b -> {}), "InvalidSignatureException", "eu-west-1");
    }
  }

  @Test
  void unsignedRequest_isMissingAuthenticationToken() throws Exception {
    HttpResponse<String> r =
        RawHttp.send(
            HttpRequest.newBuilder(ivs.endpoint().resolve("/ListChannels"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("MissingAuthenticationTokenException");
    assertThat(JSON.readTree(r.body()).path("message").asText())
        .isEqualTo("Missing Authentication Token");
  }

  @Test
  void malformedAuthorization_isIncompleteSignature() throws Exception {
    HttpResponse<String> r =
        RawHttp.send(
            HttpRequest.newBuilder(ivs.endpoint().resolve("/ListChannels"))
                .header(
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential="
                        + Sdk.ACCESS_KEY
                        + "/20261126/us-west-2/ivs/aws4_request")
                .header("X-Amz-Date", RawHttp.AMZ_DATE.format(Instant.now()))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("IncompleteSignatureException");
    assertThat(JSON.readTree(r.body()).path("message").asText())
        .contains("'Signature'")
        .contains("'SignedHeaders'");
  }

  @Test
  void credentialScopedToAnotherService_isRefused() throws Exception {
    HttpResponse<String> r = send(sign("POST", "/ListChannels", "{}", "s3", Instant.now()), "{}");

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(r.body()).path("message").asText()).contains("'ivs'");
  }

  @Test
  void sdkSignerRequest_isAccepted_butTamperedBodyIsRefused() throws Exception {
    SignedRequest signed = sign("POST", "/GetChannel", MISSING, "ivs", Instant.now());

    HttpResponse<String> honest = send(signed, MISSING);
    HttpResponse<String> tampered = send(signed, MISSING.replace("none", "nonf"));

    assertThat(honest.statusCode()).as(honest.body()).isEqualTo(404);
    assertThat(tampered.statusCode()).isEqualTo(403);
    assertThat(tampered.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("InvalidSignatureException");
  }

  @Test
  void unsignedPayload_isRefused_evenWithAValidSignature() throws Exception {
    // The SDK signer writes UNSIGNED-PAYLOAD only for https with payload signing off; the signature
    // covers
    // host:port and path, not the scheme, so the request is then sent over this endpoint's plain
    // http.
    URI https = URI.create("https://" + ivs.endpoint().getAuthority() + "/GetChannel");
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(AwsCredentialsIdentity.create(Sdk.ACCESS_KEY, Sdk.SECRET_KEY))
                        .request(
                            SdkHttpRequest.builder()
                                .method(SdkHttpMethod.POST)
                                .uri(https)
                                .putHeader("Content-Type", "application/json")
                                .build())
                        .payload(ContentStreamProvider.fromUtf8String(MISSING))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ivs")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-west-2")
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
    assertThat(signed.request().firstMatchingHeader("x-amz-content-sha256"))
        .hasValue("UNSIGNED-PAYLOAD");

    HttpResponse<String> r = send(signed, ivs.endpoint().resolve("/GetChannel"), MISSING);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
    assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidSignatureException");
    assertThat(JSON.readTree(r.body()).path("message").asText())
        .contains("UNSIGNED-PAYLOAD")
        .contains("must be signed");
  }

  @Test
  void staleRequestTime_isRefused() throws Exception {
    HttpResponse<String> r =
        send(
            sign(
                "POST", "/GetChannel", MISSING, "ivs", Instant.now().minus(Duration.ofMinutes(20))),
            MISSING);

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(r.body()).path("message").asText()).contains("Signature expired");
  }

  private static SignedRequest sign(
      String method, String path, String body, String service, Instant at) {
    URI uri = ivs.endpoint().resolve(path);
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.fromValue(method))
            .uri(uri)
            .putHeader("Content-Type", "application/json")
            .build();
    return AwsV4HttpSigner.create()
        .sign(
            r ->
                r.identity(AwsCredentialsIdentity.create(Sdk.ACCESS_KEY, Sdk.SECRET_KEY))
                    .request(request)
                    .payload(ContentStreamProvider.fromUtf8String(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-west-2")
                    .putProperty(
                        AwsV4HttpSigner.SIGNING_CLOCK,
                        java.time.Clock.fixed(at, java.time.ZoneOffset.UTC)));
  }

  private static HttpResponse<String> send(SignedRequest signed, String body) throws Exception {
    return send(signed, signed.request().getUri(), body);
  }

  private static HttpResponse<String> send(SignedRequest signed, URI uri, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .method(
                signed.request().method().name(),
                HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    for (Map.Entry<String, List<String>> h : signed.request().headers().entrySet()) {
      if (!h.getKey().equalsIgnoreCase("Host") && !h.getKey().equalsIgnoreCase("Content-Length")) {
        h.getValue().forEach(v -> b.header(h.getKey(), v));
      }
    }
    return RawHttp.send(b.build());
  }
}
