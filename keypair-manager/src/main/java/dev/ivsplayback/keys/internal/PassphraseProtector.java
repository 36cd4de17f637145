package dev.ivsplayback.keys.internal;

import dev.ivsplayback.keys.CorruptKeyStoreException;
import dev.ivsplayback.keys.KeyEncryptionParameters;
import dev.ivsplayback.keys.PlaybackKeyException.Reason;
import dev.ivsplayback.keys.PlaybackKeyPem;
import dev.ivsplayback.keys.PlaybackKeyStoreException;
import dev.ivsplayback.token.KeyFormatException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Encrypted PKCS#8 (PBES2, scrypt, AES-256-CBC) under a passphrase, read back through token-core.
 * PKCS#8 has no associated data, so each encrypted key carries a {@code binding} tag (HMAC-SHA256
 * under a key derived from the passphrase and the store's salt) over the record's key id,
 * fingerprint and the encrypted key. The store's keys come from scrypt over the passphrase with the
 * store's salt, derived once per store and kept until {@link #destroy()}.
 */
public final class PassphraseProtector implements PrivateKeyProtector {
  /** Scheme name stored next to the ciphertext. */
  public static final String SCHEME = "pkcs8-pbes2-scrypt-aes256cbc";

  private final char[] passphrase;
  private final KeyEncryptionParameters parameters;
  private StoreKeys derived; // guarded by this

  /**
   * Creates the protector.
   *
   * @param passphrase the passphrase (copied)
   * @param parameters the scrypt cost for new encryptions and new stores
   */
  public PassphraseProtector(char[] passphrase, KeyEncryptionParameters parameters) {
    this.passphrase = passphrase.clone();
    this.parameters = parameters;
  }

  @Override
  public StoreKdf newStoreKdf() {
    return StoreKdf.newScrypt(parameters);
  }

  @Override
  public synchronized StoreKeys storeKeys(StoreKdf kdf, String where) {
    if (!StoreKdf.SCRYPT.equals(kdf.kind())) {
      throw new PlaybackKeyStoreException(
          dev.ivsplayback.keys.PlaybackKeyException.Reason.DECRYPTION_FAILED,
          where
              + ": this key store is protected by an AES key (key derivation "
              + kdf.kind()
              + ", private keys "
              + AesKeyProtector.SCHEME
              + ") but was opened with a passphrase");
    }
    if (derived != null && derived.kdf().equals(kdf)) {
      return derived;
    }
    KeyEncryptionParameters cost = kdf.scrypt();
    requireAffordable(cost, where);
    byte[] password = utf8(passphrase);
    try {
      byte[] prk =
          SCrypt.generate(
              password, kdf.saltBytes(), cost.cost(), cost.blockSize(), cost.parallelism(), 32);
      if (derived != null) {
        derived.destroy();
      }
      derived = StoreKeys.fromPseudoRandomKey(kdf, prk);
      return derived;
    } finally {
      Arrays.fill(password, (byte) 0);
    }
  }

  // scrypt needs 128·r·N bytes and time ~ N·r·p: a header may not ask for more than the configured
  // cost or the strong default, whichever is larger (a forged header must not exhaust the heap).
  private void requireAffordable(KeyEncryptionParameters cost, String where) {
    KeyEncryptionParameters strong = KeyEncryptionParameters.strong();
    long memory = (long) cost.cost() * cost.blockSize();
    long maxMemory =
        Math.max(
            (long) strong.cost() * strong.blockSize(),
            (long) parameters.cost() * parameters.blockSize());
    long work = memory * cost.parallelism();
    long maxWork =
        Math.max(
            (long) strong.cost() * strong.blockSize() * strong.parallelism(),
            (long) parameters.cost() * parameters.blockSize() * parameters.parallelism());
    if (memory > maxMemory || work > maxWork) {
      throw new CorruptKeyStoreException(
          where
              + ": the header asks for scrypt N=2^"
              + cost.costExponent()
              + " r="
              + cost.blockSize()
              + " p="
              + cost.parallelism()
              + ", more than this store runs (its encryptionParameters, or N=2^17 r=8 p=1,"
              + " whichever costs more); refusing to load it");
    }
  }

  @Override
  public void requireCheck(StoreKeys keys, String check, String where) {
    if (!keys.checkMatches(check)) {
      throw new PlaybackKeyStoreException(
          dev.ivsplayback.keys.PlaybackKeyException.Reason.DECRYPTION_FAILED,
          where
              + ": wrong passphrase: it does not derive this key store's check value"
              + " (scrypt with the store's salt); or the store header was altered");
    }
  }

  @Override
  public Map<String, Object> protect(
      StoreKeys keys, String keyId, String fingerprint, PrivateKey key) {
    String pem = PlaybackKeyPem.encryptedPrivateKeyPem(key, passphrase, parameters);
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("scheme", SCHEME);
    form.put("pem", pem);
    form.put("binding", keys.bindingTag(keyId, fingerprint, pem));
    return form;
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
    if (keys != null) {
      // Checked before decrypting: a key moved here from another record never gets that far.
      Object binding = form.get("binding");
      if (!(binding instanceof String tag)
          || !MessageDigest.isEqual(
              tag.getBytes(StandardCharsets.US_ASCII),
              keys.bindingTag(keyId, fingerprint, text).getBytes(StandardCharsets.US_ASCII))) {
        throw new CorruptKeyStoreException(
            where
                + ": the private key stored in record "
                + keyId
                + " is not bound to that record (key id "
                + keyId
                + ", fingerprint "
                + fingerprint
                + "): it was moved from another record or altered; refusing to load the store");
      }
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
  public synchronized void destroy() {
    Arrays.fill(passphrase, '\0');
    if (derived != null) {
      derived.destroy();
      derived = null;
    }
  }

  private static byte[] utf8(char[] chars) {
    ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
    byte[] bytes = Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
    Arrays.fill(buffer.array(), (byte) 0);
    return bytes;
  }
}
