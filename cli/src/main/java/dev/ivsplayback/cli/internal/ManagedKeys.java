package dev.ivsplayback.cli.internal;

import dev.ivsplayback.client.ImportedKeyPair;
import dev.ivsplayback.keys.PlaybackKeyManager;

/** Which IVS key pairs a key manager owns: those tagged {@code ivs-playback:manager=<id>}. */
final class ManagedKeys {

  private ManagedKeys() {}

  static boolean isManaged(ImportedKeyPair p) {
    return p.tags() != null && p.tags().containsKey(PlaybackKeyManager.MANAGER_TAG);
  }

  /** The managing manager's id, or null. */
  static String manager(ImportedKeyPair p) {
    return p.tags() == null ? null : p.tags().get(PlaybackKeyManager.MANAGER_TAG);
  }
}
