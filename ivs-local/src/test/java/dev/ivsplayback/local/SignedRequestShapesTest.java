package dev.ivsplayback.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Unusual paths and queries signed by the SDK's own AwsV4HttpSigner (fuzz-findings F6, F7) and sent
 * verbatim over a socket: ivs-local must compute the canonical request as the SDK does, and still
 * refuse a wrong secret.
 */
class SignedRequestShapesTest {
  @RegisterExtension
  static IvsLocalExtension ivs =
      new IvsLocalExtension(IvsLocal.builder().credentials(Sdk.ACCESS_KEY, Sdk.SECRET_KEY));

  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> SIGNATURE_ERRORS =
      List.of(
          "InvalidSignatureException",
          "IncompleteSignatureException",
          "UnrecognizedClientException",
          "MissingAuthenticationTokenException");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/tags/%7B/.",
        "/tags/%7B/..",
        "/tags/a/./b",
        "/tags/a/../b",
        "/tags/a/b/../..",
        "/tags/a/./",
        "/tags/a/../",
        "/tags/.",
        "/tags/a//./b/.."
      })
  void pathWithDotSegments_signedBySdk_isAccepted(String path) throws Exception {
    assertSignatureAccepted("GET", path, "");
    assertSignatureAccepted("DELETE", path + "?tagKeys=k", "");
  }

  @ParameterizedTest
  @ValueSource(strings = {"=x", "=", "=x&b=1", "a=1&=x&=y", "=y%25zx&y=%25zz&y=%25zx&a%20bc%3Fx=1"})
  void queryWithEmptyName_signedBySdk_isAccepted(String query) throws Exception {
    assertSignatureAccepted("POST", "/ListChannels?" + query, "{}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a&a=",
        "a=1&a=",
        "a=&a=1",
        "a=2&a=1&a=10",
        "a&a",
        "b=1&a=2&b=&a=1",
        "a=x&a=x",
        "a=%7E&a=~&a=%25",
        "a=b+c&a=b%20c&a+b=1"
      })
  void queryWithRepeatedNames_signedBySdk_isAccepted(String query) throws Exception {
    assertSignatureAccepted("POST", "/ListChannels?" + query, "{}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/tags/%7B/.?tagKeys=k", "/ListChannels?=x&a&a=", "/ListChannels?a=1&a="})
  void unusualShapes_signedWithAWrongSecret_areRefused(String target) throws Exception {
    Response r = sendSigned("POST", target, "{}", "wrong-secret");

    assertThat(r.status()).as(r.body()).isEqualTo(403);
    assertThat(JSON.readTree(r.body()).path("__type").asText())
        .isEqualTo("InvalidSignatureException");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a=1&a=", "=x&a=1"})
  void repeatedOrEmptyNamedQuery_withANamedValueAddedAfterSigning_isRefused(String query)
      throws Exception {
    SignedRequest signed = sign("POST", "/ListChannels?" + query, "{}", Sdk.SECRET_KEY);

    Response r = send(signed, "/ListChannels?" + query + "&a=2", "{}");

    assertThat(r.status()).as(r.body()).isEqualTo(403);
    assertThat(JSON.readTree(r.body()).path("__type").asText())
        .isEqualTo("InvalidSignatureException");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/tags/a/.", "/tags/a/b/.."})
  void dotSegmentPath_withADifferentPathAfterSigning_isRefused(String path) throws Exception {
    SignedRequest signed = sign("GET", path, "", Sdk.SECRET_KEY);

    Response r = send(signed, path + "x", "");

    assertThat(r.status()).as(r.body()).isEqualTo(403);
    assertThat(JSON.readTree(r.body()).path("__type").asText())
        .isEqualTo("InvalidSignatureException");
  }

  private static void assertSignatureAccepted(String method, String target, String body)
      throws Exception {
    Response r = sendSigned(method, target, body, Sdk.SECRET_KEY);

    assertThat(r.status())
        .as("%s %s -> %s", method, target, r.body())
        .isBetween(200, 499)
        .isNotEqualTo(403);
    if (r.status() >= 400) {
      assertThat(JSON.readTree(r.body()).path("__type").asText())
          .as(r.body())
          .isNotIn(SIGNATURE_ERRORS);
    }
  }

  private static Response sendSigned(String method, String target, String body, String secret)
      throws IOException {
    SignedRequest signed = sign(method, target, body, secret);
    // What an SDK client puts on the wire: its encoded path (not normalised) and its re-encoded
    // query.
    String wire =
        signed.request().encodedPath()
            + signed.request().encodedQueryParameters().map(q -> "?" + q).orElse("");
    return send(signed, wire, body);
  }

  private static SignedRequest sign(String method, String target, String body, String secret) {
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.fromValue(method))
            .uri(URI.create(ivs.endpoint() + target))
            .putHeader("Content-Type", "application/json")
            .build();
    return AwsV4HttpSigner.create()
        .sign(
            r ->
                r.identity(AwsCredentialsIdentity.create(Sdk.ACCESS_KEY, secret))
                    .request(request)
                    .payload(ContentStreamProvider.fromUtf8String(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ivs")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-west-2"));
  }

  /**
   * Sends the request target byte for byte (no client-side normalisation), with the signed headers.
   */
  private static Response send(SignedRequest signed, String target, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    URI endpoint = ivs.endpoint();
    StringBuilder head =
        new StringBuilder(signed.request().method().name())
            .append(' ')
            .append(target)
            .append(" HTTP/1.1\r\nHost: ")
            .append(endpoint.getAuthority())
            .append("\r\n");
    for (Map.Entry<String, List<String>> h : signed.request().headers().entrySet()) {
      if (!h.getKey().equalsIgnoreCase("Host")) {
        head.append(h.getKey()).append(": ").append(String.join(",", h.getValue())).append("\r\n");
      }
    }
    head.append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
    try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(bytes);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.UTF_8);
      int status = Integer.parseInt(text.substring(9, 12));
      int split = text.indexOf("\r\n\r\n");
      return new Response(status, split < 0 ? "" : text.substring(split + 4));
    }
  }

  private record Response(int status, String body) {}
}
