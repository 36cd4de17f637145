package dev.ivsplayback.client;

import dev.ivsplayback.testing.MutableClock;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Shared fixtures: a configuration pointed at ivs-local, a test clock, a recording sleeper, key
 * generation.
 */
final class TestSupport {
  private TestSupport() {}

  /** A configuration for ivs-local with short backoffs so retry tests stay fast. */
  static IvsClientConfig.Builder config(URI endpoint) {
    return IvsClientConfig.builder()
        .region("us-west-2")
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDIVSCLIENTTEST", "test-secret-not-a-real-one")))
        .endpointOverride(endpoint)
        .retryBaseDelay(Duration.ofMillis(1))
        .throttlingBaseDelay(Duration.ofMillis(2))
        .maxBackoff(Duration.ofMillis(20));
  }

  static KeyPair p384() {
    return generate("secp384r1");
  }

  static KeyPair generate(String curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh clock at a fixed start; the ivs-local clock, so tests move it by hand. */
  static MutableClock clock() {
    return new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  }

  /** A sleeper that advances a test clock instead of sleeping, and records every wait. */
  static final class ClockSleeper implements Sleeper {
    private final MutableClock clock;
    final List<Duration> sleeps = new ArrayList<>();

    ClockSleeper(MutableClock clock) {
      this.clock = clock;
    }

    @Override
    public synchronized void sleep(Duration duration) {
      sleeps.add(duration);
      clock.advance(duration);
    }
  }
}
