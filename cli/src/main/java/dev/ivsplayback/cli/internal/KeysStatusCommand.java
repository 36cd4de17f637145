package dev.ivsplayback.cli.internal;

import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.PlaybackKeyStoreSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code keys status --store DIR}: the key store's keys and their lifecycle times. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Show each key in a key store: state, ARN, fingerprint and times.",
      "States: GENERATED, IMPORTED (waiting for its propagation delay), ACTIVE (signing), RETIRING (still in IVS until its tokens have expired), DELETED, DESTROYED. Reads the store only; IVS is not called."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  ivs-playback keys status --store /var/lib/ivs-keys --passphrase-env IVS_STORE_PASSPHRASE"
    })
final class KeysStatusCommand extends AbstractCommand {

  @Option(
      names = "--store",
      required = true,
      paramLabel = "DIR|URL",
      description = "Key store: a directory, or a jdbc:postgresql:// or jdbc:mariadb:// URL.")
  String store;

  @Mixin DatabaseOptions database;

  @Mixin PassphraseOptions passphrase;

  @Override
  public Integer call() {
    PlaybackKeyStoreSnapshot snapshot;
    try (StoreSupport.OpenStore s = StoreSupport.open(store, passphrase, database, env(), true)) {
      snapshot = s.store().read();
    }
    List<PlaybackKeyRecord> keys = snapshot.keys();
    if (json()) {
      List<Object> array = new ArrayList<>();
      for (PlaybackKeyRecord r : keys) {
        array.add(StoreSupport.toJson(r));
      }
      out().println(Json.compact(array));
      return 0;
    }
    if (keys.isEmpty()) {
      err().println("the key store in " + store + " holds no keys yet");
      return 0;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "STATE", "KEY ID", "ARN", "FINGERPRINT", "CREATED", "ACTIVATED", "RETIRED", "NEXT"
        });
    for (PlaybackKeyRecord r : keys) {
      rows.add(
          new String[] {
            r.state().name() + (r.quarantined() ? " (QUARANTINED)" : ""),
            r.keyId(),
            r.arn().orElse("-"),
            r.fingerprint(),
            r.createdAt().toString(),
            time(r.activatedAt()),
            time(r.retiredAt()),
            next(r)
          });
    }
    Table.print(out(), rows);
    snapshot
        .lease()
        .ifPresent(l -> err().println("lease: held by " + l.owner() + " until " + l.expiresAt()));
    return 0;
  }

  private static String time(Optional<Instant> t) {
    return t.map(Instant::toString).orElse("-");
  }

  private static String next(PlaybackKeyRecord r) {
    return switch (r.state()) {
      case IMPORTED -> r.promotableAt().map(t -> "promotable at " + t).orElse("-");
      case RETIRING -> r.deletableAt().map(t -> "deleted from IVS after " + t).orElse("-");
      case DELETED -> r.deletedAt().map(t -> "deleted at " + t).orElse("-");
      case DESTROYED -> r.destroyedAt().map(t -> "destroyed at " + t).orElse("-");
      default -> "-";
    };
  }
}
