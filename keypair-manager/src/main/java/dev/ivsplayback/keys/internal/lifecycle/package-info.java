/**
 * The key manager's lifecycle, one class per responsibility, behind the {@link
 * dev.ivsplayback.keys.PlaybackKeyManager} facade (which holds the lock and reports failures). Not
 * API: may change in any release. None of these classes is thread-safe; the facade calls them under
 * its lock (the signer reads {@link dev.ivsplayback.keys.internal.lifecycle.ActiveSigner}
 * lock-free).
 *
 * <ul>
 *   <li>{@link dev.ivsplayback.keys.internal.lifecycle.ManagerSettings}: manager id, owner id,
 *       policy, clock; which pairs are managed, pair names and tags.
 *   <li>{@link dev.ivsplayback.keys.internal.lifecycle.EventDispatch}: sends events to the
 *       listeners; a failing listener is logged, never fatal.
 *   <li>{@link dev.ivsplayback.keys.internal.lifecycle.KeyLedger}: every store read and write, and
 *       the fleet's token limits recorded in the store (raised, never lowered).
 *   <li>{@link dev.ivsplayback.keys.internal.lifecycle.LeaderLease}: takes, renews and releases the
 *       store lease; only the holder changes IVS or the store.
 *   <li>{@link dev.ivsplayback.keys.internal.lifecycle.ActiveKeySwitch}: points the signer at the
 *       store's ACTIVE key with one atomic swap and destroys the previous signer after it.
 *   <li>{@link dev.ivsplayback.keys.internal.lifecycle.RotationSteps}: free-slot check, generate,
 *       persist, import, fingerprint check, self-test; adopting an import that landed unrecorded.
 *   <li>{@link dev.ivsplayback.keys.internal.lifecycle.LifecycleAdvancer}: promotion, retirement,
 *       deletion and destruction on the clock; the ONE place of the deletion-safety rule.
 *   <li>{@link dev.ivsplayback.keys.internal.lifecycle.Reconciler}: compares the store with IVS and
 *       repairs; never re-imports a key that was once in IVS.
 *   <li>{@link dev.ivsplayback.keys.internal.lifecycle.EmergencyRevocation}: replaces and deletes a
 *       compromised key at once, revokes viewer sessions.
 *   <li>{@link dev.ivsplayback.keys.internal.lifecycle.TickScheduler}: runs the tick every refresh
 *       interval.
 * </ul>
 *
 * <p>All IVS calls go through {@link dev.ivsplayback.keys.PlaybackKeyPairGateway}, whose failures
 * carry a {@link dev.ivsplayback.keys.PlaybackKeyException.Reason}: no class here sees an
 * ivs-client exception or an AWS SDK type (the one ivs-client type used is the value record {@link
 * dev.ivsplayback.client.ViewerRevocation}).
 */
package dev.ivsplayback.keys.internal.lifecycle;
