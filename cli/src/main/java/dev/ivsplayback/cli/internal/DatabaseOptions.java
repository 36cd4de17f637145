package dev.ivsplayback.cli.internal;

import dev.ivsplayback.cli.CliEnvironment;
import java.util.Locale;
import javax.sql.DataSource;
import picocli.CommandLine.Option;

/**
 * Options for a key store in a database ({@code --store jdbc:postgresql://…} or {@code
 * jdbc:mariadb://…}): the user, the password from an environment variable (never on the command
 * line), and the store id.
 */
final class DatabaseOptions {
  @Option(
      names = "--db-user",
      paramLabel = "USER",
      description = "With a jdbc: --store: the database user (or give it in the URL).")
  String user;

  @Option(
      names = "--db-password-env",
      paramLabel = "VAR",
      description =
          "With a jdbc: --store: the environment variable holding the database password (a"
              + " password is never taken from the command line).")
  String passwordEnv;

  @Option(
      names = "--store-id",
      paramLabel = "ID",
      description = "With a jdbc: --store: which store in the tables (default: default).")
  String storeId = "default";

  /** Whether the --store value names a database. */
  static boolean isDatabase(String store) {
    return store.regionMatches(true, 0, "jdbc:", 0, 5);
  }

  /** A data source on the URL with these credentials; one connection per call (no pool). */
  DataSource dataSource(String url, CliEnvironment env) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("jdbc:postgresql:") && !lower.startsWith("jdbc:mariadb:")) {
      throw new BadInputException(
          "--store: a database URL must start with jdbc:postgresql:// or jdbc:mariadb:// (was "
              + redacted(url)
              + ")");
    }
    if (lower.contains("password=")) {
      throw new BadInputException(
          "--store: the URL holds a password; command lines are visible to other users: give it"
              + " with --db-password-env VAR instead");
    }
    String password = null;
    if (passwordEnv != null) {
      password = env.variable(passwordEnv);
      if (password == null) {
        throw new BadInputException(
            "--db-password-env " + passwordEnv + ": the environment variable is not set");
      }
    }
    // The drivers' own non-pooling data sources: the cli makes a handful of connections per run.
    try {
      if (lower.startsWith("jdbc:postgresql:")) {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL(url);
        if (user != null) {
          ds.setUser(user);
        }
        if (password != null) {
          ds.setPassword(password);
        }
        return ds;
      }
      org.mariadb.jdbc.MariaDbDataSource ds = new org.mariadb.jdbc.MariaDbDataSource(url);
      if (user != null) {
        ds.setUser(user);
      }
      if (password != null) {
        ds.setPassword(password);
      }
      return ds;
    } catch (java.sql.SQLException | IllegalArgumentException e) {
      throw new BadInputException(
          "--store " + redacted(url) + ": not a valid JDBC URL (" + e.getMessage() + ")");
    }
  }

  static String redacted(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?…";
  }
}
