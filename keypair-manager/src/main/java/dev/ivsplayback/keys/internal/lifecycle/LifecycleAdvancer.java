package dev.ivsplayback.keys.internal.lifecycle;

import dev.ivsplayback.keys.PlaybackKeyEvent.Type;
import dev.ivsplayback.keys.PlaybackKeyException;
import dev.ivsplayback.keys.PlaybackKeyException.Reason;
import dev.ivsplayback.keys.PlaybackKeyManager;
import dev.ivsplayback.keys.PlaybackKeyPairGateway;
import dev.ivsplayback.keys.PlaybackKeyPairGateway.RemoteKeyPair;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.PlaybackKeyState;
import dev.ivsplayback.keys.PlaybackKeyStoreSnapshot;
import dev.ivsplayback.keys.RotationPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Moves keys forward through their states on the injected clock: promotes an IMPORTED key once its
 * propagation delay has passed (retiring the previous ACTIVE one), deletes a RETIRING key from IVS
 * once its deletion time has passed, destroys deleted keys' private material, and starts a rotation
 * when one is due.
 *
 * <p><b>The deletion-safety rule lives here, and only here</b>: a key retired at {@code retiredAt}
 * becomes deletable at {@code retiredAt + maxSnapshotAge + maxTokenTtl + clockSkew}, each the
 * longer of this manager's policy and the fleet's {@link dev.ivsplayback.keys.FleetTokenLimits}
 * recorded in the store ({@link #retire}); {@link #deleteFromIvs} refuses to delete a key earlier,
 * except in an emergency revocation. Not thread-safe: called under the manager's lock.
 */
public final class LifecycleAdvancer {
  private final ManagerSettings settings;
  private final PlaybackKeyPairGateway ivs;
  private final KeyLedger ledger;
  private final LeaderLease lease;
  private final EventDispatch events;
  private final RotationSteps steps;
  private final Set<String> reportedUntagged = new HashSet<>();
  private String lastDeferral;

  /**
   * Creates the advancer.
   *
   * @param settings manager id, policy, clock
   * @param ivs the IVS seam
   * @param ledger store reads and writes, fleet limits
   * @param lease renewed before each IVS change
   * @param events for the lifecycle events
   * @param steps adds new keys
   */
  public LifecycleAdvancer(
      ManagerSettings settings,
      PlaybackKeyPairGateway ivs,
      KeyLedger ledger,
      LeaderLease lease,
      EventDispatch events,
      RotationSteps steps) {
    this.settings = settings;
    this.ivs = ivs;
    this.ledger = ledger;
    this.lease = lease;
    this.events = events;
    this.steps = steps;
  }

  /**
   * One step: retire quarantined IMPORTED keys, delete due RETIRING keys, destroy DELETED keys,
   * promote a propagated IMPORTED key (at once if there is no usable ACTIVE key), start a rotation
   * if one is due (or if no key is ACTIVE).
   *
   * @param snap the snapshot, just read by the leader
   */
  public void advance(PlaybackKeyStoreSnapshot snap) {
    Instant now = settings.clock().instant();
    for (PlaybackKeyRecord r : snap.inState(PlaybackKeyState.IMPORTED)) {
      if (r.quarantined()) {
        // It never signed: no token to wait for.
        snap = ledger.update(snap, retire(r, now, snap));
      }
    }
    for (PlaybackKeyRecord r : snap.inState(PlaybackKeyState.RETIRING)) {
      if (!now.isBefore(r.deletableAt().orElseThrow())) {
        snap = deleteFromIvs(snap, r, false);
      }
    }
    for (PlaybackKeyRecord r : snap.inState(PlaybackKeyState.DELETED)) {
      snap = destroy(snap, r);
    }
    Optional<PlaybackKeyRecord> candidate = newestUsable(snap, PlaybackKeyState.IMPORTED);
    Optional<PlaybackKeyRecord> current = snap.active().filter(k -> !k.quarantined());
    if (candidate.isPresent()
        && (current.isEmpty() || !now.isBefore(candidate.get().promotableAt().orElse(now)))) {
      snap = promote(snap, candidate.get());
    }
    current = snap.active().filter(k -> !k.quarantined());
    if (!RotationSteps.pending(snap).isEmpty()) {
      return;
    }
    if (current.isEmpty()) {
      rotate(snap, true, snap.active().isPresent());
      return;
    }
    Instant due =
        current.get().activatedAt().orElseThrow().plus(settings.policy().rotationInterval());
    if (!now.isBefore(due)) {
      rotateWhenDue(snap, current.get(), due);
    }
  }

  private void rotateWhenDue(
      PlaybackKeyStoreSnapshot snap, PlaybackKeyRecord current, Instant due) {
    String blocked = rotationBlocker(snap);
    if (blocked == null) {
      try {
        rotate(snap, false, false);
        lastDeferral = null;
        return;
      } catch (PlaybackKeyException e) {
        if (e.reason() != Reason.NO_FREE_KEY_SLOT) {
          throw e;
        }
        deferred(current, due, e.getMessage(), e);
        return;
      }
    }
    deferred(current, due, blocked, null);
  }

  /** Reports a deferral once per distinct cause, not on every tick. */
  private void deferred(PlaybackKeyRecord current, Instant due, String why, Throwable e) {
    if (!why.equals(lastDeferral)) {
      events.emit(
          Type.ROTATION_DEFERRED, current, "rotation due since " + due + " deferred: " + why, e);
      lastDeferral = why;
    }
  }

  /**
   * Why a due rotation cannot start yet, judged from the store alone (IVS is asked when it starts).
   */
  private String rotationBlocker(PlaybackKeyStoreSnapshot snap) {
    int max = settings.policy().maxManagedKeyPairs();
    long inIvs = snap.keys().stream().filter(k -> k.state().isInIvs()).count();
    if (inIvs >= max) {
      return inIvs
          + " managed key pairs are still in IVS (limit "
          + max
          + "); waiting for the RETIRING key's deletion time";
    }
    return null;
  }

  /**
   * Adds a new key and, if asked, promotes it at once (no ACTIVE key, or an emergency).
   *
   * @param snap the current snapshot
   * @param promoteNow whether to promote without waiting for propagation
   * @param emergency whether the manager's own pair limit may be exceeded
   * @return the snapshot
   */
  public PlaybackKeyStoreSnapshot rotate(
      PlaybackKeyStoreSnapshot snap, boolean promoteNow, boolean emergency) {
    snap = steps.addKey(snap, emergency);
    if (promoteNow) {
      snap = promote(snap, RotationSteps.newest(snap));
    }
    return snap;
  }

  /**
   * Makes a key ACTIVE, after checking IVS holds it, and retires the previous ACTIVE key. A key IVS
   * no longer holds is not promoted: it is quarantined and marked DELETED ({@link #markVanished}),
   * and the snapshot returned has the previous ACTIVE key (if any) still ACTIVE.
   *
   * @param snap the current snapshot
   * @param candidate the key to promote
   * @return the snapshot
   */
  public PlaybackKeyStoreSnapshot promote(
      PlaybackKeyStoreSnapshot snap, PlaybackKeyRecord candidate) {
    lease.renew();
    // Promote only what IVS verifiably holds: a key missing there would break every viewer. A key
    // that left IVS is never imported again (it may have been revoked as compromised).
    Optional<RemoteKeyPair> inIvs = ivs.findByFingerprint(candidate.fingerprint());
    if (inIvs.isEmpty()) {
      snap = markVanished(snap, candidate);
      events.emit(
          Type.ALREADY_DELETED,
          snap.key(candidate.keyId()).orElseThrow(),
          "IMPORTED key is gone from IVS before its promotion (deleted or revoked outside this"
              + " manager); quarantined and never imported again",
          null);
      return snap;
    } else if (!inIvs.get().fingerprint().equals(candidate.fingerprint())) {
      throw new PlaybackKeyException(
          Reason.FINGERPRINT_MISMATCH,
          candidate.keyId(),
          inIvs.get().arn(),
          "IVS pair "
              + inIvs.get().arn()
              + " has fingerprint "
              + inIvs.get().fingerprint()
              + ", expected "
              + candidate.fingerprint(),
          null);
    }
    Instant now = settings.clock().instant();
    List<PlaybackKeyRecord> keys = new ArrayList<>();
    PlaybackKeyRecord previous = null;
    for (PlaybackKeyRecord k : snap.keys()) {
      if (k.keyId().equals(candidate.keyId())) {
        keys.add(k.toBuilder().state(PlaybackKeyState.ACTIVE).activatedAt(now).build());
      } else if (k.state() == PlaybackKeyState.ACTIVE) {
        previous = k;
        keys.add(retire(k, now, snap));
      } else {
        keys.add(k);
      }
    }
    snap = ledger.write(snap, keys);
    PlaybackKeyRecord promoted = snap.key(candidate.keyId()).orElseThrow();
    events.emit(Type.PROMOTED, promoted, "now ACTIVE", null);
    if (previous != null) {
      PlaybackKeyRecord retired = snap.key(previous.keyId()).orElseThrow();
      events.emit(
          Type.RETIRED,
          retired,
          "RETIRING; deletable from IVS at " + retired.deletableAt().orElseThrow(),
          null);
      events.emit(
          Type.ROTATED,
          promoted,
          "rotated from key " + previous.keyId() + " to " + promoted.keyId(),
          null);
    }
    return snap;
  }

  /**
   * The deletion-safety rule: the key RETIRING from {@code now}, deletable once every token it can
   * have signed has expired, {@code now + maxSnapshotAge + maxTokenTtl + clockSkew} under the
   * longer of the local and the fleet's limits. A quarantined key (compromised, or never signed) is
   * deletable at once.
   *
   * @param key the key leaving ACTIVE (or a quarantined IMPORTED key)
   * @param now the retirement time
   * @param snap the snapshot whose recorded fleet limits apply
   * @return the RETIRING record
   */
  public PlaybackKeyRecord retire(
      PlaybackKeyRecord key, Instant now, PlaybackKeyStoreSnapshot snap) {
    Instant deletable =
        key.quarantined() ? now : now.plus(ledger.deletionLimits(snap).deletionDelay());
    return key.toBuilder()
        .state(PlaybackKeyState.RETIRING)
        .retiredAt(now)
        .deletableAt(deletable)
        .build();
  }

  /**
   * Deletes a key's pair from IVS (never one without this manager's tag) and records it DELETED.
   *
   * @param snap the current snapshot
   * @param record the key
   * @param emergency whether the deletion time may be ignored (compromised key)
   * @return the snapshot
   * @throws PlaybackKeyException {@link Reason#KEY_DELETION_FAILED} before the deletion time, or if
   *     IVS still holds the pair after a failed delete
   */
  public PlaybackKeyStoreSnapshot deleteFromIvs(
      PlaybackKeyStoreSnapshot snap, PlaybackKeyRecord record, boolean emergency) {
    Instant now = settings.clock().instant();
    if (!emergency
        && (record.state() != PlaybackKeyState.RETIRING
            || now.isBefore(record.deletableAt().orElseThrow()))) {
      throw new PlaybackKeyException(
          Reason.KEY_DELETION_FAILED,
          record.keyId(),
          record.arn().orElse(null),
          "refusing to delete key "
              + record.keyId()
              + " in state "
              + record.state()
              + " before its deletion time "
              + record.deletableAt().orElse(null)
              + " (tokens it signed may be unexpired)",
          null);
    }
    lease.renew();
    String arn = record.arn().orElseThrow();
    Optional<RemoteKeyPair> pair = ivs.list().stream().filter(p -> p.arn().equals(arn)).findFirst();
    if (pair.isPresent() && !settings.isManaged(pair.get())) {
      if (reportedUntagged.add(arn)) {
        events.emit(
            Type.UNTAGGED_KEY_PAIR,
            record,
            "IVS pair "
                + arn
                + " does not carry "
                + PlaybackKeyManager.MANAGER_TAG
                + "="
                + settings.managerId()
                + "; this manager never deletes it (restore the tag, or delete the pair yourself)",
            null);
      }
      return snap;
    }
    if (pair.isPresent()) {
      delete(record, arn);
    }
    PlaybackKeyRecord.Builder deleted =
        record.toBuilder().state(PlaybackKeyState.DELETED).deletedAt(now);
    if (record.state() != PlaybackKeyState.RETIRING) {
      deleted
          .retiredAt(record.retiredAt().orElse(now))
          .deletableAt(record.deletableAt().orElse(now));
    }
    PlaybackKeyRecord result = deleted.build();
    snap = ledger.update(snap, result);
    events.emit(
        pair.isPresent() ? Type.DELETED : Type.ALREADY_DELETED,
        result,
        pair.isPresent() ? "deleted from IVS" : "was already gone from IVS",
        null);
    return snap;
  }

  /** Deletes the pair; a failure is fine if the pair is gone anyway (e.g. a lost response). */
  private void delete(PlaybackKeyRecord record, String arn) {
    try {
      ivs.delete(arn);
    } catch (PlaybackKeyException e) {
      boolean gone = e.reason() == Reason.KEY_PAIR_NOT_FOUND;
      if (!gone) {
        try {
          gone = ivs.list().stream().noneMatch(p -> p.arn().equals(arn));
        } catch (RuntimeException again) {
          e.addSuppressed(again);
        }
      }
      if (!gone) {
        throw new PlaybackKeyException(
            Reason.KEY_DELETION_FAILED,
            record.keyId(),
            arn,
            "cannot delete key pair "
                + arn
                + " (key "
                + record.keyId()
                + ") from IVS: "
                + e.getMessage()
                + "; it stays "
                + record.state()
                + " and is retried on the next tick",
            e);
      }
    }
  }

  /**
   * Records a key that left IVS outside this manager (deleted by anyone, or revoked): quarantined
   * and DELETED, so it never signs and is never imported again; the next step destroys it. Tokens
   * it signed stopped playing when its pair went, so there is nothing to wait for.
   *
   * @param snap the current snapshot
   * @param record the IMPORTED or ACTIVE key whose pair is gone
   * @return the snapshot
   */
  public PlaybackKeyStoreSnapshot markVanished(
      PlaybackKeyStoreSnapshot snap, PlaybackKeyRecord record) {
    Instant now = settings.clock().instant();
    return ledger.update(
        snap,
        record.toBuilder()
            .state(PlaybackKeyState.DELETED)
            .quarantined(true)
            .retiredAt(record.retiredAt().orElse(now))
            .deletableAt(record.deletableAt().orElse(now))
            .deletedAt(now)
            .build());
  }

  /**
   * Erases a DELETED key's private material from the store, keeping its metadata for audit (the
   * newest {@code destroyedKeyHistory} such records).
   *
   * @param snap the current snapshot
   * @param record the DELETED key
   * @return the snapshot
   */
  public PlaybackKeyStoreSnapshot destroy(PlaybackKeyStoreSnapshot snap, PlaybackKeyRecord record) {
    RotationPolicy policy = settings.policy();
    PlaybackKeyRecord destroyed =
        record.toBuilder()
            .state(PlaybackKeyState.DESTROYED)
            .privateKey(null)
            .destroyedAt(settings.clock().instant())
            .build();
    List<PlaybackKeyRecord> keys = KeyLedger.replace(snap.keys(), destroyed);
    List<PlaybackKeyRecord> history =
        keys.stream()
            .filter(k -> k.state() == PlaybackKeyState.DESTROYED)
            .sorted(
                Comparator.comparing((PlaybackKeyRecord k) -> k.destroyedAt().orElseThrow())
                    .reversed())
            .toList();
    if (history.size() > policy.destroyedKeyHistory()) {
      List<String> drop =
          history.subList(policy.destroyedKeyHistory(), history.size()).stream()
              .map(PlaybackKeyRecord::keyId)
              .toList();
      keys = keys.stream().filter(k -> !drop.contains(k.keyId())).toList();
    }
    snap = ledger.write(snap, keys);
    events.emit(Type.DESTROYED, destroyed, "private key erased from the store", null);
    return snap;
  }

  /**
   * The newest key in a state that may sign (not quarantined).
   *
   * @param snap the snapshot
   * @param state the state
   * @return the key, if any
   */
  public static Optional<PlaybackKeyRecord> newestUsable(
      PlaybackKeyStoreSnapshot snap, PlaybackKeyState state) {
    return snap.inState(state).stream().filter(k -> !k.quarantined()).reduce((a, b) -> b);
  }
}
