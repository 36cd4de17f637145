package dev.ivsplayback.cli.internal;

import dev.ivsplayback.token.PlaybackClaims;
import java.util.LinkedHashMap;
import java.util.Map;

/** The claims of a token as they appear on the wire (aws:-prefixed names, exp in Unix seconds). */
final class ClaimsJson {

  private ClaimsJson() {}

  static Map<String, Object> toMap(PlaybackClaims claims) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(PlaybackClaims.CHANNEL_ARN, claims.channelArn());
    if (!claims.allowedOrigins().isEmpty()) {
      m.put(PlaybackClaims.ACCESS_CONTROL_ALLOW_ORIGIN, String.join(",", claims.allowedOrigins()));
    }
    if (claims.strictOriginEnforcement()) {
      m.put(PlaybackClaims.STRICT_ORIGIN_ENFORCEMENT, true);
    }
    claims.singleUseUuid().ifPresent(u -> m.put(PlaybackClaims.SINGLE_USE_UUID, u.toString()));
    claims.viewerId().ifPresent(v -> m.put(PlaybackClaims.VIEWER_ID, v));
    claims.viewerSessionVersion().ifPresent(v -> m.put(PlaybackClaims.VIEWER_SESSION_VERSION, v));
    claims.maximumResolution().ifPresent(r -> m.put(PlaybackClaims.MAXIMUM_RESOLUTION, r.name()));
    m.put(PlaybackClaims.EXP, claims.exp());
    m.putAll(claims.additionalClaims());
    return m;
  }
}
