package dev.ivsplayback.keys.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivsplayback.keys.KeyEncryptionParameters;
import dev.ivsplayback.keys.PlaybackKeyException.Reason;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.PlaybackKeyStoreException;
import dev.ivsplayback.keys.PlaybackKeyStoreSnapshot;
import dev.ivsplayback.keys.contract.PlaybackKeyStoreContract;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The connection is cut by a TCP proxy at every message of a write, before or after the server
 * receives it. Each time the store ends in the old or the new state (never between), the caller is
 * told which (success, a typed failure meaning nothing was written, or STORE_OUTCOME_UNKNOWN), and
 * the same store instance works again at once.
 */
class ConnectionCutTest {

  // No pool: every call opens a fresh connection through the proxy, so cuts are deterministic.
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
  void cutAtEveryMessageOfAWrite_leavesOldOrNewState_andTheCallerKnowsWhich(Databases db)
      throws Exception {
    db.pool(); // fails clearly if the database is down
    String storeId = Databases.freshStoreId("cut");
    java.net.URI direct = java.net.URI.create(db.url().substring("jdbc:".length()));
    for (boolean forwardThenCut : new boolean[] {false, true}) {
      try (CuttingProxy proxy = new CuttingProxy(direct.getHost(), direct.getPort())) {
        String proxied = db.url().replace(":" + direct.getPort() + "/", ":" + proxy.port() + "/");
        JdbcPlaybackKeyStore store =
            JdbcPlaybackKeyStore.builder()
                .dataSource(unpooled(db, proxied))
                .storeId(storeId + (forwardThenCut ? "-after" : "-before"))
                .passphrase("cut".toCharArray())
                .encryptionParameters(KeyEncryptionParameters.of(10, 1))
                .createSchemaIfMissing(true)
                .build();
        assertThat(store.tryAcquireLease("w", Duration.ofMinutes(10))).isPresent();
        int cuts = 0;
        List<String> outcomes = new ArrayList<>();
        for (int n = 1; n < 100; n++) {
          PlaybackKeyStoreSnapshot before = store.read();
          List<PlaybackKeyRecord> next = new ArrayList<>(before.keys());
          next.add(PlaybackKeyStoreContract.record("n" + n));
          proxy.arm(n, forwardThenCut);
          String outcome;
          try {
            store.write(before.version(), next, "w");
            outcome = "written";
          } catch (PlaybackKeyStoreException e) {
            outcome = e.reason() == Reason.STORE_OUTCOME_UNKNOWN ? "unknown" : "not written";
          }
          proxy.disarm();
          PlaybackKeyStoreSnapshot after = store.read(); // the same instance works again
          List<String> ids = after.keys().stream().map(PlaybackKeyRecord::keyId).toList();
          boolean isNew =
              after.version() == before.version() + 1
                  && ids.equals(next.stream().map(PlaybackKeyRecord::keyId).toList());
          boolean isOld =
              after.version() == before.version()
                  && ids.equals(before.keys().stream().map(PlaybackKeyRecord::keyId).toList());
          assertThat(isNew || isOld)
              .as("cut at message %d (%s): state %s after %s", n, outcome, ids, before.keys())
              .isTrue();
          if (outcome.equals("written")) {
            assertThat(isNew).as("cut at message %d: reported written", n).isTrue();
          } else if (outcome.equals("not written")) {
            assertThat(isOld).as("cut at message %d: reported not written", n).isTrue();
          }
          outcomes.add(n + ":" + outcome);
          if (!proxy.fired()) {
            assertThat(outcome).as("the write with no cut").isEqualTo("written");
            break;
          }
          cuts++;
        }
        System.out.println(
            db
                + (forwardThenCut ? " cut after forwarding: " : " cut before forwarding: ")
                + outcomes);
        assertThat(cuts).as("messages in one write that were cut").isGreaterThanOrEqualTo(5);
        if (forwardThenCut) {
          // The commit itself reached the server and its reply was lost: settled by re-reading.
          assertThat(outcomes.subList(0, outcomes.size() - 1))
              .as("a cut write reported written (commit applied, reply lost)")
              .anyMatch(o -> o.endsWith(":written"));
        }
      }
    }
  }
}
