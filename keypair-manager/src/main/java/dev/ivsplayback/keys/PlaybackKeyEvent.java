package dev.ivsplayback.keys;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something the key manager did or found. Carries ids, ARNs and fingerprints, never key material.
 *
 * @param type what happened
 * @param at when (manager clock)
 * @param keyId the managed key concerned, or null
 * @param arn the IVS key pair concerned, or null
 * @param fingerprint the fingerprint concerned, or null
 * @param detail a human-readable explanation
 * @param failure the error, for failures and alarms; otherwise null
 */
public record PlaybackKeyEvent(
    Type type,
    Instant at,
    String keyId,
    String arn,
    String fingerprint,
    String detail,
    Throwable failure) {

  /** Validates the required fields. */
  public PlaybackKeyEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(detail, "detail");
  }

  /**
   * @return the error, if any
   */
  public Optional<Throwable> error() {
    return Optional.ofNullable(failure);
  }

  /** What happened. */
  public enum Type {
    /** A key pair was generated and persisted. */
    GENERATED(false),
    /** A key pair was imported into IVS and its fingerprint verified. */
    IMPORTED(false),
    /** A freshly imported key signed a token that verified with the imported public key. */
    SELF_TEST_PASSED(false),
    /** A key became ACTIVE. */
    PROMOTED(false),
    /** A key stopped being ACTIVE and is RETIRING. */
    RETIRED(false),
    /** A rotation completed: a new key is ACTIVE and the previous one RETIRING. */
    ROTATED(false),
    /**
     * A scheduled rotation is due but cannot start (no free slot, or the previous key is not
     * deletable yet).
     */
    ROTATION_DEFERRED(false),
    /** A key pair was deleted from IVS. */
    DELETED(false),
    /** A key's private material was erased from the store. */
    DESTROYED(false),
    /** A generated key was dropped without ever being used (import refused, or never imported). */
    DISCARDED(false),
    /** This process's signer switched to a different ACTIVE key. */
    ACTIVE_KEY_CHANGED(false),
    /** This manager acquired the store lease and now runs the lifecycle. */
    LEASE_ACQUIRED(false),
    /** This manager lost the store lease to another owner. */
    LEASE_LOST(false),
    /** A compromised key was replaced and deleted from IVS at once. */
    EMERGENCY_REVOKED(false),
    /** Viewer sessions were revoked as part of an emergency revocation. */
    VIEWER_SESSIONS_REVOKED(false),
    /**
     * Reconciliation: an import had succeeded but the store did not know; the IVS pair was adopted.
     */
    ADOPTED(true),
    /**
     * Alarm: the ACTIVE key's pair is gone from IVS (deleted by someone else, or revoked), so no
     * token it signed plays. It is never imported again (a key that left IVS may be compromised):
     * it is quarantined and marked DELETED, and a fresh key is promoted at once.
     */
    ACTIVE_KEY_MISSING_REPLACED(true),
    /**
     * Reconciliation: a key generated before a crash was imported, completing the interrupted
     * rotation.
     */
    RESUMED(true),
    /**
     * Reconciliation: a RETIRING or IMPORTED key was already gone from IVS (deleted outside the
     * manager, or before a crash). It is marked DELETED, never imported again; a vanished IMPORTED
     * key is also quarantined.
     */
    ALREADY_DELETED(true),
    /** Alarm: IVS reports a fingerprint different from the local one. The key never signs. */
    FINGERPRINT_MISMATCH(true),
    /** Reconciliation: a key pair carrying this manager's tag has no private key in the store. */
    ORPHANED_KEY_PAIR(true),
    /**
     * Reconciliation: an orphaned managed key pair was deleted (policy {@code
     * deleteOrphanedKeyPairs}).
     */
    ORPHAN_DELETED(true),
    /**
     * Reconciliation: a stored key's IVS pair lost this manager's tag; the manager will not delete
     * it.
     */
    UNTAGGED_KEY_PAIR(true),
    /**
     * The leader recorded longer token limits ({@link FleetTokenLimits}) in the store: its policy
     * allows longer tokens, snapshot ages or clock skew than the store held, so every manager now
     * waits longer before deleting retired keys.
     */
    TOKEN_LIMITS_RAISED(false),
    /**
     * The store cannot record {@link FleetTokenLimits} (a custom store without {@code write(long,
     * List, FleetTokenLimits, String)}); each process uses its local policy.
     */
    TOKEN_LIMITS_NOT_RECORDED(false),
    /**
     * Warning: this process has not confirmed its ACTIVE key from the store for half of {@code
     * maxSnapshotAge} (the store cannot be read). When the full age passes, its signer stops
     * minting ({@code MintReadiness.Status.KEY_VIEW_STALE}) so that no token outlives its key's
     * deletion; the detail says when. Emitted once per outage, after the failed tick.
     */
    KEY_VIEW_AGING(false),
    /** An operation failed; see {@link PlaybackKeyEvent#error()}. */
    FAILURE(false);

    private final boolean reconciliationFinding;

    Type(boolean reconciliationFinding) {
      this.reconciliationFinding = reconciliationFinding;
    }

    /**
     * @return whether this type reports a difference between the store and IVS
     */
    public boolean isReconciliationFinding() {
      return reconciliationFinding;
    }
  }
}
