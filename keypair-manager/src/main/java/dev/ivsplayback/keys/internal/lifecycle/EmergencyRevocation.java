package dev.ivsplayback.keys.internal.lifecycle;

import dev.ivsplayback.client.ViewerRevocation;
import dev.ivsplayback.keys.PlaybackKeyEvent.Type;
import dev.ivsplayback.keys.PlaybackKeyException;
import dev.ivsplayback.keys.PlaybackKeyException.Reason;
import dev.ivsplayback.keys.PlaybackKeyPairGateway;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.PlaybackKeyState;
import dev.ivsplayback.keys.PlaybackKeyStoreSnapshot;
import java.util.List;
import java.util.Optional;

/**
 * Emergency revocation of a compromised key: quarantine it (it stops signing at once), promote a
 * fresh key without waiting for propagation, delete the compromised pair from IVS at once (first,
 * if the quota leaves no slot for the fresh key), destroy it, and revoke viewer sessions. Not
 * thread-safe: called under the manager's lock.
 */
public final class EmergencyRevocation {
  private final ManagerSettings settings;
  private final PlaybackKeyPairGateway ivs;
  private final KeyLedger ledger;
  private final EventDispatch events;
  private final LifecycleAdvancer advancer;

  /**
   * Creates the revocation.
   *
   * @param settings policy (quota)
   * @param ivs the IVS seam
   * @param ledger store reads and writes
   * @param events for EMERGENCY_REVOKED and VIEWER_SESSIONS_REVOKED
   * @param advancer promotes, deletes and destroys
   */
  public EmergencyRevocation(
      ManagerSettings settings,
      PlaybackKeyPairGateway ivs,
      KeyLedger ledger,
      EventDispatch events,
      LifecycleAdvancer advancer) {
    this.settings = settings;
    this.ivs = ivs;
    this.ledger = ledger;
    this.events = events;
    this.advancer = advancer;
  }

  /**
   * Revokes a key.
   *
   * @param snap the snapshot just read by the leader
   * @param keyIdOrFingerprint the key's id, fingerprint or ARN
   * @param sessions viewer sessions to revoke as well
   * @return the new ACTIVE key
   * @throws PlaybackKeyException {@link Reason#UNKNOWN_KEY} if no stored key matches
   */
  public PlaybackKeyRecord revoke(
      PlaybackKeyStoreSnapshot snap, String keyIdOrFingerprint, List<ViewerRevocation> sessions) {
    PlaybackKeyRecord target = find(snap, keyIdOrFingerprint);
    if (!target.quarantined()) {
      snap = ledger.update(snap, target.toBuilder().quarantined(true).build());
      target = snap.key(target.keyId()).orElseThrow();
    }
    if (target.state() == PlaybackKeyState.GENERATED) {
      snap = ledger.discard(target, "revoked before it was imported");
    } else if (target.state().isInIvs()) {
      snap = replaceAndDelete(snap, target);
    }
    events.emit(
        Type.EMERGENCY_REVOKED, target, "compromised key replaced and deleted from IVS", null);
    for (ViewerRevocation v : sessions) {
      ivs.revokeViewer(v);
      events.emit(
          Type.VIEWER_SESSIONS_REVOKED,
          target,
          "revoked viewer "
              + v.viewerId()
              + " on "
              + v.channelArn()
              + " up to session version "
              + v.upToVersion(),
          null);
    }
    return snap.active()
        .orElseThrow(
            () ->
                new PlaybackKeyException(
                    Reason.NO_ACTIVE_KEY, "emergency revocation left no ACTIVE key"));
  }

  private static PlaybackKeyRecord find(PlaybackKeyStoreSnapshot snap, String keyIdOrFingerprint) {
    return snap.keys().stream()
        .filter(
            k ->
                k.keyId().equals(keyIdOrFingerprint)
                    || k.fingerprint().equals(keyIdOrFingerprint)
                    || k.arn().map(keyIdOrFingerprint::equals).orElse(false))
        .findFirst()
        .orElseThrow(
            () ->
                new PlaybackKeyException(
                    Reason.UNKNOWN_KEY,
                    "no stored key has id, fingerprint or ARN '" + keyIdOrFingerprint + "'"));
  }

  /** An ACTIVE target is replaced first (a pending key, else a fresh one); then it is deleted. */
  private PlaybackKeyStoreSnapshot replaceAndDelete(
      PlaybackKeyStoreSnapshot snap, PlaybackKeyRecord target) {
    if (target.state() == PlaybackKeyState.ACTIVE) {
      Optional<PlaybackKeyRecord> pending =
          LifecycleAdvancer.newestUsable(snap, PlaybackKeyState.IMPORTED);
      if (pending.isPresent()) {
        snap = advancer.promote(snap, pending.get()); // not promoted if it left IVS meanwhile
      }
      if (snap.active().map(k -> k.keyId().equals(target.keyId())).orElse(true)) {
        if (ivs.list().size() >= settings.policy().keyPairQuota()) {
          snap = advancer.deleteFromIvs(snap, target, true);
        }
        snap = advancer.rotate(snap, true, true);
      }
    }
    PlaybackKeyRecord current = snap.key(target.keyId()).orElseThrow();
    if (current.state().isInIvs()) {
      snap = advancer.deleteFromIvs(snap, current, true);
    }
    current = snap.key(target.keyId()).orElseThrow();
    if (current.state() == PlaybackKeyState.DELETED) {
      snap = advancer.destroy(snap, current);
    }
    return snap;
  }
}
