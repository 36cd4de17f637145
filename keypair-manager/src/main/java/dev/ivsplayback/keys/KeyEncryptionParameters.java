package dev.ivsplayback.keys;

import dev.ivsplayback.token.InvalidConfigurationException;

/**
 * Cost parameters of the scrypt key-derivation function used to encrypt private keys as PKCS#8
 * ({@code ENCRYPTED PRIVATE KEY}, PBES2 with scrypt and AES-256-CBC, the same structure as {@code
 * openssl pkcs8 -topk8 -scrypt}).
 *
 * <p>{@link #strong()} (N = 2^17, r = 8, p = 1, 16-byte salt) follows the OWASP password-storage
 * recommendation for scrypt: about 128 MiB of memory and a few hundred milliseconds per derivation,
 * which is paid once when a key is written and once when a store is opened. {@link #of} accepts a
 * cost exponent down to 10 so that tests stay fast; anything below 17 is for tests only.
 *
 * @param costExponent log2 of the scrypt CPU/memory cost N, 10..22
 * @param blockSize scrypt block size r, 1..32
 * @param parallelism scrypt parallelism p, 1..16
 * @param saltLength salt length in bytes, 16..64
 */
public record KeyEncryptionParameters(
    int costExponent, int blockSize, int parallelism, int saltLength) {

  /**
   * Validates the parameters.
   *
   * @throws InvalidConfigurationException if a parameter is out of range
   */
  public KeyEncryptionParameters {
    check("costExponent", costExponent, 10, 22);
    check("blockSize", blockSize, 1, 32);
    check("parallelism", parallelism, 1, 16);
    check("saltLength", saltLength, 16, 64);
  }

  /**
   * The production default: scrypt N = 2^17, r = 8, p = 1, 16-byte salt.
   *
   * @return the strong parameters
   */
  public static KeyEncryptionParameters strong() {
    return new KeyEncryptionParameters(17, 8, 1, 16);
  }

  /**
   * Custom scrypt cost (r = 8, 16-byte salt).
   *
   * @param costExponent log2 of N, 10..22 (below 17 only for tests)
   * @param parallelism p, 1..16
   * @return the parameters
   */
  public static KeyEncryptionParameters of(int costExponent, int parallelism) {
    return new KeyEncryptionParameters(costExponent, 8, parallelism, 16);
  }

  /**
   * The scrypt cost parameter N.
   *
   * @return 2 to the power of {@link #costExponent()}
   */
  public int cost() {
    return 1 << costExponent;
  }

  private static void check(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidConfigurationException(
          field, "scrypt parameter is " + value + ", must be between " + min + " and " + max);
    }
  }
}
