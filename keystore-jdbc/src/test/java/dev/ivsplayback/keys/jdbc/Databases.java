package dev.ivsplayback.keys.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The real databases the tests run on: PostgreSQL and MariaDB on this machine, or the servers the
 * environment names ({@code IVS_PLAYBACK_TEST_POSTGRESQL_URL}, {@code
 * IVS_PLAYBACK_TEST_MARIADB_URL}, JDBC URLs with credentials). A database that does not answer
 * fails the test with the fix; it is never skipped.
 */
public enum Databases {
  /** PostgreSQL 15 on 127.0.0.1:5432, trust auth, database test. */
  POSTGRESQL(
      "IVS_PLAYBACK_TEST_POSTGRESQL_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"),
  /** MariaDB 10.11 on 127.0.0.1:3306, root without a password, database test. */
  MARIADB("IVS_PLAYBACK_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test?user=root");

  private final String variable;
  private final String defaultUrl;
  private HikariDataSource pool;

  Databases(String variable, String defaultUrl) {
    this.variable = variable;
    this.defaultUrl = defaultUrl;
  }

  /**
   * The JDBC URL.
   *
   * @return the URL (from the environment, or the local default)
   */
  public String url() {
    String u = System.getenv(variable);
    return u == null || u.isBlank() ? defaultUrl : u;
  }

  /**
   * A shared pool on the database, checked to answer.
   *
   * @return the pool
   */
  public synchronized HikariDataSource pool() {
    if (pool == null) {
      pool = newPool(url(), 12);
    }
    return pool;
  }

  /**
   * A new pool on a URL.
   *
   * @param url the JDBC URL
   * @param size its maximum size
   * @return the pool, checked to answer
   */
  public HikariDataSource newPool(String url, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(5_000);
    config.setInitializationFailTimeout(-1);
    HikariDataSource ds = new HikariDataSource(config);
    try (Connection c = ds.getConnection()) {
      c.isValid(5);
    } catch (SQLException e) {
      ds.close();
      throw new IllegalStateException(
          name()
              + " does not answer at "
              + dev.ivsplayback.keys.jdbc.internal.JdbcSchema.redactUrl(url)
              + " ("
              + e.getMessage()
              + "). Start it (see keystore-jdbc/README.md: scripts/start-databases.sh), or set "
              + variable
              + " to a server's JDBC URL",
          e);
    }
    return ds;
  }

  /**
   * URL parameters that bound connecting and each socket read. The drivers differ in units:
   * PostgreSQL's {@code connectTimeout}/{@code socketTimeout} are seconds, MariaDB Connector/J's
   * are milliseconds.
   *
   * @param connectSeconds the connection timeout
   * @param socketSeconds the read timeout
   * @return the parameters, starting with {@code &}
   */
  public String timeoutParameters(int connectSeconds, int socketSeconds) {
    int unit = this == POSTGRESQL ? 1 : 1000;
    return "&connectTimeout=" + connectSeconds * unit + "&socketTimeout=" + socketSeconds * unit;
  }

  /**
   * A store id no other test uses.
   *
   * @param prefix what the test is
   * @return the id
   */
  public static String freshStoreId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
  }
}
