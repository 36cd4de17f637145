package dev.ivsplayback.client.internal;

import dev.ivsplayback.token.KeyFormatException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;

/** Accepts only EC public keys on NIST P-384, the only kind IVS playback tokens (ES384) use. */
public final class P384 {
  private static final ECParameterSpec SPEC = spec();

  private P384() {}

  /**
   * Returns the key as an {@link ECPublicKey} if it is on P-384.
   *
   * @throws KeyFormatException otherwise, naming the algorithm or curve found
   */
  public static ECPublicKey require(PublicKey key) {
    if (key == null) {
      throw new KeyFormatException("public key is required but was null");
    }
    if (!(key instanceof ECPublicKey ec)) {
      throw new KeyFormatException(
          "IVS playback keys must be ECDSA P-384 (ES384); got a " + key.getAlgorithm() + " key");
    }
    ECParameterSpec params = ec.getParams();
    if (params == null
        || !params.getCurve().equals(SPEC.getCurve())
        || !params.getGenerator().equals(SPEC.getGenerator())
        || !params.getOrder().equals(SPEC.getOrder())) {
      int bits = params == null ? 0 : params.getCurve().getField().getFieldSize();
      throw new KeyFormatException(
          "IVS playback keys must be on curve P-384 (secp384r1); got an EC key on a "
              + bits
              + "-bit curve that is not P-384");
    }
    return ec;
  }

  private static ECParameterSpec spec() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp384r1"));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM does not support secp384r1", e);
    }
  }
}
