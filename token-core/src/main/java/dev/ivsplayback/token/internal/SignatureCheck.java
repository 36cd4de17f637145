package dev.ivsplayback.token.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ivsplayback.token.InvalidConfigurationException;
import dev.ivsplayback.token.SigningEngine;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.function.Function;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * The verifier's ES384 signature check: the strict checks first (exactly 96 bytes of R‖S, r and s
 * in [1, n-1]; {@link P384#isWellFormedSignature}), then ECDSA P-384/SHA-384 on one engine, ACCP
 * (native AWS-LC) or BouncyCastle's lightweight verifier. The strict checks are what make a native
 * check safe: JDK 17's SunEC, for one, accepts wrong-size P1363 signatures, and the engines never
 * see one. Both engines agree with all 280 Wycheproof P-384 P1363 vectors behind them.
 *
 * <p>Thread-safe. Each key is converted once into the engine's form (validated on the curve) and
 * cached, at most 256 keys; each thread keeps its own engine state, so a verification allocates
 * only what the engine itself does. Not a public API.
 */
public abstract class SignatureCheck {
  private final Cache<PublicKey, Object> prepared =
      Caffeine.newBuilder().maximumSize(256).executor(Runnable::run).build();

  private final Function<PublicKey, ECPublicKey> keyCheck;

  private SignatureCheck(Function<PublicKey, ECPublicKey> keyCheck) {
    this.keyCheck = keyCheck;
  }

  /**
   * A check on the requested engine, or on the verifier's default: ACCP where its native library
   * loads, else BouncyCastle (pure Java, always available).
   *
   * @param requested ACCP, BOUNCY_CASTLE, or null for the default
   * @param keyCheck returns a key as EC P-384 or throws (run once per key, when first seen)
   * @return the check
   * @throws InvalidConfigurationException (setting {@code engine}) for JCA, or for an engine that
   *     is not available here
   */
  public static SignatureCheck create(
      SigningEngine requested, Function<PublicKey, ECPublicKey> keyCheck) {
    if (requested == null) {
      requested =
          SigningEngine.ACCP.isAvailable() ? SigningEngine.ACCP : SigningEngine.BOUNCY_CASTLE;
    }
    if (requested == SigningEngine.JCA) {
      throw new InvalidConfigurationException(
          "engine",
          "is JCA; the verifier runs on ACCP or BOUNCY_CASTLE only (JDK 17's SunEC rejects valid"
              + " ES384 signatures)");
    }
    if (!requested.isAvailable()) {
      throw new InvalidConfigurationException(
          "engine",
          "is "
              + requested
              + ", which is not available on this platform (its native library did not load);"
              + " choose BOUNCY_CASTLE or leave the engine unset");
    }
    return requested == SigningEngine.ACCP ? new OnAccp(keyCheck) : new OnBouncyCastle(keyCheck);
  }

  /**
   * The engine behind this check.
   *
   * @return ACCP or BOUNCY_CASTLE
   */
  public abstract SigningEngine engine();

  /**
   * Verifies an ES384 signature: strict checks first, then the engine.
   *
   * @param key the public key, checked by the key check when first seen
   * @param message the signed bytes, {@code message[0, length)}
   * @param length the message length
   * @param signature the signature bytes
   * @return true when the signature is well formed and valid for the key
   * @throws RuntimeException what the key check throws for a key that is not EC P-384
   * @throws IllegalArgumentException when the key's point is not on the curve
   */
  public final boolean verify(PublicKey key, byte[] message, int length, byte[] signature) {
    if (!P384.isWellFormedSignature(signature)) {
      return false;
    }
    Object engineKey = prepared.getIfPresent(key);
    if (engineKey == null) {
      ECPublicKey ec = keyCheck.apply(key);
      // Validates the point whatever the engine, so both refuse the same keys.
      ECPublicKeyParameters params = P384.publicParameters(ec);
      engineKey = prepare(ec, params);
      prepared.put(key, engineKey);
    }
    return verifyPrepared(engineKey, message, length, signature);
  }

  abstract Object prepare(ECPublicKey key, ECPublicKeyParameters params);

  abstract boolean verifyPrepared(Object key, byte[] message, int length, byte[] signature);

  /** ACCP's {@code SHA384withECDSAinP1363Format} with the key converted to ACCP's own key once. */
  private static final class OnAccp extends SignatureCheck {
    OnAccp(Function<PublicKey, ECPublicKey> keyCheck) {
      super(keyCheck);
    }

    private static final ECParameterSpec P384_SPEC = namedP384();

    private final PerThreadState<AccpState> state =
        new PerThreadState<>(
            () -> {
              try {
                return new AccpState(
                    Signature.getInstance("SHA384withECDSAinP1363Format", Accp.provider()));
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("ACCP has no P1363 ECDSA verifier", e);
              }
            });

    private static ECParameterSpec namedP384() {
      try {
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(new ECGenParameterSpec("secp384r1"));
        return p.getParameterSpec(ECParameterSpec.class);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JDK has no secp384r1 parameters", e);
      }
    }

    @Override
    public SigningEngine engine() {
      return SigningEngine.ACCP;
    }

    @Override
    Object prepare(ECPublicKey key, ECPublicKeyParameters params) {
      try {
        // Named-curve parameters whatever the key carried (explicit ones are P-384 by value).
        return KeyFactory.getInstance("EC", Accp.provider())
            .generatePublic(new ECPublicKeySpec(key.getW(), P384_SPEC));
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("ACCP refused the P-384 public key", e);
      }
    }

    @Override
    boolean verifyPrepared(Object key, byte[] message, int length, byte[] signature) {
      AccpState s = state.get();
      Signature sig = s.signature;
      try {
        if (s.initializedWith != key) {
          // A Signature returns to its initVerify state after each verify: re-initialise only
          // when the key changes.
          s.initializedWith = null;
          sig.initVerify((PublicKey) key);
          s.initializedWith = key;
        }
        sig.update(message, 0, length);
        return sig.verify(signature);
      } catch (SignatureException e) {
        s.initializedWith = null; // state unknown after a failure: initialise again next time
        return false;
      } catch (GeneralSecurityException e) {
        s.initializedWith = null;
        throw new IllegalStateException("ACCP cannot verify with a prepared key", e);
      }
    }
  }

  private static final class AccpState {
    final Signature signature;
    Object initializedWith;

    AccpState(Signature signature) {
      this.signature = signature;
    }
  }

  /** BouncyCastle's {@link ECDSASigner} on the custom secp384r1 curve. */
  private static final class OnBouncyCastle extends SignatureCheck {
    OnBouncyCastle(Function<PublicKey, ECPublicKey> keyCheck) {
      super(keyCheck);
    }

    private final PerThreadState<BcState> state = new PerThreadState<>(BcState::new);

    @Override
    public SigningEngine engine() {
      return SigningEngine.BOUNCY_CASTLE;
    }

    @Override
    Object prepare(ECPublicKey key, ECPublicKeyParameters params) {
      return params;
    }

    @Override
    boolean verifyPrepared(Object key, byte[] message, int length, byte[] signature) {
      BcState s = state.get();
      s.digest.update(message, 0, length);
      s.digest.doFinal(s.hash, 0);
      s.verifier.init(false, (ECPublicKeyParameters) key);
      BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, P384.FIELD_BYTES));
      BigInteger sv =
          new BigInteger(1, Arrays.copyOfRange(signature, P384.FIELD_BYTES, P384.SIGNATURE_BYTES));
      return s.verifier.verifySignature(s.hash, r, sv);
    }
  }

  private static final class BcState {
    final SHA384Digest digest = new SHA384Digest();
    final byte[] hash = new byte[48];
    final ECDSASigner verifier = new ECDSASigner();
  }
}
