package dev.ivsplayback.cli.internal;

import dev.ivsplayback.keys.jdbc.JdbcPlaybackKeyStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code store init --store URL}: creates the JDBC key store's tables. */
@Command(
    name = "init",
    description = {
      "Create the JDBC key store's tables (ivs_playback_store, ivs_playback_key, ivs_playback_lease)"
          + " if they do not exist. Idempotent. Needs no passphrase: no key is written."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  IVS_DB_PASSWORD=… ivs-playback store init --store jdbc:postgresql://db:5432/keys"
          + " --db-user ivs --db-password-env IVS_DB_PASSWORD"
    })
final class StoreInitCommand extends AbstractCommand {

  @Option(
      names = "--store",
      required = true,
      paramLabel = "URL",
      description = "A jdbc:postgresql:// or jdbc:mariadb:// URL.")
  String store;

  @Mixin DatabaseOptions database;

  @Override
  public Integer call() {
    if (!DatabaseOptions.isDatabase(store)) {
      throw new BadInputException(
          "--store "
              + store
              + ": store init is for database stores (a jdbc: URL); a directory"
              + " store is created by its first 'rotate'");
    }
    String kind = JdbcPlaybackKeyStore.createSchema(database.dataSource(store, env()));
    out().println("key store tables ready in " + kind + " at " + DatabaseOptions.redacted(store));
    return 0;
  }
}
