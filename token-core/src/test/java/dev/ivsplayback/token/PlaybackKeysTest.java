package dev.ivsplayback.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import dev.ivsplayback.testing.TestKeys;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaybackKeysTest {
  final KeyPair pair = TestKeys.p384();

  private String privateScalarHex() {
    return ((ECPrivateKey) pair.getPrivate()).getS().toString(16);
  }

  private static String body(String pem) {
    return pem.replaceAll("-----[^-]+-----", "").replaceAll("\\s", "");
  }

  @Test
  void readPrivateKey_readsPkcs8() {
    PrivateKey key = PlaybackKeys.readPrivateKey(TestKeys.pkcs8Pem(pair));
    assertThat(TestKeys.sameScalar(key, pair.getPrivate())).isTrue();
  }

  @Test
  void readPrivateKey_readsSec1() {
    PrivateKey key = PlaybackKeys.readPrivateKey(TestKeys.sec1Pem(pair, false));
    assertThat(TestKeys.sameScalar(key, pair.getPrivate())).isTrue();
  }

  @Test
  void readPrivateKey_readsSec1WithLeadingEcParameters() {
    PrivateKey key = PlaybackKeys.readPrivateKey(TestKeys.sec1Pem(pair, true));
    assertThat(TestKeys.sameScalar(key, pair.getPrivate())).isTrue();
  }

  @Test
  void readPrivateKey_readsEncryptedPkcs8WithPassphrase() {
    String pem = TestKeys.encryptedPkcs8Pem(pair, "correct horse".toCharArray());
    assertThat(pem).contains("BEGIN ENCRYPTED PRIVATE KEY");
    PrivateKey key = PlaybackKeys.readPrivateKey(pem, "correct horse".toCharArray());
    assertThat(TestKeys.sameScalar(key, pair.getPrivate())).isTrue();
  }

  @Test
  void readPrivateKey_readsLegacyOpenSslEncryptedSec1() throws Exception {
    java.io.StringWriter w = new java.io.StringWriter();
    try (org.bouncycastle.openssl.jcajce.JcaPEMWriter pw =
        new org.bouncycastle.openssl.jcajce.JcaPEMWriter(w)) {
      // As OpenSSL writes it: SEC1 with curve OID and public point, DEK-Info AES-256-CBC.
      pw.writeObject(
          new org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator(
              TestKeys.sec1Info(pair, true),
              new org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder("AES-256-CBC")
                  .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                  .build("pw".toCharArray())));
    }
    String pem = w.toString();
    assertThat(pem).contains("Proc-Type: 4,ENCRYPTED");
    assertThat(
            TestKeys.sameScalar(
                PlaybackKeys.readPrivateKey(pem, "pw".toCharArray()), pair.getPrivate()))
        .isTrue();
    assertThatThrownBy(() -> PlaybackKeys.readPrivateKey(pem, "nope".toCharArray()))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("wrong passphrase");
    assertThatThrownBy(() -> PlaybackKeys.readPrivateKey(pem))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("pass its passphrase");
  }

  @Test
  void readPrivateKey_whenSec1LacksCurveButHasMatchingP384Point_infersP384() throws Exception {
    byte[] sec1 =
        TestKeys.sec1Info(pair, false).parsePrivateKey().toASN1Primitive().getEncoded("DER");
    PrivateKey key = PlaybackKeys.readPrivateKey(TestKeys.pem("EC PRIVATE KEY", sec1));
    assertThat(TestKeys.sameScalar(key, pair.getPrivate())).isTrue();
  }

  @Test
  void readPrivateKey_whenSec1HasNeitherCurveNorPublicKey_rejects() throws Exception {
    byte[] sec1 =
        new org.bouncycastle.asn1.sec.ECPrivateKey(384, ((ECPrivateKey) pair.getPrivate()).getS())
            .getEncoded("DER");
    assertThatThrownBy(() -> PlaybackKeys.readPrivateKey(TestKeys.pem("EC PRIVATE KEY", sec1)))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("without curve parameters")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(privateScalarHex()));
  }

  @Test
  void readPrivateKey_whenPassphraseWrong_rejects() {
    String pem = TestKeys.encryptedPkcs8Pem(pair, "correct horse".toCharArray());
    assertThatThrownBy(() -> PlaybackKeys.readPrivateKey(pem, "battery staple".toCharArray()))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("wrong passphrase");
  }

  @Test
  void readPrivateKey_whenEncryptedAndNoPassphrase_rejects() {
    String pem = TestKeys.encryptedPkcs8Pem(pair, "pw".toCharArray());
    assertThatThrownBy(() -> PlaybackKeys.readPrivateKey(pem))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("encrypted")
        .hasMessageContaining("passphrase");
  }

  @Test
  void readPrivateKey_whenRsa_rejectsNamingIt() {
    KeyPair rsa = TestKeys.rsa();
    assertThatThrownBy(() -> PlaybackKeys.readPrivateKey(TestKeys.pkcs8Pem(rsa)))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("RSA")
        .hasMessageContaining("P-384");
  }

  @Test
  void readPrivateKey_whenP256Sec1_rejectsNamingCurve() {
    KeyPair p256 = TestKeys.ec("secp256r1");
    assertThatThrownBy(() -> PlaybackKeys.readPrivateKey(TestKeys.sec1Pem(p256, false)))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("secp256r1")
        .hasMessageContaining("P-384");
  }

  @Test
  void readPrivateKey_whenP521Pkcs8_rejectsNamingCurve() {
    KeyPair p521 = TestKeys.ec("secp521r1");
    assertThatThrownBy(() -> PlaybackKeys.readPrivateKey(TestKeys.pkcs8Pem(p521)))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("secp521r1");
  }

  @Test
  void readPrivateKey_whenEd25519_rejectsNamingIt() {
    assertThatThrownBy(() -> PlaybackKeys.readPrivateKey(TestKeys.pkcs8Pem(TestKeys.ed25519())))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("Ed25519");
  }

  @Test
  void readPrivateKey_whenGivenPublicKey_rejects() {
    assertThatThrownBy(() -> PlaybackKeys.readPrivateKey(TestKeys.spkiPem(pair)))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("holds a public key");
  }

  @Test
  void readPrivateKey_whenGarbage_rejects() {
    assertThatThrownBy(() -> PlaybackKeys.readPrivateKey("this is not a key"))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("No PEM private key found");
    assertThatThrownBy(() -> PlaybackKeys.readPrivateKey(""))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("No PEM private key found");
  }

  @Test
  void readPrivateKey_whenBodyIsNotBase64Der_rejects() {
    assertThatThrownBy(
            () -> PlaybackKeys.readPrivateKey(TestKeys.pem("PRIVATE KEY", new byte[] {1, 2, 3, 4})))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("malformed or truncated");
  }

  @Test
  void readPrivateKey_whenTruncated_rejectsWithoutKeyMaterial() {
    String pem = TestKeys.pkcs8Pem(pair);
    String truncated = pem.substring(0, pem.length() / 2);
    assertThatThrownBy(() -> PlaybackKeys.readPrivateKey(truncated))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("malformed or truncated")
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain(body(pem).substring(0, 40))
                    .doesNotContain(privateScalarHex()));
  }

  @Test
  void readPrivateKey_whenBodyCutButFooterPresent_rejects() {
    String pem = TestKeys.pkcs8Pem(pair);
    String b = body(pem);
    String cut = TestKeys.pem("PRIVATE KEY", Base64.getDecoder().decode(b.substring(0, 100)));
    assertThatThrownBy(() -> PlaybackKeys.readPrivateKey(cut))
        .isInstanceOf(KeyFormatException.class);
  }

  @Test
  void readPrivateKey_whenTwoKeys_rejects() {
    String two = TestKeys.pkcs8Pem(pair) + TestKeys.pkcs8Pem(TestKeys.otherP384());
    assertThatThrownBy(() -> PlaybackKeys.readPrivateKey(two))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("more than one");
  }

  @Test
  void readPublicKey_readsSpki() {
    ECPublicKey key = PlaybackKeys.readPublicKey(TestKeys.spkiPem(pair));
    assertThat(key.getW()).isEqualTo(((ECPublicKey) pair.getPublic()).getW());
  }

  @Test
  void readPublicKey_whenGivenPrivateKey_rejectsWithoutEchoingIt() {
    String pem = TestKeys.pkcs8Pem(pair);
    assertThatThrownBy(() -> PlaybackKeys.readPublicKey(pem))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("holds a private key")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(body(pem).substring(0, 40)));
  }

  @Test
  void readPublicKey_whenRsa_rejects() {
    assertThatThrownBy(() -> PlaybackKeys.readPublicKey(TestKeys.spkiPem(TestKeys.rsa())))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("RSA");
  }

  @Test
  void readPublicKey_whenP256_rejectsNamingCurve() {
    assertThatThrownBy(() -> PlaybackKeys.readPublicKey(TestKeys.spkiPem(TestKeys.ec("secp256r1"))))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("secp256r1");
  }

  @Test
  void readPublicKey_whenGarbage_rejects() {
    assertThatThrownBy(
            () ->
                PlaybackKeys.readPublicKey(
                    "-----BEGIN PUBLIC KEY-----\nnot base64!\n" + "-----END PUBLIC KEY-----\n"))
        .isInstanceOf(KeyFormatException.class);
    assertThatThrownBy(() -> PlaybackKeys.readPublicKey("hello"))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("No PEM public key found");
  }

  @Test
  void readPublicKey_whenTruncated_rejects() {
    String pem = TestKeys.spkiPem(pair);
    assertThatThrownBy(() -> PlaybackKeys.readPublicKey(pem.substring(0, pem.length() - 30)))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("malformed or truncated");
  }

  @Test
  void readPublicKey_whenPointNotOnCurve_rejects() {
    byte[] der = pair.getPublic().getEncoded();
    der[der.length - 1] ^= 1; // y no longer matches x
    assertThatThrownBy(() -> PlaybackKeys.readPublicKey(TestKeys.pem("PUBLIC KEY", der)))
        .isInstanceOf(KeyFormatException.class);
  }

  @Test
  void publicKeyOf_derivesTheMatchingPublicKey() {
    assertThat(PlaybackKeys.publicKeyOf(pair.getPrivate()).getW())
        .isEqualTo(((ECPublicKey) pair.getPublic()).getW());
  }

  @Test
  void publicKeyOf_whenRsa_rejects() {
    assertThatThrownBy(() -> PlaybackKeys.publicKeyOf(TestKeys.rsa().getPrivate()))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("RSA");
  }

  @Test
  void fingerprint_isMd5OfDerSpkiAsColonHex() throws Exception {
    byte[] der = pair.getPublic().getEncoded();
    assertThat(der).hasSize(120);
    assertThat(HexFormat.of().formatHex(der))
        .startsWith("3076301006072a8648ce3d020106052b8104002203620004");
    byte[] md5 = MessageDigest.getInstance("MD5").digest(der);
    StringBuilder expected = new StringBuilder();
    for (byte b : md5) {
      expected.append(expected.length() == 0 ? "" : ":").append(String.format("%02x", b));
    }
    String fp = PlaybackKeys.fingerprint(pair.getPublic());
    assertThat(fp).isEqualTo(expected.toString()).matches("([0-9a-f]{2}:){15}[0-9a-f]{2}");
  }

  @Test
  void fingerprint_isTheSameForAKeyReadFromPem() {
    ECPublicKey read = PlaybackKeys.readPublicKey(PlaybackKeys.toPublicKeyPem(pair.getPublic()));
    assertThat(PlaybackKeys.fingerprint(read))
        .isEqualTo(PlaybackKeys.fingerprint(pair.getPublic()));
  }

  @Test
  void fingerprint_whenRsa_rejects() {
    assertThatThrownBy(() -> PlaybackKeys.fingerprint(TestKeys.rsa().getPublic()))
        .isInstanceOf(KeyFormatException.class);
  }

  @Test
  void toPublicKeyPem_writesSpkiThatReadsBack() {
    String pem = PlaybackKeys.toPublicKeyPem(pair.getPublic());
    assertThat(pem)
        .startsWith("-----BEGIN PUBLIC KEY-----\n")
        .endsWith("-----END PUBLIC KEY-----\n");
    assertThat(Base64.getDecoder().decode(body(pem))).isEqualTo(pair.getPublic().getEncoded());
  }

  @Test
  void toJwk_writesPublicP384Es384Key() throws Exception {
    ECKey jwk = PlaybackKeys.toJwk((ECPublicKey) pair.getPublic());
    assertThat(jwk.isPrivate()).isFalse();
    assertThat(jwk.getCurve().getName()).isEqualTo("P-384");
    assertThat(jwk.getAlgorithm().getName()).isEqualTo("ES384");
    assertThat(jwk.getKeyID()).isEqualTo(PlaybackKeys.fingerprint(pair.getPublic()));
    assertThat(jwk.toECPublicKey().getW()).isEqualTo(((ECPublicKey) pair.getPublic()).getW());
    assertThat(jwk.toJSONString()).doesNotContain("\"d\"");
  }

  @Test
  void toJwkSet_keepsOrder() {
    JWKSet set =
        PlaybackKeys.toJwkSet(
            List.of(
                (ECPublicKey) pair.getPublic(), (ECPublicKey) TestKeys.otherP384().getPublic()));
    assertThat(set.getKeys()).hasSize(2);
    assertThat(set.getKeys().get(0).getKeyID())
        .isEqualTo(PlaybackKeys.fingerprint(pair.getPublic()));
  }

  @Test
  void readPrivateKey_whenPemTextLargerThanLimit_rejectsNamingSizeAndLimit() {
    String pem = TestKeys.pkcs8Pem(pair) + "#".repeat(PlaybackKeys.MAX_PEM_LENGTH);
    assertThatThrownBy(() -> PlaybackKeys.readPrivateKey(pem))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContainingAll(pem.length() + " characters", "limit is MAX_PEM_LENGTH 65536");
  }

  @Test
  void readPublicKey_whenPemTextLargerThanLimit_rejectsNamingSizeAndLimit() {
    String pem = "x".repeat(PlaybackKeys.MAX_PEM_LENGTH + 1);
    assertThatThrownBy(() -> PlaybackKeys.readPublicKey(pem))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContainingAll("65537 characters", "65536");
  }

  @Test
  void readPublicKey_whenExplicitCurveParametersMalformed_rejectsWithKeyFormatException()
      throws Exception {
    // SPKI whose algorithm parameters are a SEQUENCE that is not X9.62 ECParameters.
    org.bouncycastle.asn1.x509.SubjectPublicKeyInfo real =
        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
    org.bouncycastle.asn1.x509.AlgorithmIdentifier bad =
        new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
            org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_ecPublicKey,
            new org.bouncycastle.asn1.DERSequence(new org.bouncycastle.asn1.ASN1Integer(7)));
    byte[] der =
        new org.bouncycastle.asn1.x509.SubjectPublicKeyInfo(bad, real.getPublicKeyData().getBytes())
            .getEncoded();
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(der)
            + "\n-----END PUBLIC KEY-----\n";
    assertThatThrownBy(() -> PlaybackKeys.readPublicKey(pem))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("malformed explicit curve parameters");
  }

  @Test
  void readPrivateKey_whenKdfCostTooHigh_saysSoInsteadOfWrongPassphrase() throws Exception {
    byte[] salt = new byte[16];
    org.bouncycastle.asn1.pkcs.PBKDF2Params kdf =
        new org.bouncycastle.asn1.pkcs.PBKDF2Params(
            salt,
            2_000_000_000,
            32,
            new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_hmacWithSHA256,
                org.bouncycastle.asn1.DERNull.INSTANCE));
    org.bouncycastle.asn1.pkcs.PBES2Parameters pbes2 =
        new org.bouncycastle.asn1.pkcs.PBES2Parameters(
            new org.bouncycastle.asn1.pkcs.KeyDerivationFunc(
                org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_PBKDF2, kdf),
            new org.bouncycastle.asn1.pkcs.EncryptionScheme(
                org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_aes256_CBC,
                new org.bouncycastle.asn1.DEROctetString(new byte[16])));
    byte[] der =
        new org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo(
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                    org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_PBES2, pbes2),
                new byte[208])
            .getEncoded();
    String pem =
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(der)
            + "\n-----END ENCRYPTED PRIVATE KEY-----\n";
    assertThatThrownBy(() -> PlaybackKeys.readPrivateKey(pem, "passphrase".toCharArray()))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("encryption parameters (KDF cost) exceed what is accepted")
        .hasMessageNotContaining("wrong passphrase");
  }
}
