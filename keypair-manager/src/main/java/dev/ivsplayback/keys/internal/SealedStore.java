package dev.ivsplayback.keys.internal;

import dev.ivsplayback.keys.CorruptKeyStoreException;
import dev.ivsplayback.keys.KeyMaterialAccess;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.PlaybackKeyStoreException;
import dev.ivsplayback.keys.PlaybackKeyStoreSnapshot;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authenticated store format (format 2) as one store instance reads and writes it, wherever the
 * bytes live (a file, a database row): {@link StoreCodec} (header, MAC, records) under the
 * instance's {@link PrivateKeyProtector}, with a cache of decrypted private keys so the slow
 * per-key decryption runs once per key and an unchanged key is not re-encrypted on every write.
 *
 * <p>Thread-safe.
 */
public final class SealedStore {
  private final PrivateKeyProtector protector;
  private final KeyMaterialAccess access;
  private final Map<String, CachedKey> cache = new ConcurrentHashMap<>();
  private volatile StoreKeys verifiedKeys;

  // keys: the store keys the form is bound to; null for a format-1 form (never reused).
  private record CachedKey(
      StoreKeys keys, String fingerprint, Map<String, Object> form, PrivateKey key) {}

  /**
   * Authenticated contents.
   *
   * @param contents the decoded contents
   * @param keys the store keys that authenticated them
   */
  public record Opened(StoreCodec.Contents contents, StoreKeys keys) {}

  /**
   * Creates the format handler.
   *
   * @param protector the store's secret (destroyed by {@link #destroy()})
   * @param access the owning store's capability to read private keys
   */
  public SealedStore(PrivateKeyProtector protector, KeyMaterialAccess access) {
    this.protector = protector;
    this.access = access;
  }

  /**
   * Checks and decodes authenticated bytes. Nothing is returned unless every check passes: the
   * derivation parameters are the pinned ones (checked before deriving anything, so a forged header
   * cannot make this process run scrypt), the secret's check value, the MAC, every record.
   *
   * @param sealed the opened envelope
   * @param pinned the derivation parameters this store is known to use, if any
   * @param where the store, for messages
   * @return the contents and the keys that authenticated them
   * @throws CorruptKeyStoreException if the bytes are altered or another store's
   * @throws PlaybackKeyStoreException {@code DECRYPTION_FAILED} if the secret is not the store's
   */
  public Opened open(StoreCodec.Sealed sealed, Optional<StoreKdf> pinned, String where) {
    if (pinned.isPresent() && !pinned.get().equals(sealed.kdf())) {
      throw new CorruptKeyStoreException(
          where
              + ": key derivation parameters (salt) differ from those of the store this process"
              + " has been using here: the data was replaced by another store's;"
              + " refusing to load it");
    }
    StoreKeys keys = protector.storeKeys(sealed.kdf(), where);
    if (keys == verifiedKeys && !keys.checkMatches(sealed.check())) {
      // This secret has already opened this store: the check value itself was altered.
      throw new CorruptKeyStoreException(
          where
              + ": the header's check value was altered (this store's secret opened it before);"
              + " refusing to load it");
    }
    protector.requireCheck(keys, sealed.check(), where);
    StoreCodec.verify(sealed, keys, where);
    verifiedKeys = keys;
    return new Opened(
        StoreCodec.decode(
            sealed.body(),
            where,
            true,
            (keyId, fingerprint, form) -> unprotect(keys, keyId, fingerprint, form, where)),
        keys);
  }

  /**
   * Decodes a format-1 body (no MAC; read once, for migration).
   *
   * @param body the body
   * @param where the store, for messages
   * @return the contents
   */
  public StoreCodec.Contents openLegacy(byte[] body, String where) {
    return StoreCodec.decode(
        body,
        where,
        false,
        (keyId, fingerprint, form) -> unprotect(null, keyId, fingerprint, form, where));
  }

  /**
   * Fresh store keys (a new random salt), for a store written for the first time.
   *
   * @param where the store, for messages
   * @return the keys
   */
  public StoreKeys newStoreKeys(String where) {
    return protector.storeKeys(protector.newStoreKdf(), where);
  }

  /**
   * Encodes a snapshot, after checking every record's key pair.
   *
   * @param snapshot the snapshot
   * @param writes this write's number
   * @param keys the store's keys
   * @param storeId the store id to bind into the authenticated body, or null for none
   * @param where the store, for messages
   * @return the bytes
   * @throws PlaybackKeyStoreException if a record is inconsistent (nothing encoded)
   */
  public byte[] seal(
      PlaybackKeyStoreSnapshot snapshot,
      long writes,
      StoreKeys keys,
      String storeId,
      String where) {
    for (PlaybackKeyRecord r : snapshot.keys()) {
      Optional<String> problem =
          StoreCodec.keyPairProblem(
              r.keyId(), r.fingerprint(), r.publicKey(), r.privateKey(access).orElse(null));
      if (problem.isPresent()) {
        throw new PlaybackKeyStoreException(
            "refusing to write key store " + where + ": " + problem.get() + " (store unchanged)");
      }
    }
    byte[] bytes =
        StoreCodec.encode(snapshot, writes, keys, record -> protect(keys, record), storeId);
    cache.keySet().retainAll(snapshot.keys().stream().map(PlaybackKeyRecord::keyId).toList());
    return bytes;
  }

  /** Overwrites the secret and the keys derived from it, forgets cached private keys. */
  public void destroy() {
    protector.destroy();
    cache.clear();
  }

  private PrivateKey unprotect(
      StoreKeys keys, String keyId, String fingerprint, Map<String, Object> form, String where) {
    CachedKey cached = cache.get(keyId);
    if (cached != null
        && cached.keys() == keys
        && cached.fingerprint().equals(fingerprint)
        && cached.form().equals(form)) {
      return cached.key();
    }
    PrivateKey key = protector.unprotect(keys, keyId, fingerprint, form, where);
    cache.put(keyId, new CachedKey(keys, fingerprint, Map.copyOf(form), key));
    return key;
  }

  private Map<String, Object> protect(StoreKeys keys, PlaybackKeyRecord record) {
    PrivateKey key = record.privateKey(access).orElseThrow();
    CachedKey cached = cache.get(record.keyId());
    if (cached != null
        && cached.keys() == keys
        && cached.fingerprint().equals(record.fingerprint())
        && MessageDigest.isEqual(cached.key().getEncoded(), key.getEncoded())) {
      return cached.form();
    }
    Map<String, Object> form = protector.protect(keys, record.keyId(), record.fingerprint(), key);
    cache.put(record.keyId(), new CachedKey(keys, record.fingerprint(), Map.copyOf(form), key));
    return form;
  }
}
