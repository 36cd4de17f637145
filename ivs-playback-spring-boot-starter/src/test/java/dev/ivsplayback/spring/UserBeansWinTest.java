package dev.ivsplayback.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivsplayback.client.IvsPlaybackClient;
import dev.ivsplayback.keys.InMemoryPlaybackKeyStore;
import dev.ivsplayback.keys.PlaybackKeyManager;
import dev.ivsplayback.keys.PlaybackKeyStore;
import dev.ivsplayback.keys.RotationPolicy;
import dev.ivsplayback.local.IvsLocal;
import dev.ivsplayback.testing.TestKeys;
import dev.ivsplayback.token.PlaybackTokenMinter;
import dev.ivsplayback.token.PlaybackTokenSigner;
import dev.ivsplayback.token.ReusingPlaybackTokenSigner;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's own beans replace the starter's. */
class UserBeansWinTest {
  private static final IvsLocal LOCAL = IvsLocal.builder().build().start();
  private static final RotationPolicy POLICY =
      RotationPolicy.builder().rotationInterval(Duration.ofDays(9)).build();
  private static final PlaybackKeyStore STORE = InMemoryPlaybackKeyStore.create();

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(IvsPlaybackAutoConfiguration.class))
          .withPropertyValues(
              "ivs.playback.manager-id=user-beans",
              "ivs.playback.store.type=jdbc", // never built: the user's store wins
              "ivs.playback.region=" + LOCAL.region(),
              "ivs.playback.endpoint=" + LOCAL.endpoint(),
              "ivs.playback.credentials.access-key-id-env=AK",
              "ivs.playback.credentials.secret-access-key-env=SK",
              "AK=local",
              "SK=local");

  @AfterAll
  static void stop() {
    LOCAL.close();
  }

  @Configuration(proxyBeanMethods = false)
  static class UserStoreAndPolicy {
    @Bean
    PlaybackKeyStore store() {
      return STORE;
    }

    @Bean
    RotationPolicy policy() {
      return POLICY;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class UserMinter {
    static final PlaybackTokenSigner SIGNER =
        PlaybackTokenSigner.create(TestKeys.p384().getPrivate());

    @Bean
    PlaybackTokenMinter minter() {
      return SIGNER;
    }
  }

  @Test
  void userStoreAndPolicy_winOverProperties() {
    runner
        .withUserConfiguration(UserStoreAndPolicy.class)
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(PlaybackKeyStore.class)).isSameAs(STORE);
              assertThat(ctx.getBean(PlaybackKeyManager.class).policy()).isSameAs(POLICY);
              assertThat(ctx.getBean(PlaybackKeyManager.class).signer().readiness().ready())
                  .isTrue();
            });
  }

  @Test
  void userMinter_replacesTheRotatingOneAndBacksTheChannelWideOne() {
    runner
        .withUserConfiguration(UserStoreAndPolicy.class, UserMinter.class)
        .run(
            ctx -> {
              assertThat(ctx.getBean(PlaybackTokenMinter.class)).isSameAs(UserMinter.SIGNER);
              ReusingPlaybackTokenSigner channelWide =
                  ctx.getBean("channelWidePlaybackTokenMinter", ReusingPlaybackTokenSigner.class);
              assertThat(channelWide.currentKey()).isEqualTo(UserMinter.SIGNER.currentKey());
            });
  }

  @Test
  void userClient_isUsedByTheManager() {
    IvsPlaybackClient own =
        IvsPlaybackClient.create(
            dev.ivsplayback.client.IvsClientConfig.builder()
                .region(LOCAL.region())
                .endpointOverride(LOCAL.endpoint())
                .credentialsProvider(
                    software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                            "local", "local")))
                .build());
    runner
        .withUserConfiguration(UserStoreAndPolicy.class)
        .withBean(IvsPlaybackClient.class, () -> own)
        .run(ctx -> assertThat(ctx.getBean(IvsPlaybackClient.class)).isSameAs(own));
  }
}
