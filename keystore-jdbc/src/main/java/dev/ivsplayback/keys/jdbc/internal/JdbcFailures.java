package dev.ivsplayback.keys.jdbc.internal;

import dev.ivsplayback.keys.PlaybackKeyException.Reason;
import dev.ivsplayback.keys.PlaybackKeyStoreException;
import dev.ivsplayback.keys.StoreConflictException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

/**
 * Turns a failed JDBC call into the store's typed failure, with a message that names the fix. Every
 * failure mapped here happened before a commit was attempted, so nothing was written.
 */
public final class JdbcFailures {
  private JdbcFailures() {}

  /**
   * The typed failure for an {@link SQLException}.
   *
   * @param e the failure
   * @param doing what the store was doing, e.g. "reading"
   * @param where the store, for messages
   * @return the exception to throw
   */
  public static PlaybackKeyStoreException map(SQLException e, String doing, String where) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String detail = " (SQLState " + state + ", " + e.getClass().getSimpleName() + ")";
    if (state.startsWith("28") || e.getErrorCode() == 1045) {
      return new PlaybackKeyStoreException(
          Reason.STORE_ACCESS_DENIED,
          where
              + ": the database refused the credentials while "
              + doing
              + detail
              + ": check the user and password the DataSource is given (the cli takes --db-user"
              + " and --db-password-env VAR) and that the user may use this database",
          e);
    }
    if (state.equals("42P01") || state.equals("42S02") || e.getErrorCode() == 1146) {
      return new PlaybackKeyStoreException(
          Reason.STORE_SCHEMA_MISSING,
          where
              + ": the key store's tables do not exist while "
              + doing
              + detail
              + ": create them with the DDL shipped as dev/ivsplayback/keys/jdbc/schema-*.sql (shown"
              + " in keystore-jdbc's README), or run `ivs-playback store init --store URL`, or build"
              + " the store with createSchemaIfMissing(true)",
          e);
    }
    if (state.startsWith("40")) {
      // Serialization failure or deadlock: the database rolled the transaction back.
      return new StoreConflictException(
          where
              + ": the database rolled back a concurrent transaction while "
              + doing
              + detail
              + "; nothing written, re-read and retry");
    }
    if (!state.startsWith("08") && e instanceof SQLTimeoutException
        || state.equals("57014")
        || state.equals("70100")
        || e.getErrorCode() == 1205) {
      return new PlaybackKeyStoreException(
          Reason.STORE_LOCK_TIMEOUT,
          where
              + ": timed out while "
              + doing
              + detail
              + " (another writer holds the row, or the database is overloaded); nothing written",
          e);
    }
    if (state.startsWith("08")
        || e instanceof SQLRecoverableException
        || e instanceof SQLNonTransientConnectionException
        || e instanceof SQLTransientConnectionException) {
      return new PlaybackKeyStoreException(
          Reason.STORE_UNAVAILABLE,
          where
              + ": the database connection failed while "
              + doing
              + detail
              + ": "
              + e.getMessage()
              + "; nothing written",
          e);
    }
    return new PlaybackKeyStoreException(
        Reason.STORE_IO,
        where + ": database error while " + doing + detail + ": " + e.getMessage(),
        e);
  }
}
