package dev.ivsplayback.keys.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.ivsplayback.keys.CorruptKeyStoreException;
import dev.ivsplayback.keys.KeyEncryptionParameters;
import dev.ivsplayback.keys.KeyMaterialAccess;
import dev.ivsplayback.keys.PlaybackKeyException.Reason;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.PlaybackKeyStoreException;
import dev.ivsplayback.keys.contract.PlaybackKeyStoreContract;
import dev.ivsplayback.token.InvalidConfigurationException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the JDBC store does beyond the store contract, on each database. */
abstract class JdbcStoreBehaviour {
  abstract Databases database();

  /** A URL on the same server whose database or schema has no key store tables. */
  abstract String urlWithoutTables() throws Exception;

  /** A URL on the same server naming a user that does not exist. */
  abstract String urlWithUnknownUser();

  private JdbcPlaybackKeyStore.Builder builder(String storeId) {
    return JdbcPlaybackKeyStore.builder()
        .dataSource(database().pool())
        .storeId(storeId)
        .passphrase("behaviour".toCharArray())
        .encryptionParameters(KeyEncryptionParameters.of(10, 1))
        .createSchemaIfMissing(true);
  }

  private JdbcPlaybackKeyStore writtenStore(String storeId, PlaybackKeyRecord... records) {
    JdbcPlaybackKeyStore store = builder(storeId).build();
    store.tryAcquireLease("a", Duration.ofMinutes(10));
    store.write(0, List.of(records), "a");
    return store;
  }

  private void update(String sql, Object... args) throws Exception {
    try (Connection c = database().pool().getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      assertThat(s.executeUpdate()).as(sql).isPositive();
    }
  }

  @Test
  void build_whenTablesMissing_failsNamingTheFix() throws Exception {
    try (HikariDataSource empty = database().newPool(urlWithoutTables(), 2)) {
      assertThatThrownBy(
              () ->
                  JdbcPlaybackKeyStore.builder()
                      .dataSource(empty)
                      .passphrase("x".toCharArray())
                      .build())
          .isInstanceOf(PlaybackKeyStoreException.class)
          .hasFieldOrPropertyWithValue("reason", Reason.STORE_SCHEMA_MISSING)
          .hasMessageContaining("createSchemaIfMissing(true)")
          .hasMessageContaining("store init");
    }
  }

  @Test
  void build_withCreateSchemaIfMissing_createsTablesIdempotently() throws Exception {
    try (HikariDataSource empty = database().newPool(urlWithoutTables(), 2)) {
      for (int i = 0; i < 2; i++) {
        JdbcPlaybackKeyStore store =
            JdbcPlaybackKeyStore.builder()
                .dataSource(empty)
                .passphrase("x".toCharArray())
                .encryptionParameters(KeyEncryptionParameters.of(10, 1))
                .createSchemaIfMissing(true)
                .build();
        assertThat(store.read().version()).isZero();
      }
    }
  }

  @Test
  void build_withAnUnknownUser_failsNamingTheFix() {
    // The pool itself cannot connect: build it lazily so the store reports the refusal.
    com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
    config.setJdbcUrl(urlWithUnknownUser());
    config.setInitializationFailTimeout(-1);
    config.setConnectionTimeout(3_000);
    try (HikariDataSource refused = new HikariDataSource(config)) {
      assertThatThrownBy(
              () ->
                  JdbcPlaybackKeyStore.builder()
                      .dataSource(refused)
                      .passphrase("x".toCharArray())
                      .build())
          .isInstanceOf(PlaybackKeyStoreException.class)
          .satisfies(
              e ->
                  assertThat(((PlaybackKeyStoreException) e).reason())
                      .isIn(Reason.STORE_ACCESS_DENIED, Reason.STORE_UNAVAILABLE))
          .hasMessageContaining("--db-user");
    }
  }

