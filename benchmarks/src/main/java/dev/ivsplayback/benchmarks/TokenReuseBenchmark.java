package dev.ivsplayback.benchmarks;

import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackTokenSigner;
import dev.ivsplayback.token.ReusingPlaybackTokenSigner;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The reuse path ({@link ReusingPlaybackTokenSigner} in front of the default-engine signer, default
 * settings: 10 s buckets, share 0.5, 10,000 entries):
 *
 * <ul>
 *   <li>{@code reuse_hit}: one channel-wide claims object asked for again and again: the cost of
 *       the reuse path alone (a flash crowd after the first request);
 *   <li>{@code reuse_hitBuildingClaims}: the same, but the claims are built per request (5-minute
 *       tokens, the channel ARN validated each time), as a server does;
 *   <li>{@code reuse_miss}: a new viewer id on every request, so every request misses and signs
 *       (compare with {@code TokenMintBenchmark.ours_auto}: what the cache adds to a miss).
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class TokenReuseBenchmark {

  /** The reusing signer, shared by all threads. */
  @State(Scope.Benchmark)
  public static class Shared {
    ReusingPlaybackTokenSigner reusing;
    PlaybackClaims channelWide;
    final AtomicInteger threads = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp384r1"));
      PlaybackTokenSigner signer = PlaybackTokenSigner.create(g.generateKeyPair().getPrivate());
      reusing = ReusingPlaybackTokenSigner.builder(signer).build();
      // No viewer id, so exp may be an hour ahead: the token stays reusable for the whole run.
      channelWide =
          PlaybackClaims.builder()
              .channelArn(TokenMintBenchmark.CHANNEL_ARN)
              .expiresIn(Duration.ofHours(1))
              .build();
    }
  }

  /** A distinct viewer-id prefix per thread and a counter, so misses never collide. */
  @State(Scope.Thread)
  public static class Viewers {
    String prefix;
    long next;

    @Setup(Level.Trial)
    public void setUp(Shared shared) {
      prefix = "t" + shared.threads.incrementAndGet() + "-";
    }
  }

  @Benchmark
  public String reuse_hit(Shared s) {
    return s.reusing.sign(s.channelWide);
  }

  @Benchmark
  public String reuse_hitBuildingClaims(Shared s) {
    return s.reusing.sign(
        PlaybackClaims.builder()
            .channelArn(TokenMintBenchmark.CHANNEL_ARN)
            .expiresIn(Duration.ofMinutes(5))
            .build());
  }

  @Benchmark
  public String reuse_miss(Shared s, Viewers v) {
    return s.reusing.sign(
        PlaybackClaims.builder()
            .channelArn(TokenMintBenchmark.CHANNEL_ARN)
            .viewerId(v.prefix + v.next++)
            .expiresIn(Duration.ofMinutes(5))
            .build());
  }

  /** Every benchmark with one thread. */
  @Threads(1)
  public static class OneThread extends TokenReuseBenchmark {}

  /** Every benchmark with two threads sharing one reusing signer. */
  @Threads(2)
  public static class TwoThreads extends TokenReuseBenchmark {}
}
