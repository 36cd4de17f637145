package dev.ivsplayback.keys.jdbc;

/** The store contract on MariaDB. */
class MariaDbStoreContractTest extends JdbcStoreContract {
  @Override
  Databases database() {
    return Databases.MARIADB;
  }
}
