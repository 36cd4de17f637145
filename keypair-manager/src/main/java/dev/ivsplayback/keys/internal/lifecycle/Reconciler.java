package dev.ivsplayback.keys.internal.lifecycle;

import dev.ivsplayback.keys.PlaybackKeyEvent;
import dev.ivsplayback.keys.PlaybackKeyEvent.Type;
import dev.ivsplayback.keys.PlaybackKeyException;
import dev.ivsplayback.keys.PlaybackKeyManager;
import dev.ivsplayback.keys.PlaybackKeyPairGateway;
import dev.ivsplayback.keys.PlaybackKeyPairGateway.RemoteKeyPair;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.PlaybackKeyState;
import dev.ivsplayback.keys.PlaybackKeyStoreSnapshot;
import dev.ivsplayback.keys.ReconciliationReport;
import dev.ivsplayback.keys.RotationPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares the store with IVS and repairs what a crash, an operator or another tool left behind
 * (each finding is an event with {@link Type#isReconciliationFinding()}). Runs when a manager takes
 * the lease, every {@code reconcileInterval}, after any failed operation, and on demand. Not
 * thread-safe: called under the manager's lock.
 */
public final class Reconciler {
  private final ManagerSettings settings;
  private final PlaybackKeyPairGateway ivs;
  private final KeyLedger ledger;
  private final LeaderLease lease;
  private final EventDispatch events;
  private final RotationSteps steps;
  private final LifecycleAdvancer advancer;
  private Instant lastRun;
  private long lastRunTerm = -1;
  private ReconciliationReport lastReport;

  /**
   * Creates the reconciler.
   *
   * @param settings manager id, policy, clock
   * @param ivs the IVS seam
   * @param ledger store reads and writes
   * @param lease renewed before each IVS change; a new term makes a reconciliation due
   * @param events for the findings
   * @param steps imports and adopts keys
   * @param advancer retires keys (deletion rule)
   */
  public Reconciler(
      ManagerSettings settings,
      PlaybackKeyPairGateway ivs,
      KeyLedger ledger,
      LeaderLease lease,
      EventDispatch events,
      RotationSteps steps,
      LifecycleAdvancer advancer) {
    this.settings = settings;
    this.ivs = ivs;
    this.ledger = ledger;
    this.lease = lease;
    this.events = events;
    this.steps = steps;
    this.advancer = advancer;
  }

  /**
   * Whether the leader should reconcile on this tick: never yet, newly leader, after a failure, or
   * {@code reconcileInterval} since the last run.
   *
   * @return true if due
   */
  public boolean isDue() {
    return lastRun == null
        || lastRunTerm != lease.term()
        || !settings
            .clock()
            .instant()
            .isBefore(lastRun.plus(settings.policy().reconcileInterval()));
  }

  /** Makes the next tick reconcile first (whatever a failure left half-done is repaired). */
  public void forceNext() {
    lastRun = null;
  }

  /**
   * The report of the last completed run.
   *
   * @return the report, or null before the first run
   */
  public ReconciliationReport lastReport() {
    return lastReport;
  }

  /**
   * Compares and repairs.
   *
   * @param snap the snapshot just read by the leader
   * @return the snapshot after the repairs
   */
  public PlaybackKeyStoreSnapshot reconcile(PlaybackKeyStoreSnapshot snap) {
    lease.renew();
    Instant now = settings.clock().instant();
    Pass pass = new Pass(ivs.list());
    List<PlaybackKeyEvent> findings = pass.findings;
    // Two ACTIVE keys cannot occur: PlaybackKeyStoreSnapshot refuses them
    // (CorruptKeyStoreException).
    for (PlaybackKeyRecord stale : snap.keys()) {
      PlaybackKeyRecord r = snap.key(stale.keyId()).orElse(null);
      if (r == null) {
        continue;
      }
      switch (r.state()) {
        case GENERATED -> snap = reconcileGenerated(snap, r, pass);
        case IMPORTED, ACTIVE -> snap = reconcileInIvs(snap, r, pass);
        case RETIRING -> {
          if (!pass.byArn.containsKey(r.arn().orElseThrow())) {
            PlaybackKeyRecord gone =
                r.toBuilder().state(PlaybackKeyState.DELETED).deletedAt(now).build();
            snap = ledger.update(snap, gone);
            findings.add(
                events.emit(
                    Type.ALREADY_DELETED, gone, "RETIRING key was already gone from IVS", null));
          }
        }
        default -> {
          // DELETED and DESTROYED keys are not in IVS; nothing to compare.
        }
      }
    }
    List<RemoteKeyPair> pairs = reportOrphans(snap, findings);
    long managed = pairs.stream().filter(settings::isManaged).count();
    lastRun = now;
    lastRunTerm = lease.term();
    lastReport =
        new ReconciliationReport(
            now, pairs.size(), (int) managed, (int) (pairs.size() - managed), findings);
    return snap;
  }

  /** A key generated before a crash: adopt it if it reached IVS, else import it or discard it. */
  private PlaybackKeyStoreSnapshot reconcileGenerated(
      PlaybackKeyStoreSnapshot snap, PlaybackKeyRecord r, Pass pass) {
    RotationPolicy policy = settings.policy();
    List<PlaybackKeyEvent> findings = pass.findings;
    List<RemoteKeyPair> pairs = pass.pairs;
    RemoteKeyPair p = pass.byFingerprint.get(r.fingerprint());
    if (p != null && settings.isManaged(p)) {
      return steps.adopt(
          snap,
          r,
          p,
          Type.ADOPTED,
          "import had succeeded before a crash; adopted " + p.arn(),
          findings);
    }
    if (p != null) {
      return ledger.discard(
          r,
          "its public key is in IVS under a pair this manager does not manage (" + p.arn() + ")");
    }
    if (pairs.size() < policy.keyPairQuota()
        && pairs.stream().filter(settings::isManaged).count() < policy.maxManagedKeyPairs()) {
      snap = steps.importKey(snap, r, Type.RESUMED, findings);
      pass.pairs = ivs.list(); // the next GENERATED key's slot check counts this one
      return snap;
    }
    return ledger.discard(r, "never imported, and no free slot to import it now");
  }

  /** An IMPORTED or ACTIVE key: IVS must hold it under its ARN, with its fingerprint. */
  private PlaybackKeyStoreSnapshot reconcileInIvs(
      PlaybackKeyStoreSnapshot snap, PlaybackKeyRecord r, Pass pass) {
    List<PlaybackKeyEvent> findings = pass.findings;
    RemoteKeyPair p = pass.byArn.get(r.arn().orElseThrow());
    if (p == null) {
      RemoteKeyPair sameKey = pass.byFingerprint.get(r.fingerprint());
      if (sameKey != null && settings.isManaged(sameKey)) {
        return steps.adopt(
            snap,
            r,
            sameKey,
            Type.ADOPTED,
            "found under a different ARN " + sameKey.arn(),
            findings);
      }
      return r.state() == PlaybackKeyState.ACTIVE
          ? replaceMissingActive(snap, r, pass)
          : dropMissingImported(snap, r, findings);
    }
    if (!p.fingerprint().equals(r.fingerprint())) {
      PlaybackKeyException alarm =
          RotationSteps.fingerprintMismatch(r, p.arn(), "IVS " + p.fingerprint(), null);
      findings.add(events.emit(Type.FINGERPRINT_MISMATCH, r, alarm.getMessage(), alarm));
      return ledger.update(snap, r.toBuilder().quarantined(true).build());
    }
    if (!settings.isManaged(p)) {
      findings.add(
          events.emit(
              Type.UNTAGGED_KEY_PAIR,
              r,
              "IVS pair " + p.arn() + " lost the tag " + PlaybackKeyManager.MANAGER_TAG,
              null));
    }
    return snap;
  }

  /** One run's view of IVS (listed once at the start) and its findings. */
  private static final class Pass {
    final Map<String, RemoteKeyPair> byArn = new LinkedHashMap<>();
    final Map<String, RemoteKeyPair> byFingerprint = new LinkedHashMap<>();
    final List<PlaybackKeyEvent> findings = new ArrayList<>();
    List<RemoteKeyPair> pairs;

    Pass(List<RemoteKeyPair> pairs) {
      this.pairs = pairs;
      for (RemoteKeyPair p : pairs) {
        byArn.put(p.arn(), p);
        byFingerprint.put(p.fingerprint(), p);
      }
    }
  }

  /**
   * The ACTIVE key's pair is gone from IVS: alarm, quarantine it and mark it DELETED (it is never
   * imported again), then promote a pending key or, if none, a fresh one at once.
   */
  private PlaybackKeyStoreSnapshot replaceMissingActive(
      PlaybackKeyStoreSnapshot snap, PlaybackKeyRecord r, Pass pass) {
    pass.findings.add(
        events.emit(
            Type.ACTIVE_KEY_MISSING_REPLACED,
            r,
            "ACTIVE key "
                + r.keyId()
                + " ("
                + r.arn().orElseThrow()
                + ") is gone from IVS (deleted or revoked outside this manager), so its tokens no"
                + " longer play; it is never imported again: quarantined, marked DELETED and"
                + " replaced by a fresh key now",
            null));
    snap = advancer.markVanished(snap, r);
    Optional<PlaybackKeyRecord> pending =
        LifecycleAdvancer.newestUsable(snap, PlaybackKeyState.IMPORTED);
    if (pending.isPresent()) {
      snap = advancer.promote(snap, pending.get());
    }
    if (snap.active().isEmpty()) {
      snap = advancer.rotate(snap, true, true);
    }
    pass.pairs = ivs.list();
    return snap;
  }

  /** An IMPORTED key's pair is gone from IVS: quarantined and DELETED, never imported again. */
  private PlaybackKeyStoreSnapshot dropMissingImported(
      PlaybackKeyStoreSnapshot snap, PlaybackKeyRecord r, List<PlaybackKeyEvent> findings) {
    snap = advancer.markVanished(snap, r);
    findings.add(
        events.emit(
            Type.ALREADY_DELETED,
            snap.key(r.keyId()).orElseThrow(),
            "IMPORTED key is gone from IVS (deleted or revoked outside this manager); quarantined"
                + " and never imported again",
            null));
    return snap;
  }

  /** Managed pairs whose private key is not in the store: reported, deleted if the policy says. */
  private List<RemoteKeyPair> reportOrphans(
      PlaybackKeyStoreSnapshot snap, List<PlaybackKeyEvent> findings) {
    boolean delete = settings.policy().deleteOrphanedKeyPairs();
    List<String> held =
        snap.keys().stream()
            .filter(k -> k.state().hasPrivateKey() && k.state() != PlaybackKeyState.DELETED)
            .map(PlaybackKeyRecord::fingerprint)
            .toList();
    List<RemoteKeyPair> pairs = ivs.list();
    for (RemoteKeyPair p : pairs) {
      if (!settings.isManaged(p) || held.contains(p.fingerprint())) {
        continue;
      }
      findings.add(
          events.emit(
              Type.ORPHANED_KEY_PAIR,
              null,
              p.arn(),
              p.fingerprint(),
              "IVS pair "
                  + p.arn()
                  + " carries "
                  + PlaybackKeyManager.MANAGER_TAG
                  + "="
                  + settings.managerId()
                  + " but its private key is not in the store"
                  + (delete ? "; deleting it" : "; left in place (deleteOrphanedKeyPairs=false)"),
              null));
      if (delete) {
        lease.renew();
        ivs.delete(p.arn());
        findings.add(
            events.emit(
                Type.ORPHAN_DELETED,
                null,
                p.arn(),
                p.fingerprint(),
                "orphaned pair deleted",
                null));
      }
    }
    return pairs;
  }
}
