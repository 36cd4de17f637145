package dev.ivsplayback.keys.internal;

import dev.ivsplayback.token.KeyFormatException;
import java.math.BigInteger;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.spec.ECParameterSpec;

/**
 * Checks that a key is EC on NIST P-384 (by its order and field size, which identify the curve).
 */
public final class P384 {
  private static final BigInteger ORDER =
      new BigInteger(
          "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973",
          16);

  private P384() {}

  /**
   * Whether the key is an EC key on P-384.
   *
   * @param key any key
   * @return true for EC P-384
   */
  public static boolean isP384(Key key) {
    if (!(key instanceof ECKey ec)) {
      return false;
    }
    ECParameterSpec params = ec.getParams();
    return params != null
        && params.getCurve().getField().getFieldSize() == 384
        && ORDER.equals(params.getOrder());
  }

  /**
   * Rejects anything but an EC P-384 public key.
   *
   * @param key the key
   */
  public static void requirePublic(PublicKey key) {
    if (!isP384(key)) {
      throw new KeyFormatException(
          "public key: algorithm "
              + (key == null ? "null" : key.getAlgorithm())
              + " is not ECDSA on P-384 (secp384r1); IVS playback tokens are ES384");
    }
  }

  /**
   * Rejects anything but an EC P-384 private key.
   *
   * @param key the key
   */
  public static void requirePrivate(PrivateKey key) {
    if (!isP384(key)) {
      throw new KeyFormatException(
          "private key: algorithm "
              + (key == null ? "null" : key.getAlgorithm())
              + " is not ECDSA on P-384 (secp384r1); IVS playback tokens are ES384");
    }
  }
}
