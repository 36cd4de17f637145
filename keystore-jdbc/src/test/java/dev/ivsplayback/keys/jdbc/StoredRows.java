package dev.ivsplayback.keys.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A store's rows as a database administrator sees and edits them, behind the store's back.
 *
 * @param version the version column
 * @param writes the writes column
 * @param body the body column
 * @param keyRows the key rows: key id, seq, state, fingerprint, arn
 */
record StoredRows(long version, long writes, byte[] body, List<List<Object>> keyRows) {

  static StoredRows read(DataSource ds, String storeId) throws SQLException {
    try (Connection c = ds.getConnection()) {
      long version;
      long writes;
      byte[] body;
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT version, writes, body FROM ivs_playback_store WHERE store_id = ?")) {
        s.setString(1, storeId);
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            throw new IllegalStateException("no store row for " + storeId);
          }
          version = r.getLong(1);
          writes = r.getLong(2);
          body = r.getBytes(3);
        }
      }
      List<List<Object>> keys = new ArrayList<>();
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT key_id, seq, state, fingerprint, arn FROM ivs_playback_key"
                  + " WHERE store_id = ? ORDER BY seq")) {
        s.setString(1, storeId);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            List<Object> row = new ArrayList<>();
            row.add(r.getString(1));
            row.add(r.getInt(2));
            row.add(r.getString(3));
            row.add(r.getString(4));
            row.add(r.getString(5));
            keys.add(row);
          }
        }
      }
      return new StoredRows(version, writes, body, keys);
    }
  }

  void write(DataSource ds, String storeId) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement s =
          c.prepareStatement(
              "UPDATE ivs_playback_store SET version = ?, writes = ?, body = ? WHERE store_id = ?")) {
        s.setLong(1, version);
        s.setLong(2, writes);
        s.setBytes(3, body);
        s.setString(4, storeId);
        s.executeUpdate();
      }
      try (PreparedStatement s =
          c.prepareStatement("DELETE FROM ivs_playback_key WHERE store_id = ?")) {
        s.setString(1, storeId);
        s.executeUpdate();
      }
      for (List<Object> row : keyRows) {
        try (PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO ivs_playback_key (store_id, key_id, seq, state, fingerprint, arn)"
                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
          s.setString(1, storeId);
          s.setString(2, (String) row.get(0));
          s.setInt(3, (Integer) row.get(1));
          s.setString(4, (String) row.get(2));
          s.setString(5, (String) row.get(3));
          s.setString(6, (String) row.get(4));
          s.executeUpdate();
        }
      }
      c.commit();
    }
  }
}
