package dev.ivsplayback.spring;

import dev.ivsplayback.keys.PlaybackKeyManager;
import dev.ivsplayback.spring.internal.KeyManagerState;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The health indicator ({@code ivsPlayback}) and the info contributor, when the application has
 * Spring Boot's health and actuator modules.
 */
@AutoConfiguration(after = IvsPlaybackAutoConfiguration.class)
@ConditionalOnBean(PlaybackKeyManager.class)
public class IvsPlaybackActuatorAutoConfiguration {

  /** Health, when spring-boot-health is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static class Health {
    /**
     * The key manager's health.
     *
     * @param manager the manager
     * @param state what it last reported
     * @param clock the application's clock, if any
     * @return the indicator, named {@code ivsPlayback}
     */
    @Bean(name = "ivsPlaybackHealthIndicator")
    @ConditionalOnMissingBean(PlaybackKeyHealthIndicator.class)
    PlaybackKeyHealthIndicator ivsPlaybackHealthIndicator(
        PlaybackKeyManager manager, KeyManagerState state, ObjectProvider<Clock> clock) {
      return new PlaybackKeyHealthIndicator(manager, state, clock.getIfAvailable(Clock::systemUTC));
    }
  }

  /** Info, when spring-boot-actuator is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.info.InfoContributor")
  static class InfoConfiguration {
    /**
     * The keys' fingerprints and states.
     *
     * @param manager the manager
     * @return the contributor
     */
    @Bean
    @ConditionalOnMissingBean(PlaybackKeysInfoContributor.class)
    PlaybackKeysInfoContributor ivsPlaybackInfoContributor(PlaybackKeyManager manager) {
      return new PlaybackKeysInfoContributor(manager);
    }
  }
}
