package dev.ivsplayback.keys.jdbc.internal;

import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.StoreLease;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The statements of the JDBC store, on one store id. Each method runs on the caller's connection
 * and transaction; none commits.
 */
public final class StoreTables {
  private final SqlDialect dialect;
  private final String storeId;
  private final int timeoutSeconds;

  /**
   * The store row.
   *
   * @param version the version column
   * @param writes the writes column
   * @param body the authenticated store bytes
   */
  public record StoreRow(long version, long writes, byte[] body) {}

  /**
   * The lease row and the database's time when it was read.
   *
   * @param lease the lease, empty if there is none or it was released
   * @param now the database's clock
   */
  public record LeaseRow(Optional<StoreLease> lease, Instant now) {}

  /**
   * A key row: what operators see of a record.
   *
   * @param keyId the key id
   * @param state the state's name
   * @param fingerprint the fingerprint
   * @param arn the ARN or null
   */
  public record KeyRow(String keyId, String state, String fingerprint, String arn) {
    /**
     * The row a record is written as.
     *
     * @param r the record
     * @return the row
     */
    public static KeyRow of(PlaybackKeyRecord r) {
      return new KeyRow(r.keyId(), r.state().name(), r.fingerprint(), r.arn().orElse(null));
    }
  }

  /**
   * Statements for one store.
   *
   * @param dialect the database's dialect
   * @param storeId the store id
   * @param timeoutSeconds each statement's timeout
   */
  public StoreTables(SqlDialect dialect, String storeId, int timeoutSeconds) {
    this.dialect = dialect;
    this.storeId = storeId;
    this.timeoutSeconds = timeoutSeconds;
  }

