package dev.ivsplayback.keys;

import java.time.Instant;

/**
 * A token and the key that signed it, for callers that log or meter which key is in use.
 *
 * @param token the compact JWS
 * @param keyId the manager's id of the signing key
 * @param fingerprint the signing key's IVS fingerprint
 * @param expiresAt the token's {@code exp}
 */
public record MintedToken(String token, String keyId, String fingerprint, Instant expiresAt) {
  @Override
  public String toString() {
    // The token is a bearer credential: keep it out of logs.
    return "MintedToken{keyId="
        + keyId
        + ", fingerprint="
        + fingerprint
        + ", expiresAt="
        + expiresAt
        + "}";
  }
}
