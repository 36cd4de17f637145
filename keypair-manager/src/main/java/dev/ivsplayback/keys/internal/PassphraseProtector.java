package dev.ivsplayback.keys.internal;

import dev.ivsplayback.keys.KeyEncryptionParameters;
import dev.ivsplayback.keys.PlaybackKeyException.Reason;
import dev.ivsplayback.keys.PlaybackKeyPem;
import dev.ivsplayback.keys.PlaybackKeyStoreException;
import dev.ivsplayback.token.KeyFormatException;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encrypted PKCS#8 (PBES2, scrypt, AES-256-CBC) under a passphrase; read back through token-core.
 */
public final class PassphraseProtector implements PrivateKeyProtector {
  /** Scheme name stored next to the ciphertext. */
  public static final String SCHEME = "pkcs8-pbes2-scrypt-aes256cbc";

  private final char[] passphrase;
  private final KeyEncryptionParameters parameters;

  /**
   * Creates the protector.
   *
   * @param passphrase the passphrase (copied)
   * @param parameters the scrypt cost for new encryptions
   */
  public PassphraseProtector(char[] passphrase, KeyEncryptionParameters parameters) {
    this.passphrase = passphrase.clone();
    this.parameters = parameters;
  }

  @Override
  public Map<String, Object> protect(String keyId, PrivateKey key) {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("scheme", SCHEME);
    form.put("pem", PlaybackKeyPem.encryptedPrivateKeyPem(key, passphrase, parameters));
    return form;
  }

  @Override
  public PrivateKey unprotect(String keyId, Map<String, Object> form, String where) {
    if (!SCHEME.equals(form.get("scheme"))) {
      throw new PlaybackKeyStoreException(
          Reason.DECRYPTION_FAILED,
          where
              + ": private key of key "
              + keyId
              + " is stored with scheme '"
              + form.get("scheme")
              + "' but this store was opened with a passphrase (scheme "
              + SCHEME
              + ")");
    }
    Object pem = form.get("pem");
    if (!(pem instanceof String text)) {
      throw new PlaybackKeyStoreException(
          Reason.DECRYPTION_FAILED,
          where + ": private key of key " + keyId + " has no 'pem' entry");
    }
    try {
      return PlaybackKeyPem.readPrivateKey(text, passphrase);
    } catch (KeyFormatException e) {
      throw new PlaybackKeyStoreException(
          Reason.DECRYPTION_FAILED,
          where
              + ": cannot decrypt the private key of key "
              + keyId
              + " (encrypted PKCS#8, PBES2/scrypt/AES-256-CBC): wrong passphrase, or the encrypted key is damaged",
          e);
    }
  }

  @Override
  public void destroy() {
    Arrays.fill(passphrase, '\0');
  }
}
