package dev.ivsplayback.keys.internal.lifecycle;

import dev.ivsplayback.keys.PlaybackKeyEvent;
import dev.ivsplayback.keys.PlaybackKeyEvent.Type;
import dev.ivsplayback.keys.PlaybackKeyException;
import dev.ivsplayback.keys.PlaybackKeyException.Reason;
import dev.ivsplayback.keys.PlaybackKeyGenerator;
import dev.ivsplayback.keys.PlaybackKeyPairGateway;
import dev.ivsplayback.keys.PlaybackKeyPairGateway.RemoteKeyPair;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.PlaybackKeyState;
import dev.ivsplayback.keys.PlaybackKeyStoreSnapshot;
import dev.ivsplayback.keys.RotationPolicy;
import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackKeys;
import dev.ivsplayback.token.PlaybackTokenSigner;
import dev.ivsplayback.token.PlaybackTokenVerifier;
import dev.ivsplayback.token.VerificationRequest;
import dev.ivsplayback.token.VerificationResult;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The steps that bring a new key into IVS: check for a free slot, generate, persist (the private
 * key is durable before IVS ever sees the public half), import, persist ARN and fingerprint, check
 * the fingerprint IVS computed, self-test. A key leaves here IMPORTED; {@link LifecycleAdvancer}
 * promotes it. Not thread-safe: called under the manager's lock.
 */
public final class RotationSteps {
  private static final String SELF_TEST_CHANNEL =
      "arn:aws:ivs:us-west-2:000000000000:channel/selfTest0000";
  private static final SecureRandom IDS = new SecureRandom();

  private final ManagerSettings settings;
  private final PlaybackKeyPairGateway ivs;
  private final KeyLedger ledger;
  private final LeaderLease lease;
  private final EventDispatch events;
  private final PlaybackKeyGenerator generator;

  /**
   * Creates the steps.
   *
   * @param settings manager id, policy, clock
   * @param ivs the IVS seam
   * @param ledger store reads and writes
   * @param lease renewed before each IVS change
   * @param events for the rotation's events
   * @param generator makes new key pairs
   */
  public RotationSteps(
      ManagerSettings settings,
      PlaybackKeyPairGateway ivs,
      KeyLedger ledger,
      LeaderLease lease,
      EventDispatch events,
      PlaybackKeyGenerator generator) {
    this.settings = settings;
    this.ivs = ivs;
    this.ledger = ledger;
    this.lease = lease;
    this.events = events;
    this.generator = generator;
  }

  /**
   * Adds a new key: free-slot check, generate, persist, import, persist, self-test.
   *
   * @param snap the current snapshot
   * @param emergency whether the manager's own limit may be exceeded (the quota never is)
   * @return the snapshot holding the new key, IMPORTED, as its last record
   * @throws PlaybackKeyException {@link Reason#NO_FREE_KEY_SLOT} (nothing changed), {@link
   *     Reason#KEY_IMPORT_FAILED}, {@link Reason#FINGERPRINT_MISMATCH} or {@link
   *     Reason#SELF_TEST_FAILED}
   */
  public PlaybackKeyStoreSnapshot addKey(PlaybackKeyStoreSnapshot snap, boolean emergency) {
    lease.renew();
    checkFreeSlot(ivs.list(), emergency);
    KeyPair keyPair = generator.generate();
    ECPublicKey publicKey = (ECPublicKey) keyPair.getPublic();
    PlaybackKeyRecord generated =
        PlaybackKeyRecord.builder()
            .keyId(newKeyId())
            .state(PlaybackKeyState.GENERATED)
            .publicKey(publicKey)
            .fingerprint(PlaybackKeys.fingerprint(publicKey))
            .privateKey(keyPair.getPrivate())
            .createdAt(settings.clock().instant())
            .build();
    // The private key is durable before IVS ever sees the public half: no managed pair without its
    // private key.
    snap = ledger.write(snap, KeyLedger.with(snap.keys(), generated));
    events.emit(Type.GENERATED, generated, "generated EC P-384 key pair", null);
    return importKey(snap, generated, Type.IMPORTED, null);
  }

  private void checkFreeSlot(List<RemoteKeyPair> pairs, boolean emergency) {
    RotationPolicy policy = settings.policy();
    long managed = pairs.stream().filter(settings::isManaged).count();
    long unmanaged = pairs.size() - managed;
    if (pairs.size() >= policy.keyPairQuota()) {
      throw new PlaybackKeyException(
          Reason.NO_FREE_KEY_SLOT,
          "no free playback key pair slot: "
              + pairs.size()
              + " key pairs in the region ("
              + managed
              + " managed by "
              + settings.managerId()
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
              + settings.managerId()
              + " already has "
              + managed
              + " key pairs in IVS (maxManagedKeyPairs "
              + policy.maxManagedKeyPairs()
              + "); nothing was changed");
    }
  }

