package dev.ivsplayback.spring;

import dev.ivsplayback.keys.PlaybackKeyManager;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds {@code ivs-playback} to {@code /actuator/info}: the manager id, the signing engine and each
 * key's id, fingerprint and state as last read from the store. Thread-safe.
 */
public class PlaybackKeysInfoContributor implements InfoContributor {
  private final PlaybackKeyManager manager;

  /**
   * Creates the contributor.
   *
   * @param manager the key manager
   */
  public PlaybackKeysInfoContributor(PlaybackKeyManager manager) {
    this.manager = manager;
  }

  @Override
  public void contribute(Info.Builder builder) {
    List<Map<String, String>> keys =
        manager.keys().stream().map(PlaybackKeysInfoContributor::describe).toList();
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("managerId", manager.managerId());
    info.put("engine", manager.signer().engine().name());
    info.put("keys", keys);
    builder.withDetail("ivs-playback", info);
  }

  private static Map<String, String> describe(PlaybackKeyRecord k) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("keyId", k.keyId());
    m.put("fingerprint", k.fingerprint());
    m.put("state", k.state().name());
    return m;
  }
}
