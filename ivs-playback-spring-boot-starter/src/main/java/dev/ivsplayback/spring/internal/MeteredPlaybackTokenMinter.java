package dev.ivsplayback.spring.internal;

import dev.ivsplayback.token.InvalidClaimException;
import dev.ivsplayback.token.IvsPlaybackException;
import dev.ivsplayback.token.MintReadiness;
import dev.ivsplayback.token.MintedToken;
import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackTokenMinter;
import dev.ivsplayback.token.SigningEngine;
import dev.ivsplayback.token.SigningKeyHandle;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts every mint by engine and outcome ({@code ivs.playback.tokens.minted}), every refusal by
 * exception type ({@code ivs.playback.failures}, source mint), and optionally times mints. Tags are
 * the engine, the outcome and a class name: never a channel ARN or a viewer id. Thread-safe.
 */
public final class MeteredPlaybackTokenMinter implements PlaybackTokenMinter {
  private final PlaybackTokenMinter delegate;
  private final MeterRegistry registry;
  private final Timer latency;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  // The success counter of the engine seen last: the per-request path skips the map lookup.
  private volatile EngineCounter successes;

  private record EngineCounter(SigningEngine engine, Counter counter) {}

  /**
   * Wraps a minter.
   *
   * @param delegate the minter
   * @param registry where the meters go
   * @param timeMints whether to time every mint
   */
  public MeteredPlaybackTokenMinter(
      PlaybackTokenMinter delegate, MeterRegistry registry, boolean timeMints) {
    this.delegate = delegate;
    this.registry = registry;
    this.latency =
        timeMints
            ? Timer.builder("ivs.playback.tokens.mint.latency")
                .description("Time to mint one token")
                .publishPercentiles(0.5, 0.99, 0.999)
                .register(registry)
            : null;
  }

  @Override
  public MintedToken mint(PlaybackClaims claims) {
    long start = latency == null ? 0 : System.nanoTime();
    try {
      MintedToken token = delegate.mint(claims);
      successes().increment();
      return token;
    } catch (InvalidClaimException e) {
      failed("rejected", e);
      throw e;
    } catch (IvsPlaybackException e) {
      failed(claimRefusal(e) ? "rejected" : "unavailable", e);
      throw e;
    } finally {
      if (latency != null) {
        latency.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
      }
    }
  }

  private Counter successes() {
    SigningEngine engine = delegate.engine();
    EngineCounter last = successes;
    if (last == null || last.engine() != engine) {
      last = new EngineCounter(engine, minted(engine, "success"));
      successes = last;
    }
    return last.counter();
  }

  // A TTL above the policy's maximum is the caller's fault, not the minter's state.
  private boolean claimRefusal(IvsPlaybackException e) {
    return delegate.readiness().ready();
  }

  private void failed(String outcome, RuntimeException e) {
    minted(delegate.engine(), outcome).increment();
    counters
        .computeIfAbsent(
            "failure/" + e.getClass().getSimpleName(),
            k ->
                Counter.builder("ivs.playback.failures")
                    .description("Failures by exception type")
                    .tag("source", "mint")
                    .tag("type", e.getClass().getSimpleName())
                    .register(registry))
        .increment();
  }

  private Counter minted(SigningEngine engine, String outcome) {
    return counters.computeIfAbsent(
        engine + "/" + outcome,
        k ->
            Counter.builder("ivs.playback.tokens.minted")
                .description("Tokens minted (or refused) by engine and outcome")
                .tag("engine", engine.name())
                .tag("outcome", outcome)
                .register(registry));
  }

  @Override
  public SigningKeyHandle signingKeyFor(PlaybackClaims claims) {
    return delegate.signingKeyFor(claims);
  }

  @Override
  public SigningEngine engine() {
    return delegate.engine();
  }

  @Override
  public Optional<SigningKeyHandle> currentKey() {
    return delegate.currentKey();
  }

  @Override
  public MintReadiness readiness() {
    return delegate.readiness();
  }

  @Override
  public String toString() {
    return "Metered[" + delegate + "]";
  }
}
