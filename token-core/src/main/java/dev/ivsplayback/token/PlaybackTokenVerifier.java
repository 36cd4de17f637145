package dev.ivsplayback.token;

import dev.ivsplayback.token.internal.Base64Url;
import dev.ivsplayback.token.internal.CompactJws;
import dev.ivsplayback.token.internal.Origins;
import dev.ivsplayback.token.internal.P384;
import dev.ivsplayback.token.internal.Settings;
import dev.ivsplayback.token.internal.SignatureCheck;
import dev.ivsplayback.token.internal.SingleUseMemory;
import dev.ivsplayback.token.internal.StrictJson;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Verifies playback tokens the way IVS does when playback starts: for tests, for ivs-local, and for
 * services that gate playback themselves. Thread-safe; share one instance (it holds the single-use
 * UUID cache, the converted keys and per-thread signature state).
 *
 * <p>Checks, in order: size (before any decoding), three canonical base64url segments, a strict
 * JSON header with {@code alg} ES384 and no {@code crit}/{@code b64}, a 96-byte R‖S signature with
 * r and s in [1, n-1] that verifies under one of the keys (each tried in turn, as IVS has no {@code
 * kid}) on the verifier's {@link #engine() engine}, a strict JSON payload, {@code exp} present, an
 * integer, not past and not more than 10 minutes ahead with a viewer id or single-use UUID (all
 * with the leeway), the claim rules of {@link PlaybackClaims}, the channel, the origin, and finally
 * single use. The result is {@link VerificationResult.Valid} or one {@link RejectionReason}.
 *
 * <p>Header: {@code typ}, when present, must be {@code JWT}; other parameters such as {@code kid}
 * are ignored (never used to choose a key). Payload: unknown {@code aws:} claims are refused (their
 * meaning may be a restriction); {@code nbf} is honoured; {@code iat iss sub aud jti} are accepted
 * and not returned; other claims are returned as additional claims when they are strings, booleans,
 * integers or null, and refused otherwise. {@code aws:viewer-session-version} is accepted as a JSON
 * number or a decimal string (the IVS docs show both).
 *
 * <p>Engine: ACCP (native AWS-LC) where its native library loads, else BouncyCastle's lightweight
 * verifier; never SunEC (JDK 17's SunEC rejects two valid Wycheproof signatures). The strict size
 * and range checks above always run first, so every engine sees only well-formed signatures; both
 * agree with all 280 Wycheproof P-384 P1363 vectors.
 *
 * <pre>{@code
 * PlaybackTokenVerifier verifier =
 *     PlaybackTokenVerifier.builder().publicKeys(List.of(publicKey)).build(); // share one
 * VerificationResult result =
 *     verifier.verify(token, VerificationRequest.forChannel(channelArn).withOrigin(origin));
 * if (result instanceof VerificationResult.Invalid invalid) {
 *   return deny(invalid.reason()); // EXPIRED, BAD_SIGNATURE, CHANNEL_MISMATCH, ...
 * }
 * }</pre>
 */
public final class PlaybackTokenVerifier {
  /** Default largest accepted token, in characters. */
  public static final int DEFAULT_MAX_TOKEN_LENGTH = 8 * 1024;

  /** Default number of single-use UUIDs remembered. */
  public static final long DEFAULT_SINGLE_USE_CACHE_MAXIMUM_SIZE = 100_000L;

  private static final Pattern UUID_PATTERN =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Set<String> IGNORED_REGISTERED = Set.of("iat", "iss", "sub", "aud", "jti");

  private final Supplier<? extends Collection<? extends PublicKey>> keySource;

  private final Clock clock;
  private final Duration leeway;
  private final int maxTokenLength;
  private final SingleUseMemory singleUse;
  private final SignatureCheck signatureCheck;

  private PlaybackTokenVerifier(Builder b, SignatureCheck signatureCheck) {
    this.signatureCheck = signatureCheck;
    this.keySource = b.keySource;
    this.clock = b.clock;
    this.leeway = b.leeway;
    this.maxTokenLength = b.maxTokenLength;
    this.singleUse = new SingleUseMemory(clock, leeway, b.singleUseCacheMaximumSize);
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies a token for a playback request. Never throws for a bad token; a failing key source or
   * a key that is not EC P-384 is a configuration error and throws.
   *
   * @param token the compact JWS (may be null, then MALFORMED)
   * @param request the channel requested and the request's origin
   * @return {@link VerificationResult.Valid} with the claims and matching key, or an {@link
   *     VerificationResult.Invalid} with its reason
   * @throws KeyFormatException when the key source supplies a key that is not EC P-384
   */
  public VerificationResult verify(String token, VerificationRequest request) {
    Objects.requireNonNull(request, "request");
    if (token == null) {
      return invalid(RejectionReason.MALFORMED, "token is null");
    }
    if (token.length() > maxTokenLength) {
      return invalid(
          RejectionReason.TOO_LARGE,
          "token is " + token.length() + " characters; the limit is " + maxTokenLength);
    }
    int d1 = token.indexOf('.');
    int d2 = d1 < 0 ? -1 : token.indexOf('.', d1 + 1);
    if (d1 < 0 || d2 < 0 || token.indexOf('.', d2 + 1) >= 0) {
      long segments = token.chars().filter(c -> c == '.').count() + 1;
      return invalid(
          RejectionReason.MALFORMED, "token has " + segments + " segment(s); a JWS has exactly 3");
    }
    // Tokens from our signer carry exactly one header: neither decoded nor parsed again.
    boolean canonicalHeader = CompactJws.hasCanonicalHeader(token, d1);
    byte[] headerBytes =
        canonicalHeader ? CompactJws.CANONICAL_HEADER_BYTES : Base64Url.decodeStrict(token, 0, d1);
    byte[] payloadBytes = Base64Url.decodeStrict(token, d1 + 1, d2);
    byte[] signature = CompactJws.decodeSignature(token, d2 + 1);
    if (headerBytes == null || payloadBytes == null || signature == null) {
      String which =
          headerBytes == null ? "header" : payloadBytes == null ? "payload" : "signature";
      return invalid(
          RejectionReason.MALFORMED,
          "the " + which + " segment is not canonical base64url without" + " padding");
    }

    Map<String, Object> header;
    try {
      header = canonicalHeader ? CompactJws.CANONICAL_HEADER : StrictJson.parseObject(headerBytes);
    } catch (StrictJson.MalformedJsonException e) {
      return invalid(RejectionReason.MALFORMED, "the header " + e.getMessage());
    }
    Object alg = header.get("alg");
    if (!"ES384".equals(alg)) {
      return invalid(
          RejectionReason.UNSUPPORTED_ALGORITHM,
          alg == null
              ? "the header has no alg; ES384 is" + " required"
              : "alg " + describe(alg) + " is not supported; only ES384 is accepted");
    }
    if (header.containsKey("crit")) {
      return invalid(
          RejectionReason.UNSUPPORTED_HEADER,
          "the header has crit; no critical extensions are" + " supported");
    }
    if (header.containsKey("b64")) {
      return invalid(
          RejectionReason.UNSUPPORTED_HEADER, "the header has b64 (RFC 7797); not supported");
    }
    if (header.containsKey("typ")
        && !(header.get("typ") instanceof String typ && typ.equalsIgnoreCase("JWT"))) {
      return invalid(
          RejectionReason.UNSUPPORTED_HEADER, "typ " + describe(header.get("typ")) + " is not JWT");
    }

    if (signature.length != P384.SIGNATURE_BYTES) {
      return invalid(
          RejectionReason.BAD_SIGNATURE,
          "the signature is " + signature.length + " bytes; ES384" + " requires exactly 96 (R||S)");
    }
    if (!P384.isWellFormedSignature(signature)) {
      return invalid(RejectionReason.BAD_SIGNATURE, "r or s is outside [1, n-1]");
    }
    Collection<? extends PublicKey> keys = keySource.get();
    if (keys == null || keys.isEmpty()) {
      return invalid(RejectionReason.NO_KEYS, "there are no public keys to verify against");
    }
    byte[] signingInput = CompactJws.signingInput(token, d2);
    PublicKey matched = null;
    for (PublicKey key : keys) {
      if (signatureCheck.verify(key, signingInput, d2, signature)) {
        matched = key;
        break;
      }
    }
    if (matched == null) {
      return invalid(
          RejectionReason.BAD_SIGNATURE,
          "the signature matches none of the " + keys.size() + " key(s)");
    }

    Map<String, Object> payload;
    try {
      payload = StrictJson.parseObject(payloadBytes);
    } catch (StrictJson.MalformedJsonException e) {
      return invalid(RejectionReason.MALFORMED, "the payload " + e.getMessage());
    }
    return checkClaims(payload, matched, request);
  }

  private VerificationResult checkClaims(
      Map<String, Object> payload, PublicKey key, VerificationRequest request) {
    Instant now = clock.instant();
    if (!payload.containsKey(PlaybackClaims.EXP)) {
      return invalid(RejectionReason.MISSING_EXPIRY, "the token has no exp claim");
    }
    Object expValue = payload.get(PlaybackClaims.EXP);
    if (!(expValue instanceof Long exp)) {
      return invalidClaim(
          PlaybackClaims.EXP,
          "exp is " + describe(expValue) + "; it must be an integer number" + " of Unix seconds");
    }
    if (exp >= PlaybackClaims.MILLISECONDS_THRESHOLD) {
      return invalidClaim(
          PlaybackClaims.EXP,
          "exp "
              + exp
              + " looks like milliseconds, not seconds; IVS expects"
              + " whole Unix seconds");
    }
    if (exp < Instant.MIN.getEpochSecond()) {
      return invalidClaim(
          PlaybackClaims.EXP,
          "exp "
              + exp
              + " is before the earliest representable time ("
              + Instant.MIN
              + "); it must be Unix seconds");
    }
    if (!now.isBefore(Instant.ofEpochSecond(exp).plus(leeway))) {
      return invalid(
          RejectionReason.EXPIRED,
          "the token expired at "
              + Instant.ofEpochSecond(exp)
              + " (now "
              + now
              + ", leeway "
              + leeway
              + ")");
    }
    boolean bound =
        payload.containsKey(PlaybackClaims.VIEWER_ID)
            || payload.containsKey(PlaybackClaims.SINGLE_USE_UUID);
    Instant latest = now.plus(PlaybackClaims.MAX_BOUND_LIFETIME).plus(leeway);
    if (bound && Instant.ofEpochSecond(exp).isAfter(latest)) {
      return invalid(
          RejectionReason.EXPIRY_TOO_FAR,
          "exp "
              + Instant.ofEpochSecond(exp)
              + " is more than 10"
              + " minutes ahead (now "
              + now
              + "), which IVS refuses with a viewer id or single-use UUID");
    }

    PlaybackClaims.Builder b = PlaybackClaims.builder();
    UUID singleUseUuid = null;
    for (Map.Entry<String, Object> e : payload.entrySet()) {
      String name = e.getKey();
      Object v = e.getValue();
      switch (name) {
        case PlaybackClaims.EXP -> {}
        case PlaybackClaims.CHANNEL_ARN -> {
          if (!(v instanceof String s)) {
            return invalidClaim(name, name + " is " + describe(v) + "; it must be a string");
          }
          b.channelArn(s);
        }
        case PlaybackClaims.ACCESS_CONTROL_ALLOW_ORIGIN -> {
          if (!(v instanceof String s)) {
            return invalidClaim(
                name, name + " is " + describe(v) + "; it must be a comma-separated string");
          }
          for (String origin : s.split(",", -1)) {
            b.allowedOrigin(origin.strip());
          }
        }
        case PlaybackClaims.STRICT_ORIGIN_ENFORCEMENT -> {
          if (!(v instanceof Boolean bool)) {
            return invalidClaim(name, name + " is " + describe(v) + "; it must be a boolean");
          }
          b.strictOriginEnforcement(bool);
        }
        case PlaybackClaims.SINGLE_USE_UUID -> {
          if (!(v instanceof String s) || !UUID_PATTERN.matcher(s).matches()) {
            return invalidClaim(name, name + " is " + describe(v) + "; it must be a UUID string");
          }
          singleUseUuid = UUID.fromString(s);
          b.singleUseUuid(singleUseUuid);
        }
        case PlaybackClaims.VIEWER_ID -> {
          if (!(v instanceof String s)) {
            return invalidClaim(name, name + " is " + describe(v) + "; it must be a string");
          }
          b.viewerId(s);
        }
        case PlaybackClaims.VIEWER_SESSION_VERSION -> {
          if (v instanceof Long l) {
            b.viewerSessionVersion(l);
          } else if (v instanceof String s && s.matches("-?[0-9]{1,19}")) {
            try {
              b.viewerSessionVersion(Long.parseLong(s));
            } catch (NumberFormatException ex) {
              return invalidClaim(name, name + " \"" + s + "\" is outside the signed 64-bit range");
            }
          } else {
            return invalidClaim(
                name, name + " is " + describe(v) + "; it must be a 64-bit integer");
          }
        }
        case PlaybackClaims.MAXIMUM_RESOLUTION -> {
          MaximumResolution r = null;
          for (MaximumResolution candidate : MaximumResolution.values()) {
            if (candidate.name().equals(v)) {
              r = candidate;
            }
          }
          if (r == null) {
            return invalidClaim(
                name, name + " is " + describe(v) + "; it must be SD, HD or FULL_HD");
          }
          b.maximumResolution(r);
        }
        case "nbf" -> {
          if (!(v instanceof Long nbf)) {
            return invalidClaim(name, "nbf is " + describe(v) + "; it must be an integer");
          }
          // Compared as numbers: nbf may lie outside the range of Instant.
          if (nbf > now.plus(leeway).getEpochSecond()) {
            return invalidClaim(
                name,
                "the token is not valid before "
                    + (nbf > Instant.MAX.getEpochSecond()
                        ? nbf + " Unix seconds (beyond " + Instant.MAX + ")"
                        : Instant.ofEpochSecond(nbf))
                    + " (nbf)");
          }
        }
        default -> {
          if (IGNORED_REGISTERED.contains(name)) {
            continue;
          }
          if (PlaybackClaims.isReservedClaimName(name)) {
            return invalidClaim(
                name,
                "unknown IVS claim \""
                    + name
                    + "\"; refusing a token whose"
                    + " restrictions cannot be honoured");
          }
          if (v == StrictJson.NESTED || v == StrictJson.NON_INTEGER || v instanceof BigInteger) {
            return invalidClaim(
                name,
                "claim \""
                    + name
                    + "\" is "
                    + describe(v)
                    + "; additional claims"
                    + " must be strings, booleans, 64-bit integers or null");
          }
          try {
            b.additionalClaim(name, v);
          } catch (InvalidClaimException ex) {
            return invalid(RejectionReason.INVALID_CLAIM, ex.getMessage());
          }
        }
      }
    }
    PlaybackClaims claims;
    try {
      claims = b.buildWithoutTimeRules(exp);
    } catch (InvalidClaimException ex) {
      return invalid(RejectionReason.INVALID_CLAIM, ex.getMessage());
    }

    if (!claims.channelArn().equals(request.channelArn())) {
      return invalid(
          RejectionReason.CHANNEL_MISMATCH,
          "the token is for channel " + claims.channelArn() + ", not " + request.channelArn());
    }
    String origin = request.origin();
    if (origin == null && claims.strictOriginEnforcement()) {
      return invalid(
          RejectionReason.ORIGIN_REQUIRED,
          "the token enforces origins strictly and the request" + " has no Origin");
    }
    if (origin != null
        && !claims.allowedOrigins().isEmpty()
        && !originAllowed(claims.allowedOrigins(), origin)) {
      return invalid(
          RejectionReason.ORIGIN_NOT_ALLOWED,
          "origin " + printable(origin) + " is not among " + claims.allowedOrigins());
    }
    if (singleUseUuid != null) {
      VerificationResult refused = singleUse.record(singleUseUuid, exp);
      if (refused != null) {
        return refused;
      }
    }
    return new VerificationResult.Valid(claims, key);
  }

  private static boolean originAllowed(List<String> allowed, String origin) {
    for (String a : allowed) {
      if (Origins.matches(a, origin)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The engine that checks signatures: ACCP where its native library loads, else BouncyCastle,
   * unless the builder chose one.
   *
   * @return {@link SigningEngine#ACCP} or {@link SigningEngine#BOUNCY_CASTLE}
   */
  public SigningEngine engine() {
    return signatureCheck.engine();
  }

  private static VerificationResult invalid(RejectionReason reason, String message) {
    return new VerificationResult.Invalid(reason, message);
  }

  private static VerificationResult invalidClaim(String claim, String message) {
    return new VerificationResult.Invalid(RejectionReason.INVALID_CLAIM, message);
  }

  private static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return "\"" + printable(s) + "\"";
    }
    return v.toString();
  }

  private static String printable(String s) {
    String cut = s.length() > 100 ? s.substring(0, 100) + "..." : s;
    StringBuilder b = new StringBuilder();
    cut.codePoints()
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", c));
              } else {
                b.appendCodePoint(c);
              }
            });
    return b.toString();
  }

  /** Builds a {@link PlaybackTokenVerifier}. Not thread-safe. */
  public static final class Builder {
    private Supplier<? extends Collection<? extends PublicKey>> keySource;
    private Clock clock = Clock.systemUTC();
    private Duration leeway = Duration.ZERO;
    private long singleUseCacheMaximumSize = DEFAULT_SINGLE_USE_CACHE_MAXIMUM_SIZE;
    private int maxTokenLength = DEFAULT_MAX_TOKEN_LENGTH;
    private SigningEngine engine;

    private Builder() {}

    /**
     * Chooses the signature engine (default: ACCP where its native library loads, else
     * BOUNCY_CASTLE). JCA (SunEC) is refused: it rejects valid signatures.
     *
     * @param engine ACCP or BOUNCY_CASTLE (null: the default)
     * @return this builder
     */
    public Builder engine(SigningEngine engine) {
      this.engine = engine;
      return this;
    }

    /**
     * Verifies against a fixed set of EC P-384 public keys.
     *
     * @param keys the keys (checked now)
     * @return this builder
     * @throws KeyFormatException when a key is not EC P-384
     */
    public Builder publicKeys(Collection<? extends PublicKey> keys) {
      List<ECPublicKey> copy = keys.stream().map(PlaybackKeys::requireP384).toList();
      this.keySource = () -> copy;
      return this;
    }

    /**
     * Verifies against whatever keys the source returns; it is asked on every verification, so a
     * deleted key stops verifying at once.
     *
     * @param keySource the source
     * @return this builder
     */
    public Builder keySource(Supplier<? extends Collection<? extends PublicKey>> keySource) {
      this.keySource = keySource;
      return this;
    }

    /**
     * Sets the clock (default: system UTC).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sets the tolerance for clock skew applied to {@code exp}, {@code nbf} and the 10-minute rule
     * (default 0).
     *
     * @param leeway a non-negative duration
     * @return this builder
     */
    public Builder leeway(Duration leeway) {
      this.leeway = leeway;
      return this;
    }

    /**
     * How many single-use UUIDs to remember (default 100,000, roughly 15 MB at most). Each is kept
     * until its token expires (at most 10 minutes plus the leeway) and one minute more, and is
     * never forgotten earlier. When this many live (unexpired) single-use tokens are remembered,
     * further new single-use tokens are refused with {@link RejectionReason#SINGLE_USE_CAPACITY}
     * (fail closed: no replay can pass) until some expire; size it above your peak single-use
     * verifications per 10 minutes.
     *
     * @param maximumSize a positive size
     * @return this builder
     */
    public Builder singleUseCacheMaximumSize(long maximumSize) {
      this.singleUseCacheMaximumSize = maximumSize;
      return this;
    }

    /**
     * The longest token accepted, in characters (default 8 KiB); longer tokens are refused as
     * {@link RejectionReason#TOO_LARGE} before any decoding.
     *
     * @param maxTokenLength a positive length
     * @return this builder
     */
    public Builder maxTokenLength(int maxTokenLength) {
      this.maxTokenLength = maxTokenLength;
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     * @throws InvalidConfigurationException naming the setting: no keys or key source, a missing
     *     clock, a negative leeway, a size or length that is not positive, or an engine that is JCA
     *     or not available here
     */
    public PlaybackTokenVerifier build() {
      Settings.required("clock", clock);
      Settings.notNegative("leeway", leeway);
      if (singleUseCacheMaximumSize <= 0) {
        throw new InvalidConfigurationException(
            "singleUseCacheMaximumSize",
            "is " + singleUseCacheMaximumSize + "; it must be positive");
      }
      if (maxTokenLength <= 0) {
        throw new InvalidConfigurationException(
            "maxTokenLength", "is " + maxTokenLength + "; it must be positive");
      }
      if (keySource == null) {
        throw new InvalidConfigurationException(
            "publicKeys",
            "no public keys or key source were set; set" + " publicKeys(...) or keySource(...)");
      }
      return new PlaybackTokenVerifier(
          this, SignatureCheck.create(engine, PlaybackKeys::requireP384));
    }
  }
}
