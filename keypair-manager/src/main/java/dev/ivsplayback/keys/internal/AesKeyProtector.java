package dev.ivsplayback.keys.internal;

import dev.ivsplayback.keys.CorruptKeyStoreException;
import dev.ivsplayback.keys.PlaybackKeyException.Reason;
import dev.ivsplayback.keys.PlaybackKeyStoreException;
import dev.ivsplayback.token.InvalidConfigurationException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * PKCS#8 DER sealed with AES-256-GCM under a caller-given key (for example one unwrapped from a KMS
 * at start-up). A fresh 96-bit IV per encryption; the record's key id and fingerprint are
 * authenticated as associated data (format 1 stores: the key id only), so ciphertexts cannot be
 * swapped between records. The store's keys come from HKDF-SHA256 over the AES key with the store's
 * salt and a label, so the file MAC never uses the encryption key itself.
 */
public final class AesKeyProtector implements PrivateKeyProtector {
  /** Scheme name stored next to the ciphertext. */
  public static final String SCHEME = "pkcs8-aes256gcm";

  private static final SecureRandom IV_RANDOM = new SecureRandom();
  private final byte[] keyBytes;
  private StoreKeys derived; // guarded by this

  /**
   * Creates the protector.
   *
   * @param key a 256-bit AES key (its encoding is copied)
   */
  public AesKeyProtector(SecretKey key) {
    requireAes256(key);
    this.keyBytes = key.getEncoded();
  }

  /**
   * Checks that a key can protect a store, without keeping any of it.
   *
   * @param key the key
   * @throws InvalidConfigurationException ({@code encryptionKey}) unless it is a 256-bit AES key
   */
  public static void requireAes256(SecretKey key) {
    byte[] encoded = key == null ? null : key.getEncoded();
    if (encoded != null) {
      Arrays.fill(encoded, (byte) 0); // only its length is needed
    }
    if (key == null
        || !"AES".equalsIgnoreCase(key.getAlgorithm())
        || encoded == null
        || encoded.length != 32) {
      throw new InvalidConfigurationException(
          "encryptionKey",
          "must be a 256-bit AES key (32 bytes, algorithm"
              + " AES), was "
              + (key == null
                  ? "null"
                  : key.getAlgorithm()
                      + " with "
                      + (encoded == null ? "no" : String.valueOf(encoded.length * 8))
                      + " bits"));
    }
  }

  @Override
  public StoreKdf newStoreKdf() {
    return StoreKdf.newHkdf();
  }

  @Override
  public synchronized StoreKeys storeKeys(StoreKdf kdf, String where) {
    if (!StoreKdf.HKDF.equals(kdf.kind())) {
      throw new PlaybackKeyStoreException(
          dev.ivsplayback.keys.PlaybackKeyException.Reason.DECRYPTION_FAILED,
          where
              + ": this key store is protected by a passphrase (key derivation "
              + kdf.kind()
              + ", private keys "
              + PassphraseProtector.SCHEME
              + ") but was opened with an AES key");
    }
    if (derived != null && derived.kdf().equals(kdf)) {
      return derived;
    }
    if (derived != null) {
      derived.destroy();
    }
    derived = StoreKeys.fromPseudoRandomKey(kdf, StoreKeys.extract(kdf.saltBytes(), keyBytes));
    return derived;
  }

  @Override
  public void requireCheck(StoreKeys keys, String check, String where) {
    if (!keys.checkMatches(check)) {
      throw new PlaybackKeyStoreException(
          dev.ivsplayback.keys.PlaybackKeyException.Reason.DECRYPTION_FAILED,
          where
              + ": wrong encryption key: it does not derive this key store's check value"
              + " (HKDF-SHA256 with the store's salt); or the store header was altered");
    }
  }

  @Override
  public Map<String, Object> protect(
      StoreKeys keys, String keyId, String fingerprint, PrivateKey key) {
    byte[] der = key.getEncoded();
    try {
      byte[] iv = new byte[12];
      IV_RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE, new SecretKeySpec(keyBytes, "AES"), new GCMParameterSpec(128, iv));
      cipher.updateAAD(aad(keyId, fingerprint));
      byte[] sealed = cipher.doFinal(der);
      Map<String, Object> form = new LinkedHashMap<>();
      form.put("scheme", SCHEME);
      form.put("iv", Base64.getEncoder().encodeToString(iv));
      form.put("ciphertext", Base64.getEncoder().encodeToString(sealed));
      return form;
    } catch (GeneralSecurityException e) {
      throw new dev.ivsplayback.keys.PlaybackKeyStoreException(
          "cannot encrypt private key of key " + keyId + " with AES-256-GCM", e);
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  @Override
  public PrivateKey unprotect(
      StoreKeys keys, String keyId, String fingerprint, Map<String, Object> form, String where) {
    if (!SCHEME.equals(form.get("scheme"))) {
      throw new PlaybackKeyStoreException(
          Reason.DECRYPTION_FAILED,
          where
              + ": private key of key "
              + keyId
              + " is stored with scheme '"
              + form.get("scheme")
              + "' but this store was opened with an AES key (scheme "
              + SCHEME
              + ")");
    }
    byte[] der = null;
    try {
      byte[] iv = Base64.getDecoder().decode((String) form.get("iv"));
      byte[] sealed = Base64.getDecoder().decode((String) form.get("ciphertext"));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, new SecretKeySpec(keyBytes, "AES"), new GCMParameterSpec(128, iv));
      cipher.updateAAD(keys == null ? legacyAad(keyId) : aad(keyId, fingerprint));
      der = cipher.doFinal(sealed);
      return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      if (keys != null) {
        // The file MAC, keyed from this same AES key, verified: the key is right, so the
        // ciphertext belongs to another record (or was sealed wrongly).
        throw new CorruptKeyStoreException(
            where
                + ": the private key stored in record "
                + keyId
                + " does not open with that record's binding (key id "
                + keyId
                + ", fingerprint "
                + fingerprint
                + ", AES-256-GCM associated data): it was moved from another record or altered;"
                + " refusing to load the store",
            e);
      }
      throw new PlaybackKeyStoreException(
          dev.ivsplayback.keys.PlaybackKeyException.Reason.DECRYPTION_FAILED,
          where
              + ": cannot decrypt the private key of key "
              + keyId
              + " (AES-256-GCM): wrong encryption key, or the ciphertext is damaged",
          e);
    } finally {
      if (der != null) {
        Arrays.fill(der, (byte) 0);
      }
    }
  }

  @Override
  public synchronized void destroy() {
    Arrays.fill(keyBytes, (byte) 0);
    if (derived != null) {
      derived.destroy();
      derived = null;
    }
  }

  private static byte[] aad(String keyId, String fingerprint) {
    return ("ivs-playback-key v2\0" + keyId + "\0" + fingerprint).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] legacyAad(String keyId) {
    return ("ivs-playback-key:" + keyId).getBytes(StandardCharsets.UTF_8);
  }
}
