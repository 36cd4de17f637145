package dev.ivsplayback.keys.internal;

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
 * at start-up). A fresh 96-bit IV per encryption; the key id is authenticated as associated data,
 * so ciphertexts cannot be swapped between records.
 */
public final class AesKeyProtector implements PrivateKeyProtector {
  /** Scheme name stored next to the ciphertext. */
  public static final String SCHEME = "pkcs8-aes256gcm";

  private static final SecureRandom IV_RANDOM = new SecureRandom();
  private final byte[] keyBytes;

  /**
   * Creates the protector.
   *
   * @param key a 256-bit AES key (its encoding is copied)
   */
  public AesKeyProtector(SecretKey key) {
    byte[] encoded = key == null ? null : key.getEncoded();
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
    this.keyBytes = encoded;
  }

  @Override
  public Map<String, Object> protect(String keyId, PrivateKey key) {
    byte[] der = key.getEncoded();
    try {
      byte[] iv = new byte[12];
      IV_RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE, new SecretKeySpec(keyBytes, "AES"), new GCMParameterSpec(128, iv));
      cipher.updateAAD(aad(keyId));
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
  public PrivateKey unprotect(String keyId, Map<String, Object> form, String where) {
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
      cipher.updateAAD(aad(keyId));
      der = cipher.doFinal(sealed);
      return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new PlaybackKeyStoreException(
          Reason.DECRYPTION_FAILED,
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
  public void destroy() {
    Arrays.fill(keyBytes, (byte) 0);
  }

  private static byte[] aad(String keyId) {
    return ("ivs-playback-key:" + keyId).getBytes(StandardCharsets.UTF_8);
  }
}
