package dev.ivsplayback.keys.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys one store derives from its secret (see {@link StoreKdf}), each by HKDF-Expand (RFC 5869,
 * HMAC-SHA256) of the KDF output with its own label:
 *
 * <ul>
 *   <li>{@code mac}: HMAC-SHA256 over the whole store file;
 *   <li>{@code key-binding}: tags binding a passphrase-encrypted private key to its record's id and
 *       fingerprint;
 *   <li>{@code check}: a 128-bit value stored in the header, so a wrong secret is told apart from
 *       an altered file before anything else is interpreted.
 * </ul>
 *
 * Held in memory for the store's life and overwritten by {@link #destroy()} (best effort: the JCA
 * copies a key into each {@link Mac} it initialises). Thread-safe.
 */
public final class StoreKeys {
  private static final String LABEL = "ivs-playback-keystore-v2 ";

  private final StoreKdf kdf;
  private final byte[] macKey;
  private final byte[] bindingKey;
  private final byte[] check;

  private StoreKeys(StoreKdf kdf, byte[] prk) {
    this.kdf = kdf;
    this.macKey = expand(prk, "mac");
    this.bindingKey = expand(prk, "key-binding");
    this.check = Arrays.copyOf(expand(prk, "check"), 16);
  }

  /**
   * Derives the keys from a pseudo-random key (the scrypt output, or HKDF-Extract of an AES key).
   *
   * @param kdf the parameters the pseudo-random key came from
   * @param prk 32 pseudo-random bytes; overwritten with zeros before this returns
   * @return the keys
   */
  public static StoreKeys fromPseudoRandomKey(StoreKdf kdf, byte[] prk) {
    try {
      return new StoreKeys(kdf, prk);
    } finally {
      Arrays.fill(prk, (byte) 0);
    }
  }

  /**
   * HKDF-Extract (RFC 5869): HMAC-SHA256 keyed with the salt over the input key material.
   *
   * @param salt the salt
   * @param inputKeyMaterial the secret
   * @return the 32-byte pseudo-random key
   */
  public static byte[] extract(byte[] salt, byte[] inputKeyMaterial) {
    return hmac(salt, inputKeyMaterial);
  }

  /**
   * The parameters these keys were derived with.
   *
   * @return the KDF parameters
   */
  public StoreKdf kdf() {
    return kdf;
  }

  /**
   * The check value for the header.
   *
   * @return 16 bytes, base64url without padding
   */
  public String check() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(check);
  }

  /**
   * Whether a header's check value is this secret's (constant time).
   *
   * @param text the header field
   * @return true if it matches
   */
  public boolean checkMatches(String text) {
    return MessageDigest.isEqual(
        check().getBytes(StandardCharsets.US_ASCII), text.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * HMAC-SHA256 with the file key.
   *
   * @param data the bytes
   * @return the 32-byte tag
   */
  public byte[] mac(byte[] data) {
    return hmac(macKey, data);
  }

  /**
   * The tag binding an encrypted private key to its record: HMAC-SHA256 with the key-binding key
   * over the key id, the fingerprint and the encrypted key, NUL-separated (none of them can hold a
   * NUL).
   *
   * @param keyId the record's key id
   * @param fingerprint the record's fingerprint
   * @param blob the encrypted private key as stored
   * @return the tag, base64url without padding
   */
  public String bindingTag(String keyId, String fingerprint, String blob) {
    byte[] data = (keyId + "\0" + fingerprint + "\0" + blob).getBytes(StandardCharsets.UTF_8);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(bindingKey, data));
  }

  /** Overwrites the keys. */
  public void destroy() {
    Arrays.fill(macKey, (byte) 0);
    Arrays.fill(bindingKey, (byte) 0);
    Arrays.fill(check, (byte) 0);
  }

  // HKDF-Expand for one block: T(1) = HMAC(PRK, info || 0x01).
  private static byte[] expand(byte[] prk, String label) {
    byte[] info = (LABEL + label).getBytes(StandardCharsets.US_ASCII);
    byte[] input = Arrays.copyOf(info, info.length + 1);
    input[info.length] = 1;
    return hmac(prk, input);
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }
}
