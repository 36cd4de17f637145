package dev.ivsplayback.token;

import static dev.ivsplayback.token.PlaybackClaims.ACCESS_CONTROL_ALLOW_ORIGIN;
import static dev.ivsplayback.token.PlaybackClaims.CHANNEL_ARN;
import static dev.ivsplayback.token.PlaybackClaims.EXP;
import static dev.ivsplayback.token.PlaybackClaims.MAX_BOUND_LIFETIME;
import static dev.ivsplayback.token.PlaybackClaims.MAX_STRICT_ORIGINS;
import static dev.ivsplayback.token.PlaybackClaims.MAX_VIEWER_ID_LENGTH;
import static dev.ivsplayback.token.PlaybackClaims.MILLISECONDS_THRESHOLD;
import static dev.ivsplayback.token.PlaybackClaims.PAYLOAD;
import static dev.ivsplayback.token.PlaybackClaims.SINGLE_USE_UUID;
import static dev.ivsplayback.token.PlaybackClaims.STRICT_ORIGIN_ENFORCEMENT;
import static dev.ivsplayback.token.PlaybackClaims.VIEWER_ID;

import dev.ivsplayback.token.internal.Base64Url;
import dev.ivsplayback.token.internal.ByteSink;
import dev.ivsplayback.token.internal.Origins;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The content rules of {@link PlaybackClaims.Builder#build()}: channel ARN form, origins, viewer
 * id, millisecond {@code exp}, well-formed strings and the token-length limit. Each broken rule is
 * an {@link InvalidClaimException} naming the claim.
 */
final class ClaimRules {
  private static final Pattern CHANNEL_ARN_PATTERN =
      Pattern.compile("arn:[a-z][a-z0-9-]*:ivs:[a-z0-9-]+:[0-9]+:channel/[a-zA-Z0-9-]+");
  private static final int MAX_CHANNEL_ARN_LENGTH = 128;

  /**
   * Token characters besides the payload: the fixed header, two dots and the 96-byte signature (128
   * chars).
   */
  private static final int TOKEN_OVERHEAD = PlaybackTokenSigner.HEADER_B64_LENGTH + 1 + 1 + 128;

  /**
   * Bound on the JSON of one member beyond 6 bytes per string char: quotes, colon, comma, 31-char
   * aws: name, number.
   */
  private static final int MEMBER_OVERHEAD_BOUND = 64;

  private ClaimRules() {}

  /**
   * Refuses claims whose token would exceed the verifiers' default limit. A cheap bound (6 bytes
   * per string char is the JSON worst case) clears normal claims without serialising; near the
   * limit the claims are written with the signer's own writer, so the length is exact.
   */
  static void checkTokenLength(PlaybackClaims claims) {
    String channelArn = claims.channelArn();
    String viewerId = claims.viewerId().orElse(null);
    List<String> allowedOrigins = claims.allowedOrigins();
    Map<String, Object> additionalClaims = claims.additionalClaims();
    long chars = channelArn.length() + (viewerId == null ? 0 : viewerId.length());
    for (String origin : allowedOrigins) {
      chars += origin.length() + 1;
    }
    for (Map.Entry<String, Object> e : additionalClaims.entrySet()) {
      chars += e.getKey().length() + (e.getValue() instanceof String s ? s.length() : 0);
    }
    long bound = 2 + 6 * chars + (long) MEMBER_OVERHEAD_BOUND * (8 + additionalClaims.size());
    if (Base64Url.encodedLength((int) Math.min(bound, Integer.MAX_VALUE / 2)) + TOKEN_OVERHEAD
        <= PlaybackTokenVerifier.DEFAULT_MAX_TOKEN_LENGTH) {
      return;
    }
    ByteSink json = new ByteSink(1024);
    PlaybackTokenSigner.writeClaims(claims, json);
    long tokenLength = (long) Base64Url.encodedLength(json.length()) + TOKEN_OVERHEAD;
    if (tokenLength > PlaybackTokenVerifier.DEFAULT_MAX_TOKEN_LENGTH) {
      throw new InvalidClaimException(
          PAYLOAD,
          "Claims payload is "
              + json.length()
              + " bytes of JSON"
              + " ("
              + allowedOrigins.size()
              + " origins, "
              + additionalClaims.size()
              + " additional"
              + " claims): the token would be "
              + tokenLength
              + " characters; tokens over "
              + PlaybackTokenVerifier.DEFAULT_MAX_TOKEN_LENGTH
              + " are refused by verifiers"
              + " (PlaybackTokenVerifier.DEFAULT_MAX_TOKEN_LENGTH); shorten or drop origins or additional"
              + " claims");
    }
  }

  static void checkContent(
      String channelArn,
      List<String> allowedOrigins,
      boolean strictOriginEnforcement,
      String viewerId,
      long exp) {
    if (channelArn == null) {
      throw new InvalidClaimException(CHANNEL_ARN, CHANNEL_ARN + " is missing; it is required");
    }
    if (channelArn.length() > MAX_CHANNEL_ARN_LENGTH
        || !CHANNEL_ARN_PATTERN.matcher(channelArn).matches()) {
      throw new InvalidClaimException(
          CHANNEL_ARN,
          CHANNEL_ARN
              + " \""
              + printable(channelArn)
              + "\" is not an IVS channel ARN; expected arn:<partition>:ivs:<region>:<account>:channel/<id>"
              + " (at most "
              + MAX_CHANNEL_ARN_LENGTH
              + " characters)");
    }
    Set<String> seen = new HashSet<>();
    for (String origin : allowedOrigins) {
      if (origin == null) {
        throw new InvalidClaimException(
            ACCESS_CONTROL_ALLOW_ORIGIN,
            ACCESS_CONTROL_ALLOW_ORIGIN + " contains null; every origin must be a string");
      }
      String problem = Origins.problemWith(origin);
      if (problem != null) {
        throw new InvalidClaimException(
            ACCESS_CONTROL_ALLOW_ORIGIN,
            ACCESS_CONTROL_ALLOW_ORIGIN + " entry \"" + printable(origin) + "\" " + problem);
      }
      if (!seen.add(origin.toLowerCase(Locale.ROOT))) {
        throw new InvalidClaimException(
            ACCESS_CONTROL_ALLOW_ORIGIN,
            ACCESS_CONTROL_ALLOW_ORIGIN
                + " lists \""
                + origin
                + "\" twice; each origin may appear once");
      }
    }
    if (allowedOrigins.size() > 1 && allowedOrigins.contains("*")) {
      throw new InvalidClaimException(
          ACCESS_CONTROL_ALLOW_ORIGIN,
          ACCESS_CONTROL_ALLOW_ORIGIN
              + " combines \"*\" with other origins; \"*\" already allows every origin and must stand"
              + " alone");
    }
    if (strictOriginEnforcement && allowedOrigins.size() > MAX_STRICT_ORIGINS) {
      throw new InvalidClaimException(
          ACCESS_CONTROL_ALLOW_ORIGIN,
          ACCESS_CONTROL_ALLOW_ORIGIN
              + " has "
              + allowedOrigins.size()
              + " origins; with "
              + STRICT_ORIGIN_ENFORCEMENT
              + " IVS allows at most "
              + MAX_STRICT_ORIGINS);
    }
    if (viewerId != null) {
      checkWellFormedUtf16(VIEWER_ID, viewerId, "value");
      int length = viewerId.codePointCount(0, viewerId.length());
      if (length < 1 || length > MAX_VIEWER_ID_LENGTH) {
        throw new InvalidClaimException(
            VIEWER_ID,
            VIEWER_ID
                + " is "
                + length
                + " characters long;"
                + " IVS requires 1.."
                + MAX_VIEWER_ID_LENGTH
                + " characters");
      }
    }
    if (exp >= MILLISECONDS_THRESHOLD || exp <= -MILLISECONDS_THRESHOLD) {
      throw new InvalidClaimException(
          EXP,
          "exp "
              + exp
              + " looks like milliseconds, not seconds (it is"
              + " beyond the year 5000); IVS expects whole Unix seconds, e.g. Instant.getEpochSecond()"
              + " rather than System.currentTimeMillis()");
    }
  }

  static void checkWellFormedUtf16(String claim, String s, String what) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new InvalidClaimException(
            claim,
            "Claim \""
                + claim
                + "\" "
                + what
                + " contains an"
                + " unpaired UTF-16 surrogate at index "
                + i
                + "; JSON strings must be valid Unicode");
      }
    }
  }

  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < 200; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return s.length() > 200 ? b + "..." : b.toString();
  }

  /** The time rules at minting: exp in the future, and at most 10 minutes ahead when bound. */
  static void checkLifetime(long exp, long now, boolean boundToViewer, boolean singleUse) {
    if (exp <= now) {
      throw new InvalidClaimException(
          EXP,
          "exp "
              + exp
              + " ("
              + Instant.ofEpochSecond(exp)
              + ") is not in the future (now "
              + now
              + "); a playback token must expire after it is"
              + " minted");
    }
    if ((boundToViewer || singleUse) && exp - now > MAX_BOUND_LIFETIME.toSeconds()) {
      throw new InvalidClaimException(
          EXP,
          "exp "
              + exp
              + " is "
              + (exp - now)
              + " s ahead, but with "
              + (boundToViewer ? VIEWER_ID : SINGLE_USE_UUID)
              + " set IVS requires exp at most "
              + MAX_BOUND_LIFETIME.toSeconds()
              + " s (10 minutes) in the future");
    }
  }
}
