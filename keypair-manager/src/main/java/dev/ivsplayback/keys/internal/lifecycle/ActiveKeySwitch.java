package dev.ivsplayback.keys.internal.lifecycle;

import dev.ivsplayback.keys.FleetTokenLimits;
import dev.ivsplayback.keys.PlaybackKeyEvent.Type;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.PlaybackKeyStoreSnapshot;
import dev.ivsplayback.keys.RotationPolicy;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Points this process's signer at the ACTIVE key of each store snapshot it sees. The new signer is
 * published with one atomic swap, so minting never waits; the previous key's signer is destroyed
 * only AFTER the swap (a request that raced with it retries on the new key). Called under the
 * manager's lock; the published reference is read lock-free.
 */
public final class ActiveKeySwitch {
  private final AtomicReference<ActiveSigner> current = new AtomicReference<>();
  private final RotationPolicy policy;
  private final EventDispatch events;

  /**
   * Creates the switch, with no ACTIVE key yet.
   *
   * @param policy the local policy (its token limits cap the stored ones)
   * @param events for ACTIVE_KEY_CHANGED
   */
  public ActiveKeySwitch(RotationPolicy policy, EventDispatch events) {
    this.policy = policy;
    this.events = events;
  }

  /**
   * The reference the signer reads on every mint.
   *
   * @return the live reference (null while no key is ACTIVE)
   */
  public AtomicReference<ActiveSigner> reference() {
    return current;
  }

  /**
   * Points the signer at the snapshot's ACTIVE key, confirmed as of {@code asOf}; no key if it has
   * none or it is quarantined.
   *
   * @param snap the snapshot just read or written
   * @param asOf when the read or write started (the confirmation time)
   */
  public void observe(PlaybackKeyStoreSnapshot snap, Instant asOf) {
    Optional<PlaybackKeyRecord> active = snap.active().filter(k -> !k.quarantined());
    ActiveSigner previous = current.get();
    if (active.isEmpty()) {
      current.set(null);
      destroy(previous);
      return;
    }
    PlaybackKeyRecord key = active.get();
    // Signers use the shorter of the local and the stored limits: another process may delete keys
    // by the stored ones.
    FleetTokenLimits local = FleetTokenLimits.of(policy);
    FleetTokenLimits limits = snap.tokenLimits().map(local::atMost).orElse(local);
    if (previous != null && previous.key().keyId().equals(key.keyId())) {
      current.set(new ActiveSigner(key, previous.signer(), asOf, limits));
      return;
    }
    current.set(new ActiveSigner(key, key.newSigner(), asOf, limits));
    destroy(previous);
    events.emit(Type.ACTIVE_KEY_CHANGED, key, "signer now mints with key " + key.keyId(), null);
  }

  /**
   * Erases a signer's per-thread state (holding the private key) in every request thread once its
   * key is no longer ACTIVE. A request racing with the swap retries with the new key.
   */
  private static void destroy(ActiveSigner previous) {
    if (previous != null) {
      previous.signer().destroy();
    }
  }
}
