package dev.ivsplayback.cli.internal;

import dev.ivsplayback.client.ImportedKeyPair;
import dev.ivsplayback.client.IvsPlaybackClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code keys list}: every playback key pair in the account and region. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "List the playback key pairs in IVS.",
      "For this account and region: ARN, name, fingerprint, and whether an ivs-playback key manager manages it (tag ivs-playback:manager)."
    },
    footerHeading = "%nExample:%n",
    footer = {"  ivs-playback keys list --output json"})
final class KeysListCommand extends AbstractCommand {

  @Override
  public Integer call() {
    try (IvsPlaybackClient client = connect()) {
      List<ImportedKeyPair> pairs = client.playbackKeyPairs().listWithFingerprints();
      if (json()) {
        List<Object> array = new ArrayList<>();
        for (ImportedKeyPair p : pairs) {
          array.add(toJson(p, ManagedKeys.isManaged(p)));
        }
        out().println(Json.compact(array));
      } else if (pairs.isEmpty()) {
        err().println("no playback key pairs in " + globals().region());
      } else {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ARN", "NAME", "FINGERPRINT", "MANAGED"});
        for (ImportedKeyPair p : pairs) {
          rows.add(
              new String[] {
                p.arn(),
                p.name() == null || p.name().isEmpty() ? "-" : p.name(),
                p.fingerprint(),
                ManagedKeys.isManaged(p) ? "managed" : "unmanaged"
              });
        }
        Table.print(out(), rows);
      }
    }
    return 0;
  }

  /** The JSON form of a key pair; {@code managed} is left out when null (not known). */
  static Map<String, Object> toJson(ImportedKeyPair p, Boolean managed) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("arn", p.arn());
    m.put("name", p.name() == null ? "" : p.name());
    m.put("fingerprint", p.fingerprint());
    if (managed != null) {
      m.put("managed", managed);
      if (managed) {
        m.put("manager", ManagedKeys.manager(p));
      }
    }
    m.put("tags", p.tags() == null ? Map.of() : p.tags());
    return m;
  }
}
