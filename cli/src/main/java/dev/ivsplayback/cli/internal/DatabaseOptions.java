package dev.ivsplayback.cli.internal;

import dev.ivsplayback.cli.CliEnvironment;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Logger;
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
    if (!lower.startsWith("jdbc:postgresql:")
        && !lower.startsWith("jdbc:mariadb:")
        && !lower.startsWith("jdbc:mysql:")) {
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
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (passwordEnv != null) {
      String password = env.variable(passwordEnv);
      if (password == null) {
        throw new BadInputException(
            "--db-password-env " + passwordEnv + ": the environment variable is not set");
      }
      props.setProperty("password", password);
    }
    return new DriverManagerDataSource(url, props);
  }

  static String redacted(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?…";
  }

  /** Connections straight from the driver: the cli makes a handful per run. */
  private record DriverManagerDataSource(String url, Properties props) implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      return DriverManager.getConnection(url, props);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return DriverManager.getConnection(url, username, password);
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }

    @Override
    public String toString() {
      return "DriverManagerDataSource{" + redacted(url) + "}"; // props may hold the password
    }
  }
}
