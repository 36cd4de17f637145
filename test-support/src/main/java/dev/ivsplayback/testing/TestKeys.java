package dev.ivsplayback.testing;

import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Key fixtures built in code (P-384 pairs, other curves and algorithms for refusals, PEM in every
 * form the library reads). Never print private keys.
 */
public final class TestKeys {
  private static final KeyPair P384 = ec("secp384r1");
  private static final KeyPair P384_OTHER = ec("secp384r1");

  private TestKeys() {}

  public static KeyPair p384() {
    return P384;
  }

  public static KeyPair otherP384() {
    return P384_OTHER;
  }

  /** A new P-384 pair on every call, for tests that need keys no other test has used. */
  public static KeyPair newP384() {
    return ec("secp384r1");
  }

  public static KeyPair ec(String curve) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec(curve));
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** PKCS#8 "PRIVATE KEY". */
  public static String pkcs8Pem(KeyPair pair) {
    return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
  }

  /**
   * SEC1 "EC PRIVATE KEY", as openssl ecparam -genkey writes it (optionally with the EC PARAMETERS
   * block).
   */
  /** SEC1 content (d, optional [0] curve OID, [1] public point) wrapped as PKCS#8 info. */
  public static PrivateKeyInfo sec1Info(KeyPair pair, boolean withCurve) {
    try {
      java.security.interfaces.ECPrivateKey priv =
          (java.security.interfaces.ECPrivateKey) pair.getPrivate();
      org.bouncycastle.asn1.x509.SubjectPublicKeyInfo pub =
          org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
              pair.getPublic().getEncoded());
      org.bouncycastle.asn1.ASN1ObjectIdentifier curve =
          (org.bouncycastle.asn1.ASN1ObjectIdentifier) pub.getAlgorithm().getParameters();
      return new PrivateKeyInfo(
          new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
              org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_ecPublicKey,
              withCurve ? curve : null),
          new org.bouncycastle.asn1.sec.ECPrivateKey(
              priv.getParams().getOrder().bitLength(),
              priv.getS(),
              pub.getPublicKeyData(),
              withCurve ? curve : null));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String sec1Pem(KeyPair pair, boolean withParameters) {
    try {
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded());
      java.security.interfaces.ECPrivateKey priv =
          (java.security.interfaces.ECPrivateKey) pair.getPrivate();
      byte[] spki = pair.getPublic().getEncoded();
      org.bouncycastle.asn1.x509.SubjectPublicKeyInfo pub =
          org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(spki);
      // What OpenSSL writes: version, d, [0] named-curve OID, [1] public point.
      byte[] sec1 =
          new org.bouncycastle.asn1.sec.ECPrivateKey(
                  priv.getParams().getOrder().bitLength(),
                  priv.getS(),
                  pub.getPublicKeyData(),
                  info.getPrivateKeyAlgorithm().getParameters())
              .getEncoded("DER");
      String params =
          withParameters
              ? pem(
                  "EC PARAMETERS",
                  info.getPrivateKeyAlgorithm().getParameters().toASN1Primitive().getEncoded("DER"))
              : "";
      return params + pem("EC PRIVATE KEY", sec1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String spkiPem(KeyPair pair) {
    return pem("PUBLIC KEY", pair.getPublic().getEncoded());
  }

  /** Encrypted PKCS#8 (PBES2, AES-256-CBC). */
  public static String encryptedPkcs8Pem(KeyPair pair, char[] passphrase) {
    try {
      JceOpenSSLPKCS8EncryptorBuilder enc =
          new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
              .setProvider(new BouncyCastleProvider())
              .setPassword(passphrase);
      PemObject obj = new JcaPKCS8Generator(pair.getPrivate(), enc.build()).generate();
      StringWriter w = new StringWriter();
      try (PemWriter pw = new PemWriter(w)) {
        pw.writeObject(obj);
      }
      return w.toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static boolean sameScalar(java.security.PrivateKey a, java.security.PrivateKey b) {
    return ((ECPrivateKey) a).getS().equals(((ECPrivateKey) b).getS());
  }
}
