package dev.ivsplayback.spring.internal;

import dev.ivsplayback.keys.PlaybackKeyStore;
import dev.ivsplayback.keys.jdbc.JdbcPlaybackKeyStore;
import javax.sql.DataSource;

/**
 * Builds the JDBC key store. Kept apart so the starter loads no keystore-jdbc class unless {@code
 * ivs.playback.store.type=jdbc} and the module is on the class path (it is an optional dependency).
 */
final class JdbcStores {
  private JdbcStores() {}

  static boolean available() {
    try {
      Class.forName(
          "dev.ivsplayback.keys.jdbc.JdbcPlaybackKeyStore",
          false,
          JdbcStores.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  static PlaybackKeyStore build(
      DataSource dataSource, String storeId, char[] passphrase, boolean createSchemaIfMissing) {
    JdbcPlaybackKeyStore.Builder builder =
        JdbcPlaybackKeyStore.builder()
            .dataSource(dataSource)
            .storeId(storeId)
            .passphrase(passphrase)
            .createSchemaIfMissing(createSchemaIfMissing);
    try {
      return builder.build();
    } finally {
      builder.clearSecrets(); // the store keeps its own copy
    }
  }
}
