package dev.ivsplayback.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ivsplayback.local.IvsLocal;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Fuzz target for ivs-local with credentials configured, so that SigV4 is verified for real:
 * requests with fuzzed paths, query strings, extra headers and bodies are signed with the AWS SDK's
 * own SigV4 signer (and sometimes tampered with after signing). A correctly signed request must
 * never be refused as a bad signature; a tampered one must be; and nothing may be answered with a
 * 5xx or take longer than the bound.
 */
class SignedIvsLocalHttpFuzzTest {
  private static final String ACCESS_KEY = "AKIDSIGNEDFUZZ";
  private static final String SECRET_KEY = "signed-fuzz-secret";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> OPERATIONS =
      List.of(
          "CreateChannel",
          "ListChannels",
          "GetChannel",
          "ListPlaybackKeyPairs",
          "PutMetadata",
          "TagResource",
          "ListTagsForResource",
          "UntagResource",
          "BatchGetChannel",
          "ListStreamSessions");
  private static IvsLocal ivs;

  /**
   * Jazzer's SSRF detector flags every socket a fuzz test opens; ours go to the emulator only. The
   * policy exists only while Jazzer's agent runs (fuzzing); in regression mode there is no detector
   * to relax.
   */
  private static SilentCloseable allowLoopbackToEmulator() {
    try {
      return BugDetectors.allowNetworkConnections(
          (host, port) ->
              port == ivs.port() && (host.equals("127.0.0.1") || host.equals("localhost")));
    } catch (IllegalStateException noAgent) {
      return () -> {};
    }
  }

  @BeforeAll
  static void start() {
    ivs = IvsLocal.builder().credentials(ACCESS_KEY, SECRET_KEY).build().start();
  }

  @AfterAll
  static void stop() {
    ivs.close();
  }

  @FuzzTest(maxDuration = "2m")
  void signedRequest_arbitraryPathQueryHeadersBody(FuzzedDataProvider data) {
    try (SilentCloseable allowed = allowLoopbackToEmulator()) {
      Bounded.run(() -> signedRequestInput(data));
    }
  }

  private void signedRequestInput(FuzzedDataProvider data) throws IOException {
    String operation = data.pickValue(OPERATIONS);
    boolean tags = operation.endsWith("Resource");
    SdkHttpMethod method =
        switch (operation) {
          case "ListTagsForResource" -> SdkHttpMethod.GET;
          case "UntagResource" -> SdkHttpMethod.DELETE;
          default -> SdkHttpMethod.POST;
        };
    String path = tags ? "/tags/" + uriSafe(data.consumeString(60)) : "/" + operation;
    // Paths may hold "//", "." and ".." (fuzz-findings F6, fixed); queries may have empty, repeated
    // or value-less
    // names (F7, fixed). UntagResource also carries the one query IVS uses.
    String arbitrary = data.consumeBoolean() ? uriSafe(data.consumeString(40)) : "";
    String tagKeys =
        method == SdkHttpMethod.DELETE
            ? "tagKeys=" + uriSafe(data.consumeString(20)).replace("&", "%26").replace("=", "%3D")
            : "";
    String query =
        arbitrary.isEmpty()
            ? (tagKeys.isEmpty() ? null : tagKeys)
            : tagKeys.isEmpty() ? arbitrary : tagKeys + "&" + arbitrary;
    SdkHttpRequest.Builder request =
        SdkHttpRequest.builder()
            .method(method)
            .uri(URI.create(ivs.endpoint() + path + (query == null ? "" : "?" + query)))
            .putHeader("Content-Type", "application/json");
    if (data.consumeBoolean()) {
      request.putHeader(
          "X-Fuzz-" + Integer.toHexString(data.consumeInt(0, 255)),
          headerSafe(data.consumeString(40)));
    }
    boolean tamper =
        method == SdkHttpMethod.POST && data.consumeInt(0, 4) == 0; // only a body can be altered
    byte[] body = method == SdkHttpMethod.POST ? data.consumeRemainingAsBytes() : new byte[0];
    SdkHttpRequest unsigned;
    try {
      unsigned = request.build();
    } catch (RuntimeException e) {
      return; // not a request the SDK can express; nothing reached ivs-local
    }
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(AwsCredentialsIdentity.create(ACCESS_KEY, SECRET_KEY))
                        .request(unsigned)
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ivs")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, ivs.region()));
    Map<String, String> headers = new LinkedHashMap<>();
    signed
        .request()
        .headers()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Host")) {
                headers.put(name, String.join(",", values));
              }
            });
    byte[] sent = body;
    if (tamper) {
      sent = java.util.Arrays.copyOf(body, body.length + 1);
      sent[body.length] = '!';
    }
    String target =
        signed.request().encodedPath()
            + signed.request().encodedQueryParameters().map(q -> "?" + q).orElse("");
    RawHttp.Response r =
        RawHttp.send(
            ivs.endpoint(),
            method.name(),
            target,
            headers,
            method == SdkHttpMethod.POST ? sent : null);
    assertThat(r.status()).as("%s %s -> %s", method, target, r.text()).isBetween(200, 499);
    if (r.status() >= 400) {
      JsonNode json = JSON.readTree(r.body());
      String type = json.path("__type").asText();
      assertThat(type).as(r.text()).isNotBlank();
      if (tamper) {
        assertThat(type)
            .isIn(
                "InvalidSignatureException",
                "SerializationException",
                "RequestEntityTooLargeException");
      } else {
        assertThat(type)
            .as("a correctly signed %s %s was refused: %s", method, target, r.text())
            .isNotIn(
                "InvalidSignatureException",
                "IncompleteSignatureException",
                "UnrecognizedClientException",
                "MissingAuthenticationTokenException");
      }
    } else {
      assertThat(tamper).as("a body changed after signing was accepted").isFalse();
    }
  }

  /**
   * Percent-encodes what a URI may not carry raw, keeping the fuzzer's reserved characters and
   * escapes.
   */
  private static String uriSafe(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || "-_.~=&:/+*,;!$'()@".indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(String.format("%02X", c));
      }
    }
    return sb.toString();
  }

  private static String headerSafe(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(c >= 0x20 && c < 0x7f ? c : '_');
    }
    return sb.toString().strip();
  }
}
