package dev.ivsplayback.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.token.InvalidConfigurationException;
import dev.ivsplayback.token.KeyFormatException;
import dev.ivsplayback.token.PlaybackKeys;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.misc.MiscObjectIdentifiers;
import org.bouncycastle.asn1.misc.ScryptParams;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybackKeyPemTest {
  private static final KeyEncryptionParameters FAST = KeyEncryptionParameters.of(10, 1);
  private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

  private final KeyPair pair = PlaybackKeyGenerator.create().generate();

  @Test
  void generate_producesEcP384Keys() {
    assertThat(pair.getPublic()).isInstanceOf(ECPublicKey.class);
    assertThat(pair.getPrivate()).isInstanceOf(ECPrivateKey.class);
    assertThat(((ECPublicKey) pair.getPublic()).getParams().getCurve().getField().getFieldSize())
        .isEqualTo(384);
    // SPKI of a named-curve P-384 key: 120 bytes with the fixed prefix IVS fingerprints are
    // computed over.
    assertThat(pair.getPublic().getEncoded()).hasSize(120);
    assertThat(java.util.HexFormat.of().formatHex(pair.getPublic().getEncoded()))
        .startsWith("3076301006072a8648ce3d020106052b8104002203620004");
  }

  @Test
  void generate_twice_givesDifferentKeys() {
    KeyPair other = PlaybackKeyGenerator.create().generate();
    assertThat(other.getPublic().getEncoded()).isNotEqualTo(pair.getPublic().getEncoded());
  }

  @Test
  void publicKeyPem_readsBackThroughTokenCore_withSameFingerprint() {
    String pem = PlaybackKeyPem.publicKeyPem(pair.getPublic());
    assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----");
    ECPublicKey read = PlaybackKeyPem.readPublicKey(pem);
    assertThat(read.getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    assertThat(PlaybackKeys.fingerprint(read))
        .isEqualTo(PlaybackKeys.fingerprint(pair.getPublic()))
        .matches("[0-9a-f]{2}(:[0-9a-f]{2}){15}");
  }

  @Test
  void privateKeyPem_isPkcs8_andReadsBack() {
    String pem = PlaybackKeyPem.privateKeyPem(pair.getPrivate());
    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
    Keys.assertSamePrivateKey(PlaybackKeyPem.readPrivateKey(pem), pair.getPrivate());
  }

  @Test
  void sec1EcPrivateKeyPem_asOpenSslWritesIt_readsBack() throws Exception {
    // "openssl ecparam -name secp384r1 -genkey" form: ECPrivateKey with the curve OID and the
    // public point.
    byte[] point =
        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded())
            .getPublicKeyData()
            .getBytes();
    org.bouncycastle.asn1.sec.ECPrivateKey sec1 =
        new org.bouncycastle.asn1.sec.ECPrivateKey(
            384,
            ((ECPrivateKey) pair.getPrivate()).getS(),
            new org.bouncycastle.asn1.DERBitString(point),
            org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp384r1);
    java.io.StringWriter out = new java.io.StringWriter();
    try (org.bouncycastle.openssl.jcajce.JcaPEMWriter writer =
        new org.bouncycastle.openssl.jcajce.JcaPEMWriter(out)) {
      writer.writeObject(
          new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", sec1.getEncoded()));
    }
    Keys.assertSamePrivateKey(PlaybackKeyPem.readPrivateKey(out.toString()), pair.getPrivate());
  }

  @Test
  void encryptedPrivateKeyPem_isPbes2WithScryptAndAes256Cbc() throws Exception {
    String pem = PlaybackKeyPem.encryptedPrivateKeyPem(pair.getPrivate(), PASSPHRASE, FAST);
    assertThat(pem).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    PKCS8EncryptedPrivateKeyInfo info;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      info = (PKCS8EncryptedPrivateKeyInfo) parser.readObject();
    }
    assertThat(info.getEncryptionAlgorithm().getAlgorithm())
        .isEqualTo(PKCSObjectIdentifiers.id_PBES2);
    PBES2Parameters pbes2 =
        PBES2Parameters.getInstance(info.getEncryptionAlgorithm().getParameters());
    KeyDerivationFunc kdf = pbes2.getKeyDerivationFunc();
    assertThat(kdf.getAlgorithm()).isEqualTo(MiscObjectIdentifiers.id_scrypt);
    ScryptParams scrypt = ScryptParams.getInstance(kdf.getParameters());
    assertThat(scrypt.getCostParameter().intValue()).isEqualTo(1 << 10);
    assertThat(scrypt.getBlockSize().intValue()).isEqualTo(8);
    assertThat(scrypt.getSalt()).hasSize(16);
    EncryptionScheme scheme = pbes2.getEncryptionScheme();
    assertThat(scheme.getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_aes256_CBC);
  }

  @Test
  void encryptedPrivateKeyPem_readsBackThroughTokenCore() {
    String pem = PlaybackKeyPem.encryptedPrivateKeyPem(pair.getPrivate(), PASSPHRASE, FAST);
    Keys.assertSamePrivateKey(PlaybackKeyPem.readPrivateKey(pem, PASSPHRASE), pair.getPrivate());
  }

  @Test
  void encryptedPrivateKeyPem_doesNotContainThePlainKey() {
    String pem = PlaybackKeyPem.encryptedPrivateKeyPem(pair.getPrivate(), PASSPHRASE, FAST);
    Keys.assertNoPrivateMaterial(pem, pair.getPrivate());
    // The check itself can fail: it finds the key in the unencrypted form.
    assertThatThrownBy(
            () ->
                Keys.assertNoPrivateMaterial(
                    PlaybackKeyPem.privateKeyPem(pair.getPrivate()), pair.getPrivate()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("not shown");
  }

  @Test
  void readPrivateKey_withWrongPassphrase_failsClearly_withoutKeyMaterial() {
    String pem = PlaybackKeyPem.encryptedPrivateKeyPem(pair.getPrivate(), PASSPHRASE, FAST);
    assertThatThrownBy(() -> PlaybackKeyPem.readPrivateKey(pem, "wrong".toCharArray()))
        .isInstanceOf(KeyFormatException.class)
        .satisfies(
            e -> Keys.assertNoPrivateMaterial(String.valueOf(e.getMessage()), pair.getPrivate()));
  }

  @Test
  void encryptedPrivateKeyPem_withEmptyPassphrase_isRejected() {
    assertThatThrownBy(
            () -> PlaybackKeyPem.encryptedPrivateKeyPem(pair.getPrivate(), new char[0], FAST))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("passphrase");
  }

  @Test
  void pem_rejectsKeysNotOnP384() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair p256 = g.generateKeyPair();
    assertThatThrownBy(() -> PlaybackKeyPem.publicKeyPem(p256.getPublic()))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("P-384");
    assertThatThrownBy(() -> PlaybackKeyPem.privateKeyPem(p256.getPrivate()))
        .isInstanceOf(KeyFormatException.class);
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    assertThatThrownBy(() -> PlaybackKeyPem.privateKeyPem(rsa.generateKeyPair().getPrivate()))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("RSA");
  }

  @Test
  void keyEncryptionParameters_outOfRange_namesTheField() {
    assertThatThrownBy(() -> KeyEncryptionParameters.of(9, 1))
        .isInstanceOf(InvalidConfigurationException.class)
        .satisfies(
            e ->
                assertThat(((InvalidConfigurationException) e).setting())
                    .isEqualTo("costExponent"));
    assertThat(KeyEncryptionParameters.strong().cost()).isEqualTo(1 << 17);
  }

  @Test
  void keyFiles_privateIsOwnerOnly_publicIsWorldReadable_andBothReadBack(@TempDir Path dir)
      throws Exception {
    Path priv = dir.resolve("playback.key");
    Path pub = dir.resolve("playback.pub");
    PlaybackKeyFiles.writeEncryptedPrivateKey(priv, pair.getPrivate(), PASSPHRASE, FAST);
    PlaybackKeyFiles.writePublicKey(pub, pair.getPublic());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pub)))
        .isEqualTo("rw-r--r--");
    Keys.assertSamePrivateKey(PlaybackKeyFiles.readPrivateKey(priv, PASSPHRASE), pair.getPrivate());
    assertThat(PlaybackKeyFiles.readPublicKey(pub).getEncoded())
        .isEqualTo(pair.getPublic().getEncoded());
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("playback.key", "playback.pub");
    }
  }

  @Test
  void keyFiles_neverOverwriteAnExistingFile(@TempDir Path dir) throws Exception {
    Path priv = dir.resolve("playback.key");
    PlaybackKeyFiles.writePrivateKey(priv, pair.getPrivate());
    byte[] before = Files.readAllBytes(priv);
    KeyPair other = PlaybackKeyGenerator.create().generate();
    assertThatThrownBy(() -> PlaybackKeyFiles.writePrivateKey(priv, other.getPrivate()))
        .isInstanceOf(PlaybackKeyException.class)
        .hasMessageContaining("refusing to overwrite");
    assertThat(java.util.Arrays.equals(Files.readAllBytes(priv), before))
        .as("file unchanged")
        .isTrue();
  }

  @Test
  void keyFiles_readingASharedPrivateKeyFile_isRefused(@TempDir Path dir) throws Exception {
    Path priv = dir.resolve("playback.key");
    PlaybackKeyFiles.writePrivateKey(priv, pair.getPrivate());
    Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> PlaybackKeyFiles.readPrivateKey(priv, null))
        .isInstanceOf(PlaybackKeyException.class)
        .hasMessageContaining("rw-r--r--");
  }
}