  /**
   * Imports a GENERATED key and persists the result; on a definite refusal removes the key again
   * (nothing changed). A lost response is recovered by finding the pair by fingerprint (ADOPTED).
   * Only a key that never reached IVS is ever imported: one that was in IVS and left it may have
   * been revoked as compromised, and is replaced, never re-imported.
   *
   * @param snap the current snapshot
   * @param record the GENERATED key
   * @param type the event reporting success (IMPORTED, RESUMED, ...)
   * @param sink collects reconciliation findings, or null
   * @return the snapshot with the key IMPORTED
   */
  public PlaybackKeyStoreSnapshot importKey(
      PlaybackKeyStoreSnapshot snap,
      PlaybackKeyRecord record,
      Type type,
      List<PlaybackKeyEvent> sink) {
    if (record.state() != PlaybackKeyState.GENERATED) {
      throw new IllegalStateException(
          "key " + record.keyId() + " is " + record.state() + "; only GENERATED keys are imported");
    }
    lease.renew();
    RemoteKeyPair pair;
    try {
      pair =
          ivs.importKeyPair(record.publicKey(), settings.pairName(record), settings.tags(record));
    } catch (RuntimeException e) {
      pair = afterFailedImport(record, typed(e), sink);
    }
    if (!record.fingerprint().equals(pair.fingerprint())) {
      PlaybackKeyException alarm =
          fingerprintMismatch(record, pair.arn(), "IVS " + pair.fingerprint(), null);
      events.emit(Type.FINGERPRINT_MISMATCH, record, alarm.getMessage(), alarm);
      throw alarm;
    }
    Instant now = settings.clock().instant();
    PlaybackKeyRecord result =
        record.toBuilder()
            .state(PlaybackKeyState.IMPORTED)
            .arn(pair.arn())
            .importedAt(now)
            .promotableAt(now.plus(settings.policy().propagationDelay()))
            .build();
    snap = ledger.update(snap, result);
    record(
        sink,
        events.emit(type, result, "imported as " + pair.arn() + ", fingerprint verified", null));
    selfTestOrQuarantine(snap, result);
    return snap;
  }

  /** The pair that landed despite the failure, or the failure's typed outcome. */
  private RemoteKeyPair afterFailedImport(
      PlaybackKeyRecord record, PlaybackKeyException e, List<PlaybackKeyEvent> sink) {
    if (e.reason() == Reason.FINGERPRINT_MISMATCH) {
      PlaybackKeyException alarm =
          fingerprintMismatch(record, e.arn().orElse(null), "(reported on import)", e);
      events.emit(Type.FINGERPRINT_MISMATCH, record, alarm.getMessage(), alarm);
      ledger.discard(record, "fingerprint mismatch on import");
      throw alarm;
    }
    Optional<RemoteKeyPair> landed;
    try {
      landed = ivs.findByFingerprint(record.fingerprint());
    } catch (RuntimeException again) {
      e.addSuppressed(again);
      throw new PlaybackKeyException(
          Reason.KEY_IMPORT_FAILED,
          record.keyId(),
          null,
          "import of key "
              + record.keyId()
              + " failed ("
              + e.getMessage()
              + ") and IVS could not be asked whether it landed; the key stays "
              + record.state()
              + " and reconciliation will adopt or discard it",
          e);
    }
    if (landed.isPresent()) {
      record(
          sink,
          events.emit(
              Type.ADOPTED,
              record,
              "import response was lost; found the pair by fingerprint and adopted it",
              e));
      return landed.get();
    }
    ledger.discard(record, "IVS refused the import");
    if (e.reason() == Reason.IVS_QUOTA_EXCEEDED) {
      throw new PlaybackKeyException(
          Reason.NO_FREE_KEY_SLOT,
          record.keyId(),
          null,
          "IVS refused to import key "
              + record.keyId()
              + ": playback key pair quota exceeded; nothing was changed",
          e);
    }
    throw new PlaybackKeyException(
        Reason.KEY_IMPORT_FAILED,
        record.keyId(),
        null,
        "IVS refused to import key "
            + record.keyId()
            + " (fingerprint "
            + record.fingerprint()
            + "): "
            + e.getMessage()
            + "; nothing was changed",
        e);
  }

  /**
   * Completes an import that landed in IVS while the store did not record it (the pair was found by
   * fingerprint): records the ARN and, for a GENERATED key, moves it to IMPORTED and self-tests.
   *
   * @param snap the current snapshot
   * @param r the stored key
   * @param p the pair IVS holds
   * @param type the finding (ADOPTED)
   * @param why the explanation
   * @param sink collects the finding
   * @return the snapshot
   */
  public PlaybackKeyStoreSnapshot adopt(
      PlaybackKeyStoreSnapshot snap,
      PlaybackKeyRecord r,
      RemoteKeyPair p,
      Type type,
      String why,
      List<PlaybackKeyEvent> sink) {
    if (!p.fingerprint().equals(r.fingerprint())) {
      throw fingerprintMismatch(r, p.arn(), "IVS " + p.fingerprint(), null);
    }
    Instant now = settings.clock().instant();
    PlaybackKeyRecord.Builder b = r.toBuilder().arn(p.arn());
    if (r.state() == PlaybackKeyState.GENERATED) {
      b.state(PlaybackKeyState.IMPORTED)
          .importedAt(now)
          .promotableAt(now.plus(settings.policy().propagationDelay()));
    }
    PlaybackKeyRecord adopted = b.build();
    snap = ledger.update(snap, adopted);
    sink.add(events.emit(type, adopted, why, null));
    if (r.state() == PlaybackKeyState.GENERATED) {
      selfTestOrQuarantine(snap, adopted);
    }
    return snap;
  }

