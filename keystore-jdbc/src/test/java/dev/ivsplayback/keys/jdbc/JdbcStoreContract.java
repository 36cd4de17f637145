package dev.ivsplayback.keys.jdbc;

import dev.ivsplayback.keys.KeyEncryptionParameters;
import dev.ivsplayback.keys.PlaybackKeyStore;
import dev.ivsplayback.keys.contract.SharedPlaybackKeyStoreContract;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The shared-store contract on {@link JdbcPlaybackKeyStore}, on a real database. Lease time is the
 * database's, so it passes by waiting.
 */
abstract class JdbcStoreContract extends SharedPlaybackKeyStoreContract {
  static final String PASSPHRASE = "jdbc-contract";

  private final List<PlaybackKeyStore> opened = new ArrayList<>();
  private String storeId;
  private PlaybackKeyStore store;

  abstract Databases database();

  @BeforeEach
  void create() {
    storeId = Databases.freshStoreId("contract");
    store = open(PASSPHRASE);
  }

  @AfterEach
  void close() {
    opened.forEach(SharedPlaybackKeyStoreContract::closeIfPossible);
  }

  private PlaybackKeyStore open(String passphrase) {
    PlaybackKeyStore s =
        JdbcPlaybackKeyStore.builder()
            .dataSource(database().pool())
            .storeId(storeId)
            .passphrase(passphrase.toCharArray())
            .encryptionParameters(KeyEncryptionParameters.of(10, 1))
            .createSchemaIfMissing(true)
            .build();
    opened.add(s);
    return s;
  }

  private DataSource ds() {
    return database().pool();
  }

  @Override
  protected PlaybackKeyStore store() {
    return store;
  }

  @Override
  protected void passLeaseTime(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis());
  }

  @Override
  protected PlaybackKeyStore openAgain() {
    return open(PASSPHRASE);
  }

  @Override
  protected PlaybackKeyStore openWithWrongSecret() {
    return open("not-the-passphrase");
  }

  @Override
  protected List<String> childCommand(String owner, int count, String prefix) {
    return List.of(
        JdbcStoreChild.class.getName(),
        database().name(),
        storeId,
        owner,
        String.valueOf(count),
        prefix);
  }

  @Override
  protected void tamperWithStoredData() throws SQLException {
    StoredRows rows = StoredRows.read(ds(), storeId);
    byte[] body = rows.body().clone();
    body[body.length - 3] ^= 1;
    new StoredRows(rows.version(), rows.writes(), body, rows.keyRows()).write(ds(), storeId);
  }

  @Override
  protected Object copyStoredData() throws SQLException {
    return StoredRows.read(ds(), storeId);
  }

  @Override
  protected void restoreStoredData(Object copy) throws SQLException {
    ((StoredRows) copy).write(ds(), storeId);
  }
}
