package dev.ivsplayback.spring;

import dev.ivsplayback.client.ChannelDirectory;
import dev.ivsplayback.client.IvsPlaybackClient;
import dev.ivsplayback.keys.PlaybackKeyListener;
import dev.ivsplayback.keys.PlaybackKeyManager;
import dev.ivsplayback.keys.PlaybackKeyStore;
import dev.ivsplayback.keys.RotationPolicy;
import dev.ivsplayback.spring.internal.ConfirmingPlaybackKeyStore;
import dev.ivsplayback.spring.internal.KeyManagerState;
import dev.ivsplayback.spring.internal.MinterDecorator;
import dev.ivsplayback.spring.internal.StarterSettings;
import dev.ivsplayback.token.PlaybackTokenMinter;
import dev.ivsplayback.token.ReusingPlaybackTokenSigner;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * The IVS client, the key store, the key manager (started and stopped with the context) and its
 * minters, from {@code ivs.playback.*}. Every bean backs off when the application defines its own.
 * A {@link Clock} bean, if the application has one, drives the manager, the stores and the caches
 * (tests advance it).
 */
@AutoConfiguration
@EnableConfigurationProperties(IvsPlaybackProperties.class)
public class IvsPlaybackAutoConfiguration {

  private static Clock clock(ObjectProvider<Clock> clock) {
    return clock.getIfAvailable(Clock::systemUTC);
  }

  /**
   * The IVS client (region, endpoint, credentials, channel directory TTL from the properties).
   *
   * @param properties the properties
   * @param env the environment (credentials' variables)
   * @param clock the application's clock, if any
   * @return the client, closed with the context
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public IvsPlaybackClient ivsPlaybackClient(
      IvsPlaybackProperties properties, Environment env, ObjectProvider<Clock> clock) {
    return IvsPlaybackClient.create(
        StarterSettings.clientConfig(properties, env::getProperty, clock(clock)));
  }

  /**
   * The cache of channels: authorized flag and playback URL by ARN.
   *
   * @param client the IVS client
   * @return its directory
   */
  @Bean
  @ConditionalOnMissingBean
  public ChannelDirectory channelDirectory(IvsPlaybackClient client) {
    return client.channelDirectory();
  }

  /**
   * The key store ({@code ivs.playback.store.*}).
   *
   * @param properties the properties
   * @param env the environment (passphrase variable)
   * @param clock the application's clock, if any
   * @param dataSource the application's data source, if any (for {@code store.type=jdbc})
   * @return the store
   */
  @Bean
  @ConditionalOnMissingBean
  public PlaybackKeyStore playbackKeyStore(
      IvsPlaybackProperties properties,
      Environment env,
      ObjectProvider<Clock> clock,
      ObjectProvider<javax.sql.DataSource> dataSource) {
    return StarterSettings.store(
        properties, env::getProperty, clock(clock), dataSource::getIfAvailable);
  }

  /**
   * The rotation policy ({@code ivs.playback.rotation.*} over the defaults).
   *
   * @param properties the properties
   * @return the policy
   */
  @Bean
  @ConditionalOnMissingBean
  public RotationPolicy playbackRotationPolicy(IvsPlaybackProperties properties) {
    return StarterSettings.policy(properties);
  }

  /**
   * What the health indicator needs to know about the manager's last events.
   *
   * @return the listener
   */
  @Bean
  @ConditionalOnMissingBean
  public KeyManagerState playbackKeyManagerState() {
    return new KeyManagerState();
  }

  /**
   * The key manager, built but not started ({@link PlaybackKeyManagerLifecycle} starts it). Every
   * {@link PlaybackKeyListener} bean receives its events.
   *
   * @param properties the properties
   * @param client the IVS client
   * @param store the key store
   * @param policy the rotation policy
   * @param listeners the listeners
   * @param state the state the health indicator and gauges read
   * @param clock the application's clock, if any
   * @return the manager
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public PlaybackKeyManager playbackKeyManager(
      IvsPlaybackProperties properties,
      IvsPlaybackClient client,
      PlaybackKeyStore store,
      RotationPolicy policy,
      ObjectProvider<PlaybackKeyListener> listeners,
      KeyManagerState state,
      ObjectProvider<Clock> clock) {
    Clock c = clock(clock);
    // Stamps successful reads: the "seconds since the store was last confirmed" gauge.
    ConfirmingPlaybackKeyStore confirming = new ConfirmingPlaybackKeyStore(store, c);
    state.observe(confirming);
    PlaybackKeyManager.Builder b =
        PlaybackKeyManager.builder()
            .managerId(StarterSettings.managerId(properties))
            .client(client)
            .store(confirming)
            .policy(policy)
            .clock(c);
    listeners.orderedStream().forEach(b::listener);
    return b.build();
  }

  /**
   * Starts the manager with the context, stops it with the context.
   *
   * @param manager the manager
   * @return the lifecycle
   */
  @Bean
  @ConditionalOnMissingBean
  public PlaybackKeyManagerLifecycle playbackKeyManagerLifecycle(PlaybackKeyManager manager) {
    return new PlaybackKeyManagerLifecycle(manager);
  }

  /**
   * The per-viewer minter: the manager's rotating signer (always the ACTIVE key). Backs off when
   * the application defines its own {@link PlaybackTokenMinter}.
   *
   * @param manager the manager
   * @param decorators wrap the signer (the metrics configuration's timing and counting)
   * @return the minter
   */
  @Bean
  @Primary
  @ConditionalOnMissingBean(
      value = PlaybackTokenMinter.class,
      ignored = ReusingPlaybackTokenSigner.class)
  public PlaybackTokenMinter playbackTokenMinter(
      PlaybackKeyManager manager, ObjectProvider<MinterDecorator> decorators) {
    PlaybackTokenMinter minter = manager.signer();
    for (MinterDecorator d : decorators.orderedStream().toList()) {
      minter = d.apply(minter); // metrics, when Micrometer is present
    }
    return minter;
  }

  /**
   * The {@link ChannelWide} minter: reuses one token for many viewers of a channel ({@code
   * ivs.playback.reuse.*}). Injected only where {@code @ChannelWide} asks for it.
   *
   * @param properties the properties
   * @param minter the per-viewer minter, which signs on a miss
   * @param clock the application's clock, if any
   * @return the reusing minter
   */
  @Bean(defaultCandidate = false)
  @ChannelWide
  @ConditionalOnMissingBean(ReusingPlaybackTokenSigner.class)
  @ConditionalOnProperty(
      prefix = "ivs.playback.reuse",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  public ReusingPlaybackTokenSigner channelWidePlaybackTokenMinter(
      IvsPlaybackProperties properties, PlaybackTokenMinter minter, ObjectProvider<Clock> clock) {
    return StarterSettings.reusing(properties, minter, clock(clock));
  }
}
