package dev.ivsplayback.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ivsplayback.keys.PlaybackKeyManager;
import dev.ivsplayback.keys.PlaybackKeyState;
import dev.ivsplayback.keys.PlaybackKeyStore;
import dev.ivsplayback.keys.jdbc.JdbcPlaybackKeyStore;
import dev.ivsplayback.local.IvsLocal;
import dev.ivsplayback.token.MintReadiness;
import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackTokenMinter;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code ivs.playback.store.type=jdbc}: the starter builds the JDBC key store on the application's
 * DataSource (the real PostgreSQL of this machine; the CI starts it) and the manager runs on it.
 */
@SpringBootTest(
    classes = {TestApp.class, JdbcStoreStarterTest.Database.class},
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "ivs.playback.manager-id=starter-jdbc",
      "ivs.playback.store.type=jdbc",
      "ivs.playback.store.create-schema-if-missing=true",
      "ivs.playback.store.passphrase-env=TEST_STORE_PASSPHRASE",
      "TEST_STORE_PASSPHRASE=correct horse battery staple",
      "ivs.playback.credentials.access-key-id-env=TEST_AK",
      "ivs.playback.credentials.secret-access-key-env=TEST_SK",
      "TEST_AK=local",
      "TEST_SK=local"
    })
class JdbcStoreStarterTest {
  private static final IvsLocal local = IvsLocal.builder().build().start();
  private static final String STORE_ID = "starter-" + UUID.randomUUID().toString().substring(0, 8);

  @Autowired PlaybackKeyStore store;
  @Autowired PlaybackKeyManager keys;
  @Autowired PlaybackTokenMinter minter;

  /** The application's DataSource: a pool on PostgreSQL. */
  @TestConfiguration
  static class Database {
    @Bean(destroyMethod = "close")
    DataSource dataSource() {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(
          System.getenv()
              .getOrDefault(
                  "IVS_PLAYBACK_TEST_POSTGRESQL_URL",
                  "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"));
      config.setMaximumPoolSize(4);
      return new HikariDataSource(config);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("ivs.playback.region", () -> local.region());
    registry.add("ivs.playback.endpoint", () -> local.endpoint().toString());
    registry.add("ivs.playback.store.store-id", () -> STORE_ID);
  }

  @AfterAll
  static void stopIvsLocal() {
    local.close();
  }

  @Test
  void storeTypeJdbc_runsTheManagerOnTheApplicationsDatabase() throws Exception {
    assertThat(store).isInstanceOf(JdbcPlaybackKeyStore.class);
    assertThat(((JdbcPlaybackKeyStore) store).storeId()).isEqualTo(STORE_ID);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (keys.signer().readiness().status() != MintReadiness.Status.READY) {
      assertThat(System.nanoTime()).as("an ACTIVE key within 30 s").isLessThan(deadline);
      Thread.sleep(50);
    }
    assertThat(store.read().keys())
        .singleElement()
        .satisfies(r -> assertThat(r.state()).isEqualTo(PlaybackKeyState.ACTIVE));
    String channel = "arn:aws:ivs:us-west-2:123456789012:channel/abcdEFGH1234";
    assertThat(
            minter
                .mint(
                    PlaybackClaims.builder()
                        .channelArn(channel)
                        .viewerId("v1")
                        .expiresIn(Duration.ofMinutes(5))
                        .build())
                .token())
        .contains(".");
  }
}
