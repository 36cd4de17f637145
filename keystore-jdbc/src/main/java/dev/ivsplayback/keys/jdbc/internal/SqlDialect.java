package dev.ivsplayback.keys.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What differs between the databases the JDBC store speaks: the database clock, an insert that
 * keeps an existing row, the schema file, and how a missing table or refused login is reported.
 */
public enum SqlDialect {
  /** PostgreSQL 12 and later. */
  POSTGRESQL(
      "PostgreSQL",
      "schema-postgresql.sql",
      // clock_timestamp(), not now(): now() is the transaction's start, and a lease is judged when
      // the statement runs.
      "CAST(FLOOR(EXTRACT(EPOCH FROM clock_timestamp()) * 1000) AS BIGINT)",
      "INSERT INTO ivs_playback_lease (store_id, owner, acquired_at_ms, expires_at_ms)"
          + " VALUES (?, NULL, 0, 0) ON CONFLICT (store_id) DO NOTHING",
      List.of("42P01"),
      List.of("28P01", "28000")),
  /** MariaDB 10.5 and later, and MySQL 8. */
  MARIADB(
      "MariaDB/MySQL",
      "schema-mariadb.sql",
      // UNIX_TIMESTAMP() and NOW(6) both read the statement's start time; unlike
      // UNIX_TIMESTAMP(NOW(3)) this does not go through the session time zone (ambiguous for an
      // hour a year where it has daylight saving time).
      "(UNIX_TIMESTAMP() * 1000 + FLOOR(MICROSECOND(NOW(6)) / 1000))",
      "INSERT IGNORE INTO ivs_playback_lease (store_id, owner, acquired_at_ms, expires_at_ms)"
          + " VALUES (?, NULL, 0, 0)",
      List.of("42S02"),
      List.of("28000"));

  private final String displayName;
  private final String schemaResource;
  private final String nowMillis;
  private final String insertLeaseIfMissing;
  private final List<String> missingTableStates;
  private final List<String> accessDeniedStates;

  SqlDialect(
      String displayName,
      String schemaResource,
      String nowMillis,
      String insertLeaseIfMissing,
      List<String> missingTableStates,
      List<String> accessDeniedStates) {
    this.displayName = displayName;
    this.schemaResource = schemaResource;
    this.nowMillis = nowMillis;
    this.insertLeaseIfMissing = insertLeaseIfMissing;
    this.missingTableStates = missingTableStates;
    this.accessDeniedStates = accessDeniedStates;
  }

  /**
   * The dialect of a database product, as {@link java.sql.DatabaseMetaData#getDatabaseProductName}
   * names it.
   *
   * @param productName the product name
   * @return the dialect, or empty if the store does not speak it
   */
  public static Optional<SqlDialect> forProduct(String productName) {
    String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
    if (p.contains("postgresql")) {
      return Optional.of(POSTGRESQL);
    }
    if (p.contains("mariadb") || p.contains("mysql")) {
      return Optional.of(MARIADB);
    }
    return Optional.empty();
  }

  /**
   * A name for messages.
   *
   * @return the name
   */
  public String displayName() {
    return displayName;
  }

  /**
   * An SQL expression for the database's current time in milliseconds since the epoch.
   *
   * @return the expression
   */
  public String nowMillis() {
    return nowMillis;
  }

  /**
   * An insert of an empty (expired) lease row for a store id, which leaves an existing row alone.
   *
   * @return the statement, with the store id as its one parameter
   */
  public String insertLeaseIfMissing() {
    return insertLeaseIfMissing;
  }

  /**
   * The schema's resource name, next to {@code JdbcPlaybackKeyStore}.
   *
   * @return the name
   */
  public String schemaResource() {
    return schemaResource;
  }

  /**
   * The schema's statements.
   *
   * @return the DDL statements, without comments
   */
  public List<String> schemaStatements() {
    String path = "/dev/ivsplayback/keys/jdbc/" + schemaResource;
    try (InputStream in = SqlDialect.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      StringBuilder noComments = new StringBuilder();
      for (String line : sql.split("\n")) {
        if (!line.strip().startsWith("--")) {
          noComments.append(line).append('\n');
        }
      }
      return Arrays.stream(noComments.toString().split(";"))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether an SQLState reports a missing table.
   *
   * @param sqlState the state
   * @return true if so
   */
  public boolean isMissingTable(String sqlState) {
    return sqlState != null && missingTableStates.contains(sqlState);
  }

  /**
   * Whether an SQLState reports refused credentials.
   *
   * @param sqlState the state
   * @return true if so
   */
  public boolean isAccessDenied(String sqlState) {
    return sqlState != null && accessDeniedStates.contains(sqlState);
  }
}
