package dev.ivsplayback.local.internal;

import dev.ivsplayback.token.PlaybackKeys;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;

/**
 * Parses ImportPlaybackKeyPair's publicKeyMaterial: exactly one SPKI "PUBLIC KEY" PEM block holding
 * an EC P-384 key; anything else is IVS's ValidationException. Computes the fingerprint as IVS does
 * (MD5 of the DER SPKI, lower-case hex pairs joined by ':').
 */
final class PublicKeyImport {
  static final String INVALID =
      "Request member: publicKeyMaterial failed to satisfy the constraints";

  private PublicKeyImport() {}

  static ECPublicKey parse(String pem) {
    // IVS takes one SPKI PEM block; token-core reads it with bcpkix and insists on EC P-384.
    if (!pem.contains("-----BEGIN PUBLIC KEY-----")) {
      throw ApiException.validation(INVALID);
    }
    try {
      return PlaybackKeys.readPublicKey(pem);
    } catch (RuntimeException e) {
      throw ApiException.validation(INVALID);
    }
  }

  static String fingerprint(PublicKey key) {
    return PlaybackKeys.fingerprint(key);
  }
}