  @Test
  void build_withABadStoreId_namesTheSetting() {
    assertThatThrownBy(() -> builder("no spaces allowed").build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("storeId")
        .hasMessageContaining("letters, digits");
  }

  @Test
  void build_withoutASecret_namesTheSetting() {
    assertThatThrownBy(() -> JdbcPlaybackKeyStore.builder().dataSource(database().pool()).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("passphrase");
  }

  @Test
  void tables_showNoPrivateKeyToAnAdministrator() throws Exception {
    String id = Databases.freshStoreId("dba");
    PlaybackKeyRecord record = PlaybackKeyStoreContract.record("k1");
    JdbcPlaybackKeyStore store = writtenStore(id, record);
    byte[] secret = record.privateKey(KeyMaterialAccess.forStore(store)).orElseThrow().getEncoded();
    String secretHex = HexFormat.of().formatHex(secret);
    List<String> everything = new ArrayList<>();
    try (Connection c = database().pool().getConnection();
        Statement s = c.createStatement()) {
      for (String table : List.of("ivs_playback_store", "ivs_playback_key", "ivs_playback_lease")) {
        try (ResultSet r = s.executeQuery("SELECT * FROM " + table)) {
          int columns = r.getMetaData().getColumnCount();
          while (r.next()) {
            for (int i = 1; i <= columns; i++) {
              Object v = r.getObject(i);
              if (v instanceof byte[] bytes) {
                everything.add(new String(bytes, StandardCharsets.ISO_8859_1));
                everything.add(HexFormat.of().formatHex(bytes));
              } else if (v != null) {
                everything.add(v.toString());
              }
            }
          }
        }
      }
    }
    String all = String.join("\n", everything);
    assertThat(all).contains(record.fingerprint()); // the admin does see the metadata
    if (all.contains(new String(secret, StandardCharsets.ISO_8859_1)) || all.contains(secretHex)) {
      throw new AssertionError("a table holds the private key in clear (not shown)");
    }
    assertThat(all).doesNotContain("BEGIN PRIVATE KEY").doesNotContain("BEGIN EC PRIVATE KEY");
  }

  @Test
  void read_afterAKeyRowWasEdited_refusesNamingTheTable() throws Exception {
    String id = Databases.freshStoreId("edit");
    writtenStore(id, PlaybackKeyStoreContract.record("k1"));
    update("UPDATE ivs_playback_key SET state = 'ACTIVE' WHERE store_id = ?", id);
    assertThatThrownBy(() -> builder(id).build().read())
        .isInstanceOf(CorruptKeyStoreException.class)
        .hasMessageContaining("ivs_playback_key")
        .hasMessageContaining("GENERATED");
  }

  @Test
  void read_afterTheVersionColumnWasEdited_refuses() throws Exception {
    String id = Databases.freshStoreId("ver");
    writtenStore(id, PlaybackKeyStoreContract.record("k1"));
    update("UPDATE ivs_playback_store SET version = 7 WHERE store_id = ?", id);
    assertThatThrownBy(() -> builder(id).build().read())
        .isInstanceOf(CorruptKeyStoreException.class)
        .hasMessageContaining("edited");
  }

  @Test
  void read_ofAnotherStoresRowCopiedOverAKnownStore_refuses() throws Exception {
    String a = Databases.freshStoreId("copy-a");
    String b = Databases.freshStoreId("copy-b");
    writtenStore(a, PlaybackKeyStoreContract.record("k1"));
    writtenStore(b, PlaybackKeyStoreContract.record("k2"));
    StoredRows.read(database().pool(), a).write(database().pool(), b);
    // This process has used store b: its salt is pinned, so the copy is caught before the MAC.
    assertThatThrownBy(() -> builder(b).build().read())
        .isInstanceOf(CorruptKeyStoreException.class)
        .hasMessageContaining("another store's");
  }

  @Test
  void read_ofAnotherStoresRowCopiedUnderANewId_refusesNamingTheOwner() throws Exception {
    String a = Databases.freshStoreId("copy-a");
    String c = Databases.freshStoreId("copy-c");
    writtenStore(a, PlaybackKeyStoreContract.record("k1"));
    // Store c was never seen by this process; same secret, so the MAC verifies: only the store id
    // bound under the MAC tells the row is a's.
    update(
        "INSERT INTO ivs_playback_store (store_id, version, writes, body, updated_at)"
            + " SELECT ?, version, writes, body, updated_at FROM ivs_playback_store"
            + " WHERE store_id = ?",
        c,
        a);
    update(
        "INSERT INTO ivs_playback_key (store_id, key_id, seq, state, fingerprint, arn)"
            + " SELECT ?, key_id, seq, state, fingerprint, arn FROM ivs_playback_key"
            + " WHERE store_id = ?",
        c,
        a);
    assertThatThrownBy(() -> builder(c).build().read())
        .isInstanceOf(CorruptKeyStoreException.class)
        .hasMessageContaining("belongs to store '" + a + "'");
  }

  @Test
  void storesWithDifferentIds_shareTheTablesWithoutSeeingEachOther() {
    String a = Databases.freshStoreId("share-a");
    String b = Databases.freshStoreId("share-b");
    writtenStore(a, PlaybackKeyStoreContract.record("k1"));
    JdbcPlaybackKeyStore other = builder(b).build();
    assertThat(other.read().keys()).isEmpty();
    assertThat(other.tryAcquireLease("b", Duration.ofMinutes(1))).isPresent();
  }

  @Test
  void toString_andErrors_neverShowAPassword() {
    assertThat(
            dev.ivsplayback.keys.jdbc.internal.JdbcSchema.redactUrl(
                "jdbc:postgresql://u:hunter2@h:5432/db?password=p2"))
        .isEqualTo("jdbc:postgresql://h:5432/db");
    assertThat(builder(Databases.freshStoreId("str")).build().toString())
        .doesNotContain("password")
        .contains(database() == Databases.POSTGRESQL ? "PostgreSQL" : "MariaDB");
  }
}
