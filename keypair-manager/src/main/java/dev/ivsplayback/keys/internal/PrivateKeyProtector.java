package dev.ivsplayback.keys.internal;

import java.security.PrivateKey;
import java.util.Map;

/**
 * Encrypts private keys for storage at rest and decrypts them again. Implementations are
 * thread-safe.
 */
public interface PrivateKeyProtector {

  /**
   * Encrypts a private key.
   *
   * @param keyId the key's id (bound to the ciphertext where the scheme allows)
   * @param key the private key
   * @return a JSON-ready map with a {@code scheme} entry
   */
  Map<String, Object> protect(String keyId, PrivateKey key);

  /**
   * Decrypts a private key.
   *
   * @param keyId the key's id
   * @param form the map {@link #protect} returned
   * @param where the store location, for messages
   * @return the private key
   * @throws dev.ivsplayback.keys.PlaybackKeyStoreException {@code DECRYPTION_FAILED} on a wrong
   *     passphrase/key or damaged data
   */
  PrivateKey unprotect(String keyId, Map<String, Object> form, String where);

  /**
   * Forgets secret material held by this protector (best effort: overwrites the passphrase copy).
   */
  void destroy();
}
