package dev.ivsplayback.keys.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JDBC store's schema: learning the database's kind, creating and checking the tables. */
public final class JdbcSchema {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcSchema.class);

  private JdbcSchema() {}

  /**
   * Creates the tables if missing (idempotent).
   *
   * @param dataSource the database
   * @param dialect its dialect
   * @param where the store, for messages
   */
  public static void create(DataSource dataSource, SqlDialect dialect, String where) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      for (String ddl : dialect.schemaStatements()) {
        s.execute(ddl);
      }
    } catch (SQLException e) {
      throw JdbcFailures.map(e, "creating the schema", where);
    }
    LOG.info("{}: schema checked (tables created if missing)", where);
  }

  /**
   * The database's dialect and a name for messages.
   *
   * @param dialect the dialect
   * @param where the name
   */
  public record Target(SqlDialect dialect, String where) {}

  public static Target connectOnce(DataSource dataSource, String what) {
    try (Connection c = dataSource.getConnection()) {
      java.sql.DatabaseMetaData meta = c.getMetaData();
      String product = meta.getDatabaseProductName();
      SqlDialect dialect =
          SqlDialect.forProduct(product)
              .orElseThrow(
                  () ->
                      new dev.ivsplayback.token.InvalidConfigurationException(
                          "dataSource",
                          "is a "
                              + product
                              + " database; the JDBC key store speaks PostgreSQL and"
                              + " MariaDB/MySQL"));
      return new Target(
          dialect, dialect.displayName() + " " + what + " at " + redactUrl(meta.getURL()));
    } catch (SQLException e) {
      throw JdbcFailures.map(e, "connecting", what);
    }
  }

  public static void require(DataSource dataSource, String where) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String table : List.of("ivs_playback_store", "ivs_playback_key", "ivs_playback_lease")) {
        s.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
      }
    } catch (SQLException e) {
      throw JdbcFailures.map(e, "checking the schema", where);
    }
  }

  /**
   * The URL without credentials: a user-info part or query parameters may hold a password.
   *
   * @param url the JDBC URL
   * @return it without them
   */
  public static String redactUrl(String url) {
    if (url == null) {
      return "(unknown URL)";
    }
    String u = url;
    int query = u.indexOf('?');
    if (query >= 0) {
      u = u.substring(0, query);
    }
    int scheme = u.indexOf("//");
    int at = u.indexOf('@', scheme + 2);
    if (scheme >= 0 && at > scheme) {
      u = u.substring(0, scheme + 2) + u.substring(at + 1);
    }
    return u;
  }
}
