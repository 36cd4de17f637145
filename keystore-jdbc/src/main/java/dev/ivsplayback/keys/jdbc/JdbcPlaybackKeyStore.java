package dev.ivsplayback.keys.jdbc;

import dev.ivsplayback.keys.CorruptKeyStoreException;
import dev.ivsplayback.keys.FleetTokenLimits;
import dev.ivsplayback.keys.KeyEncryptionParameters;
import dev.ivsplayback.keys.KeyMaterialAccess;
import dev.ivsplayback.keys.PlaybackKeyException.Reason;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.PlaybackKeyStore;
import dev.ivsplayback.keys.PlaybackKeyStoreException;
import dev.ivsplayback.keys.PlaybackKeyStoreSnapshot;
import dev.ivsplayback.keys.StoreConflictException;
import dev.ivsplayback.keys.StoreLease;
import dev.ivsplayback.keys.internal.AesKeyProtector;
import dev.ivsplayback.keys.internal.PassphraseProtector;
import dev.ivsplayback.keys.internal.SealedStore;
import dev.ivsplayback.keys.internal.StoreHistory;
import dev.ivsplayback.keys.internal.StoreKeys;
import dev.ivsplayback.keys.internal.StoreRules;
import dev.ivsplayback.keys.jdbc.internal.JdbcFailures;
import dev.ivsplayback.keys.jdbc.internal.JdbcSchema;
import dev.ivsplayback.keys.jdbc.internal.SqlDialect;
import dev.ivsplayback.keys.jdbc.internal.StoreRowCodec;
import dev.ivsplayback.keys.jdbc.internal.StoreTables;
import dev.ivsplayback.keys.jdbc.internal.StoreTables.KeyRow;
import dev.ivsplayback.keys.jdbc.internal.StoreTables.LeaseRow;
import dev.ivsplayback.keys.jdbc.internal.StoreTables.StoreRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PlaybackKeyStore} in a relational database (PostgreSQL, or MariaDB/MySQL), for a fleet
 * of key managers on several hosts. It works on the caller's {@link DataSource}: no driver or pool
 * is forced on the application.
 *
 * <pre>{@code
 * JdbcPlaybackKeyStore store = JdbcPlaybackKeyStore.builder()
 *     .dataSource(dataSource)                    // e.g. a HikariDataSource
 *     .storeId("prod-us-west-2")                 // many stores can share the tables
 *     .passphrase(System.getenv("KEYSTORE_PASSPHRASE").toCharArray())
 *     .build();
 * }</pre>
 *
 * <p>Three tables (DDL in {@code dev/ivsplayback/keys/jdbc/schema-postgresql.sql} and {@code
 * schema-mariadb.sql}; {@link Builder#createSchemaIfMissing} runs it): {@code ivs_playback_store},
 * one row per store id holding the whole store in the authenticated format of {@code
 * FileSystemPlaybackKeyStore} (HMAC-SHA256 under a key derived from the store's secret; private
 * keys encrypted and bound to their record; the store id bound under the MAC); {@code
 * ivs_playback_key}, one row per key record for operators (state, fingerprint, ARN; never a private
 * key), checked against the store row on every read; {@code ivs_playback_lease}, the writer lease,
 * judged by the database's clock, never a host's.
 *
 * <p>A database administrator reading the tables sees no private key; one editing them (a body, a
 * key row, the version column, another store's body copied in) is detected: the read fails with
 * {@link CorruptKeyStoreException} and nothing is loaded. A copy of an older row put back while a
 * process runs is refused as a rollback (a process that starts after that cannot tell).
 *
 * <p>Each write is one transaction: lock the lease row, lock the store row, check the version and
 * the lease holder at the database's time, verify the current row, write the store and key rows,
 * commit. Failures are typed {@link PlaybackKeyStoreException}s and nothing is written; a commit
 * whose outcome the connection did not report is settled by re-reading the row ({@code
 * STORE_OUTCOME_UNKNOWN} only if that re-read fails too). Reads take one repeatable-read
 * transaction, so a snapshot is never partly old and partly new.
 *
 * <p>Thread-safe; every call borrows a connection from the data source and returns it.
 */
public final class JdbcPlaybackKeyStore implements PlaybackKeyStore, AutoCloseable {
  /** The longest store id, in characters. */
  public static final int MAX_STORE_ID_LENGTH = 128;

  private static final Logger LOG = LoggerFactory.getLogger(JdbcPlaybackKeyStore.class);

  private final DataSource dataSource;
  private final String storeId;
  private final SqlDialect dialect;
  private final StoreTables tables;
  private final SealedStore sealedStore;
  private final StoreHistory history;
  private final StoreRowCodec rowCodec;
  private final String where;
  private volatile boolean closed;

  private JdbcPlaybackKeyStore(Builder b, char[] passphrase, SqlDialect dialect, String where) {
    this.dataSource = b.dataSource;
    this.storeId = b.storeId;
    this.dialect = dialect;
    this.where = where;
    this.tables = new StoreTables(dialect, storeId, (int) b.statementTimeout.toSeconds());
    this.sealedStore =
        new SealedStore(
            passphrase != null
                ? new PassphraseProtector(passphrase, b.encryptionParameters)
                : new AesKeyProtector(b.encryptionKey),
            KeyMaterialAccess.forStore(this));
    this.history = StoreHistory.of(where);
    this.rowCodec = new StoreRowCodec(sealedStore, history, storeId, where);
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The store id.
   *
   * @return the id
   */
  public String storeId() {
    return storeId;
  }

  /**
   * The database's kind, as this store speaks it.
   *
   * @return e.g. "PostgreSQL" or "MariaDB/MySQL"
   */
  public String databaseKind() {
    return dialect.displayName();
  }

  /**
   * The DDL for a database kind, as shipped; for teams that run their own migrations.
   *
   * @param databaseProductName {@code "PostgreSQL"}, {@code "MariaDB"} or {@code "MySQL"}
   * @return the statements
   * @throws IllegalArgumentException for any other database
   */
  public static List<String> schemaStatements(String databaseProductName) {
    return SqlDialect.forProduct(databaseProductName)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no schema for database " + databaseProductName + " (PostgreSQL or MariaDB)"))
        .schemaStatements();
  }

  /**
   * Creates the tables on a database if they do not exist (idempotent); needs no secret, as no key
   * is written. The {@code ivs-playback store init} command calls it.
   *
   * @param dataSource the database
   * @return the database's kind, e.g. "PostgreSQL"
   * @throws PlaybackKeyStoreException if the database cannot be reached or refuses
   * @throws dev.ivsplayback.token.InvalidConfigurationException if it is neither PostgreSQL nor
   *     MariaDB/MySQL
   */
  public static String createSchema(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    JdbcSchema.Target target = JdbcSchema.connectOnce(dataSource, "JDBC key store schema");
    JdbcSchema.create(dataSource, target.dialect(), target.where());
    return target.dialect().displayName();
  }

  @Override
  public PlaybackKeyStoreSnapshot read() {
    requireOpen();
    StoreHistory.Seen floor = history.seen();
    StoreRowCodec.Loaded loaded;
    try (Connection c = connect("reading")) {
      loaded = readConsistent(c);
    } catch (SQLException e) {
      throw JdbcFailures.map(e, "reading", where);
    }
    rowCodec.accept(loaded, floor);
    return loaded.snapshot();
  }

  @Override
  public PlaybackKeyStoreSnapshot write(
      long expectedVersion, List<PlaybackKeyRecord> keys, String leaseOwner) {
    return write(expectedVersion, keys, null, leaseOwner);
  }

  @Override
  public PlaybackKeyStoreSnapshot write(
      long expectedVersion,
      List<PlaybackKeyRecord> keys,
      FleetTokenLimits tokenLimits,
      String leaseOwner) {
    requireOpen();
    Objects.requireNonNull(keys, "keys");
    StoreRules.checkOwner(leaseOwner);
    StoreRules.checkRecords(keys, where);
    StoreHistory.Seen floor = history.seen();
    Connection c = connect("writing");
    StoreRow written;
    PlaybackKeyStoreSnapshot next;
    StoreKeys storeKeys;
    try {
      c.setAutoCommit(false);
      tables.ensureLeaseRow(c);
      LeaseRow lease = tables.lease(c, true);
      Optional<StoreRow> row = tables.store(c, true);
      StoreRowCodec.Loaded current = rowCodec.open(row, lease.lease());
      rowCodec.accept(current, floor);
      StoreRules.checkWrite(current.snapshot(), expectedVersion, leaseOwner, lease.now(), where);
      next =
          new PlaybackKeyStoreSnapshot(
              expectedVersion + 1,
              keys,
              current.snapshot().lease(),
              tokenLimits == null ? current.snapshot().tokenLimits() : Optional.of(tokenLimits));
      storeKeys = current.keys() != null ? current.keys() : sealedStore.newStoreKeys(where);
      long writes = current.writes() + 1;
      byte[] body =
          sealedStore.seal(next.withLease(Optional.empty()), writes, storeKeys, storeId, where);
      rowCodec.requireBodySize(body.length, "write");
      written = new StoreRow(next.version(), writes, body);
      if (!tables.putStore(c, row, written)) {
        throw new StoreConflictException(
            where + ": the store row changed under its lock; nothing written, re-read and retry");
      }
      tables.putKeys(c, keys.stream().map(KeyRow::of).toList());
    } catch (SQLException e) {
      rollbackAndClose(c);
      if (isUniqueViolation(e)) {
        throw new StoreConflictException(
            where + ": another writer created the store at the same time; re-read and retry");
      }
      throw JdbcFailures.map(e, "writing", where);
    } catch (RuntimeException e) {
      rollbackAndClose(c);
      throw e;
    }
    commit(c, written);
    history.record(new StoreHistory.Seen(written.version(), written.writes()), storeKeys.kdf());
    return next;
  }

  @Override
  public Optional<StoreLease> tryAcquireLease(String owner, Duration duration) {
    requireOpen();
    StoreRules.checkOwner(owner);
    Connection c = connect("taking the lease");
    Optional<StoreLease> next;
    try {
      c.setAutoCommit(false);
      tables.ensureLeaseRow(c);
      LeaseRow current = tables.lease(c, true);
      next = StoreRules.nextLease(current.lease(), owner, duration, current.now());
      if (next.isPresent()) {
        tables.setLease(c, next);
      }
      c.commit();
    } catch (SQLException e) {
      // A lease granted by a commit whose reply was lost is harmless: it is renewed by this owner's
      // next call, or expires.
      rollbackAndClose(c);
      throw JdbcFailures.map(e, "taking the lease", where);
    } catch (RuntimeException e) {
      rollbackAndClose(c);
      throw e;
    }
    closeQuietly(c);
    return next;
  }

  @Override
  public void releaseLease(String owner) {
    requireOpen();
    try (Connection c = connect("releasing the lease")) {
      c.setAutoCommit(true);
      tables.releaseLease(c, owner);
    } catch (SQLException e) {
      throw JdbcFailures.map(e, "releasing the lease", where);
    }
  }

  /**
   * Overwrites this instance's copy of the passphrase or encryption key and the keys derived from
   * it, and forgets cached private keys. The data source is the caller's and stays open.
   */
  @Override
  public void close() {
    closed = true;
    sealedStore.destroy();
  }

  // The rows of one consistent read.
  private record Rows(Optional<StoreRow> store, LeaseRow lease, List<KeyRow> keys) {}

  private StoreRowCodec.Loaded readConsistent(Connection c) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    int isolation = c.getTransactionIsolation();
    Rows rows;
    // One repeatable-read transaction: the store, lease and key rows are one snapshot.
    c.setAutoCommit(false);
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    try {
      Optional<Long> length = tables.bodyLength(c);
      if (length.isPresent()) {
        rowCodec.requireBodySize(length.get(), "read");
      }
      rows = new Rows(tables.store(c, false), tables.lease(c, false), tables.keys(c));
      c.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    } finally {
      try {
        // Hand the connection back as it came (a pool may not reset it).
        c.setTransactionIsolation(isolation);
        c.setAutoCommit(autoCommit);
      } catch (SQLException restore) {
        LOG.debug("restoring a connection's settings failed (it is likely gone)", restore);
      }
    }
    StoreRowCodec.Loaded loaded = rowCodec.open(rows.store(), rows.lease().lease());
    rowCodec.requireKeyRowsMatch(loaded.snapshot(), rows.keys());
    return loaded;
  }

  private void commit(Connection c, StoreRow written) {
    SQLException failure;
    try {
      c.commit();
      closeQuietly(c);
      return;
    } catch (SQLException e) {
      failure = e;
      closeQuietly(c);
    }
    // The commit's reply is lost: it may have been applied. Settle it by re-reading, never guess.
    Optional<StoreRow> after;
    try (Connection again = connect("settling a failed commit")) {
      again.setAutoCommit(true);
      after = tables.store(again, false);
    } catch (SQLException | RuntimeException e) {
      PlaybackKeyStoreException unknown =
          new PlaybackKeyStoreException(
              Reason.STORE_OUTCOME_UNKNOWN,
              where
                  + ": committing version "
                  + written.version()
                  + " failed ("
                  + failure.getMessage()
                  + ") and re-reading the store to settle it failed too: the write may or may not"
                  + " have happened; the next read tells",
              failure);
      unknown.addSuppressed(e);
      throw unknown;
    }
    if (after.isPresent() && Arrays.equals(after.get().body(), written.body())) {
      LOG.info(
          "{}: the commit of version {} reported a failure ({}), but re-reading shows it was"
              + " applied",
          where,
          written.version(),
          failure.getClass().getSimpleName());
      return;
    }
    if (after.isPresent() && after.get().version() > written.version()) {
      throw new PlaybackKeyStoreException(
          Reason.STORE_OUTCOME_UNKNOWN,
          where
              + ": committing version "
              + written.version()
              + " failed and the store has since moved on to version "
              + after.get().version()
              + "; re-read it",
          failure);
    }
    throw JdbcFailures.map(failure, "committing (re-read: not applied)", where);
  }

  private Connection connect(String doing) {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw JdbcFailures.map(e, doing, where);
    }
  }

  private static boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState()) || e.getErrorCode() == 1062;
  }

  private static void rollbackAndClose(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      LOG.debug("rollback failed (the connection is likely gone; nothing was committed)", e);
    }
    closeQuietly(c);
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      LOG.debug("closing a connection failed", e);
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new PlaybackKeyStoreException(
          where + " is closed (its secret was erased); build a new one");
    }
  }

  @Override
  public String toString() {
    return "JdbcPlaybackKeyStore{" + where + "}";
  }

  /**
   * Builder for {@link JdbcPlaybackKeyStore}; not thread-safe. {@link #build()} validates every
   * setting and never changes the builder.
   */
  public static final class Builder {
    private static final java.util.regex.Pattern STORE_ID =
        java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_STORE_ID_LENGTH + "}");

    private DataSource dataSource;
    private String storeId = "default";
    private char[] passphrase;
    private javax.crypto.SecretKey encryptionKey;
    private KeyEncryptionParameters encryptionParameters = KeyEncryptionParameters.strong();
    private boolean createSchemaIfMissing;
    private Duration statementTimeout = Duration.ofSeconds(5);

    private Builder() {}

    /**
     * The data source (required): the caller's pool, with its driver on the class path.
     *
     * @param dataSource the data source
     * @return this
     */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    /**
     * Which store in the tables (default {@code "default"}): letters, digits, {@code . _ : -}, at
     * most {@value JdbcPlaybackKeyStore#MAX_STORE_ID_LENGTH} characters. Managers sharing a store
     * id are one fleet.
     *
     * @param storeId the id
     * @return this
     */
    public Builder storeId(String storeId) {
      this.storeId = storeId;
      return this;
    }

    /**
     * Encrypt private keys as PKCS#8 under this passphrase (copied here and again by the store;
     * {@link JdbcPlaybackKeyStore#close()} overwrites the store's copy, {@link #clearSecrets()}
     * this one).
     *
     * @param passphrase the passphrase
     * @return this
     */
    public Builder passphrase(char[] passphrase) {
      this.passphrase = passphrase == null ? null : passphrase.clone();
      return this;
    }

    /**
     * Encrypt private keys with AES-256-GCM under this key instead of a passphrase.
     *
     * @param key a 256-bit AES key
     * @return this
     */
    public Builder encryptionKey(javax.crypto.SecretKey key) {
      this.encryptionKey = key;
      return this;
    }

    /**
     * scrypt cost for passphrase encryption; default {@link KeyEncryptionParameters#strong()}.
     * Lower it only in tests.
     *
     * @param parameters the cost
     * @return this
     */
    public Builder encryptionParameters(KeyEncryptionParameters parameters) {
      this.encryptionParameters = parameters;
      return this;
    }

    /**
     * Whether {@link #build()} creates the tables if they are missing (default false: teams that
     * run their own migrations apply the shipped DDL).
     *
     * @param create true to create them
     * @return this
     */
    public Builder createSchemaIfMissing(boolean create) {
      this.createSchemaIfMissing = create;
      return this;
    }

    /**
     * Each statement's timeout (default 5 s; whole seconds, 1 s to 5 min): a statement waiting
     * longer for a lock or a slow database fails with {@code STORE_LOCK_TIMEOUT}, nothing written.
     *
     * @param timeout the timeout
     * @return this
     */
    public Builder statementTimeout(Duration timeout) {
      this.statementTimeout = timeout;
      return this;
    }

    /** Overwrites this builder's copy of the passphrase. */
    public void clearSecrets() {
      if (passphrase != null) {
        Arrays.fill(passphrase, '\0');
        passphrase = null;
      }
    }

    /**
     * Validates, connects once to learn the database's kind (and that the credentials work),
     * creates the schema if asked, else checks that it exists, and builds the store.
     *
     * @return the store
     * @throws dev.ivsplayback.token.InvalidConfigurationException if a setting is invalid
     * @throws PlaybackKeyStoreException if the database cannot be reached, refuses the credentials
     *     ({@code STORE_ACCESS_DENIED}), or lacks the tables ({@code STORE_SCHEMA_MISSING})
     */
    public JdbcPlaybackKeyStore build() {
      if (dataSource == null) {
        throw new dev.ivsplayback.token.InvalidConfigurationException("dataSource", "is required");
      }
      if (storeId == null || !STORE_ID.matcher(storeId).matches()) {
        throw new dev.ivsplayback.token.InvalidConfigurationException(
            "storeId",
            "must be 1 to "
                + MAX_STORE_ID_LENGTH
                + " letters, digits or . _ : -, was "
                + (storeId == null ? "null" : "'" + storeId + "'"));
      }
      if ((passphrase == null) == (encryptionKey == null)) {
        throw new dev.ivsplayback.token.InvalidConfigurationException(
            "passphrase",
            "give exactly one of passphrase(...) or encryptionKey(...): private keys are always"
                + " encrypted at rest");
      }
      if (passphrase != null && passphrase.length == 0) {
        throw new dev.ivsplayback.token.InvalidConfigurationException(
            "passphrase", "must not be empty");
      }
      if (encryptionParameters == null) {
        throw new dev.ivsplayback.token.InvalidConfigurationException(
            "encryptionParameters", "is required");
      }
      if (statementTimeout == null
          || statementTimeout.compareTo(Duration.ofSeconds(1)) < 0
          || statementTimeout.compareTo(Duration.ofMinutes(5)) > 0
          || statementTimeout.toMillis() % 1000 != 0) {
        throw new dev.ivsplayback.token.InvalidConfigurationException(
            "statementTimeout",
            "must be whole seconds from 1 s to 5 min (JDBC query timeouts are in seconds), was "
                + statementTimeout);
      }
      if (encryptionKey != null) {
        new AesKeyProtector(encryptionKey).destroy(); // validates the key before connecting
      }
      JdbcSchema.Target target =
          JdbcSchema.connectOnce(dataSource, "JDBC key store '" + storeId + "'");
      SqlDialect dialect = target.dialect();
      String where =
          target.where().replace("JDBC key store '" + storeId + "'", "key store '" + storeId + "'");
      if (createSchemaIfMissing) {
        JdbcSchema.create(dataSource, dialect, where);
      } else {
        JdbcSchema.require(dataSource, where);
      }
      return new JdbcPlaybackKeyStore(this, passphrase, dialect, where);
    }
  }
}