  /**
   * Reads the store row.
   *
   * @param c the connection
   * @param forUpdate whether to lock it until the transaction ends
   * @return the row, empty for a store never written
   * @throws SQLException on failure
   */
  public Optional<StoreRow> store(Connection c, boolean forUpdate) throws SQLException {
    try (PreparedStatement s =
        prepare(
            c,
            "SELECT version, writes, body FROM ivs_playback_store WHERE store_id = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
      s.setString(1, storeId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(new StoreRow(r.getLong(1), r.getLong(2), r.getBytes(3)));
      }
    }
  }

  /**
   * The size of the stored body, read without reading the body.
   *
   * @param c the connection
   * @return its length in bytes, or empty for no row
   * @throws SQLException on failure
   */
  public Optional<Long> bodyLength(Connection c) throws SQLException {
    try (PreparedStatement s =
        prepare(c, "SELECT OCTET_LENGTH(body) FROM ivs_playback_store WHERE store_id = ?")) {
      s.setString(1, storeId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
      }
    }
  }

  /**
   * Reads the lease row and the database's clock.
   *
   * @param c the connection
   * @param forUpdate whether to lock the row until the transaction ends (it must exist: see {@link
   *     #ensureLeaseRow})
   * @return the lease and the time
   * @throws SQLException on failure
   */
  public LeaseRow lease(Connection c, boolean forUpdate) throws SQLException {
    try (PreparedStatement s =
        prepare(
            c,
            "SELECT owner, acquired_at_ms, expires_at_ms, "
                + dialect.nowMillis()
                + " FROM ivs_playback_lease WHERE store_id = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
      s.setString(1, storeId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return new LeaseRow(Optional.empty(), now(c));
        }
        String owner = r.getString(1);
        Optional<StoreLease> lease =
            owner == null
                ? Optional.empty()
                : Optional.of(
                    new StoreLease(
                        owner,
                        Instant.ofEpochMilli(r.getLong(2)),
                        Instant.ofEpochMilli(r.getLong(3))));
        return new LeaseRow(lease, Instant.ofEpochMilli(r.getLong(4)));
      }
    }
  }

  /**
   * Creates an empty lease row for the store if there is none, so it can be locked.
   *
   * @param c the connection
   * @throws SQLException on failure
   */
  public void ensureLeaseRow(Connection c) throws SQLException {
    try (PreparedStatement s = prepare(c, dialect.insertLeaseIfMissing())) {
      s.setString(1, storeId);
      s.executeUpdate();
    }
  }

  /**
   * Writes the lease row.
   *
   * @param c the connection
   * @param lease the lease, or empty to release it
   * @throws SQLException on failure
   */
  public void setLease(Connection c, Optional<StoreLease> lease) throws SQLException {
    try (PreparedStatement s =
        prepare(
            c,
            "UPDATE ivs_playback_lease SET owner = ?, acquired_at_ms = ?, expires_at_ms = ?"
                + " WHERE store_id = ?")) {
      s.setString(1, lease.map(StoreLease::owner).orElse(null));
      s.setLong(2, lease.map(l -> l.acquiredAt().toEpochMilli()).orElse(0L));
      s.setLong(3, lease.map(l -> l.expiresAt().toEpochMilli()).orElse(0L));
      s.setString(4, storeId);
      s.executeUpdate();
    }
  }

  /**
   * Releases the lease if {@code owner} holds it, in one statement.
   *
   * @param c the connection
   * @param owner the owner
   * @throws SQLException on failure
   */
  public void releaseLease(Connection c, String owner) throws SQLException {
    try (PreparedStatement s =
        prepare(
            c,
            "UPDATE ivs_playback_lease SET owner = NULL, acquired_at_ms = 0, expires_at_ms = 0"
                + " WHERE store_id = ? AND owner = ?")) {
      s.setString(1, storeId);
      s.setString(2, owner);
      s.executeUpdate();
    }
  }

  /**
   * Replaces the store row (or creates it), only if it is still at {@code previous}.
   *
   * @param c the connection
   * @param previous the row read under lock, or empty for a new store
   * @param next the new row
   * @return whether exactly one row was written
   * @throws SQLException on failure (a concurrent creation fails with a unique violation)
   */
  public boolean putStore(Connection c, Optional<StoreRow> previous, StoreRow next)
      throws SQLException {
    if (previous.isEmpty()) {
      try (PreparedStatement s =
          prepare(
              c,
              "INSERT INTO ivs_playback_store (store_id, version, writes, body, updated_at)"
                  + " VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
        s.setString(1, storeId);
        s.setLong(2, next.version());
        s.setLong(3, next.writes());
        s.setBytes(4, next.body());
        return s.executeUpdate() == 1;
      }
    }
    try (PreparedStatement s =
        prepare(
            c,
            "UPDATE ivs_playback_store SET version = ?, writes = ?, body = ?,"
                + " updated_at = CURRENT_TIMESTAMP"
                + " WHERE store_id = ? AND version = ? AND writes = ?")) {
      s.setLong(1, next.version());
      s.setLong(2, next.writes());
      s.setBytes(3, next.body());
      s.setString(4, storeId);
      s.setLong(5, previous.get().version());
      s.setLong(6, previous.get().writes());
      return s.executeUpdate() == 1;
    }
  }

  /**
   * Reads the key rows in order.
   *
   * @param c the connection
   * @return the rows
   * @throws SQLException on failure
   */
  public List<KeyRow> keys(Connection c) throws SQLException {
    try (PreparedStatement s =
        prepare(
            c,
            "SELECT key_id, state, fingerprint, arn FROM ivs_playback_key WHERE store_id = ?"
                + " ORDER BY seq")) {
      s.setString(1, storeId);
      List<KeyRow> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(new KeyRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
        }
      }
      return rows;
    }
  }

  /**
   * Replaces the key rows.
   *
   * @param c the connection
   * @param rows the new rows, in order
   * @throws SQLException on failure
   */
  public void putKeys(Connection c, List<KeyRow> rows) throws SQLException {
    try (PreparedStatement s = prepare(c, "DELETE FROM ivs_playback_key WHERE store_id = ?")) {
      s.setString(1, storeId);
      s.executeUpdate();
    }
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        prepare(
            c,
            "INSERT INTO ivs_playback_key (store_id, key_id, seq, state, fingerprint, arn)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      int seq = 0;
      for (KeyRow row : rows) {
        s.setString(1, storeId);
        s.setString(2, row.keyId());
        s.setInt(3, seq++);
        s.setString(4, row.state());
        s.setString(5, row.fingerprint());
        s.setString(6, row.arn());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private Instant now(Connection c) throws SQLException {
    try (PreparedStatement s = prepare(c, "SELECT " + dialect.nowMillis())) {
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return Instant.ofEpochMilli(r.getLong(1));
      }
    }
  }

  private PreparedStatement prepare(Connection c, String sql) throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    s.setQueryTimeout(timeoutSeconds);
    return s;
  }
}
