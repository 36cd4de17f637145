package dev.ivsplayback.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * A restJson1 call signed with the SDK's SigV4 signer, for request members SDK 2.40.2 cannot send:
 * its CreateChannel and UpdateChannel lack the model's {@code adConfigurationArn}, which
 * InsertAdBreak needs on the channel.
 */
final class SignedRawCall {
  private SignedRawCall() {}

  /**
   * POSTs {@code json} to {@code /<operation>} and returns the response body.
   *
   * @throws AssertionError unless IVS answers 200
   */
  static String post(
      URI endpoint, AwsCredentialsProvider credentials, String operation, String json)
      throws IOException, InterruptedException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    SdkHttpRequest unsigned =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(endpoint.resolve("/" + operation))
            .putHeader("Content-Type", "application/json")
            .build();
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity((AwsCredentialsIdentity) credentials.resolveCredentials())
                        .request(unsigned)
                        .payload(
                            ContentStreamProvider.fromInputStreamSupplier(
                                () -> new ByteArrayInputStream(body)))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ivs")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-west-2"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(signed.request().getUri())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    signed
        .request()
        .forEachHeader(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Host")) {
                values.forEach(v -> request.header(name, v));
              }
            });
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError(
          operation + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}
