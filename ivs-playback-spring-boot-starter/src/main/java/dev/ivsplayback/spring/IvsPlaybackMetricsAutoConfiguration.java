package dev.ivsplayback.spring;

import dev.ivsplayback.keys.PlaybackKeyManager;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.spring.internal.KeyEventMeters;
import dev.ivsplayback.spring.internal.KeyManagerState;
import dev.ivsplayback.spring.internal.MeteredPlaybackTokenMinter;
import dev.ivsplayback.spring.internal.MinterDecorator;
import dev.ivsplayback.token.ReusingPlaybackTokenSigner;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters for the starter's beans, when the application has a {@link MeterRegistry}.
 * Names start with {@code ivs.playback.}; tags are engines, outcomes, event and exception types:
 * never an ARN or a viewer id.
 *
 * <ul>
 *   <li>{@code ivs.playback.tokens.minted} (engine, outcome), {@code ivs.playback.failures}
 *       (source, type), optional {@code ivs.playback.tokens.mint.latency}
 *   <li>{@code ivs.playback.tokens.reuse} (result: hit, miss, not_reusable)
 *   <li>{@code ivs.playback.keys.rotations|imports|promotions|deletions}, {@code
 *       ivs.playback.keys.reconciliation.findings} (type)
 *   <li>gauges {@code ivs.playback.keys.active.age} (s), {@code ivs.playback.store.confirmed.age}
 *       (s), {@code ivs.playback.keys.managed} (managed key pairs in IVS)
 * </ul>
 */
@AutoConfiguration(
    before = IvsPlaybackAutoConfiguration.class,
    afterName =
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class IvsPlaybackMetricsAutoConfiguration {

  /**
   * Counts and optionally times the per-viewer minter's mints.
   *
   * @param registry the registry
   * @param properties the properties ({@code ivs.playback.metrics.mint-latency})
   * @return the decorator applied to the starter's minter
   */
  @Bean
  public MinterDecorator playbackMinterMetrics(
      MeterRegistry registry, IvsPlaybackProperties properties) {
    boolean time = properties.getMetrics().isMintLatency();
    return minter -> new MeteredPlaybackTokenMinter(minter, registry, time);
  }

  /**
   * Counts the key manager's events.
   *
   * @param registry the registry
   * @return the listener (registered with the manager)
   */
  @Bean
  public KeyEventMeters playbackKeyEventMeters(MeterRegistry registry) {
    return new KeyEventMeters(registry);
  }

  /**
   * The gauges and the reuse counters.
   *
   * @param manager the key manager
   * @param state what the manager last did
   * @param channelWide the channel-wide minter, if any
   * @param clock the application's clock, if any
   * @return the binder
   */
  @Bean
  public MeterBinder playbackKeyGauges(
      ObjectProvider<PlaybackKeyManager> manager,
      ObjectProvider<KeyManagerState> state,
      @ChannelWide ObjectProvider<ReusingPlaybackTokenSigner> channelWide,
      ObjectProvider<Clock> clock) {
    return registry -> {
      Clock c = clock.getIfAvailable(Clock::systemUTC);
      PlaybackKeyManager keys = manager.getIfAvailable();
      if (keys != null) {
        Gauge.builder(
                "ivs.playback.keys.active.age",
                keys,
                k -> age(c, k.activeKey().flatMap(PlaybackKeyRecord::activatedAt)))
            .description("Seconds since the ACTIVE key was promoted (NaN: none)")
            .baseUnit("seconds")
            .register(registry);
        Gauge.builder(
                "ivs.playback.keys.managed",
                keys,
                k -> k.keys().stream().filter(r -> r.state().isInIvs()).count())
            .description("Managed key pairs in IVS, as last read from the store")
            .register(registry);
      }
      KeyManagerState s = state.getIfAvailable();
      if (s != null) {
        Gauge.builder("ivs.playback.store.confirmed.age", s, x -> age(c, x.storeLastConfirmed()))
            .description("Seconds since the key store last answered a read (NaN: never)")
            .baseUnit("seconds")
            .register(registry);
      }
      ReusingPlaybackTokenSigner reusing = channelWide.getIfAvailable();
      if (reusing != null) {
        reuse(registry, reusing, "hit", r -> r.stats().reused());
        reuse(registry, reusing, "miss", r -> r.stats().signed());
        reuse(registry, reusing, "not_reusable", r -> r.stats().notReusable());
      }
    };
  }

  private static void reuse(
      MeterRegistry registry,
      ReusingPlaybackTokenSigner reusing,
      String result,
      ToDoubleFunction<ReusingPlaybackTokenSigner> f) {
    FunctionCounter.builder("ivs.playback.tokens.reuse", reusing, f)
        .description("Channel-wide token requests: reused (hit), signed (miss), not reusable")
        .tag("result", result)
        .register(registry);
  }

  private static double age(Clock clock, Optional<Instant> since) {
    return since
        .map(t -> Duration.between(t, clock.instant()).toMillis() / 1000.0)
        .orElse(Double.NaN);
  }
}
