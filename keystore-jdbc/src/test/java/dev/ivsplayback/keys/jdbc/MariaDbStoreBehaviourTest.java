package dev.ivsplayback.keys.jdbc;

import java.sql.Connection;
import java.sql.Statement;

/** JDBC store behaviour on MariaDB. */
class MariaDbStoreBehaviourTest extends JdbcStoreBehaviour {
  @Override
  Databases database() {
    return Databases.MARIADB;
  }

  @Override
  String urlWithoutTables() throws Exception {
    String db = "ivs_empty_" + Long.toHexString(System.nanoTime());
    try (Connection c = database().pool().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + db);
    }
    return database().url().replace("/test", "/" + db);
  }

  @Override
  String urlWithUnknownUser() {
    return "jdbc:mariadb://127.0.0.1:3306/test?user=ivs_no_such_user";
  }
}
