package dev.ivsplayback.keys.internal;

import dev.ivsplayback.keys.CorruptKeyStoreException;
import dev.ivsplayback.keys.KeyEncryptionParameters;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * How a store's keys are derived from its secret, as written in the store file's header: {@code
 * scrypt:<log2 N>:<r>:<p>:<salt>} for a passphrase, {@code hkdf-sha256:<salt>} for an AES key. The
 * salt (base64url, no padding) is random per store and fixed for the store's life, so a process
 * derives once and keeps the result.
 *
 * @param kind {@link #SCRYPT} or {@link #HKDF}
 * @param scrypt the scrypt cost, for {@link #SCRYPT}; null for {@link #HKDF}
 * @param salt the salt, base64url without padding (16..64 bytes)
 */
public record StoreKdf(String kind, KeyEncryptionParameters scrypt, String salt) {
  /** A passphrase stretched with scrypt. */
  public static final String SCRYPT = "scrypt";

  /** A 256-bit AES key expanded with HKDF-SHA256. */
  public static final String HKDF = "hkdf-sha256";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Checks the fields. */
  public StoreKdf {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(salt, "salt");
    if (SCRYPT.equals(kind) != (scrypt != null)) {
      throw new IllegalArgumentException("scrypt parameters go with kind scrypt only");
    }
  }

  /**
   * Fresh scrypt parameters for a new store.
   *
   * @param cost the scrypt cost
   * @return the parameters with a random salt of {@code cost.saltLength()} bytes
   */
  public static StoreKdf newScrypt(KeyEncryptionParameters cost) {
    return new StoreKdf(SCRYPT, cost, randomSalt(cost.saltLength()));
  }

  /**
   * Fresh HKDF parameters for a new store.
   *
   * @return the parameters with a random 32-byte salt
   */
  public static StoreKdf newHkdf() {
    return new StoreKdf(HKDF, null, randomSalt(32));
  }

  /**
   * The salt's bytes.
   *
   * @return a copy
   */
  public byte[] saltBytes() {
    return Base64.getUrlDecoder().decode(salt);
  }

  /**
   * The header form.
   *
   * @return e.g. {@code scrypt:17:8:1:<salt>}
   */
  public String text() {
    return SCRYPT.equals(kind)
        ? SCRYPT
            + ":"
            + scrypt.costExponent()
            + ":"
            + scrypt.blockSize()
            + ":"
            + scrypt.parallelism()
            + ":"
            + salt
        : HKDF + ":" + salt;
  }

  /**
   * Parses the header form. The cost is bounded by {@link KeyEncryptionParameters} (at most N =
   * 2^22), so a forged header cannot ask for unbounded work.
   *
   * @param text the header field
   * @param where the store file, for messages
   * @return the parameters
   * @throws CorruptKeyStoreException if the field is malformed or out of range
   */
  public static StoreKdf parse(String text, String where) {
    String[] parts = text.split(":", -1);
    try {
      if (parts.length == 5 && SCRYPT.equals(parts[0])) {
        String salt = checkedSalt(parts[4]);
        KeyEncryptionParameters cost =
            new KeyEncryptionParameters(
                Integer.parseInt(parts[1]),
                Integer.parseInt(parts[2]),
                Integer.parseInt(parts[3]),
                Base64.getUrlDecoder().decode(salt).length);
        return new StoreKdf(SCRYPT, cost, salt);
      }
      if (parts.length == 2 && HKDF.equals(parts[0])) {
        return new StoreKdf(HKDF, null, checkedSalt(parts[1]));
      }
    } catch (RuntimeException e) {
      // bad number, bad base64 or cost out of range: reported below
    }
    String shown = text.length() > 120 ? text.substring(0, 120) + "..." : text;
    throw new CorruptKeyStoreException(
        where
            + ": key derivation field '"
            + shown
            + "' is not scrypt:<log2 N 10..22>:<r 1..32>:<p 1..16>:<salt> or"
            + " hkdf-sha256:<salt> (salt 16..64 bytes, base64url)");
  }

  private static String checkedSalt(String salt) {
    if (!salt.matches("[A-Za-z0-9_-]{22,86}")) {
      throw new IllegalArgumentException("salt");
    }
    int length = Base64.getUrlDecoder().decode(salt).length;
    if (length < 16
        || length > 64
        || !Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(Base64.getUrlDecoder().decode(salt))
            .equals(salt)) {
      throw new IllegalArgumentException("salt");
    }
    return salt;
  }

  private static String randomSalt(int length) {
    byte[] salt = new byte[length];
    RANDOM.nextBytes(salt);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(salt);
  }
}
