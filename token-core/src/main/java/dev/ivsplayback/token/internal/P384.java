package dev.ivsplayback.token.internal;

import java.math.BigInteger;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.FixedPointUtil;

/**
 * The P-384 curve (BouncyCastle's custom, constant-time {@code secp384r1} implementation), key
 * checks and the ECDSA/SHA-384 signature check used by the verifier (never SunEC). Not a public
 * API.
 */
public final class P384 {
  /** Domain parameters of the custom secp384r1 curve. */
  public static final ECDomainParameters DOMAIN;

  /** The group order n. */
  public static final BigInteger N;

  /** Length in bytes of one signature half and of a coordinate. */
  public static final int FIELD_BYTES = 48;

  /** Length in bytes of an R‖S signature. */
  public static final int SIGNATURE_BYTES = 96;

  /** n as 48 big-endian bytes, for range checks without BigInteger. */
  private static final byte[] N_BYTES;

  private static final BigInteger P;
  private static final BigInteger A;
  private static final BigInteger B;
  private static final BigInteger GX;
  private static final BigInteger GY;

  static {
    X9ECParameters x9 = CustomNamedCurves.getByName("secp384r1");
    DOMAIN = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH(), x9.getSeed());
    // Build the fixed-point comb table once, up front, rather than on the first signature.
    FixedPointUtil.precompute(DOMAIN.getG());
    N = DOMAIN.getN();
    N_BYTES = new byte[FIELD_BYTES];
    writeFixed(N, N_BYTES, 0);
    P = DOMAIN.getCurve().getField().getCharacteristic();
    A = DOMAIN.getCurve().getA().toBigInteger();
    B = DOMAIN.getCurve().getB().toBigInteger();
    GX = DOMAIN.getG().getAffineXCoord().toBigInteger();
    GY = DOMAIN.getG().getAffineYCoord().toBigInteger();
  }

  private P384() {}

  /**
   * Whether JCA parameters describe P-384 (compared by value, so explicit and named parameters both
   * match).
   *
   * @param spec the parameters (may be null)
   * @return true for P-384
   */
  public static boolean isP384(ECParameterSpec spec) {
    if (spec == null || !(spec.getCurve().getField() instanceof ECFieldFp field)) {
      return false;
    }
    ECPoint g = spec.getGenerator();
    return field.getP().equals(P)
        && spec.getCurve().getA().equals(A)
        && spec.getCurve().getB().equals(B)
        && g.getAffineX().equals(GX)
        && g.getAffineY().equals(GY)
        && spec.getOrder().equals(N)
        && spec.getCofactor() == 1;
  }

  /**
   * Describes the curve of JCA EC parameters for error messages, e.g. "a 256-bit curve".
   *
   * @param spec the parameters
   * @return a short description
   */
  public static String describe(ECParameterSpec spec) {
    if (spec == null) {
      return "an EC key without parameters";
    }
    return "an EC key on a "
        + spec.getCurve().getField().getFieldSize()
        + "-bit curve that is not P-384";
  }

  /**
   * Converts a JCA P-384 private key; the caller has checked the curve.
   *
   * @param key the key
   * @return BouncyCastle parameters
   */
  public static ECPrivateKeyParameters privateParameters(ECPrivateKey key) {
    BigInteger d = key.getS();
    if (d == null || d.signum() <= 0 || d.compareTo(N) >= 0) {
      throw new IllegalArgumentException("private scalar outside [1, n-1]");
    }
    return new ECPrivateKeyParameters(d, DOMAIN);
  }

  /**
   * Converts a JCA P-384 public key, validating that the point is on the curve.
   *
   * @param key the key
   * @return BouncyCastle parameters
   * @throws IllegalArgumentException when the point is invalid
   */
  public static ECPublicKeyParameters publicParameters(ECPublicKey key) {
    ECPoint w = key.getW();
    if (w == null || w == ECPoint.POINT_INFINITY) {
      throw new IllegalArgumentException("public point is the point at infinity");
    }
    org.bouncycastle.math.ec.ECPoint q =
        DOMAIN.getCurve().createPoint(w.getAffineX(), w.getAffineY());
    return new ECPublicKeyParameters(q, DOMAIN); // validates the point
  }

  /**
   * The public point for a private scalar.
   *
   * @param d the private scalar
   * @return the point, normalized
   */
  public static org.bouncycastle.math.ec.ECPoint publicPoint(BigInteger d) {
    return new org.bouncycastle.math.ec.FixedPointCombMultiplier()
        .multiply(DOMAIN.getG(), d)
        .normalize();
  }

  /**
   * Verifies an ES384 signature: exactly 96 bytes of R‖S, r and s in [1, n-1], ECDSA over SHA-384
   * of the message with BouncyCastle's lightweight verifier.
   *
   * @param key the public key
   * @param message the signed bytes
   * @param offset message offset
   * @param length message length
   * @param signature the signature bytes
   * @return true when valid
   */
  public static boolean verify(
      ECPublicKeyParameters key, byte[] message, int offset, int length, byte[] signature) {
    BigInteger[] rs = parseSignature(signature);
    if (rs == null) {
      return false;
    }
    BigInteger r = rs[0];
    BigInteger s = rs[1];
    return verifyHash(key, sha384(message, offset, length), r, s);
  }

  /**
   * SHA-384 of a byte range.
   *
   * @param message the bytes
   * @param offset offset
   * @param length length
   * @return the 48-byte hash
   */
  public static byte[] sha384(byte[] message, int offset, int length) {
    SHA384Digest digest = new SHA384Digest();
    digest.update(message, offset, length);
    byte[] hash = new byte[digest.getDigestSize()];
    digest.doFinal(hash, 0);
    return hash;
  }

  /**
   * Splits a 96-byte R‖S signature, or returns null when it is not 96 bytes or r or s is outside
   * [1, n-1].
   *
   * @param signature the signature
   * @return {r, s} or null
   */
  public static BigInteger[] parseSignature(byte[] signature) {
    if (signature == null || signature.length != SIGNATURE_BYTES) {
      return null;
    }
    BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 0, FIELD_BYTES));
    BigInteger s =
        new BigInteger(1, java.util.Arrays.copyOfRange(signature, FIELD_BYTES, SIGNATURE_BYTES));
    if (r.signum() == 0 || r.compareTo(N) >= 0 || s.signum() == 0 || s.compareTo(N) >= 0) {
      return null;
    }
    return new BigInteger[] {r, s};
  }

  /**
   * The verifier's strict checks, without allocating: exactly 96 bytes, and r and s (48-byte
   * big-endian halves) each in [1, n-1]. Agrees with {@link #parseSignature} being non-null.
   *
   * @param signature the signature (may be null)
   * @return true when well formed
   */
  public static boolean isWellFormedSignature(byte[] signature) {
    return signature != null
        && signature.length == SIGNATURE_BYTES
        && inScalarRange(signature, 0)
        && inScalarRange(signature, FIELD_BYTES);
  }

  /** Whether the 48 bytes at {@code off} are a big-endian number in [1, n-1]. */
  private static boolean inScalarRange(byte[] b, int off) {
    boolean nonZero = false;
    int cmp = 0; // sign of (value - n) decided by the first differing byte
    for (int i = 0; i < FIELD_BYTES; i++) {
      int v = b[off + i] & 0xff;
      nonZero |= v != 0;
      if (cmp == 0) {
        cmp = Integer.compare(v, N_BYTES[i] & 0xff);
      }
    }
    return nonZero && cmp < 0;
  }

  /**
   * ECDSA verification of a precomputed SHA-384 hash with r and s already range-checked.
   *
   * @param key the public key
   * @param hash the message hash
   * @param r r in [1, n-1]
   * @param s s in [1, n-1]
   * @return true when valid
   */
  public static boolean verifyHash(
      ECPublicKeyParameters key, byte[] hash, BigInteger r, BigInteger s) {
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, key);
    return verifier.verifySignature(hash, r, s);
  }

  /**
   * Writes r and s as 48-byte big-endian halves.
   *
   * @param r r
   * @param s s
   * @param out destination
   * @param off offset of the 96 bytes
   */
  public static void writeP1363(BigInteger r, BigInteger s, byte[] out, int off) {
    writeFixed(r, out, off);
    writeFixed(s, out, off + FIELD_BYTES);
  }

  private static void writeFixed(BigInteger v, byte[] out, int off) {
    byte[] b = v.toByteArray();
    int start = b.length > FIELD_BYTES ? b.length - FIELD_BYTES : 0; // drop a sign byte
    int n = b.length - start;
    java.util.Arrays.fill(out, off, off + FIELD_BYTES - n, (byte) 0);
    System.arraycopy(b, start, out, off + FIELD_BYTES - n, n);
  }

  /**
   * Transcodes a DER ECDSA signature to 96-byte R‖S.
   *
   * @param der the DER SEQUENCE of two INTEGERs
   * @param out destination
   * @param off offset of the 96 bytes
   */
  public static void derToP1363(byte[] der, byte[] out, int off) {
    int p = 0;
    if (der[p++] != 0x30) {
      throw new IllegalStateException("ECDSA signature is not a DER SEQUENCE");
    }
    int seqLen = der[p++] & 0xff;
    if (seqLen == 0x81) {
      p++;
    }
    for (int half = 0; half < 2; half++) {
      if (der[p++] != 0x02) {
        throw new IllegalStateException("ECDSA signature part is not a DER INTEGER");
      }
      int len = der[p++] & 0xff;
      int start = p;
      int n = len;
      while (n > FIELD_BYTES) {
        start++;
        n--;
      }
      int dst = off + half * FIELD_BYTES;
      java.util.Arrays.fill(out, dst, dst + FIELD_BYTES - n, (byte) 0);
      System.arraycopy(der, start, out, dst + FIELD_BYTES - n, n);
      p += len;
    }
  }
}
