package dev.ivsplayback.token.internal;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.SignatureException;

/**
 * ECDSA through a JCA {@link Signature}: {@code SHA384withECDSAinP1363Format} when the provider has
 * it, else {@code SHA384withECDSA} transcoded from DER. One {@link Signature} per thread, in a
 * {@link PerThreadState} that can be erased in every thread. Used for both the ACCP engine (with
 * its provider) and the plain JCA engine (default providers). Not a public API.
 */
public final class JcaEngine implements EcdsaEngine {
  private final PerThreadState<Signature> signature;
  private final boolean p1363;

  /**
   * Binds the engine to a key and provider.
   *
   * @param key the private key
   * @param provider the provider, or null for the JCA's default choice
   * @throws GeneralSecurityException when the provider cannot sign with this key
   */
  public JcaEngine(PrivateKey key, Provider provider) throws GeneralSecurityException {
    boolean hasP1363;
    try {
      newSignature("SHA384withECDSAinP1363Format", provider);
      hasP1363 = true;
    } catch (NoSuchAlgorithmException e) {
      hasP1363 = false;
    }
    this.p1363 = hasP1363;
    String algorithm = hasP1363 ? "SHA384withECDSAinP1363Format" : "SHA384withECDSA";
    Signature probe = newSignature(algorithm, provider);
    probe.initSign(key); // fail at construction, not on the first token
    this.signature =
        new PerThreadState<>(
            () -> {
              try {
                Signature s = newSignature(algorithm, provider);
                s.initSign(key);
                return s;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("signature engine became unavailable", e);
              }
            });
  }

  @Override
  public PerThreadState<?> perThreadState() {
    return signature;
  }

  private static Signature newSignature(String algorithm, Provider provider)
      throws NoSuchAlgorithmException {
    return provider == null
        ? Signature.getInstance(algorithm)
        : Signature.getInstance(algorithm, provider);
  }

  @Override
  public void sign(byte[] data, int length, byte[] out, int outOffset) {
    Signature s = signature.get();
    try {
      s.update(data, 0, length);
      byte[] sig = s.sign();
      if (p1363) {
        if (sig.length != P384.SIGNATURE_BYTES) {
          throw new IllegalStateException(
              "provider returned a " + sig.length + "-byte P1363 signature");
        }
        System.arraycopy(sig, 0, out, outOffset, P384.SIGNATURE_BYTES);
      } else {
        P384.derToP1363(sig, out, outOffset);
      }
    } catch (SignatureException e) {
      throw new IllegalStateException("signing failed", e);
    }
  }
}
