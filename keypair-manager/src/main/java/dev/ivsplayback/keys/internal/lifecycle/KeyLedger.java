package dev.ivsplayback.keys.internal.lifecycle;

import dev.ivsplayback.keys.FleetTokenLimits;
import dev.ivsplayback.keys.PlaybackKeyEvent.Type;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.PlaybackKeyStore;
import dev.ivsplayback.keys.PlaybackKeyStoreSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The manager's view of the store: every read and write goes through here, and each snapshot read
 * or written is handed to the {@link ActiveKeySwitch}, so the signer always mints with the key the
 * store last showed ACTIVE. Also keeps the fleet's {@link FleetTokenLimits} in the store: raised
 * (never lowered) to this manager's policy, in the same compare-and-set write as the keys.
 *
 * <p>Writes are called under the manager's lock; {@link #current()} may be read from any thread.
 */
public final class KeyLedger {
  private final PlaybackKeyStore store;
  private final ManagerSettings settings;
  private final ActiveKeySwitch activeKey;
  private final EventDispatch events;
  private volatile PlaybackKeyStoreSnapshot current = PlaybackKeyStoreSnapshot.empty();
  private boolean storeRecordsLimits = true;

  /**
   * Creates the ledger.
   *
   * @param store the store
   * @param settings owner id and policy
   * @param activeKey told about every snapshot
   * @param events for DISCARDED and the token-limit events
   */
  public KeyLedger(
      PlaybackKeyStore store,
      ManagerSettings settings,
      ActiveKeySwitch activeKey,
      EventDispatch events) {
    this.store = store;
    this.settings = settings;
    this.activeKey = activeKey;
    this.events = events;
  }

  /**
   * The snapshot this manager last read or wrote.
   *
   * @return the snapshot
   */
  public PlaybackKeyStoreSnapshot current() {
    return current;
  }

  /**
   * Re-reads the store and points the signer at its ACTIVE key.
   *
   * @return the snapshot
   */
  public PlaybackKeyStoreSnapshot refresh() {
    Instant before = settings.clock().instant();
    PlaybackKeyStoreSnapshot snap = store.read();
    observe(snap, before);
    return snap;
  }

  /**
   * Replaces the key list (compare-and-set on {@code base}'s version), recording the fleet limits.
   *
   * @param base the snapshot the change was computed from
   * @param keys the complete new key list
   * @return the snapshot written
   */
  public PlaybackKeyStoreSnapshot write(
      PlaybackKeyStoreSnapshot base, List<PlaybackKeyRecord> keys) {
    Instant before = settings.clock().instant();
    PlaybackKeyStoreSnapshot next = storeWrite(base, keys);
    observe(next, before);
    return next;
  }

  /**
   * Replaces one record (matched by key id).
   *
   * @param base the snapshot the change was computed from
   * @param updated the new record
   * @return the snapshot written
   */
  public PlaybackKeyStoreSnapshot update(PlaybackKeyStoreSnapshot base, PlaybackKeyRecord updated) {
    return write(base, replace(base.keys(), updated));
  }

  /**
   * Removes a key that never signed (import refused or impossible), re-reading the store first.
   *
   * @param record the key
   * @param why the reason, for the DISCARDED event
   * @return the snapshot written
   */
  public PlaybackKeyStoreSnapshot discard(PlaybackKeyRecord record, String why) {
    PlaybackKeyStoreSnapshot base = store.read();
    List<PlaybackKeyRecord> keys =
        base.keys().stream().filter(k -> !k.keyId().equals(record.keyId())).toList();
    Instant before = settings.clock().instant();
    PlaybackKeyStoreSnapshot next = storeWrite(base, keys);
    observe(next, before);
    events.emit(Type.DISCARDED, record, "discarded: " + why, null);
    return next;
  }

  /**
   * The limits deletion must wait for: the longer of the stored and the local ones.
   *
   * @param snap the snapshot
   * @return the limits
   */
  public FleetTokenLimits deletionLimits(PlaybackKeyStoreSnapshot snap) {
    FleetTokenLimits local = FleetTokenLimits.of(settings.policy());
    return snap.tokenLimits().map(local::atLeast).orElse(local);
  }

  /**
   * Records this manager's limits if the store holds none or shorter ones (leader only).
   *
   * @param snap the snapshot just read
   * @return the snapshot, rewritten if the limits changed
   */
  public PlaybackKeyStoreSnapshot raiseTokenLimits(PlaybackKeyStoreSnapshot snap) {
    FleetTokenLimits target = deletionLimits(snap);
    // An empty store gets its limits with its first key; a store with keys but no limits predates
    // them.
    boolean needed =
        snap.tokenLimits().map(stored -> !stored.equals(target)).orElse(!snap.keys().isEmpty());
    if (!storeRecordsLimits || !needed) {
      return snap;
    }
    Instant before = settings.clock().instant();
    PlaybackKeyStoreSnapshot next;
    try {
      next = store.write(snap.version(), snap.keys(), target, settings.ownerId());
    } catch (UnsupportedOperationException e) {
      limitsNotRecorded();
      return snap;
    }
    observe(next, before);
    events.emit(
        Type.TOKEN_LIMITS_RAISED,
        null,
        "the key store's token limits are now maxTokenTtl "
            + target.maxTokenTtl()
            + ", maxSnapshotAge "
            + target.maxSnapshotAge()
            + ", clockSkew "
            + target.clockSkew()
            + " (deletion delay "
            + target.deletionDelay()
            + ")",
        null);
    return next;
  }

  /**
   * Writes the keys and, in the same compare-and-set write, the fleet's token limits raised to at
   * least this manager's policy (never lowered). Until that write no signer mints under the raised
   * limits, as signers use the shorter of their local and the stored limits.
   */
  private PlaybackKeyStoreSnapshot storeWrite(
      PlaybackKeyStoreSnapshot base, List<PlaybackKeyRecord> keys) {
    if (storeRecordsLimits) {
      try {
        return store.write(base.version(), keys, deletionLimits(base), settings.ownerId());
      } catch (UnsupportedOperationException e) {
        limitsNotRecorded();
      }
    }
    return store.write(base.version(), keys, settings.ownerId());
  }

  private void limitsNotRecorded() {
    storeRecordsLimits = false;
    events.emit(
        Type.TOKEN_LIMITS_NOT_RECORDED,
        null,
        "the key store "
            + store.getClass().getName()
            + " cannot record the fleet's token limits; every process uses its local policy,"
            + " which is safe only if all share the same maxTokenTtl, maxSnapshotAge and"
            + " clockSkew",
        null);
  }

  private void observe(PlaybackKeyStoreSnapshot snap, Instant asOf) {
    current = snap;
    activeKey.observe(snap, asOf);
  }

  /**
   * A key list with one record replaced (matched by key id).
   *
   * @param keys the list
   * @param updated the new record
   * @return a new list
   */
  public static List<PlaybackKeyRecord> replace(
      List<PlaybackKeyRecord> keys, PlaybackKeyRecord updated) {
    List<PlaybackKeyRecord> out = new ArrayList<>(keys.size());
    for (PlaybackKeyRecord k : keys) {
      out.add(k.keyId().equals(updated.keyId()) ? updated : k);
    }
    return out;
  }

  /**
   * A key list with one record appended.
   *
   * @param keys the list
   * @param added the new record
   * @return a new list
   */
  public static List<PlaybackKeyRecord> with(
      List<PlaybackKeyRecord> keys, PlaybackKeyRecord added) {
    List<PlaybackKeyRecord> out = new ArrayList<>(keys);
    out.add(added);
    return out;
  }
}
