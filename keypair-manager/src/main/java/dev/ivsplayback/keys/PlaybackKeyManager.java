package dev.ivsplayback.keys;

import dev.ivsplayback.client.IvsPlaybackClient;
import dev.ivsplayback.client.ViewerRevocation;
import dev.ivsplayback.keys.PlaybackKeyEvent.Type;
import dev.ivsplayback.keys.PlaybackKeyException.Reason;
import dev.ivsplayback.keys.internal.lifecycle.ActiveKeySwitch;
import dev.ivsplayback.keys.internal.lifecycle.ActiveSigner;
import dev.ivsplayback.keys.internal.lifecycle.EmergencyRevocation;
import dev.ivsplayback.keys.internal.lifecycle.EventDispatch;
import dev.ivsplayback.keys.internal.lifecycle.KeyLedger;
import dev.ivsplayback.keys.internal.lifecycle.LeaderLease;
import dev.ivsplayback.keys.internal.lifecycle.LifecycleAdvancer;
import dev.ivsplayback.keys.internal.lifecycle.ManagerSettings;
import dev.ivsplayback.keys.internal.lifecycle.Reconciler;
import dev.ivsplayback.keys.internal.lifecycle.RotationSteps;
import dev.ivsplayback.keys.internal.lifecycle.TickScheduler;
import dev.ivsplayback.token.InvalidConfigurationException;
import dev.ivsplayback.token.internal.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Generates, imports, tracks, rotates and deletes IVS playback key pairs so that tokens keep
 * playing through every rotation.
 *
 * <pre>{@code
 * try (IvsPlaybackClient ivs = IvsPlaybackClient.create(IvsClientConfig.builder().region("eu-west-1").build());
 *      FileSystemPlaybackKeyStore store = FileSystemPlaybackKeyStore.builder()
 *          .directory(Path.of("/var/lib/auth/ivs-keys")).passphrase(passphrase).build();
 *      PlaybackKeyManager keys = PlaybackKeyManager.builder()
 *          .managerId("auth-prod").client(ivs).store(store).policy(RotationPolicy.defaults()).build()) {
 *   keys.start();                                   // reconcile, create the first key if needed, tick on a schedule
 *   String url = keys.signer().playbackUrl(channel.playbackUrl(),
 *       PlaybackClaims.builder().channelArn(channel.arn()).expiresIn(Duration.ofMinutes(10)).build());
 * }
 * }</pre>
 *
 * <p><b>Lifecycle</b> ({@link PlaybackKeyState}): GENERATED → IMPORTED → ACTIVE → RETIRING →
 * DELETED → DESTROYED. A new key is promoted by the first tick after {@code importedAt +
 * propagationDelay}; the previous one is deleted from IVS at {@code retiredAt + deletionDelay}
 * ({@link RotationPolicy}) and then destroyed. Waiting is never a sleep: each state carries the
 * time it may advance, checked by {@link #tick()} against the injected clock.
 *
 * <p><b>Fleet</b>: every process sharing a store runs a manager with the same {@code managerId}. On
 * each tick every manager re-reads the store and swaps its signer to the ACTIVE key; only the
 * holder of the store lease changes IVS or the store. Every key pair it imports is tagged {@code
 * ivs-playback:manager=<managerId>}; it deletes only pairs carrying that tag and never touches
 * others (they still count against the quota of 3).
 *
 * <p><b>Structure</b>: this class is a facade. Each public operation runs under one lock through
 * {@link #locked}, which reports a failure as a {@link Type#FAILURE} event and makes the next tick
 * reconcile first. The work is done by one class per responsibility in {@code
 * dev.ivsplayback.keys.internal.lifecycle} (see its package documentation).
 *
 * <p><b>Thread safety</b>: thread-safe. Lifecycle operations are serialised by an internal lock;
 * {@link #signer()}, {@link #keys()} and {@link #activeKey()} never take it.
 */
public final class PlaybackKeyManager implements AutoCloseable {
  /** Tag naming the manager that owns a key pair. */
  public static final String MANAGER_TAG = "ivs-playback:manager";

  /** Tag carrying the manager's key id. */
  public static final String KEY_ID_TAG = "ivs-playback:key-id";

  private final ManagerSettings settings;
  private final EventDispatch events;
  private final KeyLedger ledger;
  private final LeaderLease lease;
  private final LifecycleAdvancer advancer;
  private final Reconciler reconciler;
  private final EmergencyRevocation emergency;
  private final TickScheduler ticks;
  private final RotatingPlaybackTokenSigner signer;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicReference<ActiveSigner> active;
  private Instant agingWarnedFor; // the confirmation an aging warning was already sent for
  private boolean closed;

  private PlaybackKeyManager(Builder b, String ownerId, PlaybackKeyGenerator generator) {
    this.settings = new ManagerSettings(b.managerId, ownerId, b.policy, b.clock);
    this.events = new EventDispatch(b.managerId, b.listeners, b.clock);
    ActiveKeySwitch activeKey = new ActiveKeySwitch(b.policy, events);
    this.ledger = new KeyLedger(b.store, settings, activeKey, events);
    this.lease = new LeaderLease(b.store, settings, events);
    RotationSteps steps = new RotationSteps(settings, b.gateway, ledger, lease, events, generator);
    this.advancer = new LifecycleAdvancer(settings, b.gateway, ledger, lease, events, steps);
    this.reconciler = new Reconciler(settings, b.gateway, ledger, lease, events, steps, advancer);
    this.emergency = new EmergencyRevocation(settings, b.gateway, ledger, events, advancer);
    this.ticks =
        b.automaticTicks
            ? new TickScheduler(b.managerId, b.policy.refreshInterval(), b.scheduler)
            : null;
    this.active = activeKey.reference();
    this.signer = new RotatingPlaybackTokenSigner(active, b.clock, b.policy);
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the manager: unless automatic ticks were disabled, schedules a tick every {@link
   * RotationPolicy#refreshInterval()}, then runs one {@link #tick()} now (reconcile, repair, create
   * the first key if the store has none, catch up on anything overdue).
   *
   * <p>If that first tick fails (IVS or the store briefly unavailable), its exception is thrown so
   * the caller sees it, and the scheduled ticks keep retrying. The signer already works if the
   * store could be read and holds an ACTIVE key.
   *
   * @throws PlaybackKeyException {@link Reason#MANAGER_CLOSED} after {@link #close()}, or whatever
   *     the first tick failed with
   */
  public void start() {
    lock.lock();
    try {
      if (closed) {
        throw new PlaybackKeyException(
            Reason.MANAGER_CLOSED,
            "manager "
                + settings.ownerId()
                + " is closed and cannot be started again; build a new manager");
      }
      if (ticks != null) {
        if (ticks.isStarted()) {
          return;
        }
        ticks.start(this::tick);
      }
      tick();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs one step of the lifecycle: re-read the store and swap the signer; then, if this manager
   * holds (or can take) the store lease: reconcile with IVS when due, delete RETIRING keys whose
   * deletion time has passed and destroy their private material, promote an IMPORTED key whose
   * propagation delay has passed (or at once if there is no ACTIVE key), and start a rotation if
   * one is due. Called by the scheduler; call it directly to drive the manager with a test clock.
   *
   * @return true if this manager held the lease (and did the work), false if it only followed the
   *     store or is closed (a closed manager's tick does nothing)
   * @throws PlaybackKeyException on failure, after a {@link Type#FAILURE} event; the next tick
   *     retries
   */
  public boolean tick() {
    return locked(
        "tick",
        () -> {
          if (closed) {
            // A scheduled tick that waited for the lock while close() ran: it must not take back
            // the lease close() just released.
            return false;
          }
          PlaybackKeyStoreSnapshot snap = ledger.refresh();
          if (!lease.take()) {
            return false;
          }
          // Read again now that the lease is held: the previous holder may have written after the
          // read above (this process stalled before taking the lease), and leader work on that
          // older snapshot would take a key it imported for an orphan.
          snap = ledger.refresh();
          snap = ledger.raiseTokenLimits(snap);
          if (reconciler.isDue()) {
            snap = reconciler.reconcile(snap);
          }
          advancer.advance(snap);
          return true;
        });
  }

  /**
   * Starts a rotation now, whether or not it is due: generate, persist, import, persist, self-test.
   * The new key is promoted by the first tick after its propagation delay (at once if there is no
   * ACTIVE key).
   *
   * @return the new key, IMPORTED (or ACTIVE if there was none)
   * @throws PlaybackKeyException {@link Reason#ROTATION_IN_PROGRESS} if a new key is already
   *     waiting for promotion; {@link Reason#NO_FREE_KEY_SLOT} if the quota or the manager's limit
   *     leaves no slot (nothing changed); {@link Reason#KEY_IMPORT_FAILED} if IVS refused the
   *     import (nothing changed)
   * @throws PlaybackKeyStoreException {@link Reason#LEASE_NOT_HELD} if another process holds the
   *     store lease
   */
  public PlaybackKeyRecord rotate() {
    return locked(
        "rotation",
        () -> {
          lease.require();
          PlaybackKeyStoreSnapshot snap = ledger.refresh(); // under the lease: see tick()
          RotationSteps.requireNoPending(snap);
          snap = advancer.rotate(snap, snap.active().isEmpty(), false);
          return RotationSteps.newest(snap);
        });
  }

  /**
   * Compares the store with IVS now and repairs what a crash left behind (see the class
   * documentation of {@link PlaybackKeyEvent.Type} for the findings).
   *
   * @return the report
   * @throws PlaybackKeyStoreException {@link Reason#LEASE_NOT_HELD} if another process holds the
   *     store lease
   */
  public ReconciliationReport reconcile() {
    return locked(
        "reconciliation",
        () -> {
          lease.require();
          PlaybackKeyStoreSnapshot snap = ledger.refresh(); // under the lease: see tick()
          reconciler.reconcile(snap);
          return reconciler.lastReport();
        });
  }

  /**
   * Emergency revocation of a compromised key: quarantine it (it stops signing at once), promote a
   * fresh key (without waiting for propagation), delete the compromised pair from IVS immediately,
   * destroy it, and optionally revoke viewer sessions. Tokens it signed stop playing. If the quota
   * leaves no free slot, the compromised pair is deleted first and the fresh key imported after.
   *
   * @param keyIdOrFingerprint the key's id, fingerprint or ARN
   * @param viewerSessions viewer sessions to revoke as well (may be empty)
   * @return the new ACTIVE key
   * @throws PlaybackKeyException {@link Reason#UNKNOWN_KEY} if no stored key matches
   * @throws PlaybackKeyStoreException {@link Reason#LEASE_NOT_HELD} if another process holds the
   *     store lease
   */
  public PlaybackKeyRecord emergencyRevoke(
      String keyIdOrFingerprint, List<ViewerRevocation> viewerSessions) {
    Objects.requireNonNull(keyIdOrFingerprint, "keyIdOrFingerprint");
    List<ViewerRevocation> sessions = List.copyOf(viewerSessions);
    return locked(
        "emergency revocation",
        () -> {
          lease.require();
          PlaybackKeyStoreSnapshot snap = ledger.refresh(); // under the lease: see tick()
          return emergency.revoke(snap, keyIdOrFingerprint, sessions);
        });
  }

  /**
   * Runs one lifecycle operation under the lock. On failure: the next tick reconciles first
   * (whatever the failure left half-done is repaired), a {@link Type#FAILURE} event is emitted, and
   * the exception is rethrown.
   */
  private <T> T locked(String operation, Supplier<T> body) {
    lock.lock();
    try {
      return body.get();
    } catch (RuntimeException e) {
      reconciler.forceNext();
      events.emit(Type.FAILURE, null, operation + " failed: " + e.getMessage(), e);
      warnIfKeyViewAging();
      throw e;
    } finally {
      lock.unlock();
    }
  }

  /**
   * After a failure: once this process's last confirmation of its ACTIVE key is half of {@code
   * maxSnapshotAge} old, warns (once per confirmation) before the signer stops minting.
   */
  private void warnIfKeyViewAging() {
    ActiveSigner a = active.get();
    if (a == null || a.confirmedAt().equals(agingWarnedFor)) {
      return;
    }
    Duration maxAge = a.limits().maxSnapshotAge();
    Instant now = settings.clock().instant();
    if (Duration.between(a.confirmedAt(), now).compareTo(maxAge.dividedBy(2)) >= 0) {
      agingWarnedFor = a.confirmedAt();
      events.emit(
          Type.KEY_VIEW_AGING,
          a.key(),
          "key "
              + a.key().keyId()
              + " was last confirmed ACTIVE at "
              + a.confirmedAt()
              + "; unless the store can be read again, the signer stops minting at "
              + a.confirmedAt().plus(maxAge)
              + " (maxSnapshotAge "
              + maxAge
              + ")",
          null);
    }
  }

  /**
   * The signer that always mints with the current ACTIVE key. Never blocks on rotation.
   *
   * @return the signer (one instance per manager)
   */
  public RotatingPlaybackTokenSigner signer() {
    return signer;
  }

  /**
   * The keys as this manager last read them from the store.
   *
   * @return the records, oldest first
   */
  public List<PlaybackKeyRecord> keys() {
    return ledger.current().keys();
  }

  /**
   * The ACTIVE key as this manager last read the store.
   *
   * @return the ACTIVE record
   */
  public Optional<PlaybackKeyRecord> activeKey() {
    return ledger.current().active();
  }

  /**
   * The manager id shared by the fleet (the value of the {@link #MANAGER_TAG} tag).
   *
   * @return the manager id
   */
  public String managerId() {
    return settings.managerId();
  }

  /**
   * This instance's lease owner id.
   *
   * @return the owner id
   */
  public String ownerId() {
    return settings.ownerId();
  }

  /**
   * Whether this manager held the store lease at its last tick.
   *
   * @return true if leader
   */
  public boolean isLeader() {
    lock.lock();
    try {
      return lease.isLeader();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The policy.
   *
   * @return the rotation policy
   */
  public RotationPolicy policy() {
    return settings.policy();
  }

  /**
   * Stops scheduled ticks and releases the store lease (another process can take over at once).
   * Does not close the store or the IVS client.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (ticks != null) {
        ticks.stop();
      }
      lease.release();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Builder for {@link PlaybackKeyManager}; not thread-safe. Setters only record; {@link #build()}
   * validates every setting and never changes the builder.
   */
  public static final class Builder {
    private String managerId;
    private String ownerId;
    private PlaybackKeyStore store;
    private PlaybackKeyPairGateway gateway;
    private RotationPolicy policy = RotationPolicy.defaults();
    private Clock clock = Clock.systemUTC();
    private PlaybackKeyGenerator generator;
    private final List<PlaybackKeyListener> listeners = new ArrayList<>();
    private boolean automaticTicks = true;
    private ScheduledExecutorService scheduler;

    private Builder() {}

    /**
     * The fleet's manager id: tagged on every key pair this manager imports; only pairs carrying it
     * are deleted. Required; 1..64 of {@code [A-Za-z0-9_-]}; never reuse it for an unrelated store
     * in the same region.
     *
     * @param id the manager id
     * @return this
     */
    public Builder managerId(String id) {
      this.managerId = id;
      return this;
    }

    /**
     * This instance's lease owner id; default {@code managerId/random-uuid}. 1..128 non-blank
     * characters.
     *
     * @param id the owner id
     * @return this
     */
    public Builder ownerId(String id) {
      this.ownerId = id;
      return this;
    }

    /**
     * The key store. Required.
     *
     * @param store the store
     * @return this
     */
    public Builder store(PlaybackKeyStore store) {
      this.store = store;
      return this;
    }

    /**
     * The IVS client (its region is the one managed), wrapped in {@link
     * PlaybackKeyPairGateway#of(IvsPlaybackClient)}. Required, unless {@link #gateway} is given.
     * Not closed by the manager.
     *
     * @param client the client
     * @return this
     */
    public Builder client(IvsPlaybackClient client) {
      this.gateway = client == null ? null : PlaybackKeyPairGateway.of(client);
      return this;
    }

    /**
     * The IVS seam, for callers with their own transport, and tests; {@link #client} wraps an
     * ivs-client client in one. Required (this or {@link #client}).
     *
     * @param gateway the gateway (not closed by the manager)
     * @return this
     */
    public Builder gateway(PlaybackKeyPairGateway gateway) {
      this.gateway = gateway;
      return this;
    }

    /**
     * The timing rules; default {@link RotationPolicy#defaults()}.
     *
     * @param policy the policy
     * @return this
     */
    public Builder policy(RotationPolicy policy) {
      this.policy = policy;
      return this;
    }

    /**
     * The clock for every decision and timestamp; default system UTC.
     *
     * @param clock the clock
     * @return this
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * The key generator; default {@link PlaybackKeyGenerator#create()}.
     *
     * @param generator the generator
     * @return this
     */
    public Builder generator(PlaybackKeyGenerator generator) {
      this.generator = generator;
      return this;
    }

    /**
     * Adds an event listener.
     *
     * @param listener the listener
     * @return this
     */
    public Builder listener(PlaybackKeyListener listener) {
      this.listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Whether {@link #start()} schedules ticks every refresh interval (default true). Disable to
     * drive the manager with {@link #tick()} yourself, e.g. with a test clock.
     *
     * @param enabled whether to schedule
     * @return this
     */
    public Builder automaticTicks(boolean enabled) {
      this.automaticTicks = enabled;
      return this;
    }

    /**
     * The executor for scheduled ticks; default a daemon thread owned by the manager.
     *
     * @param scheduler the executor (not shut down by the manager)
     * @return this
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /**
     * Validates and builds. Nothing is read or called until {@link PlaybackKeyManager#start()} or
     * {@link PlaybackKeyManager#tick()}.
     *
     * @return the manager
     * @throws InvalidConfigurationException naming the first setting at fault
     */
    public PlaybackKeyManager build() {
      if (managerId == null || !managerId.matches("[A-Za-z0-9_-]{1,64}")) {
        throw new InvalidConfigurationException(
            "managerId",
            "'"
                + managerId
                + "' must be 1..64 characters of [A-Za-z0-9_-] (it becomes part of IVS key pair"
                + " names and tags)");
      }
      Settings.required("store", store);
      if (gateway == null) {
        throw new InvalidConfigurationException(
            "gateway",
            "is required and was not set: give client(IvsPlaybackClient) or"
                + " gateway(PlaybackKeyPairGateway)");
      }
      Settings.required("policy", policy);
      Settings.required("clock", clock);
      if (ownerId != null && (ownerId.isBlank() || ownerId.length() > 128)) {
        throw new InvalidConfigurationException(
            "ownerId", "'" + ownerId + "' must be 1..128 non-blank characters");
      }
      return new PlaybackKeyManager(
          this,
          ownerId != null ? ownerId : managerId + "/" + UUID.randomUUID(),
          generator != null ? generator : PlaybackKeyGenerator.create());
    }
  }
}
