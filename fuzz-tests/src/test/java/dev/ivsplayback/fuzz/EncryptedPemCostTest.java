package dev.ivsplayback.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ivsplayback.token.KeyFormatException;
import dev.ivsplayback.token.PlaybackKeys;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.misc.MiscObjectIdentifiers;
import org.bouncycastle.asn1.misc.ScryptParams;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.Test;

/**
 * An encrypted PKCS#8 key names its own key-derivation cost. A file with an absurd cost (PBKDF2
 * with two billion iterations, scrypt needing 128 GiB) must be refused with a KeyFormatException
 * within a bound, not hang the reader or exhaust its memory.
 */
class EncryptedPemCostTest {
  private static final Duration BOUND = Duration.ofSeconds(10);

  @Test
  void readPrivateKey_whenPbkdf2IterationCountIsAbsurd_rejectsQuickly() {
    PBKDF2Params kdf =
        new PBKDF2Params(
            salt(),
            2_000_000_000,
            32,
            new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE));
    String pem = encryptedPem(new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, kdf));
    assertRejectedQuickly(pem);
  }

  @Test
  void readPrivateKey_whenScryptMemoryIsAbsurd_rejectsQuickly() {
    ScryptParams kdf =
        new ScryptParams(salt(), 1 << 24, 64, 1, 32); // 128 * 2^24 * 64 bytes = 128 GiB
    String pem = encryptedPem(new KeyDerivationFunc(MiscObjectIdentifiers.id_scrypt, kdf));
    assertRejectedQuickly(pem);
  }

  private static void assertRejectedQuickly(String pem) {
    Throwable thrown =
        assertTimeoutPreemptively(
            BOUND,
            () -> {
              try {
                PlaybackKeys.readPrivateKey(pem, "passphrase".toCharArray());
                return null;
              } catch (Throwable t) {
                return t;
              }
            });
    // bcpkix 1.87 caps PBKDF2 at 10^7 iterations and scrypt at 1 GiB before deriving anything; the
    // message must
    // say so rather than blame the passphrase
    assertThat(thrown).isInstanceOf(KeyFormatException.class);
    assertThat(thrown.getMessage())
        .contains("could not be decrypted")
        .contains("KDF cost")
        .doesNotContain("wrong passphrase");
  }

  private static String encryptedPem(KeyDerivationFunc kdf) {
    try {
      byte[] iv = new byte[16];
      new SecureRandom().nextBytes(iv);
      ASN1Encodable pbes2 =
          new PBES2Parameters(
              kdf,
              new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(iv)));
      byte[] data = new byte[208];
      new SecureRandom().nextBytes(data);
      byte[] der =
          new EncryptedPrivateKeyInfo(
                  new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, pbes2), data)
              .getEncoded();
      return "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
          + Base64.getMimeEncoder().encodeToString(der)
          + "\n-----END ENCRYPTED PRIVATE KEY-----\n";
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static byte[] salt() {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return salt;
  }
}
