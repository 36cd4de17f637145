package dev.ivsplayback.token.internal;

import java.math.BigInteger;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * BouncyCastle's lightweight {@link ECDSASigner} on the custom secp384r1 curve (fixed-point comb
 * multiplier) with RFC 6979 deterministic nonces (HMAC-SHA-384). Pure Java. Each thread's signer
 * (holding the private key) lives in a {@link PerThreadState} that {@link #perThreadState()}{@code
 * .destroy()} erases in every thread. Not a public API.
 */
public final class BouncyCastleEngine implements EcdsaEngine {
  private final PerThreadState<State> state;

  /**
   * Binds the engine to a key.
   *
   * @param key the private key parameters on {@link P384#DOMAIN}
   */
  public BouncyCastleEngine(ECPrivateKeyParameters key) {
    this.state = new PerThreadState<>(() -> new State(key));
  }

  @Override
  public PerThreadState<?> perThreadState() {
    return state;
  }

  @Override
  public void sign(byte[] data, int length, byte[] out, int outOffset) {
    State s = state.get();
    s.digest.update(data, 0, length);
    s.digest.doFinal(s.hash, 0);
    BigInteger[] rs = s.signer.generateSignature(s.hash);
    P384.writeP1363(rs[0], rs[1], out, outOffset);
  }

  /**
   * Signs a precomputed SHA-384 hash (for the RFC 6979 test vectors).
   *
   * @param hash the 48-byte message hash
   * @return r and s
   */
  public BigInteger[] signHash(byte[] hash) {
    return state.get().signer.generateSignature(hash);
  }

  private static final class State {
    final SHA384Digest digest = new SHA384Digest();
    final byte[] hash = new byte[48];
    final ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA384Digest()));

    State(ECPrivateKeyParameters key) {
      signer.init(true, key);
    }
  }
}
