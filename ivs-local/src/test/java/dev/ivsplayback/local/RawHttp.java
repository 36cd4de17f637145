package dev.ivsplayback.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Raw HTTP requests (java.net.http) for what the SDK hides: headers, status codes, bodies, missing
 * signatures.
 */
final class RawHttp {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private RawHttp() {}

  /**
   * A well-formed SigV4 header with an arbitrary signature (accepted when ivs-local has no
   * credentials).
   */
  static HttpRequest.Builder formatSigned(URI uri, Instant at) {
    String date = AMZ_DATE.format(at);
    return HttpRequest.newBuilder(uri)
        .header("X-Amz-Date", date)
        .header(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDRAW/"
                + date.substring(0, 8)
                + "/us-west-2/ivs/aws4_request, SignedHeaders=host;x-amz-date, Signature="
                + "0".repeat(64));
  }

  static HttpResponse<String> post(IvsLocal ivs, String path, String body)
      throws IOException, InterruptedException {
    return send(
        formatSigned(ivs.endpoint().resolve(path), Instant.now())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