  /** Self-tests; a key that fails is quarantined (never signs; the advancer retires it). */
  private void selfTestOrQuarantine(PlaybackKeyStoreSnapshot snap, PlaybackKeyRecord record) {
    try {
      selfTest(record);
    } catch (PlaybackKeyException e) {
      if (e.reason() == Reason.SELF_TEST_FAILED) {
        ledger.update(snap, record.toBuilder().quarantined(true).build());
      }
      throw e;
    }
  }

  /** Signs a token with the private key and verifies it with the imported public key. */
  private void selfTest(PlaybackKeyRecord record) {
    PlaybackTokenSigner selfTestSigner = record.newSigner();
    String token;
    try {
      String derived = PlaybackKeys.fingerprint(selfTestSigner.publicKey());
      if (!derived.equals(record.fingerprint())) {
        throw selfTestFailed(record, "the private key does not belong to the imported public key");
      }
      token =
          selfTestSigner.sign(
              PlaybackClaims.builder()
                  .channelArn(SELF_TEST_CHANNEL)
                  .clock(settings.clock())
                  .expiresIn(Duration.ofMinutes(1))
                  .build());
    } finally {
      selfTestSigner.destroy(); // leave no per-thread copy of the key in the manager's thread
    }
    VerificationResult result =
        PlaybackTokenVerifier.builder()
            .publicKeys(List.of(record.publicKey()))
            .clock(settings.clock())
            .build()
            .verify(token, VerificationRequest.forChannel(SELF_TEST_CHANNEL));
    if (!result.isValid()) {
      throw selfTestFailed(
          record, "a token it signed did not verify with the imported public key: " + result);
    }
    events.emit(
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
    events.emit(Type.FAILURE, record, e.getMessage(), e);
    return e;
  }

  /**
   * The alarm raised when IVS reports a fingerprint that differs from ours.
   *
   * @param record the key
   * @param arn the pair IVS reported
   * @param remote what IVS reported, for the message
   * @param cause the gateway's error, or null
   * @return the exception ({@link Reason#FINGERPRINT_MISMATCH})
   */
  public static PlaybackKeyException fingerprintMismatch(
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

  /**
   * Refuses to start a rotation while a new key is waiting for promotion.
   *
   * @param snap the snapshot
   * @throws PlaybackKeyException {@link Reason#ROTATION_IN_PROGRESS} naming the pending key
   */
  public static void requireNoPending(PlaybackKeyStoreSnapshot snap) {
    List<PlaybackKeyRecord> pending = pending(snap);
    if (!pending.isEmpty()) {
      PlaybackKeyRecord first = pending.get(0);
      throw new PlaybackKeyException(
          Reason.ROTATION_IN_PROGRESS,
          first.keyId(),
          null,
          "key "
              + first.keyId()
              + " is already "
              + first.state()
              + first.promotableAt().map(t -> " (promotable at " + t + ")").orElse(""),
          null);
    }
  }

  /**
   * The keys waiting to become ACTIVE (GENERATED or IMPORTED, not quarantined).
   *
   * @param snap the snapshot
   * @return the pending keys, oldest first
   */
  public static List<PlaybackKeyRecord> pending(PlaybackKeyStoreSnapshot snap) {
    return snap.keys().stream()
        .filter(
            k ->
                !k.quarantined()
                    && (k.state() == PlaybackKeyState.GENERATED
                        || k.state() == PlaybackKeyState.IMPORTED))
        .toList();
  }

  /**
   * The key added last.
   *
   * @param snap the snapshot
   * @return its newest record
   */
  public static PlaybackKeyRecord newest(PlaybackKeyStoreSnapshot snap) {
    return snap.keys().get(snap.keys().size() - 1);
  }

  /** A gateway that breaks its contract (an untyped error) is treated as "outcome unknown". */
  private static PlaybackKeyException typed(RuntimeException e) {
    return e instanceof PlaybackKeyException known
        ? known
        : new PlaybackKeyException(Reason.IVS_OUTCOME_UNKNOWN, e.toString(), e);
  }

  private static void record(List<PlaybackKeyEvent> sink, PlaybackKeyEvent event) {
    if (sink != null) {
      sink.add(event);
    }
  }

  private static String newKeyId() {
    byte[] bytes = new byte[8];
    IDS.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
