package dev.ivsplayback.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import dev.ivsplayback.token.internal.BouncyCastle;
import dev.ivsplayback.token.internal.P384;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Static helpers for IVS playback keys (EC P-384): reading PEM through bcpkix, the IVS fingerprint,
 * SPKI PEM and JWK export. Stateless and thread-safe. Errors are {@link KeyFormatException}s that
 * say what was found and never contain key material.
 *
 * <pre>{@code
 * PrivateKey key = PlaybackKeys.readPrivateKey(Files.readString(Path.of("priv.pem"))); // PKCS#8 or SEC1
 * String fingerprint = PlaybackKeys.fingerprint(PlaybackKeys.publicKeyOf(key)); // aa:bb:...
 * }</pre>
 */
public final class PlaybackKeys {
  private static final byte[] SPKI_PREFIX =
      HexFormat.of().parseHex("3076301006072a8648ce3d020106052b8104002203620004");
  private static final ECParameterSpec P384_SPEC = p384Spec();
  private static final Map<ASN1ObjectIdentifier, String> ALGORITHM_NAMES =
      Map.of(
          PKCSObjectIdentifiers.rsaEncryption, "RSA",
          PKCSObjectIdentifiers.id_RSASSA_PSS, "RSA-PSS",
          EdECObjectIdentifiers.id_Ed25519, "Ed25519",
          EdECObjectIdentifiers.id_Ed448, "Ed448",
          EdECObjectIdentifiers.id_X25519, "X25519",
          EdECObjectIdentifiers.id_X448, "X448",
          X9ObjectIdentifiers.id_dsa, "DSA");
  private static final String REQUIRED = "IVS playback keys must be EC P-384 (secp384r1)";

  /**
   * The longest PEM text accepted by the readers, in characters (64 KiB). A P-384 key with an EC
   * PARAMETERS block and a certificate chain is well under 8 KiB; the limit bounds the memory and
   * time spent on hostile input.
   */
  public static final int MAX_PEM_LENGTH = 64 * 1024;

  private PlaybackKeys() {}

  /**
   * Reads an unencrypted P-384 private key: PKCS#8 {@code PRIVATE KEY} or SEC1 {@code EC PRIVATE
   * KEY} (what {@code openssl ecparam -genkey} writes; a leading {@code EC PARAMETERS} block is
   * skipped).
   *
   * @param pem the PEM text
   * @return the private key
   * @throws KeyFormatException for anything else (encrypted, RSA, another curve, garbage,
   *     truncated)
   */
  public static PrivateKey readPrivateKey(String pem) {
    return readPrivateKey(pem, null);
  }

