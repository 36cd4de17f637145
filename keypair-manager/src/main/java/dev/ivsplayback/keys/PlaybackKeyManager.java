package dev.ivsplayback.keys;

import dev.ivsplayback.client.IvsPlaybackClient;
import dev.ivsplayback.client.ViewerRevocation;
import dev.ivsplayback.keys.PlaybackKeyEvent.Type;
import dev.ivsplayback.keys.PlaybackKeyException.Reason;
import dev.ivsplayback.keys.PlaybackKeyPairGateway.RemoteKeyPair;
import dev.ivsplayback.token.InvalidConfigurationException;
import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackKeys;
import dev.ivsplayback.token.PlaybackTokenSigner;
import dev.ivsplayback.token.PlaybackTokenVerifier;
import dev.ivsplayback.token.VerificationRequest;
import dev.ivsplayback.token.VerificationResult;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

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
 * DELETED → DESTROYED. A rotation checks for a free slot (counting pairs it does not manage),
 * generates a key, persists it, imports it, persists ARN and fingerprint, checks the fingerprint
 * IVS computed, self-tests (sign, verify with the imported public key), and leaves the key IMPORTED
 * until {@code importedAt + propagationDelay}; the next tick after that promotes it and retires the
 * previous key, which is deleted from IVS at {@code retiredAt + deletionDelay} and then destroyed.
 * Waiting is never a sleep: each state carries the time it may advance, checked by {@link #tick()}
 * against the injected clock, so a tick after any downtime catches up at once.
 *
 * <p><b>Fleet</b>: every process sharing a store runs a manager with the same {@code managerId}. On
 * each tick every manager re-reads the store and swaps its signer to the ACTIVE key; only the
 * holder of the store lease changes IVS or the store. Every key pair it imports is tagged {@code
 * ivs-playback:manager=<managerId>}; it deletes only pairs carrying that tag and never touches
 * others (they still count against the quota of 3).
 *
 * <p><b>Thread safety</b>: thread-safe. Lifecycle operations are serialised by an internal lock;
 * {@link #signer()} never takes it.
 */
public final class PlaybackKeyManager implements AutoCloseable {
  /** Tag naming the manager that owns a key pair. */
  public static final String MANAGER_TAG = "ivs-playback:manager";

  /** Tag carrying the manager's key id. */
  public static final String KEY_ID_TAG = "ivs-playback:key-id";

  private static final System.Logger LOG = System.getLogger(PlaybackKeyManager.class.getName());
  private static final String SELF_TEST_CHANNEL =
      "arn:aws:ivs:us-west-2:000000000000:channel/selfTest0000";
  private static final SecureRandom IDS = new SecureRandom();

  private final String managerId;
  private final String ownerId;
  private final PlaybackKeyStore store;
  private final PlaybackKeyPairGateway ivs;
  private final RotationPolicy policy;
  private final Clock clock;
  private final PlaybackKeyGenerator generator;
  private final List<PlaybackKeyListener> listeners;
  private final boolean automaticTicks;
  private final ScheduledExecutorService givenScheduler;

  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicReference<ActiveSigner> active = new AtomicReference<>();
  private final RotatingPlaybackTokenSigner signer;

  private volatile PlaybackKeyStoreSnapshot lastSnapshot = PlaybackKeyStoreSnapshot.empty();
  private boolean leader;
  private boolean storeRecordsLimits = true;
  private Instant lastReconcile;
  private ReconciliationReport lastReport;
  private String lastDeferral;
  private final java.util.Set<String> reportedUntagged = new java.util.HashSet<>();
  private ScheduledExecutorService ownedScheduler;
  private ScheduledFuture<?> scheduled;
  private boolean closed;

  private PlaybackKeyManager(Builder b) {
    if (b.managerId == null || !b.managerId.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new InvalidConfigurationException(
          "managerId",
          "'"
              + b.managerId
              + "' must be 1..64 characters of [A-Za-z0-9_-] (it becomes part of IVS key pair names and tags)");
    }
    if (b.store == null) {
      throw new InvalidConfigurationException("store", "is required");
    }
    if (b.gateway == null) {
      throw new InvalidConfigurationException(
          "gateway",
          "is required: give client(IvsPlaybackClient) or gateway(PlaybackKeyPairGateway)");
    }
    if (b.ownerId != null && (b.ownerId.isBlank() || b.ownerId.length() > 128)) {
      throw new InvalidConfigurationException("ownerId", "must be 1..128 non-blank characters");
    }
    this.managerId = b.managerId;
    this.ownerId = b.ownerId != null ? b.ownerId : managerId + "/" + UUID.randomUUID();
    this.store = b.store;
    this.ivs = b.gateway;
    this.policy = b.policy;
    this.clock = b.clock;
    this.generator = b.generator;
    this.listeners = List.copyOf(b.listeners);
    this.automaticTicks = b.automaticTicks;
    this.givenScheduler = b.scheduler;
    this.signer = new RotatingPlaybackTokenSigner(active, clock, policy);
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------- public operations

  /**
   * Starts the manager: unless automatic ticks were disabled, schedules a tick every {@link
   * RotationPolicy#refreshInterval()}, then runs one {@link #tick()} now (reconcile, repair, create
   * the first key if the store has none, catch up on anything overdue).
   *
   * <p>If that first tick fails (IVS or the store briefly unavailable), its exception is thrown so
   * the caller sees it, and the scheduled ticks keep retrying. The signer already works if the
   * store could be read and holds an ACTIVE key.
   *
   * @throws PlaybackKeyException if the first tick fails
   */
  public void start() {
    lock.lock();
    try {
      if (closed) {
        throw new PlaybackKeyException(
            Reason.MANAGER_CLOSED,
            "manager "
                + ownerId
                + " is closed and cannot be started again; build a new"
                + " manager");
      }
      if (scheduled != null) {
        return;
      }
      if (automaticTicks) {
        ScheduledExecutorService executor = givenScheduler;
        if (executor == null) {
          ownedScheduler =
              Executors.newSingleThreadScheduledExecutor(
                  r -> {
                    Thread t = new Thread(r, "ivs-playback-key-manager-" + managerId);
                    t.setDaemon(true);
                    return t;
                  });
          executor = ownedScheduler;
        }
        long period = policy.refreshInterval().toNanos();
        scheduled =
            executor.scheduleWithFixedDelay(
                this::scheduledTick, period, period, TimeUnit.NANOSECONDS);
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
   *     store
   * @throws PlaybackKeyException on failure, after a {@link Type#FAILURE} event; the next tick
   *     retries
   */
  public boolean tick() {
    lock.lock();
    try {
      PlaybackKeyStoreSnapshot snap = refresh();
      if (!takeLease()) {
        return false;
      }
      snap = raiseTokenLimits(snap);
      if (lastReconcile == null
          || !clock.instant().isBefore(lastReconcile.plus(policy.reconcileInterval()))) {
        snap = reconcileLocked(snap, new ArrayList<>());
      }
      advance(snap);
      return true;
    } catch (RuntimeException e) {
      lastReconcile = null; // whatever the failure left half-done, the next tick repairs first
      emit(Type.FAILURE, null, "tick failed: " + e.getMessage(), e);
      throw e;
    } finally {
      lock.unlock();
    }
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
    lock.lock();
    try {
      PlaybackKeyStoreSnapshot snap = refresh();
      requireLease();
      List<PlaybackKeyRecord> pending = pending(snap);
      if (!pending.isEmpty()) {
        throw new PlaybackKeyException(
            Reason.ROTATION_IN_PROGRESS,
            "key "
                + pending.get(0).keyId()
                + " is already "
                + pending.get(0).state()
                + (pending
                    .get(0)
                    .promotableAt()
                    .map(t -> " (promotable at " + t + ")")
                    .orElse("")));
      }
      boolean immediate = snap.active().isEmpty();
      snap = startRotation(snap, immediate, false);
      return newest(snap);
    } catch (RuntimeException e) {
      lastReconcile = null;
      emit(Type.FAILURE, null, "rotation failed: " + e.getMessage(), e);
      throw e;
    } finally {
      lock.unlock();
    }
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
    lock.lock();
    try {
      PlaybackKeyStoreSnapshot snap = refresh();
      requireLease();
      List<PlaybackKeyEvent> findings = new ArrayList<>();
      reconcileLocked(snap, findings);
      return lastReport;
    } catch (RuntimeException e) {
      emit(Type.FAILURE, null, "reconciliation failed: " + e.getMessage(), e);
      throw e;
    } finally {
      lock.unlock();
    }
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
    lock.lock();
    try {
      PlaybackKeyStoreSnapshot snap = refresh();
      requireLease();
      PlaybackKeyRecord target =
          snap.keys().stream()
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
      if (!target.quarantined()) {
        snap = write(snap, replace(snap.keys(), target.toBuilder().quarantined(true).build()));
        target = snap.key(target.keyId()).orElseThrow();
      }
      if (target.state() == PlaybackKeyState.GENERATED) {
        snap = discard(snap, target, "revoked before it was imported");
      } else if (target.state().isInIvs()) {
        boolean wasActive = target.state() == PlaybackKeyState.ACTIVE;
        if (wasActive) {
          Optional<PlaybackKeyRecord> pending =
              snap.inState(PlaybackKeyState.IMPORTED).stream()
                  .filter(k -> !k.quarantined())
                  .reduce((a, b) -> b);
          if (pending.isPresent()) {
            snap = promote(snap, pending.get());
          } else if (ivs.list().size() >= policy.keyPairQuota()) {
            snap = deleteFromIvs(snap, target, true);
            snap = startRotation(snap, true, true);
          } else {
            snap = startRotation(snap, true, true);
          }
        }
        PlaybackKeyRecord current = snap.key(target.keyId()).orElseThrow();
        if (current.state().isInIvs()) {
          snap = deleteFromIvs(snap, current, true);
        }
        current = snap.key(target.keyId()).orElseThrow();
        if (current.state() == PlaybackKeyState.DELETED) {
          snap = destroy(snap, current);
        }
      }
      emit(Type.EMERGENCY_REVOKED, target, "compromised key replaced and deleted from IVS", null);
      for (ViewerRevocation v : sessions) {
        ivs.revokeViewer(v);
        emit(
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
    } catch (RuntimeException e) {
      lastReconcile = null;
      emit(Type.FAILURE, null, "emergency revocation failed: " + e.getMessage(), e);
      throw e;
    } finally {
      lock.unlock();
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
    return lastSnapshot.keys();
  }

  /**
   * The ACTIVE key as this manager last read the store.
   *
   * @return the ACTIVE record
   */
  public Optional<PlaybackKeyRecord> activeKey() {
    return lastSnapshot.active();
  }

  /**
   * The manager id shared by the fleet (the value of the {@link #MANAGER_TAG} tag).
   *
   * @return the manager id
   */
  public String managerId() {
    return managerId;
  }

  /**
   * This instance's lease owner id.
   *
   * @return the owner id
   */
  public String ownerId() {
    return ownerId;
  }

  /**
   * Whether this manager held the store lease at its last tick.
   *
   * @return true if leader
   */
  public boolean isLeader() {
    lock.lock();
    try {
      return leader;
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
    return policy;
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
      if (scheduled != null) {
        scheduled.cancel(false);
      }
      if (ownedScheduler != null) {
        ownedScheduler.shutdownNow();
      }
      if (leader) {
        store.releaseLease(ownerId);
        leader = false;
      }
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------- lifecycle steps (lock held)

  private void scheduledTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      // Already reported as a FAILURE event by tick(); an exception escaping here would cancel the
      // schedule.
      LOG.log(System.Logger.Level.DEBUG, "scheduled tick failed; retrying next period", e);
    }
  }

  private void advance(PlaybackKeyStoreSnapshot snap) {
    Instant now = clock.instant();
    for (PlaybackKeyRecord r : snap.inState(PlaybackKeyState.IMPORTED)) {
      if (r.quarantined()) {
        // It never signed: no token to wait for.
        snap =
            write(
                snap,
                replace(
                    snap.keys(),
                    r.toBuilder()
                        .state(PlaybackKeyState.RETIRING)
                        .retiredAt(now)
                        .deletableAt(now)
                        .build()));
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
    Optional<PlaybackKeyRecord> candidate =
        snap.inState(PlaybackKeyState.IMPORTED).stream()
            .filter(k -> !k.quarantined())
            .reduce((a, b) -> b);
    Optional<PlaybackKeyRecord> current = snap.active().filter(k -> !k.quarantined());
    if (candidate.isPresent()
        && (current.isEmpty() || !now.isBefore(candidate.get().promotableAt().orElse(now)))) {
      snap = promote(snap, candidate.get());
    }
    current = snap.active().filter(k -> !k.quarantined());
    if (!pending(snap).isEmpty()) {
      return;
    }
    if (current.isEmpty()) {
      startRotation(snap, true, snap.active().isPresent());
      return;
    }
    Instant due = current.get().activatedAt().orElseThrow().plus(policy.rotationInterval());
    if (!now.isBefore(due)) {
      String blocked = rotationBlocker(snap);
      if (blocked != null) {
        if (!blocked.equals(lastDeferral)) {
          emit(
              Type.ROTATION_DEFERRED,
              current.get(),
              "rotation due since " + due + " deferred: " + blocked,
              null);
          lastDeferral = blocked;
        }
        return;
      }
      try {
        startRotation(snap, false, false);
        lastDeferral = null;
      } catch (PlaybackKeyException e) {
        if (e.reason() != Reason.NO_FREE_KEY_SLOT) {
          throw e;
        }
        if (!e.getMessage().equals(lastDeferral)) {
          emit(
              Type.ROTATION_DEFERRED,
              current.get(),
              "rotation due since " + due + " deferred: " + e.getMessage(),
              e);
          lastDeferral = e.getMessage();
        }
      }
    }
  }

  /**
   * Why a due rotation cannot start yet, judged from the store alone (IVS is asked when it starts).
   */
  private String rotationBlocker(PlaybackKeyStoreSnapshot snap) {
    long inIvs = snap.keys().stream().filter(k -> k.state().isInIvs()).count();
    if (inIvs >= policy.maxManagedKeyPairs()) {
      return inIvs
          + " managed key pairs are still in IVS (limit "
          + policy.maxManagedKeyPairs()
          + "); waiting for the RETIRING key's deletion time";
    }
    return null;
  }

  private PlaybackKeyStoreSnapshot startRotation(
      PlaybackKeyStoreSnapshot snap, boolean promoteNow, boolean emergency) {
    renewLease();
    List<RemoteKeyPair> pairs = ivs.list();
    checkFreeSlot(pairs, emergency);
    KeyPair keyPair = generator.generate();
    ECPublicKey publicKey = (ECPublicKey) keyPair.getPublic();
    Instant now = clock.instant();
    PlaybackKeyRecord generated =
        PlaybackKeyRecord.builder()
            .keyId(newKeyId())
            .state(PlaybackKeyState.GENERATED)
            .publicKey(publicKey)
            .fingerprint(PlaybackKeys.fingerprint(publicKey))
            .privateKey(keyPair.getPrivate())
            .createdAt(now)
            .build();
    // The private key is durable before IVS ever sees the public half: no managed pair without its
    // private key.
    snap = write(snap, with(snap.keys(), generated));
    emit(Type.GENERATED, generated, "generated EC P-384 key pair", null);
    snap = importKey(snap, generated, Type.IMPORTED, null);
    if (promoteNow) {
      snap = promote(snap, snap.key(generated.keyId()).orElseThrow());
    }
    return snap;
  }

  private void checkFreeSlot(List<RemoteKeyPair> pairs, boolean emergency) {
    long managed = pairs.stream().filter(this::isManaged).count();
    long unmanaged = pairs.size() - managed;
    if (pairs.size() >= policy.keyPairQuota()) {
      throw new PlaybackKeyException(
          Reason.NO_FREE_KEY_SLOT,
          "no free playback key pair slot: "
              + pairs.size()
              + " key pairs in the region ("
              + managed
              + " managed by "
              + managerId
              + ", "
              + unmanaged
              + " unmanaged), quota "
              + policy.keyPairQuota()
              + "; nothing was changed");
    }
    if (!emergency && managed >= policy.maxManagedKeyPairs()) {
      throw new PlaybackKeyException(
          Reason.NO_FREE_KEY_SLOT,
          "manager "
              + managerId
              + " already has "
              + managed
              + " key pairs in IVS (maxManagedKeyPairs "
              + policy.maxManagedKeyPairs()
              + "); nothing was changed");
    }
  }

  /**
   * Imports a GENERATED key and persists the result; on a definite refusal removes the key again
   * (nothing changed).
   */
  private PlaybackKeyStoreSnapshot importKey(
      PlaybackKeyStoreSnapshot snap,
      PlaybackKeyRecord record,
      Type type,
      List<PlaybackKeyEvent> sink) {
    renewLease();
    RemoteKeyPair pair;
    try {
      pair = ivs.importKeyPair(record.publicKey(), pairName(record), tags(record));
    } catch (PlaybackKeyException e) {
      if (e.reason() == Reason.FINGERPRINT_MISMATCH) {
        PlaybackKeyException alarm =
            fingerprintMismatch(record, e.arn().orElse(null), "(reported on import)", e);
        emit(Type.FINGERPRINT_MISMATCH, record, alarm.getMessage(), alarm);
        if (record.state() == PlaybackKeyState.GENERATED) {
          discard(snap, record, "fingerprint mismatch on import");
        }
        throw alarm;
      }
      Optional<RemoteKeyPair> landed;
      try {
        landed = ivs.findByFingerprint(record.fingerprint());
      } catch (RuntimeException again) {
        e.addSuppressed(again);
        throw new PlaybackKeyException(
            Reason.KEY_IMPORT_FAILED,
            "import of key "
                + record.keyId()
                + " failed ("
                + e.getMessage()
                + ") and IVS could not be asked whether it landed; the key stays "
                + record.state()
                + " and reconciliation will adopt or discard it",
            e);
      }
      if (landed.isEmpty()) {
        if (record.state() == PlaybackKeyState.GENERATED) {
          discard(snap, record, "IVS refused the import");
        }
        if (e.reason() == Reason.IVS_QUOTA_EXCEEDED) {
          throw new PlaybackKeyException(
              Reason.NO_FREE_KEY_SLOT,
              "IVS refused to import key "
                  + record.keyId()
                  + ": playback key pair quota exceeded; nothing was changed",
              e);
        }
        throw new PlaybackKeyException(
            Reason.KEY_IMPORT_FAILED,
            "IVS refused to import key "
                + record.keyId()
                + " (fingerprint "
                + record.fingerprint()
                + "): "
                + e.getMessage()
                + "; nothing was changed",
            e);
      }
      pair = landed.get();
      PlaybackKeyEvent adopted =
          emit(
              Type.ADOPTED,
              record,
              "import response was lost; found the pair by fingerprint and adopted it",
              e);
      if (sink != null) {
        sink.add(adopted);
      }
    }
    if (!record.fingerprint().equals(pair.fingerprint())) {
      PlaybackKeyException alarm =
          fingerprintMismatch(record, pair.arn(), "IVS " + pair.fingerprint(), null);
      emit(Type.FINGERPRINT_MISMATCH, record, alarm.getMessage(), alarm);
      throw alarm;
    }
    Instant now = clock.instant();
    PlaybackKeyRecord.Builder imported =
        record.toBuilder()
            .arn(pair.arn())
            .importedAt(now)
            .promotableAt(now.plus(policy.propagationDelay()));
    if (record.state() == PlaybackKeyState.GENERATED) {
      imported.state(PlaybackKeyState.IMPORTED);
    }
    PlaybackKeyRecord result = imported.build();
    snap = write(snap, replace(snap.keys(), result));
    PlaybackKeyEvent event =
        emit(type, result, "imported as " + pair.arn() + ", fingerprint verified", null);
    if (sink != null) {
      sink.add(event);
    }
    try {
      selfTest(result);
    } catch (PlaybackKeyException e) {
      if (e.reason() != Reason.SELF_TEST_FAILED) {
        throw e;
      }
      // Never sign with it; advance() retires and deletes quarantined keys that are not ACTIVE.
      write(snap, replace(snap.keys(), result.toBuilder().quarantined(true).build()));
      throw e;
    }
    return snap;
  }

  /** The alarm raised when IVS reports a fingerprint that differs from ours. */
  private static PlaybackKeyException fingerprintMismatch(
      PlaybackKeyRecord record, String arn, String remote, Throwable cause) {
    return new PlaybackKeyException(
        Reason.FINGERPRINT_MISMATCH,
        record.keyId(),
        arn,
        "fingerprint mismatch for key "
            + record.keyId()
            + ": local "
            + record.fingerprint()
            + ", "
            + remote
            + " ("
            + arn
            + "); the key never signs",
        cause);
  }

  private void selfTest(PlaybackKeyRecord record) {
    PrivateKey privateKey = record.privateKey().orElseThrow();
    String derived = PlaybackKeys.fingerprint(PlaybackKeys.publicKeyOf(privateKey));
    if (!derived.equals(record.fingerprint())) {
      throw selfTestFailed(record, "the private key does not belong to the imported public key");
    }
    PlaybackClaims claims =
        PlaybackClaims.builder()
            .channelArn(SELF_TEST_CHANNEL)
            .clock(clock)
            .expiresIn(Duration.ofMinutes(1))
            .build();
    PlaybackTokenSigner selfTestSigner = PlaybackTokenSigner.create(privateKey);
    String token;
    try {
      token = selfTestSigner.sign(claims);
    } finally {
      selfTestSigner.destroy(); // leave no per-thread copy of the key in the manager's thread
    }
    VerificationResult result =
        PlaybackTokenVerifier.builder()
            .publicKeys(List.of(record.publicKey()))
            .clock(clock)
            .build()
            .verify(token, VerificationRequest.forChannel(SELF_TEST_CHANNEL));
    if (!result.isValid()) {
      throw selfTestFailed(
          record, "a token it signed did not verify with the imported public key: " + result);
    }
    emit(
        Type.SELF_TEST_PASSED,
        record,
        "signed a token that verifies with the imported public key",
        null);
  }

  private PlaybackKeyException selfTestFailed(PlaybackKeyRecord record, String why) {
    PlaybackKeyException e =
        new PlaybackKeyException(
            Reason.SELF_TEST_FAILED,
            record.keyId(),
            null,
            "self-test of key " + record.keyId() + " failed: " + why,
            null);
    emit(Type.FAILURE, record, e.getMessage(), e);
    return e;
  }

  private PlaybackKeyStoreSnapshot promote(
      PlaybackKeyStoreSnapshot snap, PlaybackKeyRecord candidate) {
    renewLease();
    // Promote only what IVS verifiably holds: a key missing there would break every viewer.
    Optional<RemoteKeyPair> inIvs = ivs.findByFingerprint(candidate.fingerprint());
    if (inIvs.isEmpty()) {
      snap = importKey(snap, candidate, Type.REIMPORTED, null);
      candidate = snap.key(candidate.keyId()).orElseThrow();
      if (snap.active().isPresent()) {
        return snap; // propagate again before promotion
      }
    } else if (!inIvs.get().fingerprint().equals(candidate.fingerprint())) {
      throw new PlaybackKeyException(
          Reason.FINGERPRINT_MISMATCH,
          "IVS pair "
              + inIvs.get().arn()
              + " has fingerprint "
              + inIvs.get().fingerprint()
              + ", expected "
              + candidate.fingerprint());
    }
    Instant now = clock.instant();
    List<PlaybackKeyRecord> keys = new ArrayList<>();
    PlaybackKeyRecord previous = null;
    for (PlaybackKeyRecord k : snap.keys()) {
      if (k.keyId().equals(candidate.keyId())) {
        keys.add(k.toBuilder().state(PlaybackKeyState.ACTIVE).activatedAt(now).build());
      } else if (k.state() == PlaybackKeyState.ACTIVE) {
        previous = k;
        // A compromised key is deleted at once by emergencyRevoke; otherwise wait out every token
        // it signed.
        Instant deletable = k.quarantined() ? now : now.plus(deletionDelay(snap));
        keys.add(
            k.toBuilder()
                .state(PlaybackKeyState.RETIRING)
                .retiredAt(now)
                .deletableAt(deletable)
                .build());
      } else {
        keys.add(k);
      }
    }
    snap = write(snap, keys);
    PlaybackKeyRecord promoted = snap.key(candidate.keyId()).orElseThrow();
    emit(Type.PROMOTED, promoted, "now ACTIVE", null);
    if (previous != null) {
      PlaybackKeyRecord retired = snap.key(previous.keyId()).orElseThrow();
      emit(
          Type.RETIRED,
          retired,
          "RETIRING; deletable from IVS at " + retired.deletableAt().orElseThrow(),
          null);
      emit(
          Type.ROTATED,
          promoted,
          "rotated from key " + previous.keyId() + " to " + promoted.keyId(),
          null);
    }
    return snap;
  }

  private PlaybackKeyStoreSnapshot deleteFromIvs(
      PlaybackKeyStoreSnapshot snap, PlaybackKeyRecord record, boolean emergency) {
    Instant now = clock.instant();
    if (!emergency
        && (record.state() != PlaybackKeyState.RETIRING
            || now.isBefore(record.deletableAt().orElseThrow()))) {
      throw new PlaybackKeyException(
          Reason.KEY_DELETION_FAILED,
          "refusing to delete key "
              + record.keyId()
              + " in state "
              + record.state()
              + " before its deletion time "
              + record.deletableAt().orElse(null)
              + " (tokens it signed may be unexpired)");
    }
    renewLease();
    String arn = record.arn().orElseThrow();
    Optional<RemoteKeyPair> pair = ivs.list().stream().filter(p -> p.arn().equals(arn)).findFirst();
    if (pair.isPresent() && !isManaged(pair.get())) {
      if (reportedUntagged.add(arn)) {
        emit(
            Type.UNTAGGED_KEY_PAIR,
            record,
            "IVS pair "
                + arn
                + " does not carry "
                + MANAGER_TAG
                + "="
                + managerId
                + "; this manager never deletes it (restore the tag, or delete the pair yourself)",
            null);
      }
      return snap;
    }
    if (pair.isPresent()) {
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
    PlaybackKeyRecord.Builder deleted =
        record.toBuilder().state(PlaybackKeyState.DELETED).deletedAt(now);
    if (record.state() != PlaybackKeyState.RETIRING) {
      deleted
          .retiredAt(record.retiredAt().orElse(now))
          .deletableAt(record.deletableAt().orElse(now));
    }
    PlaybackKeyRecord result = deleted.build();
    snap = write(snap, replace(snap.keys(), result));
    emit(
        pair.isPresent() ? Type.DELETED : Type.ALREADY_DELETED,
        result,
        pair.isPresent() ? "deleted from IVS" : "was already gone from IVS",
        null);
    return snap;
  }

  private PlaybackKeyStoreSnapshot destroy(
      PlaybackKeyStoreSnapshot snap, PlaybackKeyRecord record) {
    Instant now = clock.instant();
    PlaybackKeyRecord destroyed =
        record.toBuilder()
            .state(PlaybackKeyState.DESTROYED)
            .privateKey(null)
            .destroyedAt(now)
            .build();
    List<PlaybackKeyRecord> keys = replace(snap.keys(), destroyed);
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
    snap = write(snap, keys);
    emit(Type.DESTROYED, destroyed, "private key erased from the store", null);
    return snap;
  }

  private PlaybackKeyStoreSnapshot discard(
      PlaybackKeyStoreSnapshot snap, PlaybackKeyRecord record, String why) {
    PlaybackKeyStoreSnapshot current = store.read();
    List<PlaybackKeyRecord> keys =
        current.keys().stream().filter(k -> !k.keyId().equals(record.keyId())).toList();
    Instant before = clock.instant();
    PlaybackKeyStoreSnapshot next = storeWrite(current, keys);
    observe(next, before);
    emit(Type.DISCARDED, record, "discarded: " + why, null);
    return next;
  }

  private PlaybackKeyStoreSnapshot reconcileLocked(
      PlaybackKeyStoreSnapshot snap, List<PlaybackKeyEvent> findings) {
    renewLease();
    Instant now = clock.instant();
    List<RemoteKeyPair> pairs = ivs.list();
    Map<String, RemoteKeyPair> byArn = new LinkedHashMap<>();
    Map<String, RemoteKeyPair> byFingerprint = new LinkedHashMap<>();
    for (RemoteKeyPair p : pairs) {
      byArn.put(p.arn(), p);
      byFingerprint.put(p.fingerprint(), p);
    }
    List<PlaybackKeyEvent> sink = findings;

    List<PlaybackKeyRecord> actives = snap.inState(PlaybackKeyState.ACTIVE);
    if (actives.size() > 1) {
      PlaybackKeyRecord keep =
          actives.stream()
              .max(
                  Comparator.comparing(
                      (PlaybackKeyRecord k) -> k.activatedAt().orElse(Instant.MIN)))
              .orElseThrow();
      List<PlaybackKeyRecord> keys = new ArrayList<>();
      for (PlaybackKeyRecord k : snap.keys()) {
        keys.add(
            k.state() == PlaybackKeyState.ACTIVE && k != keep
                ? k.toBuilder()
                    .state(PlaybackKeyState.RETIRING)
                    .retiredAt(now)
                    .deletableAt(now.plus(deletionDelay(snap)))
                    .build()
                : k);
      }
      snap = write(snap, keys);
      sink.add(
          emit(
              Type.DUPLICATE_ACTIVE_REPAIRED,
              keep,
              actives.size() + " ACTIVE keys; kept the newest",
              null));
    }

    for (PlaybackKeyRecord stale : snap.keys()) {
      PlaybackKeyRecord r = snap.key(stale.keyId()).orElse(null);
      if (r == null) {
        continue;
      }
      switch (r.state()) {
        case GENERATED -> {
          RemoteKeyPair p = byFingerprint.get(r.fingerprint());
          if (p != null && isManaged(p)) {
            snap =
                adopt(
                    snap,
                    r,
                    p,
                    Type.ADOPTED,
                    "import had succeeded before a crash; adopted " + p.arn(),
                    sink);
          } else if (p != null) {
            snap =
                discard(
                    snap,
                    r,
                    "its public key is in IVS under a pair this manager does not manage ("
                        + p.arn()
                        + ")");
          } else if (pairs.size() < policy.keyPairQuota()
              && pairs.stream().filter(this::isManaged).count() < policy.maxManagedKeyPairs()) {
            snap = importKey(snap, r, Type.RESUMED, sink);
            pairs = ivs.list();
          } else {
            snap = discard(snap, r, "never imported, and no free slot to import it now");
          }
        }
        case IMPORTED, ACTIVE -> {
          RemoteKeyPair p = byArn.get(r.arn().orElseThrow());
          if (p == null) {
            RemoteKeyPair sameKey = byFingerprint.get(r.fingerprint());
            if (sameKey != null && isManaged(sameKey)) {
              snap =
                  adopt(
                      snap,
                      r,
                      sameKey,
                      Type.ADOPTED,
                      "found under a different ARN " + sameKey.arn(),
                      sink);
            } else {
              snap = importKey(snap, r, Type.REIMPORTED, sink);
              pairs = ivs.list();
            }
          } else if (!p.fingerprint().equals(r.fingerprint())) {
            PlaybackKeyException alarm =
                fingerprintMismatch(r, p.arn(), "IVS " + p.fingerprint(), null);
            sink.add(emit(Type.FINGERPRINT_MISMATCH, r, alarm.getMessage(), alarm));
            snap = write(snap, replace(snap.keys(), r.toBuilder().quarantined(true).build()));
          } else if (!isManaged(p)) {
            sink.add(
                emit(
                    Type.UNTAGGED_KEY_PAIR,
                    r,
                    "IVS pair " + p.arn() + " lost the tag " + MANAGER_TAG,
                    null));
          }
        }
        case RETIRING -> {
          if (!byArn.containsKey(r.arn().orElseThrow())) {
            PlaybackKeyRecord gone =
                r.toBuilder().state(PlaybackKeyState.DELETED).deletedAt(now).build();
            snap = write(snap, replace(snap.keys(), gone));
            sink.add(
                emit(Type.ALREADY_DELETED, gone, "RETIRING key was already gone from IVS", null));
          }
        }
        default -> {
          // DELETED and DESTROYED keys are not in IVS; nothing to compare.
        }
      }
    }

    List<String> held =
        snap.keys().stream()
            .filter(k -> k.state().hasPrivateKey() && k.state() != PlaybackKeyState.DELETED)
            .map(PlaybackKeyRecord::fingerprint)
            .toList();
    pairs = ivs.list();
    for (RemoteKeyPair p : pairs) {
      if (isManaged(p) && !held.contains(p.fingerprint())) {
        sink.add(
            emit(
                Type.ORPHANED_KEY_PAIR,
                null,
                p.arn(),
                p.fingerprint(),
                "IVS pair "
                    + p.arn()
                    + " carries "
                    + MANAGER_TAG
                    + "="
                    + managerId
                    + " but its private key is not in the store"
                    + (policy.deleteOrphanedKeyPairs()
                        ? "; deleting it"
                        : "; left in place (deleteOrphanedKeyPairs=false)"),
                null));
        if (policy.deleteOrphanedKeyPairs()) {
          renewLease();
          ivs.delete(p.arn());
          sink.add(
              emit(
                  Type.ORPHAN_DELETED,
                  null,
                  p.arn(),
                  p.fingerprint(),
                  "orphaned pair deleted",
                  null));
        }
      }
    }
    long managed = pairs.stream().filter(this::isManaged).count();
    lastReconcile = now;
    lastReport =
        new ReconciliationReport(
            now, pairs.size(), (int) managed, (int) (pairs.size() - managed), findings);
    return snap;
  }

  private PlaybackKeyStoreSnapshot adopt(
      PlaybackKeyStoreSnapshot snap,
      PlaybackKeyRecord r,
      RemoteKeyPair p,
      Type type,
      String why,
      List<PlaybackKeyEvent> sink) {
    if (!p.fingerprint().equals(r.fingerprint())) {
      throw fingerprintMismatch(r, p.arn(), "IVS " + p.fingerprint(), null);
    }
    Instant now = clock.instant();
    PlaybackKeyRecord.Builder b = r.toBuilder().arn(p.arn());
    if (r.state() == PlaybackKeyState.GENERATED) {
      b.state(PlaybackKeyState.IMPORTED)
          .importedAt(now)
          .promotableAt(now.plus(policy.propagationDelay()));
    }
    PlaybackKeyRecord adopted = b.build();
    snap = write(snap, replace(snap.keys(), adopted));
    sink.add(emit(type, adopted, why, null));
    if (r.state() == PlaybackKeyState.GENERATED) {
      try {
        selfTest(adopted);
      } catch (PlaybackKeyException e) {
        if (e.reason() != Reason.SELF_TEST_FAILED) {
          throw e;
        }
        write(snap, replace(snap.keys(), adopted.toBuilder().quarantined(true).build()));
        throw e;
      }
    }
    return snap;
  }

  // ---------------------------------------------------------------- store, lease, signer

  private PlaybackKeyStoreSnapshot refresh() {
    Instant before = clock.instant();
    PlaybackKeyStoreSnapshot snap = store.read();
    observe(snap, before);
    return snap;
  }

  private PlaybackKeyStoreSnapshot write(
      PlaybackKeyStoreSnapshot base, List<PlaybackKeyRecord> keys) {
    Instant before = clock.instant();
    PlaybackKeyStoreSnapshot next = storeWrite(base, keys);
    observe(next, before);
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
        return store.write(base.version(), keys, deletionLimits(base), ownerId);
      } catch (UnsupportedOperationException e) {
        storeRecordsLimits = false;
        emit(
            Type.TOKEN_LIMITS_NOT_RECORDED,
            null,
            "the key store "
                + store.getClass().getName()
                + " cannot record the fleet's token"
                + " limits; every process uses its local policy, which is safe only if all share the same maxTokenTtl,"
                + " maxSnapshotAge and clockSkew",
            null);
      }
    }
    return store.write(base.version(), keys, ownerId);
  }

  /** Records this manager's limits if the store holds none or shorter ones (leader only). */
  private PlaybackKeyStoreSnapshot raiseTokenLimits(PlaybackKeyStoreSnapshot snap) {
    FleetTokenLimits target = deletionLimits(snap);
    // An empty store gets its limits with its first key; a store with keys but no limits predates
    // them.
    boolean needed =
        snap.tokenLimits().map(stored -> !stored.equals(target)).orElse(!snap.keys().isEmpty());
    if (!storeRecordsLimits || !needed) {
      return snap;
    }
    Instant before = clock.instant();
    PlaybackKeyStoreSnapshot next;
    try {
      next = store.write(snap.version(), snap.keys(), target, ownerId);
    } catch (UnsupportedOperationException e) {
      storeRecordsLimits = false;
      emit(
          Type.TOKEN_LIMITS_NOT_RECORDED,
          null,
          "the key store "
              + store.getClass().getName()
              + " cannot record the"
              + " fleet's token limits; every process uses its local policy, which is safe only if all share the same"
              + " maxTokenTtl, maxSnapshotAge and clockSkew",
          null);
      return snap;
    }
    observe(next, before);
    emit(
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

  /** The limits deletion must wait for: the longer of the stored and the local ones. */
  private FleetTokenLimits deletionLimits(PlaybackKeyStoreSnapshot snap) {
    FleetTokenLimits local = FleetTokenLimits.of(policy);
    return snap.tokenLimits().map(local::atLeast).orElse(local);
  }

  private Duration deletionDelay(PlaybackKeyStoreSnapshot snap) {
    return deletionLimits(snap).deletionDelay();
  }

  /** Points the signer at the snapshot's ACTIVE key, confirmed as of {@code asOf}. */
  private void observe(PlaybackKeyStoreSnapshot snap, Instant asOf) {
    lastSnapshot = snap;
    Optional<PlaybackKeyRecord> current = snap.active().filter(k -> !k.quarantined());
    ActiveSigner previous = active.get();
    if (current.isEmpty()) {
      active.set(null);
      destroySigner(previous);
      return;
    }
    PlaybackKeyRecord key = current.get();
    // Signers use the shorter of the local and the stored limits: another process may delete keys
    // by the stored ones.
    FleetTokenLimits local = FleetTokenLimits.of(policy);
    FleetTokenLimits limits = snap.tokenLimits().map(local::atMost).orElse(local);
    if (previous != null && previous.key().keyId().equals(key.keyId())) {
      active.set(new ActiveSigner(key, previous.signer(), asOf, limits));
      return;
    }
    active.set(
        new ActiveSigner(
            key,
            PlaybackTokenSigner.builder()
                .privateKey(key.privateKey().orElseThrow())
                .keyId(key.keyId())
                .build(),
            asOf,
            limits));
    destroySigner(previous);
    emit(Type.ACTIVE_KEY_CHANGED, key, "signer now mints with key " + key.keyId(), null);
  }

  /**
   * Erases a signer's per-thread state (holding the private key) in every request thread once its
   * key is no longer ACTIVE. A request racing with the swap still signs correctly (uncached); this
   * process no longer mints with it.
   */
  private static void destroySigner(ActiveSigner previous) {
    if (previous != null) {
      previous.signer().destroy();
    }
  }

  private boolean takeLease() {
    boolean held = store.tryAcquireLease(ownerId, policy.leaseDuration()).isPresent();
    if (held && !leader) {
      lastReconcile = null; // a new leader first repairs whatever its predecessor left
      emit(Type.LEASE_ACQUIRED, null, "owner " + ownerId + " holds the store lease", null);
    } else if (!held && leader) {
      emit(Type.LEASE_LOST, null, "owner " + ownerId + " lost the store lease", null);
    }
    leader = held;
    return held;
  }

  private void requireLease() {
    if (!takeLease()) {
      StoreLease lease = store.read().lease().orElse(null);
      throw new PlaybackKeyStoreException(
          Reason.LEASE_NOT_HELD,
          "manager "
              + ownerId
              + " cannot take the store lease"
              + (lease == null
                  ? ""
                  : ": held by " + lease.owner() + " until " + lease.expiresAt()));
    }
  }

  private void renewLease() {
    if (!takeLease()) {
      throw new PlaybackKeyStoreException(
          Reason.LEASE_NOT_HELD,
          "manager " + ownerId + " lost the store lease mid-operation; stopping");
    }
  }

  // ---------------------------------------------------------------- helpers

  private boolean isManaged(RemoteKeyPair pair) {
    return managerId.equals(pair.tags().get(MANAGER_TAG));
  }

  private String pairName(PlaybackKeyRecord record) {
    return managerId + "-" + record.keyId();
  }

  private Map<String, String> tags(PlaybackKeyRecord record) {
    return Map.of(MANAGER_TAG, managerId, KEY_ID_TAG, record.keyId());
  }

  private static String newKeyId() {
    byte[] bytes = new byte[8];
    IDS.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static List<PlaybackKeyRecord> pending(PlaybackKeyStoreSnapshot snap) {
    return snap.keys().stream()
        .filter(
            k ->
                !k.quarantined()
                    && (k.state() == PlaybackKeyState.GENERATED
                        || k.state() == PlaybackKeyState.IMPORTED))
        .toList();
  }

  private static PlaybackKeyRecord newest(PlaybackKeyStoreSnapshot snap) {
    return snap.keys().get(snap.keys().size() - 1);
  }

  private static List<PlaybackKeyRecord> replace(
      List<PlaybackKeyRecord> keys, PlaybackKeyRecord updated) {
    List<PlaybackKeyRecord> out = new ArrayList<>(keys.size());
    for (PlaybackKeyRecord k : keys) {
      out.add(k.keyId().equals(updated.keyId()) ? updated : k);
    }
    return out;
  }

  private static List<PlaybackKeyRecord> with(
      List<PlaybackKeyRecord> keys, PlaybackKeyRecord added) {
    List<PlaybackKeyRecord> out = new ArrayList<>(keys);
    out.add(added);
    return out;
  }

  private PlaybackKeyEvent emit(
      Type type, PlaybackKeyRecord key, String detail, Throwable failure) {
    return emit(
        type,
        key == null ? null : key.keyId(),
        key == null ? null : key.arn().orElse(null),
        key == null ? null : key.fingerprint(),
        detail,
        failure);
  }

  private PlaybackKeyEvent emit(
      Type type, String keyId, String arn, String fingerprint, String detail, Throwable failure) {
    PlaybackKeyEvent event =
        new PlaybackKeyEvent(type, clock.instant(), keyId, arn, fingerprint, detail, failure);
    for (PlaybackKeyListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "playback key listener " + listener + " failed on " + type,
            e);
      }
    }
    return event;
  }

  /** Builder for {@link PlaybackKeyManager}; not thread-safe. */
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
     * This instance's lease owner id; default {@code managerId/random-uuid}.
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
     * The IVS client (its region is the one managed). Required. Not closed by the manager.
     *
     * @param client the client
     * @return this
     */
    public Builder client(IvsPlaybackClient client) {
      this.gateway = client == null ? null : PlaybackKeyPairGateway.of(client);
      return this;
    }

    /**
     * The IVS seam, for callers with their own transport or tests; {@link #client} wraps an
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
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * The clock for every decision and timestamp; default system UTC.
     *
     * @param clock the clock
     * @return this
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The key generator; default {@link PlaybackKeyGenerator#create()}.
     *
     * @param generator the generator
     * @return this
     */
    public Builder generator(PlaybackKeyGenerator generator) {
      this.generator = Objects.requireNonNull(generator, "generator");
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
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Validates and builds. Nothing is read or called until {@link PlaybackKeyManager#start()} or
     * {@link PlaybackKeyManager#tick()}.
     *
     * @return the manager
     */
    public PlaybackKeyManager build() {
      if (generator == null) {
        generator = PlaybackKeyGenerator.create();
      }
      return new PlaybackKeyManager(this);
    }
  }
}
