package dev.ivsplayback.keys;

import dev.ivsplayback.token.InvalidConfigurationException;
import dev.ivsplayback.token.KeyFormatException;
import dev.ivsplayback.token.PlaybackKeys;
import dev.ivsplayback.token.internal.BouncyCastle;
import java.io.IOException;
import java.io.StringWriter;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.Objects;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.util.ScryptConfig;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfoBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * PEM encodings of playback keys, written with bcpkix and read back with token-core's {@link
 * PlaybackKeys}:
 *
 * <ul>
 *   <li>public: {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo), the form {@code
 *       ImportPlaybackKeyPair} takes;
 *   <li>private: {@code PRIVATE KEY} (PKCS#8, unencrypted);
 *   <li>private, encrypted: {@code ENCRYPTED PRIVATE KEY} (PKCS#8 EncryptedPrivateKeyInfo, PBES2
 *       with the scrypt KDF and AES-256-CBC; OpenSSL 1.1+ reads it with {@code openssl pkcs8 -in
 *       key.pem}).
 * </ul>
 *
 * <p>Only EC keys on P-384 are accepted. Java strings cannot be wiped, so prefer the encrypted form
 * for anything that leaves the process. Stateless and thread-safe.
 */
public final class PlaybackKeyPem {
  private static final SecureRandom SALT_RANDOM = new SecureRandom();

  private PlaybackKeyPem() {}

  /**
   * The SPKI {@code PUBLIC KEY} PEM of a P-384 public key, as sent to {@code
   * ImportPlaybackKeyPair}.
   *
   * @param publicKey an EC P-384 public key
   * @return the PEM text
   * @throws KeyFormatException if the key is not EC P-384
   */
  public static String publicKeyPem(PublicKey publicKey) {
    PlaybackKeys.requireP384(publicKey);
    return PlaybackKeys.toPublicKeyPem(publicKey);
  }

  /**
   * The unencrypted PKCS#8 {@code PRIVATE KEY} PEM of a P-384 private key.
   *
   * @param privateKey an EC P-384 private key
   * @return the PEM text (secret: never log it)
   * @throws KeyFormatException if the key is not EC P-384
   */
  public static String privateKeyPem(PrivateKey privateKey) {
    PlaybackKeys.requireP384(privateKey);
    return pem("PRIVATE KEY", privateKey.getEncoded());
  }

  /**
   * The encrypted PKCS#8 {@code ENCRYPTED PRIVATE KEY} PEM of a P-384 private key, with the strong
   * default scrypt cost ({@link KeyEncryptionParameters#strong()}).
   *
   * @param privateKey an EC P-384 private key
   * @param passphrase the passphrase; not retained
   * @return the PEM text
   */
  public static String encryptedPrivateKeyPem(PrivateKey privateKey, char[] passphrase) {
    return encryptedPrivateKeyPem(privateKey, passphrase, KeyEncryptionParameters.strong());
  }

  /**
   * The encrypted PKCS#8 {@code ENCRYPTED PRIVATE KEY} PEM of a P-384 private key: PBES2, scrypt
   * with the given cost, AES-256-CBC, random salt and IV.
   *
   * @param privateKey an EC P-384 private key
   * @param passphrase the passphrase, at least one character; not retained
   * @param parameters the scrypt cost
   * @return the PEM text
   * @throws KeyFormatException if the key is not EC P-384
   * @throws InvalidConfigurationException if the passphrase is empty
   */
  public static String encryptedPrivateKeyPem(
      PrivateKey privateKey, char[] passphrase, KeyEncryptionParameters parameters) {
    PlaybackKeys.requireP384(privateKey);
    Objects.requireNonNull(parameters, "parameters");
    if (passphrase == null || passphrase.length == 0) {
      throw new InvalidConfigurationException("passphrase", "must not be empty");
    }
    try {
      ScryptConfig scrypt =
          new ScryptConfig.Builder(
                  parameters.cost(), parameters.blockSize(), parameters.parallelism())
              .withSaltLength(parameters.saltLength())
              .build();
      OutputEncryptor encryptor =
          new JcePKCSPBEOutputEncryptorBuilder(scrypt, NISTObjectIdentifiers.id_aes256_CBC)
              .setProvider(BouncyCastle.PROVIDER)
              .setRandom(SALT_RANDOM)
              .build(passphrase);
      byte[] der =
          new PKCS8EncryptedPrivateKeyInfoBuilder(
                  PrivateKeyInfo.getInstance(privateKey.getEncoded()))
              .build(encryptor)
              .getEncoded();
      return pem("ENCRYPTED PRIVATE KEY", der);
    } catch (OperatorCreationException | IOException | RuntimeException e) {
      if (e instanceof PlaybackKeyException) {
        throw (PlaybackKeyException) e;
      }
      throw new PlaybackKeyException(
          PlaybackKeyException.Reason.CRYPTO_UNAVAILABLE,
          "cannot encrypt private key (PBES2/scrypt/AES-256-CBC): " + e.getClass().getSimpleName(),
          e);
    }
  }

  /**
   * Reads an unencrypted private key (PKCS#8 or SEC1) through token-core.
   *
   * @param pem the PEM text
   * @return the key
   * @throws KeyFormatException if the text is not an EC P-384 private key
   */
  public static PrivateKey readPrivateKey(String pem) {
    return PlaybackKeys.readPrivateKey(pem);
  }

  /**
   * Reads a private key in any form token-core reads, including the encrypted PKCS#8 this class
   * writes.
   *
   * @param pem the PEM text
   * @param passphrase the passphrase
   * @return the key
   * @throws KeyFormatException if the passphrase is wrong or the text is not an EC P-384 private
   *     key
   */
  public static PrivateKey readPrivateKey(String pem, char[] passphrase) {
    return PlaybackKeys.readPrivateKey(pem, passphrase);
  }

  /**
   * Reads a SPKI {@code PUBLIC KEY} through token-core.
   *
   * @param pem the PEM text
   * @return the key
   * @throws KeyFormatException if the text is not an EC P-384 public key
   */
  public static ECPublicKey readPublicKey(String pem) {
    return PlaybackKeys.readPublicKey(pem);
  }

  private static String pem(String type, byte[] der) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(new PemObject(type, der));
    } catch (IOException e) {
      throw new PlaybackKeyException(
          PlaybackKeyException.Reason.CRYPTO_UNAVAILABLE, "cannot write " + type + " PEM", e);
    } finally {
      java.util.Arrays.fill(der, (byte) 0);
    }
    return out.toString();
  }
}
