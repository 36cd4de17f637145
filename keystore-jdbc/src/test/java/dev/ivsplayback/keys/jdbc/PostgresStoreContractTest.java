package dev.ivsplayback.keys.jdbc;

/** The store contract on PostgreSQL. */
class PostgresStoreContractTest extends JdbcStoreContract {
  @Override
  Databases database() {
    return Databases.POSTGRESQL;
  }
}
