package dev.ivsplayback.fuzz;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

/** Keys, clock and raw-JWS helpers built in code (no fixture files). */
final class Fixtures {
  /** The instant every token test runs at. */
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String CHANNEL_ARN = "arn:aws:ivs:us-west-2:123456789012:channel/AbCdEf012345";
  static final String HEADER_B64 =
      b64("{\"alg\":\"ES384\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.US_ASCII));

  /**
   * Deterministic signing key pairs (P-384), the same on every run so a corpus entry always means
   * the same.
   */
  static final KeyPair KEY = p384(1);

  static final KeyPair OTHER_KEY = p384(2);

  private Fixtures() {}

  /**
   * A P-384 key pair from a seeded SHA1PRNG: fixed per seed, which is what a regression corpus
   * needs.
   */
  static KeyPair p384(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp384r1"), random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh random P-384 key pair. */
  static KeyPair randomP384() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp384r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * A compact JWS over arbitrary header and payload bytes, signed ES384 (R||S) with the JDK,
   * independently of token-core's signer: lets a fuzzer reach the claim checks that sit behind the
   * signature check.
   */
  static String signRaw(String headerB64, byte[] payload, PrivateKey key) {
    String input = headerB64 + "." + b64(payload);
    try {
      Signature s = Signature.getInstance("SHA384withECDSAinP1363Format");
      s.initSign(key);
      s.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + b64(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
