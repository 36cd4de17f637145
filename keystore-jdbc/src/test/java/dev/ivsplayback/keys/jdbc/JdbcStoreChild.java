package dev.ivsplayback.keys.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.ivsplayback.keys.KeyEncryptionParameters;
import dev.ivsplayback.keys.contract.SharedPlaybackKeyStoreContract;

/**
 * Run in a separate JVM by the JDBC contract tests: {@code DATABASE STORE_ID OWNER COUNT PREFIX}
 * appends records to the store with compare-and-set and prints "done".
 */
public final class JdbcStoreChild {
  private JdbcStoreChild() {}

  /**
   * Entry point.
   *
   * @param args database enum name, store id, owner, count, prefix
   */
  public static void main(String[] args) {
    Databases db = Databases.valueOf(args[0]);
    try (HikariDataSource ds = db.newPool(db.url(), 2);
        JdbcPlaybackKeyStore store =
            JdbcPlaybackKeyStore.builder()
                .dataSource(ds)
                .storeId(args[1])
                .passphrase(JdbcStoreContract.PASSPHRASE.toCharArray())
                .encryptionParameters(KeyEncryptionParameters.of(10, 1))
                .build()) {
      SharedPlaybackKeyStoreContract.appendAll(store, args[2], Integer.parseInt(args[3]), args[4]);
    }
  }
}
