package dev.ivsplayback.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.keys.KeyEncryptionParameters;
import dev.ivsplayback.keys.PlaybackKeyFiles;
import dev.ivsplayback.keys.PlaybackKeyPem;
import dev.ivsplayback.token.KeyFormatException;
import dev.ivsplayback.token.PlaybackKeys;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * PEM write → read is the identity for every form, and fingerprints follow the IVS formula, on
 * random keys.
 */
class PemPropertiesTest {
  private static final KeyEncryptionParameters FAST_SCRYPT = KeyEncryptionParameters.of(10, 1);
  private static Path dir;

  @BeforeContainer
  static void createDir() throws Exception {
    dir = Files.createTempDirectory("pem-properties");
  }

  @AfterContainer
  static void deleteDir() throws Exception {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Property(tries = 40)
  void spkiPem_roundTrips(@ForAll("keys") KeyPair pair) {
    ECPublicKey read = PlaybackKeyPem.readPublicKey(PlaybackKeyPem.publicKeyPem(pair.getPublic()));
    assertThat(read.getW()).isEqualTo(((ECPublicKey) pair.getPublic()).getW());
    assertThat(PlaybackKeys.readPublicKey(PlaybackKeys.toPublicKeyPem(pair.getPublic())).getW())
        .isEqualTo(((ECPublicKey) pair.getPublic()).getW());
  }

  @Property(tries = 40)
  void pkcs8Pem_roundTrips(@ForAll("keys") KeyPair pair) {
    PrivateKey read =
        PlaybackKeyPem.readPrivateKey(PlaybackKeyPem.privateKeyPem(pair.getPrivate()));
    assertSameScalar(read, pair.getPrivate());
  }

  @Property(tries = 40)
  void sec1Pem_asOpenSslWritesIt_reads(@ForAll("keys") KeyPair pair) throws Exception {
    // keypair-manager writes PKCS#8 only; SEC1 ("EC PRIVATE KEY", RFC 5915, with the named curve in
    // [0] and the
    // public key in [1]) is what openssl ecparam -genkey writes.
    ECPrivateKey k = (ECPrivateKey) pair.getPrivate();
    byte[] point =
        SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded())
            .getPublicKeyData()
            .getBytes();
    byte[] der =
        new org.bouncycastle.asn1.sec.ECPrivateKey(
                384, k.getS(), new DERBitString(point), SECObjectIdentifiers.secp384r1)
            .getEncoded();
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
      pem.writeObject(new PemObject("EC PRIVATE KEY", der));
    }
    assertThat(w.toString()).startsWith("-----BEGIN EC PRIVATE KEY-----");
    assertSameScalar(PlaybackKeys.readPrivateKey(w.toString()), pair.getPrivate());
  }

  @Property(tries = 20)
  void sec1Pem_withNeitherCurveNorPublicPoint_isRefusedClearly(@ForAll("keys") KeyPair pair)
      throws Exception {
    // JcaPEMWriter re-wraps the JDK's inner ECPrivateKey, which carries neither [0] curve
    // parameters nor the [1]
    // public point: nothing proves the 48-byte scalar belongs to P-384 (brainpoolP384r1 has the
    // same size)
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
      pem.writeObject(pair.getPrivate());
    }
    assertThat(w.toString()).startsWith("-----BEGIN EC PRIVATE KEY-----");
    assertThatThrownBy(() -> PlaybackKeys.readPrivateKey(w.toString()))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("without curve parameters")
        .hasMessageContaining("P-384");
  }

  @Property(tries = 15)
  void encryptedPkcs8Pem_roundTrips(
      @ForAll("keys") KeyPair pair, @ForAll("passphrases") String passphrase) {
    String pem =
        PlaybackKeyPem.encryptedPrivateKeyPem(
            pair.getPrivate(), passphrase.toCharArray(), FAST_SCRYPT);
    assertThat(pem).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    assertSameScalar(
        PlaybackKeyPem.readPrivateKey(pem, passphrase.toCharArray()), pair.getPrivate());
  }

  @Property(tries = 15)
  void keyFiles_roundTripThroughRealFiles(
      @ForAll("keys") KeyPair pair, @ForAll("passphrases") String passphrase) throws Exception {
    Path sub = Files.createTempDirectory(dir, "k");
    PlaybackKeyFiles.writePublicKey(sub.resolve("pub.pem"), pair.getPublic());
    PlaybackKeyFiles.writePrivateKey(sub.resolve("plain.pem"), pair.getPrivate());
    PlaybackKeyFiles.writeEncryptedPrivateKey(
        sub.resolve("enc.pem"), pair.getPrivate(), passphrase.toCharArray(), FAST_SCRYPT);
    assertThat(PlaybackKeyFiles.readPublicKey(sub.resolve("pub.pem")).getW())
        .isEqualTo(((ECPublicKey) pair.getPublic()).getW());
    assertSameScalar(
        PlaybackKeyFiles.readPrivateKey(sub.resolve("plain.pem"), null), pair.getPrivate());
    assertSameScalar(
        PlaybackKeyFiles.readPrivateKey(sub.resolve("enc.pem"), passphrase.toCharArray()),
        pair.getPrivate());
  }

  @Property(tries = 60)
  void fingerprint_isMd5OfDerSpki_colonHex(
      @ForAll("keys") KeyPair pair, @ForAll boolean viaBouncyCastle) throws Exception {
    ECPublicKey key = (ECPublicKey) pair.getPublic();
    if (viaBouncyCastle) {
      // the same key as a BouncyCastle object: the fingerprint must not depend on the provider
      key =
          (ECPublicKey)
              KeyFactory.getInstance("EC", new BouncyCastleProvider())
                  .generatePublic(new X509EncodedKeySpec(key.getEncoded()));
    }
    byte[] md5 = MessageDigest.getInstance("MD5").digest(pair.getPublic().getEncoded());
    StringBuilder expected = new StringBuilder();
    for (byte b : md5) {
      if (expected.length() > 0) {
        expected.append(':');
      }
      expected.append(String.format("%02x", b & 0xff));
    }
    assertThat(pair.getPublic().getEncoded()).hasSize(120);
    assertThat(HexFormat.of().formatHex(pair.getPublic().getEncoded()))
        .startsWith("3076301006072a8648ce3d020106052b8104002203620004");
    assertThat(PlaybackKeys.fingerprint(key)).isEqualTo(expected.toString()).hasSize(47);
  }

  @Provide
  Arbitrary<KeyPair> keys() {
    return Arbitraries.longs().map(seed -> Fixtures.p384(seed));
  }

  @Provide
  Arbitrary<String> passphrases() {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withChars('é', '€', 'ß')
        .ofMinLength(1)
        .ofMaxLength(64);
  }

  private static void assertSameScalar(PrivateKey actual, PrivateKey expected) {
    assertThat(((ECPrivateKey) actual).getS()).isEqualTo(((ECPrivateKey) expected).getS());
  }
}
