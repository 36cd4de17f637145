package dev.ivsplayback.token;

import java.util.Objects;

/**
 * Names a signing key without holding it: the id its owner gave it and its IVS fingerprint. Two
 * handles are equal when both parts are; a minter returns an equal handle for as long as the same
 * key signs, and a different one as soon as the key changes. Safe to log, cache and compare: it
 * carries no key material, so a cache of tokens keyed by it never keeps a private key alive.
 *
 * <pre>{@code
 * SigningKeyHandle key = signer.currentKey().orElseThrow();
 * log.info("minting with {}", key);   // SigningKeyHandle[keyId=k-2026-11, fingerprint=3a:9f:...]
 * }</pre>
 *
 * @param keyId the owner's id of the key: the key manager's record id, or the fingerprint for a
 *     {@link PlaybackTokenSigner} built without one
 * @param fingerprint the key's IVS fingerprint ({@link PlaybackKeys#fingerprint})
 */
public record SigningKeyHandle(String keyId, String fingerprint) {
  /**
   * Checks both parts are present.
   *
   * @param keyId the key's id
   * @param fingerprint the key's fingerprint
   */
  public SigningKeyHandle {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(fingerprint, "fingerprint");
  }
}
