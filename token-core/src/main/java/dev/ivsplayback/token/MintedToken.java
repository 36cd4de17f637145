package dev.ivsplayback.token;

import java.time.Instant;
import java.util.Objects;

/**
 * A token, the handle of the key that signed it, and its expiry: for callers that log or meter
 * which key is in use, and for {@link ReusingPlaybackTokenSigner}, which must know the signing key
 * of every token it hands out again.
 *
 * <pre>{@code
 * MintedToken t = minter.mint(claims);
 * response.put("token", t.token()).put("expiresAt", t.expiresAt().toString());
 * }</pre>
 *
 * @param token the compact JWS (a bearer credential: {@link #toString()} leaves it out)
 * @param key the signing key's handle
 * @param expiresAt the token's {@code exp}
 */
public record MintedToken(String token, SigningKeyHandle key, Instant expiresAt) {
  /**
   * Checks every part is present.
   *
   * @param token the token
   * @param key the signing key's handle
   * @param expiresAt the expiry
   */
  public MintedToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  @Override
  public String toString() {
    // The token is a bearer credential: keep it out of logs.
    return "MintedToken{key=" + key + ", expiresAt=" + expiresAt + "}";
  }
}
