package dev.ivsplayback.keys.internal.lifecycle;

import dev.ivsplayback.keys.PlaybackKeyEvent.Type;
import dev.ivsplayback.keys.PlaybackKeyException.Reason;
import dev.ivsplayback.keys.PlaybackKeyStore;
import dev.ivsplayback.keys.PlaybackKeyStoreException;
import dev.ivsplayback.keys.StoreLease;

/**
 * This manager's hold on the store lease: only the holder changes IVS or the store. Taken (or
 * renewed) at every tick and before every IVS change, so a manager that lost it stops mid-operation
 * rather than race the new holder. Not thread-safe: called under the manager's lock.
 */
public final class LeaderLease {
  private final PlaybackKeyStore store;
  private final ManagerSettings settings;
  private final EventDispatch events;
  private boolean leader;
  private long term;

  /**
   * Creates the lease holder, not yet leader.
   *
   * @param store the store holding the lease
   * @param settings owner id and lease duration
   * @param events for LEASE_ACQUIRED and LEASE_LOST
   */
  public LeaderLease(PlaybackKeyStore store, ManagerSettings settings, EventDispatch events) {
    this.store = store;
    this.settings = settings;
    this.events = events;
  }

  /**
   * Takes or renews the lease if no other owner holds it.
   *
   * @return whether this manager holds it now
   */
  public boolean take() {
    String owner = settings.ownerId();
    boolean held = store.tryAcquireLease(owner, settings.policy().leaseDuration()).isPresent();
    if (held && !leader) {
      term++;
      events.emit(Type.LEASE_ACQUIRED, null, "owner " + owner + " holds the store lease", null);
    } else if (!held && leader) {
      events.emit(Type.LEASE_LOST, null, "owner " + owner + " lost the store lease", null);
    }
    leader = held;
    return held;
  }

  /**
   * Takes the lease for an operation that needs it.
   *
   * @throws PlaybackKeyStoreException {@link Reason#LEASE_NOT_HELD} naming the holder
   */
  public void require() {
    if (!take()) {
      StoreLease lease = store.read().lease().orElse(null);
      throw new PlaybackKeyStoreException(
          Reason.LEASE_NOT_HELD,
          "manager "
              + settings.ownerId()
              + " cannot take the store lease"
              + (lease == null
                  ? ""
                  : ": held by " + lease.owner() + " until " + lease.expiresAt()));
    }
  }

  /**
   * Renews the lease before a step that changes IVS or the store.
   *
   * @throws PlaybackKeyStoreException {@link Reason#LEASE_NOT_HELD} if it was lost
   */
  public void renew() {
    if (!take()) {
      throw new PlaybackKeyStoreException(
          Reason.LEASE_NOT_HELD,
          "manager " + settings.ownerId() + " lost the store lease mid-operation; stopping");
    }
  }

  /** Releases the lease if held, so another process can take over at once. */
  public void release() {
    if (leader) {
      store.releaseLease(settings.ownerId());
      leader = false;
    }
  }

  /**
   * Whether this manager held the lease at its last attempt.
   *
   * @return true if leader
   */
  public boolean isLeader() {
    return leader;
  }

  /**
   * Counts the times this manager acquired the lease; a new term means a new leader, which first
   * repairs whatever its predecessor left.
   *
   * @return the current term, 0 before the first acquisition
   */
  public long term() {
    return term;
  }
}
