package dev.ivsplayback.keys.internal.lifecycle;

import dev.ivsplayback.keys.PlaybackKeyManager;
import dev.ivsplayback.keys.PlaybackKeyPairGateway.RemoteKeyPair;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.RotationPolicy;
import java.time.Clock;
import java.util.Map;

/**
 * The settings every lifecycle class shares, fixed when the manager is built.
 *
 * @param managerId the fleet's manager id (tagged on every imported pair)
 * @param ownerId this instance's lease owner id
 * @param policy the timing rules
 * @param clock the clock for every decision and timestamp
 */
public record ManagerSettings(
    String managerId, String ownerId, RotationPolicy policy, Clock clock) {

  /**
   * Whether a pair carries this manager's tag (only those are ever deleted).
   *
   * @param pair the pair
   * @return true if managed by this manager id
   */
  public boolean isManaged(RemoteKeyPair pair) {
    return managerId.equals(pair.tags().get(PlaybackKeyManager.MANAGER_TAG));
  }

  /**
   * The IVS name of a key's pair.
   *
   * @param record the key
   * @return {@code <managerId>-<keyId>}
   */
  public String pairName(PlaybackKeyRecord record) {
    return managerId + "-" + record.keyId();
  }

  /**
   * The tags set on a key's pair when it is imported.
   *
   * @param record the key
   * @return the manager and key-id tags
   */
  public Map<String, String> tags(PlaybackKeyRecord record) {
    return Map.of(
        PlaybackKeyManager.MANAGER_TAG, managerId, PlaybackKeyManager.KEY_ID_TAG, record.keyId());
  }
}
