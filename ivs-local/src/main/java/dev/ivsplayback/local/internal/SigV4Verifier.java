package dev.ivsplayback.local.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the SigV4 {@code Authorization} header of a request, as AWS does: the header must be
 * present and well-formed for service {@code ivs} in the endpoint's region; when credentials are
 * configured the signature is recomputed (canonical request per the SigV4 specification) and
 * compared in constant time. Thread-safe.
 */
public final class SigV4Verifier {

  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
  private static final Duration MAX_SKEW = Duration.ofMinutes(15);
  private static final HexFormat HEX = HexFormat.of();

  private final String region;
  private final String accessKeyId; // null: any key accepted, signature not checked
  private final String secretAccessKey;
  private final Clock wallClock;

  /**
   * @param wallClock the real clock for the request-time skew check (not the emulator's injected
   *     clock, which tests may set far from the time the SDK signs with)
   */
  public SigV4Verifier(String region, String accessKeyId, String secretAccessKey, Clock wallClock) {
    this.region = region;
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
    this.wallClock = wallClock;
  }

  /**
   * Verifies one request.
   *
   * @param header returns all values of a header (case-insensitive name), or null when absent
   */
  public void verify(
      String method,
      String rawPath,
      String rawQuery,
      Function<String, List<String>> header,
      byte[] body) {
    List<String> auth = header.apply("Authorization");
    if (auth == null || auth.isEmpty() || auth.get(0).isBlank()) {
      throw new ApiException(
          "MissingAuthenticationTokenException", 403, "Missing Authentication Token");
    }
    String value = auth.get(0).trim();
    if (!value.startsWith(ALGORITHM + " ")) {
      throw incomplete("Authorization header must use the " + ALGORITHM + " algorithm (SigV4).");
    }
    Map<String, String> parts = new LinkedHashMap<>();
    for (String p : value.substring(ALGORITHM.length()).split(",")) {
      String t = p.trim();
      int eq = t.indexOf('=');
      if (eq > 0) {
        parts.put(t.substring(0, eq).trim(), t.substring(eq + 1).trim());
      }
    }
    StringBuilder missing = new StringBuilder();
    for (String required : List.of("Credential", "SignedHeaders", "Signature")) {
      if (!parts.containsKey(required) || parts.get(required).isEmpty()) {
        missing.append("Authorization header requires '").append(required).append("' parameter. ");
      }
    }
    List<String> dateHeader = header.apply("X-Amz-Date");
    if (dateHeader == null || dateHeader.isEmpty()) {
      missing.append("Authorization header requires existence of a 'X-Amz-Date' header. ");
    }
    if (missing.length() > 0) {
      throw incomplete(missing.toString().trim());
    }
    String amzDate = dateHeader.get(0).trim();
    Instant requestTime;
    try {
      requestTime = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw incomplete("X-Amz-Date must be in the form yyyyMMdd'T'HHmmss'Z'.");
    }
    String[] scope = parts.get("Credential").split("/");
    if (scope.length != 5 || scope[0].isEmpty()) {
      throw incomplete(
          "Credential must have the form <accessKeyId>/<date>/<region>/<service>/aws4_request.");
    }
    if (!scope[4].equals("aws4_request")) {
      throw invalid(
          "Credential should be scoped with a valid terminator: 'aws4_request', not '"
              + scope[4]
              + "'.");
    }
    if (!scope[3].equals("ivs")) {
      throw invalid("Credential should be scoped to correct service: 'ivs'.");
    }
    if (!scope[2].equals(region)) {
      throw invalid(
          "Credential should be scoped to a valid region, not '"
              + scope[2]
              + "'. This endpoint serves '"
              + region
              + "'.");
    }
    if (!scope[1].equals(amzDate.substring(0, 8))) {
      throw invalid(
          "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
              + scope[1]
              + "' != '"
              + amzDate.substring(0, 8)
              + "'.");
    }
    Instant now = wallClock.instant();
    if (Duration.between(requestTime, now).abs().compareTo(MAX_SKEW) > 0) {
      throw invalid(
          "Signature expired: "
              + amzDate
              + " is more than 15 minutes from the server time "
              + AMZ_DATE.format(now.atOffset(ZoneOffset.UTC))
              + ".");
    }
    List<String> signedHeaders = Arrays.asList(parts.get("SignedHeaders").split(";"));
    if (!signedHeaders.contains("host")) {
      throw invalid("'Host' must be a signed header.");
    }
    String signature = parts.get("Signature");
    if (!signature.matches("[0-9a-f]{64}")) {
      throw incomplete("Signature must be 64 lower-case hex characters.");
    }
    if (accessKeyId == null) {
      return;
    }
    if (!scope[0].equals(accessKeyId)) {
      throw new ApiException(
          "UnrecognizedClientException",
          403,
          "The security token included in the request is invalid.");
    }
    String payloadHash = payloadHash(header, body);
    String canonicalHeaders = canonicalHeaders(signedHeaders, header);
    List<String> canonicalQueries = canonicalQueries(rawQuery);
    String credentialScope = scope[1] + "/" + scope[2] + "/" + scope[3] + "/" + scope[4];
    byte[] signingKey = signingKey(scope[1], scope[2], scope[3]);
    // Non-S3 SDKs encode the (already encoded) path once more; accept the singly encoded form as
    // well.
    for (String canonicalUri : canonicalUris(rawPath)) {
      for (String canonicalQuery : canonicalQueries) {
        String canonicalRequest =
            method
                + "\n"
                + canonicalUri
                + "\n"
                + canonicalQuery
                + "\n"
                + canonicalHeaders
                + "\n"
                + String.join(";", signedHeaders)
                + "\n"
                + payloadHash;
        String stringToSign =
            ALGORITHM
                + "\n"
                + amzDate
                + "\n"
                + credentialScope
                + "\n"
                + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        String expected = HEX.formatHex(hmac(signingKey, stringToSign));
        if (MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            signature.getBytes(StandardCharsets.US_ASCII))) {
          return;
        }
      }
    }
    throw invalid(
        "The request signature we calculated does not match the signature you provided. Check your AWS "
            + "Secret Access Key and signing method. Consult the service documentation for details.");
  }

  private static String payloadHash(Function<String, List<String>> header, byte[] body) {
    String actual = HEX.formatHex(sha256(body));
    List<String> declared = header.apply("X-Amz-Content-Sha256");
    if (declared != null && !declared.isEmpty()) {
      String d = declared.get(0).trim();
      if (!d.matches("[0-9a-fA-F]{64}")) {
        // UNSIGNED-PAYLOAD or a STREAMING-* marker would leave the body unsigned. The AWS SDKs and
        // CLI sign IVS
        // bodies (the Java SDK 2.40.2 always does over http, and for restJson1 services over https
        // too).
        throw invalid(
            "X-Amz-Content-Sha256 '"
                + d
                + "' is not accepted: this endpoint verifies signatures,"
                + " and the request body must be signed (the header, if sent, must be the hex SHA-256 of the"
                + " body)");
      }
      // A declared hash that is not the body's: the signature cannot match the body received.
      return actual;
    }
    return actual;
  }

  private static String canonicalHeaders(
      List<String> signedHeaders, Function<String, List<String>> header) {
    StringBuilder sb = new StringBuilder();
    for (String name : signedHeaders) {
      List<String> values = header.apply(name);
      List<String> trimmed = new ArrayList<>();
      if (values != null) {
        for (String v : values) {
          trimmed.add(v.trim().replaceAll(" +", " "));
        }
      }
      sb.append(name.toLowerCase(Locale.ROOT))
          .append(':')
          .append(String.join(",", trimmed))
          .append('\n');
    }
    return sb.toString();
  }

  /**
   * The canonical URIs a client may have signed: the path encoded once more (non-S3 SDKs), the path
   * as sent, and the normalised path encoded once more. The Java SDK v2
   * (V4CanonicalRequest#getCanonicalUri) signs {@code URI#normalize()}'s raw path ("//" collapsed,
   * "." and ".." removed), encoded once more, with a trailing "/" that normalisation left (e.g.
   * from "/a/.") dropped unless the decoded path itself ends with "/".
   */
  private static List<String> canonicalUris(String rawPath) {
    List<String> uris =
        new ArrayList<>(List.of(encodePath(rawPath), rawPath.isEmpty() ? "/" : rawPath));
    try {
      java.net.URI uri = java.net.URI.create(rawPath.isEmpty() ? "/" : rawPath);
      String normalized = uri.normalize().getRawPath();
      if (normalized != null && !normalized.isEmpty() && !normalized.equals(rawPath)) {
        String encoded = encodePath(normalized);
        if (encoded.length() > 1 && encoded.endsWith("/") && !uri.getPath().endsWith("/")) {
          encoded = encoded.substring(0, encoded.length() - 1);
        }
        uris.add(encoded);
      }
    } catch (IllegalArgumentException e) {
      // not parseable as a URI path: the forms above are all a client can have signed
    }
    return uris;
  }

  /**
   * The canonical query strings a client may have signed: every parameter, and, when some have an
   * empty name, the same without them (the Java SDK v2 does not sign parameters with an empty name;
   * V4CanonicalRequest #getCanonicalQueryParams). Such parameters carry nothing ivs-local reads.
   */
  static List<String> canonicalQueries(String rawQuery) {
    String all = canonicalQuery(rawQuery, true);
    String named = canonicalQuery(rawQuery, false);
    return all.equals(named) ? List.of(all) : List.of(all, named);
  }

  /**
   * Names and values decoded and re-encoded, sorted by name, then by value (repeated names keep
   * every value).
   */
  private static String canonicalQuery(String rawQuery, boolean withEmptyNames) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String p : rawQuery.split("&")) {
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      String k = eq < 0 ? p : p.substring(0, eq);
      String v = eq < 0 ? "" : p.substring(eq + 1);
      if (k.isEmpty() && !withEmptyNames) {
        continue;
      }
      pairs.add(new String[] {encode(Uris.decode(k)), encode(Uris.decode(v))});
    }
    pairs.sort(Comparator.<String[], String>comparing(a -> a[0]).thenComparing(a -> a[1]));
    StringBuilder sb = new StringBuilder();
    for (String[] kv : pairs) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(kv[0]).append('=').append(kv[1]);
    }
    return sb.toString();
  }

  static String encodePath(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    StringBuilder sb = new StringBuilder();
    String[] segments = rawPath.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        sb.append('/');
      }
      sb.append(encode(segments[i]));
    }
    return sb.toString();
  }

  /**
   * SigV4 URI encoding: unreserved characters kept, everything else as upper-case %XX of its UTF-8
   * bytes.
   */
  static String encode(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        sb.append(c);
      } else {
        sb.append('%')
            .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  private byte[] signingKey(String date, String regionName, String service) {
    byte[] k = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
    k = hmac(k, regionName);
    k = hmac(k, service);
    return hmac(k, "aws4_request");
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static ApiException incomplete(String message) {
    return new ApiException("IncompleteSignatureException", 403, message);
  }

  private static ApiException invalid(String message) {
    return new ApiException("InvalidSignatureException", 403, message);
  }
}
