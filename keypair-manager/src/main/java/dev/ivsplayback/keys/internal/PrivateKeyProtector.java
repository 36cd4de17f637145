package dev.ivsplayback.keys.internal;

import java.security.PrivateKey;
import java.util.Map;

/**
 * Holds a store's secret (a passphrase or an AES key): derives the store's keys from it, and
 * encrypts private keys for storage at rest, bound to their record's key id and fingerprint.
 * Implementations are thread-safe.
 */
public interface PrivateKeyProtector {

  /**
   * Fresh derivation parameters (with a new random salt) for a store written for the first time.
   *
   * @return the parameters
   */
  StoreKdf newStoreKdf();

  /**
   * The store's keys for these parameters: derived on first use (deliberately slow for a
   * passphrase), then kept in memory until {@link #destroy()}.
   *
   * @param kdf the parameters from the store header
   * @param where the store file, for messages
   * @return the keys
   * @throws dev.ivsplayback.keys.PlaybackKeyStoreException {@code DECRYPTION_FAILED} if the
   *     parameters are for the other kind of secret (a passphrase store opened with an AES key, or
   *     the reverse)
   */
  StoreKeys storeKeys(StoreKdf kdf, String where);

  /**
   * Checks the header's check value against this secret's.
   *
   * @param keys this secret's keys for the header's parameters
   * @param check the header's check value
   * @param where the store file, for messages
   * @throws dev.ivsplayback.keys.PlaybackKeyStoreException {@code DECRYPTION_FAILED} if they
   *     differ: a wrong passphrase or key (or an altered header, which the file MAC would refuse
   *     anyway)
   */
  void requireCheck(StoreKeys keys, String check, String where);

  /**
   * Encrypts a private key, bound to its record.
   *
   * @param keys the store's keys
   * @param keyId the record's key id
   * @param fingerprint the record's fingerprint
   * @param key the private key
   * @return a JSON-ready map with a {@code scheme} entry
   */
  Map<String, Object> protect(StoreKeys keys, String keyId, String fingerprint, PrivateKey key);

  /**
   * Decrypts a private key and checks its binding to the record.
   *
   * @param keys the store's keys; null for a format-1 store, whose keys carry no binding to the
   *     fingerprint (read once, for migration)
   * @param keyId the record's key id
   * @param fingerprint the record's fingerprint
   * @param form the map {@link #protect} returned
   * @param where the store file, for messages
   * @return the private key
   * @throws dev.ivsplayback.keys.CorruptKeyStoreException if the key is not bound to this record
   * @throws dev.ivsplayback.keys.PlaybackKeyStoreException {@code DECRYPTION_FAILED} on a wrong
   *     passphrase/key or damaged data
   */
  PrivateKey unprotect(
      StoreKeys keys, String keyId, String fingerprint, Map<String, Object> form, String where);

  /**
   * Forgets secret material held by this protector (best effort: overwrites the copies of the
   * passphrase or key and the derived store keys).
   */
  void destroy();
}
