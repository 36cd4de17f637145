package dev.ivsplayback.keys;

import java.security.DrbgParameters;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Objects;

/**
 * Generates ECDSA key pairs on NIST P-384 ({@code secp384r1}), the only curve IVS playback tokens
 * (ES384) use.
 *
 * <p>The default randomness is a NIST SP 800-90A DRBG instantiated at 256-bit security strength
 * with prediction resistance off (seeded and reseeded from the operating system's entropy source).
 * {@code SecureRandom.getInstanceStrong()} is deliberately not used: on Linux it maps to the
 * blocking {@code /dev/random} source on some JDK configurations and can stall a rotation for
 * minutes on an idle server, while a DRBG seeded from the system source gives the same strength
 * without blocking.
 *
 * <p>Thread-safe: {@link #generate()} may be called from any thread.
 *
 * <pre>{@code
 * KeyPair pair = PlaybackKeyGenerator.create().generate(); // EC P-384
 * String fingerprint = PlaybackKeys.fingerprint(pair.getPublic()); // as IVS reports it
 * }</pre>
 */
public final class PlaybackKeyGenerator {
  private static final String CURVE = "secp384r1";

  private final SecureRandom random;

  private PlaybackKeyGenerator(SecureRandom random) {
    this.random = random;
  }

  /**
   * A generator using a 256-bit-strength DRBG.
   *
   * @return the generator
   * @throws PlaybackKeyException {@code CRYPTO_UNAVAILABLE} if the platform offers no DRBG or no EC
   *     P-384 support
   */
  public static PlaybackKeyGenerator create() {
    try {
      return new PlaybackKeyGenerator(
          SecureRandom.getInstance(
              "DRBG",
              DrbgParameters.instantiation(
                  256,
                  DrbgParameters.Capability.RESEED_ONLY,
                  "ivs-playback keypair-manager"
                      .getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    } catch (GeneralSecurityException e) {
      throw new PlaybackKeyException(
          PlaybackKeyException.Reason.CRYPTO_UNAVAILABLE,
          "no 256-bit DRBG SecureRandom available on this JVM",
          e);
    }
  }

  /**
   * A generator using the given randomness (for callers with their own entropy policy, e.g. an
   * HSM-backed provider).
   *
   * @param random a cryptographically strong random source
   * @return the generator
   */
  public static PlaybackKeyGenerator using(SecureRandom random) {
    return new PlaybackKeyGenerator(Objects.requireNonNull(random, "random"));
  }

  /**
   * Generates a fresh P-384 key pair.
   *
   * @return a key pair whose public half is an {@link ECPublicKey} and private half an {@link
   *     ECPrivateKey}
   */
  public KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(CURVE), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new PlaybackKeyException(
          PlaybackKeyException.Reason.CRYPTO_UNAVAILABLE,
          "EC P-384 key generation is not available on this JVM",
          e);
    }
  }
}
