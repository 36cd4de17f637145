package dev.ivsplayback.keys.jdbc;

import java.sql.Connection;
import java.sql.Statement;

/** JDBC store behaviour on PostgreSQL. */
class PostgresStoreBehaviourTest extends JdbcStoreBehaviour {
  @Override
  Databases database() {
    return Databases.POSTGRESQL;
  }

  @Override
  String urlWithoutTables() throws Exception {
    String schema = "ivs_empty_" + Long.toHexString(System.nanoTime());
    try (Connection c = database().pool().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    String url = database().url();
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  @Override
  String urlWithUnknownUser() {
    return "jdbc:postgresql://127.0.0.1:5432/test?user=ivs_no_such_user";
  }
}