  /**
   * Reads a P-384 private key that may be encrypted: encrypted PKCS#8 ({@code ENCRYPTED PRIVATE
   * KEY}) or legacy OpenSSL-encrypted SEC1, as well as the unencrypted forms.
   *
   * @param pem the PEM text
   * @param passphrase the passphrase, or null for an unencrypted key
   * @return the private key
   * @throws KeyFormatException for a wrong passphrase or any unusable key
   */
  public static PrivateKey readPrivateKey(String pem, char[] passphrase) {
    Objects.requireNonNull(pem, "pem");
    checkPemLength(pem);
    PrivateKeyInfo info = null;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object o;
      boolean sawAny = false;
      while ((o = parser.readObject()) != null) {
        sawAny = true;
        if (o instanceof ASN1ObjectIdentifier || o instanceof X9ECParameters) {
          continue; // an "EC PARAMETERS" block written by openssl ecparam
        }
        PrivateKeyInfo found = privateKeyInfoOf(o, passphrase);
        if (info != null) {
          throw new KeyFormatException("The PEM holds more than one private key; pass exactly one");
        }
        info = found;
      }
      if (info == null) {
        throw new KeyFormatException(
            sawAny
                ? "The PEM holds EC parameters but no private key"
                : "No PEM private key found (expected -----BEGIN PRIVATE KEY----- or -----BEGIN EC PRIVATE"
                    + " KEY-----)");
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof KeyFormatException kfe) {
        throw kfe;
      }
      throw new KeyFormatException(
          "The private-key PEM is malformed or truncated ("
              + e.getClass().getSimpleName()
              + "); "
              + REQUIRED,
          e);
    }
    info = withInferredP384Parameters(info);
    checkAlgorithm(info.getPrivateKeyAlgorithm(), "private");
    PrivateKey key;
    try {
      key = new JcaPEMKeyConverter().getPrivateKey(info);
    } catch (IOException | RuntimeException e) {
      throw new KeyFormatException(
          "The EC private key could not be decoded ("
              + e.getClass().getSimpleName()
              + "); the PEM is corrupt or truncated",
          e);
    }
    return requireP384(key);
  }

  /**
   * Some writers (e.g. BouncyCastle's JcaPEMWriter given a JDK key) emit SEC1 without the curve
   * parameters. When the key carries its public point and that point is d·G on P-384, the curve is
   * unambiguous; otherwise the key is left as is and refused by {@link #checkAlgorithm}.
   */
  private static PrivateKeyInfo withInferredP384Parameters(PrivateKeyInfo info) {
    AlgorithmIdentifier alg = info.getPrivateKeyAlgorithm();
    boolean noParameters =
        alg.getParameters() == null
            || alg.getParameters() instanceof org.bouncycastle.asn1.ASN1Null;
    if (!X9ObjectIdentifiers.id_ecPublicKey.equals(alg.getAlgorithm()) || !noParameters) {
      return info;
    }
    try {
      org.bouncycastle.asn1.sec.ECPrivateKey sec1 =
          org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
      BigInteger d = sec1.getKey();
      if (sec1.getPublicKey() == null || d.signum() <= 0 || d.compareTo(P384.N) >= 0) {
        return info;
      }
      org.bouncycastle.math.ec.ECPoint q =
          P384.DOMAIN.getCurve().decodePoint(sec1.getPublicKey().getOctets());
      if (!P384.publicPoint(d).equals(q)) {
        return info;
      }
      return new PrivateKeyInfo(
          new AlgorithmIdentifier(
              X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp384r1),
          new org.bouncycastle.asn1.sec.ECPrivateKey(
              384, d, sec1.getPublicKey(), SECObjectIdentifiers.secp384r1));
    } catch (IOException | RuntimeException e) {
      return info; // not a P-384 point: refused below as a key without curve parameters
    }
  }

  private static void checkPemLength(String pem) {
    if (pem.length() > MAX_PEM_LENGTH) {
      throw new KeyFormatException(
          "The PEM text is "
              + pem.length()
              + " characters, too large for a key; the"
              + " limit is MAX_PEM_LENGTH "
              + MAX_PEM_LENGTH
              + " characters");
    }
  }

  /** The message for a failed decryption: a refused KDF cost is not a wrong passphrase. */
  private static String decryptionFailure(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.bouncycastle.operator.OperatorCreationException) {
        return "The encrypted private key could not be decrypted: the key's encryption parameters (KDF cost)"
            + " exceed what is accepted ("
            + e.getClass().getSimpleName()
            + "); re-encrypt it with"
            + " standard parameters";
      }
    }
    return "The encrypted private key could not be decrypted: wrong passphrase or corrupt data ("
        + e.getClass().getSimpleName()
        + ")";
  }

  private static PrivateKeyInfo privateKeyInfoOf(Object o, char[] passphrase) throws IOException {
    if (o instanceof PrivateKeyInfo pki) {
      return pki;
    }
    if (o instanceof PEMKeyPair pair) {
      return pair.getPrivateKeyInfo();
    }
    if (o instanceof PKCS8EncryptedPrivateKeyInfo enc) {
      if (passphrase == null) {
        throw new KeyFormatException(
            "The private key is encrypted (ENCRYPTED PRIVATE KEY); pass its" + " passphrase");
      }
      try {
        InputDecryptorProvider decryptor =
            new JceOpenSSLPKCS8DecryptorProviderBuilder()
                .setProvider(BouncyCastle.PROVIDER)
                .build(passphrase);
        return enc.decryptPrivateKeyInfo(decryptor);
      } catch (Exception e) {
        throw new KeyFormatException(decryptionFailure(e), e);
      }
    }
    if (o instanceof PEMEncryptedKeyPair enc) {
      if (passphrase == null) {
        throw new KeyFormatException(
            "The private key is encrypted (Proc-Type: 4,ENCRYPTED); pass its" + " passphrase");
      }
      try {
        return enc.decryptKeyPair(
                new JcePEMDecryptorProviderBuilder()
                    .setProvider(BouncyCastle.PROVIDER)
                    .build(passphrase))
            .getPrivateKeyInfo();
      } catch (Exception e) {
        throw new KeyFormatException(
            "The encrypted private key could not be decrypted: wrong passphrase"
                + " or corrupt data ("
                + e.getClass().getSimpleName()
                + ")",
            e);
      }
    }
    throw new KeyFormatException(
        "Expected a private key but the PEM holds " + describePemObject(o));
  }

  /**
   * Reads a P-384 public key from SPKI {@code PUBLIC KEY} PEM (what {@code openssl ec -pubout}
   * writes and what ImportPlaybackKeyPair takes).
   *
   * @param pem the PEM text
   * @return the public key (its point checked to be on the curve)
   * @throws KeyFormatException for anything else
   */
  public static ECPublicKey readPublicKey(String pem) {
    Objects.requireNonNull(pem, "pem");
    checkPemLength(pem);
    SubjectPublicKeyInfo spki = null;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object o;
      while ((o = parser.readObject()) != null) {
        if (o instanceof ASN1ObjectIdentifier || o instanceof X9ECParameters) {
          continue;
        }
        if (!(o instanceof SubjectPublicKeyInfo found)) {
          throw new KeyFormatException(
              "Expected a public key (-----BEGIN PUBLIC KEY-----) but the PEM"
                  + " holds "
                  + describePemObject(o));
        }
        if (spki != null) {
          throw new KeyFormatException("The PEM holds more than one public key; pass exactly one");
        }
        spki = found;
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof KeyFormatException kfe) {
        throw kfe;
      }
      throw new KeyFormatException(
          "The public-key PEM is malformed or truncated ("
              + e.getClass().getSimpleName()
              + "); "
              + REQUIRED,
          e);
    }
    if (spki == null) {
      throw new KeyFormatException("No PEM public key found (expected -----BEGIN PUBLIC KEY-----)");
    }
    checkAlgorithm(spki.getAlgorithm(), "public");
    PublicKey key;
    try {
      key = new JcaPEMKeyConverter().getPublicKey(spki);
    } catch (IOException | RuntimeException e) {
      throw new KeyFormatException(
          "The EC public key could not be decoded ("
              + e.getClass().getSimpleName()
              + "); the PEM is corrupt or the point is invalid",
          e);
    }
    return requireP384(key);
  }

  /**
   * The public key of a P-384 private key (computed as d·G).
   *
   * @param privateKey the private key
   * @return the public key
   * @throws KeyFormatException when the key is not EC P-384
   */
  public static ECPublicKey publicKeyOf(PrivateKey privateKey) {
    ECPrivateKey key = requireP384(privateKey);
    org.bouncycastle.math.ec.ECPoint q;
    try {
      q = P384.publicPoint(P384.privateParameters(key).getD());
    } catch (IllegalArgumentException e) {
      throw new KeyFormatException("The EC P-384 private key's scalar is outside [1, n-1]");
    }
    return toJcaPublicKey(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
  }

  /**
   * The IVS fingerprint of a public key: MD5 of its DER SubjectPublicKeyInfo (named curve,
   * uncompressed point, as IVS computes it), lower-case hex pairs joined by ':'.
   *
   * @param publicKey an EC P-384 public key
   * @return e.g. {@code 98:0d:1a:a0:19:96:1e:ea:0a:0a:2c:9a:42:19:2b:e7}
   * @throws KeyFormatException when the key is not EC P-384
   */
  public static String fingerprint(PublicKey publicKey) {
    byte[] der = canonicalSpki(requireP384(publicKey));
    try {
      byte[] md5 = MessageDigest.getInstance("MD5").digest(der);
      return HexFormat.ofDelimiter(":").formatHex(md5);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("MD5 is required by every Java platform", e);
    }
  }

  /**
   * The SPKI {@code PUBLIC KEY} PEM of a public key (64-character lines, LF line ends, trailing
   * newline), the form ImportPlaybackKeyPair takes.
   *
   * @param publicKey an EC P-384 public key
   * @return the PEM text
   */
  public static String toPublicKeyPem(PublicKey publicKey) {
    byte[] der = canonicalSpki(requireP384(publicKey));
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
  }

  /**
   * The public key as a JWK: {@code kty EC}, {@code crv P-384}, {@code alg ES384}, {@code use sig},
   * and {@code kid} = the IVS fingerprint (so a published entry can be matched to its imported key
   * pair).
   *
   * @param publicKey an EC P-384 public key
   * @return the JWK (public only)
   */
  public static ECKey toJwk(ECPublicKey publicKey) {
    ECPublicKey key = requireP384(publicKey);
    return new ECKey.Builder(
            Curve.P_384, toJcaPublicKey(key.getW().getAffineX(), key.getW().getAffineY()))
        .keyUse(KeyUse.SIGNATURE)
        .algorithm(JWSAlgorithm.ES384)
        .keyID(fingerprint(key))
        .build();
  }

  /**
   * A JWK set of public keys, in the given order.
   *
   * @param publicKeys EC P-384 public keys
   * @return the set
   */
  public static JWKSet toJwkSet(Collection<ECPublicKey> publicKeys) {
    List<JWK> keys = new ArrayList<>();
    for (ECPublicKey k : publicKeys) {
      keys.add(toJwk(k));
    }
    return new JWKSet(keys);
  }

  /**
   * Checks that a private key is an EC key on P-384 (curve, generator, order and cofactor compared
   * with the standard's). The one P-384 check of the library: every module calls it.
   *
   * @param key the key
   * @return the key as an {@link ECPrivateKey}
   * @throws KeyFormatException naming what was found instead
   */
  public static ECPrivateKey requireP384(PrivateKey key) {
    Objects.requireNonNull(key, "privateKey");
    if (!(key instanceof ECPrivateKey ec)) {
      throw new KeyFormatException(
          "Found a "
              + key.getAlgorithm()
              + " private key ("
              + key.getClass().getSimpleName()
              + "); "
              + REQUIRED);
    }
    if (!P384.isP384(ec.getParams())) {
      throw new KeyFormatException("Found " + P384.describe(ec.getParams()) + "; " + REQUIRED);
    }
    return ec;
  }

  /**
   * Checks that a public key is an EC key on P-384 (curve, generator, order and cofactor compared
   * with the standard's) whose point lies on the curve. The one P-384 check of the library: every
   * module calls it.
   *
   * @param key the key
   * @return the key as an {@link ECPublicKey}
   * @throws KeyFormatException naming what was found instead
   */
  public static ECPublicKey requireP384(PublicKey key) {
    Objects.requireNonNull(key, "publicKey");
    if (!(key instanceof ECPublicKey ec)) {
      throw new KeyFormatException(
          "Found a "
              + key.getAlgorithm()
              + " public key ("
              + key.getClass().getSimpleName()
              + "); "
              + REQUIRED);
    }
    if (!P384.isP384(ec.getParams())) {
      throw new KeyFormatException("Found " + P384.describe(ec.getParams()) + "; " + REQUIRED);
    }
    try {
      P384.publicParameters(ec);
    } catch (IllegalArgumentException e) {
      throw new KeyFormatException("The EC public key's point is not a valid P-384 point", e);
    }
    return ec;
  }

  private static byte[] canonicalSpki(ECPublicKey key) {
    byte[] der = new byte[SPKI_PREFIX.length + 96];
    System.arraycopy(SPKI_PREFIX, 0, der, 0, SPKI_PREFIX.length);
    writeCoordinate(key.getW().getAffineX(), der, SPKI_PREFIX.length);
    writeCoordinate(key.getW().getAffineY(), der, SPKI_PREFIX.length + 48);
    return der;
  }

  private static void writeCoordinate(BigInteger v, byte[] out, int off) {
    byte[] b = v.toByteArray();
    int start = b.length > 48 ? b.length - 48 : 0;
    int n = b.length - start;
    System.arraycopy(b, start, out, off + 48 - n, n);
  }

  private static ECPublicKey toJcaPublicKey(BigInteger x, BigInteger y) {
    try {
      return (ECPublicKey)
          KeyFactory.getInstance("EC")
              .generatePublic(new ECPublicKeySpec(new ECPoint(x, y), P384_SPEC));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK's EC KeyFactory rejected a P-384 point", e);
    }
  }

  private static void checkAlgorithm(AlgorithmIdentifier alg, String kind) {
    ASN1ObjectIdentifier oid = alg.getAlgorithm();
    if (!X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
      String name = ALGORITHM_NAMES.getOrDefault(oid, "algorithm OID " + oid.getId());
      throw new KeyFormatException("Found a " + name + " " + kind + " key; " + REQUIRED);
    }
    ASN1Encodable params = alg.getParameters();
    if (params instanceof ASN1ObjectIdentifier curve) {
      if (!SECObjectIdentifiers.secp384r1.equals(curve)) {
        String name = SECNamedCurves.getName(curve);
        if (name == null) {
          name = ECNamedCurveTable.getName(curve);
        }
        throw new KeyFormatException(
            "Found an EC "
                + kind
                + " key on curve "
                + (name == null ? curve.getId() : name + " (" + curve.getId() + ")")
                + "; "
                + REQUIRED);
      }
    } else if (params instanceof ASN1Sequence) {
      X9ECParameters explicit;
      try {
        explicit = X9ECParameters.getInstance(params);
      } catch (RuntimeException e) {
        throw new KeyFormatException(
            "Found an EC "
                + kind
                + " key with malformed explicit curve parameters ("
                + e.getClass().getSimpleName()
                + "); "
                + REQUIRED,
            e);
      }
      if (!explicit.getCurve().equals(P384.DOMAIN.getCurve())
          || !explicit.getN().equals(P384.N)
          || !explicit.getG().equals(P384.DOMAIN.getG())) {
        throw new KeyFormatException(
            "Found an EC "
                + kind
                + " key with explicit curve parameters that are"
                + " not P-384; "
                + REQUIRED);
      }
    } else {
      throw new KeyFormatException(
          "Found an EC " + kind + " key without curve parameters; " + REQUIRED);
    }
  }

  private static String describePemObject(Object o) {
    if (o instanceof SubjectPublicKeyInfo) {
      return "a public key";
    }
    if (o instanceof PrivateKeyInfo
        || o instanceof PEMKeyPair
        || o instanceof PKCS8EncryptedPrivateKeyInfo
        || o instanceof PEMEncryptedKeyPair) {
      return "a private key";
    }
    if (o instanceof X509CertificateHolder) {
      return "a certificate";
    }
    return "an object of type " + o.getClass().getSimpleName();
  }

  private static ECParameterSpec p384Spec() {
    try {
      AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
      p.init(new ECGenParameterSpec("secp384r1"));
      return p.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
