package dev.ivsplayback.keys.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivsplayback.client.IvsClientConfig;
import dev.ivsplayback.client.IvsPlaybackClient;
import dev.ivsplayback.keys.KeyEncryptionParameters;
import dev.ivsplayback.keys.PlaybackKeyManager;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.PlaybackKeyState;
import dev.ivsplayback.keys.PlaybackKeyStoreSnapshot;
import dev.ivsplayback.local.IvsLocal;
import dev.ivsplayback.token.MintReadiness;
import java.net.URI;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A key manager whose database connection is cut (by a TCP proxy) at every message of its first
 * tick, before or after the server receives it: the tick fails or succeeds, and the manager's next
 * ticks, with the connection back, reach one ACTIVE key that is in IVS, with the store consistent.
 */
class ManagerAfterConnectionCutTest {

  private static DataSource unpooled(Databases db, String url) throws SQLException {
    if (db == Databases.POSTGRESQL) {
      org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
      ds.setURL(url);
      return ds;
    }
    return new org.mariadb.jdbc.MariaDbDataSource(url);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void cutDuringTheFirstTick_theNextTicksRecover(Databases db) throws Exception {
    db.pool(); // fails clearly if the database is down
    URI direct = URI.create(db.url().substring("jdbc:".length()));
    try (IvsLocal local = IvsLocal.builder().build().start();
        IvsPlaybackClient ivs =
            IvsPlaybackClient.create(
                IvsClientConfig.builder()
                    .region(local.region())
                    .endpointOverride(local.endpoint())
                    .credentialsProvider(
                        StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("AKIDCUT", "cut-secret")))
                    .clientSideRateLimits(false)
                    .build());
        CuttingProxy proxy = new CuttingProxy(direct.getHost(), direct.getPort())) {
      String proxied =
          db.url().replace(":" + direct.getPort() + "/", ":" + proxy.port() + "/")
              + db.timeoutParameters(5, 15);
      List<String> outcomes = new ArrayList<>();
      for (int n = 1; n < 200; n++) {
        boolean forwardThenCut = n % 2 == 0;
        local.control().reset(); // IVS allows few key pairs: every attempt starts empty
        JdbcPlaybackKeyStore store =
            JdbcPlaybackKeyStore.builder()
                .dataSource(unpooled(db, proxied))
                .storeId(Databases.freshStoreId("mgr-cut"))
                .passphrase("cut".toCharArray())
                .encryptionParameters(KeyEncryptionParameters.of(10, 1))
                .createSchemaIfMissing(true)
                .build();
        String managerId = "cut" + n;
        try (PlaybackKeyManager manager =
            PlaybackKeyManager.builder()
                .managerId(managerId)
                .client(ivs)
                .store(store)
                .automaticTicks(false)
                .build()) {
          proxy.arm(n, forwardThenCut);
          String outcome;
          try {
            manager.tick();
            outcome = "ok";
          } catch (RuntimeException e) {
            outcome =
                e.getClass().getSimpleName()
                    + (proxy.fired() ? "" : " (no cut: " + e.getMessage() + ")");
          }
          proxy.disarm();
          boolean fired = proxy.fired();
          outcomes.add(n + (forwardThenCut ? "a:" : "b:") + outcome);
          for (int t = 0;
              t < 5 && manager.signer().readiness().status() != MintReadiness.Status.READY;
              t++) {
            manager.tick(); // with the connection back, a tick must not fail
          }
          assertThat(manager.signer().readiness().status())
              .as("cut at message %d (%s): ready after the next ticks", n, outcome)
              .isEqualTo(MintReadiness.Status.READY);
          PlaybackKeyStoreSnapshot snap = store.read();
          assertThat(snap.keys())
              .as("cut at message %d: one ACTIVE key", n)
              .filteredOn(r -> r.state() == PlaybackKeyState.ACTIVE)
              .hasSize(1);
          Set<String> inIvs =
              ivs.sync().listPlaybackKeyPairs(b -> {}).keyPairs().stream()
                  .map(p -> p.arn())
                  .collect(Collectors.toSet());
          PlaybackKeyRecord active = snap.active().orElseThrow();
          assertThat(inIvs)
              .as("cut at message %d: the ACTIVE key is in IVS", n)
              .contains(active.arn().orElseThrow());
          if (!fired) {
            break; // the whole first tick ran without reaching message n
          }
        }
      }
      System.out.println(db + " manager cuts: " + outcomes);
      assertThat(outcomes).as("messages of the first tick that were cut").hasSizeGreaterThan(10);
    }
  }
}
