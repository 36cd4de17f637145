package dev.ivsplayback.keys.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.keys.FleetTokenLimits;
import dev.ivsplayback.keys.PlaybackKeyException.Reason;
import dev.ivsplayback.keys.PlaybackKeyGenerator;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.PlaybackKeyState;
import dev.ivsplayback.keys.PlaybackKeyStore;
import dev.ivsplayback.keys.PlaybackKeyStoreException;
import dev.ivsplayback.keys.PlaybackKeyStoreSnapshot;
import dev.ivsplayback.keys.StoreConflictException;
import dev.ivsplayback.keys.StoreLease;
import dev.ivsplayback.token.InvalidConfigurationException;
import dev.ivsplayback.token.PlaybackKeys;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PlaybackKeyStore} must do, run against each implementation: compare-and-set,
 * the lease, atomic snapshots, size limits. A subclass supplies a fresh, empty store per test and a
 * way to let lease time pass (a test clock, or the real clock for a database).
 */
public abstract class PlaybackKeyStoreContract {
  /** The lease used where a test lets it expire. */
  protected static final Duration SHORT_LEASE = Duration.ofMillis(1500);

  private static final Duration LONG_LEASE = Duration.ofMinutes(10);

  /**
   * A fresh, empty store; the same instance for the whole test.
   *
   * @return the store
   */
  protected abstract PlaybackKeyStore store();

  /**
   * Lets at least {@code duration} of the store's lease time pass.
   *
   * @param duration how long
   * @throws InterruptedException if interrupted while waiting
   */
  protected abstract void passLeaseTime(Duration duration) throws InterruptedException;

  /**
   * A new generated record.
   *
   * @param keyId its id
   * @return the record, with a private key
   */
  public static PlaybackKeyRecord record(String keyId) {
    return record(keyId, PlaybackKeyGenerator.create().generate());
  }

  /**
   * A record for a key pair.
   *
   * @param keyId its id
   * @param kp the key pair
   * @return the record, with a private key
   */
  public static PlaybackKeyRecord record(String keyId, KeyPair kp) {
    return PlaybackKeyRecord.builder()
        .keyId(keyId)
        .state(PlaybackKeyState.GENERATED)
        .publicKey((ECPublicKey) kp.getPublic())
        .fingerprint(PlaybackKeys.fingerprint(kp.getPublic()))
        .privateKey(kp.getPrivate())
        .createdAt(Instant.parse("2026-12-01T00:00:00Z"))
        .build();
  }

  /**
   * Appends a record with compare-and-set, retrying on conflict (used by threads and processes).
   *
   * @param store the store
   * @param record the record
   * @param owner the lease owner
   */
  public static void append(PlaybackKeyStore store, PlaybackKeyRecord record, String owner) {
    while (true) {
      PlaybackKeyStoreSnapshot snap = store.read();
      List<PlaybackKeyRecord> keys = new ArrayList<>(snap.keys());
      keys.add(record);
      try {
        store.write(snap.version(), keys, owner);
        return;
      } catch (StoreConflictException e) {
        // another writer won this version: re-read and retry
      }
    }
  }

  @Test
  void read_whenNew_isEmptyAtVersionZero() {
    PlaybackKeyStoreSnapshot snap = store().read();
    assertThat(snap.version()).isZero();
    assertThat(snap.keys()).isEmpty();
  }

  @Test
  void write_whenLeaseHeldAndVersionCurrent_advancesVersionAndStoresRecords() {
    PlaybackKeyStore store = store();
    assertThat(store.tryAcquireLease("a", LONG_LEASE)).isPresent();
    PlaybackKeyRecord r = record("k1");
    PlaybackKeyStoreSnapshot written = store.write(0, List.of(r), "a");
    assertThat(written.version()).isEqualTo(1);
    PlaybackKeyStoreSnapshot read = store.read();
    assertThat(read.version()).isEqualTo(1);
    assertThat(read.keys()).extracting(PlaybackKeyRecord::keyId).containsExactly("k1");
    assertThat(read.keys().get(0).fingerprint()).isEqualTo(r.fingerprint());
    assertThat(read.keys().get(0).hasPrivateKey()).isTrue();
    assertThat(read.lease()).map(StoreLease::owner).contains("a");
  }

  @Test
  void write_whenVersionStale_throwsConflictAndWritesNothing() {
    PlaybackKeyStore store = store();
    store.tryAcquireLease("a", LONG_LEASE);
    store.write(0, List.of(record("k1")), "a");
    assertThatThrownBy(() -> store.write(0, List.of(record("k2")), "a"))
        .isInstanceOf(StoreConflictException.class)
        .hasMessageContaining("version");
    assertThat(store.read().keys()).extracting(PlaybackKeyRecord::keyId).containsExactly("k1");
    assertThat(store.read().version()).isEqualTo(1);
  }

  @Test
  void write_withoutLease_throwsLeaseNotHeldAndWritesNothing() {
    PlaybackKeyStore store = store();
    store.tryAcquireLease("a", LONG_LEASE);
    assertThatThrownBy(() -> store.write(0, List.of(record("k1")), "b"))
        .isInstanceOf(PlaybackKeyStoreException.class)
        .hasFieldOrPropertyWithValue("reason", Reason.LEASE_NOT_HELD)
        .hasMessageContaining("held by a");
    assertThat(store.read().version()).isZero();
  }

  @Test
  void write_withTokenLimits_recordsThem_andAPlainWriteKeepsThem() {
    PlaybackKeyStore store = store();
    store.tryAcquireLease("a", LONG_LEASE);
    FleetTokenLimits limits =
        new FleetTokenLimits(Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofSeconds(5));
    store.write(0, List.of(), limits, "a");
    store.write(1, List.of(record("k1")), "a");
    assertThat(store.read().tokenLimits()).contains(limits);
  }

  @Test
  void compareAndSet_with8Threads_losesNoUpdate() throws Exception {
    PlaybackKeyStore store = store();
    store.tryAcquireLease("fleet", LONG_LEASE);
    int threads = 8;
    int perThread = 4;
    List<PlaybackKeyRecord> records = new ArrayList<>();
    for (int i = 0; i < threads * perThread; i++) {
      records.add(record("t" + (i / perThread) + "x" + (i % perThread)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t * perThread;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    append(store, records.get(first + i), "fleet");
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    PlaybackKeyStoreSnapshot end = store.read();
    assertThat(end.version()).isEqualTo(threads * perThread);
    assertThat(end.keys())
        .extracting(PlaybackKeyRecord::keyId)
        .containsExactlyInAnyOrderElementsOf(
            records.stream().map(PlaybackKeyRecord::keyId).toList());
  }

  @Test
  void lease_whenHeldByAnother_isRefused() {
    PlaybackKeyStore store = store();
    assertThat(store.tryAcquireLease("a", LONG_LEASE)).isPresent();
    assertThat(store.tryAcquireLease("b", LONG_LEASE)).isEmpty();
    assertThat(store.read().lease()).map(StoreLease::owner).contains("a");
  }

  @Test
  void lease_whenRenewedByItsHolder_keepsItsAcquisitionTime() {
    PlaybackKeyStore store = store();
    StoreLease first = store.tryAcquireLease("a", LONG_LEASE).orElseThrow();
    StoreLease renewed = store.tryAcquireLease("a", LONG_LEASE).orElseThrow();
    assertThat(renewed.acquiredAt()).isEqualTo(first.acquiredAt());
    assertThat(renewed.expiresAt()).isAfterOrEqualTo(first.expiresAt());
  }

  @Test
  void lease_afterExpiry_isTakenOver() throws Exception {
    PlaybackKeyStore store = store();
    assertThat(store.tryAcquireLease("a", SHORT_LEASE)).isPresent();
    passLeaseTime(SHORT_LEASE.plusMillis(200));
    Optional<StoreLease> taken = store.tryAcquireLease("b", LONG_LEASE);
    assertThat(taken).map(StoreLease::owner).contains("b");
    assertThat(store.read().lease()).map(StoreLease::owner).contains("b");
  }

  @Test
  void write_byHolderPausedPastExpiry_isRefusedAfterTakeOver() throws Exception {
    PlaybackKeyStore store = store();
    store.tryAcquireLease("a", SHORT_LEASE);
    PlaybackKeyStoreSnapshot seen = store.read(); // "a" reads, then pauses past its lease
    passLeaseTime(SHORT_LEASE.plusMillis(200));
    store.tryAcquireLease("b", LONG_LEASE);
    assertThatThrownBy(() -> store.write(seen.version(), List.of(record("late")), "a"))
        .isInstanceOf(PlaybackKeyStoreException.class)
        .hasFieldOrPropertyWithValue("reason", Reason.LEASE_NOT_HELD);
    assertThat(store.read().keys()).isEmpty();
    assertThat(store.write(seen.version(), List.of(record("b1")), "b").version()).isEqualTo(1);
  }

  @Test
  void write_byHolderPausedPastExpiry_isRefusedEvenIfNobodyTookOver() throws Exception {
    PlaybackKeyStore store = store();
    store.tryAcquireLease("a", SHORT_LEASE);
    PlaybackKeyStoreSnapshot seen = store.read();
    passLeaseTime(SHORT_LEASE.plusMillis(200));
    assertThatThrownBy(() -> store.write(seen.version(), List.of(record("late")), "a"))
        .isInstanceOf(PlaybackKeyStoreException.class)
        .hasFieldOrPropertyWithValue("reason", Reason.LEASE_NOT_HELD);
    assertThat(store.read().version()).isZero();
  }

  @Test
  void releaseLease_letsAnotherOwnerTakeItAtOnce() {
    PlaybackKeyStore store = store();
    store.tryAcquireLease("a", LONG_LEASE);
    store.releaseLease("b"); // not the holder: nothing happens
    assertThat(store.tryAcquireLease("b", LONG_LEASE)).isEmpty();
    store.releaseLease("a");
    assertThat(store.tryAcquireLease("b", LONG_LEASE)).map(StoreLease::owner).contains("b");
  }

  @Test
  void read_whileAnotherThreadWrites_neverSeesAPartialSnapshot() throws Exception {
    PlaybackKeyStore store = store();
    store.tryAcquireLease("w", LONG_LEASE);
    List<KeyPair> pairs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      pairs.add(PlaybackKeyGenerator.create().generate());
    }
    AtomicBoolean writing = new AtomicBoolean(true);
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    Thread reader =
        new Thread(
            () -> {
              while (writing.get()) {
                PlaybackKeyStoreSnapshot s = store.read();
                // Every write replaces all three records with one generation, named after the
                // version it makes: a snapshot mixing generations, or not matching its version,
                // was read half-written.
                List<String> ids = s.keys().stream().map(PlaybackKeyRecord::keyId).toList();
                List<String> expected =
                    s.version() == 0
                        ? List.of()
                        : List.of(
                            "g" + s.version() + "k0",
                            "g" + s.version() + "k1",
                            "g" + s.version() + "k2");
                if (!ids.equals(expected)) {
                  problems.add("version " + s.version() + " holds " + ids);
                }
              }
            });
    reader.start();
    try {
      for (long v = 0; v < 25; v++) {
        List<PlaybackKeyRecord> generation = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          generation.add(record("g" + (v + 1) + "k" + i, pairs.get(i)));
        }
        store.write(v, generation, "w");
      }
    } finally {
      writing.set(false);
      reader.join(60_000);
    }
    assertThat(problems).isEmpty();
    assertThat(store.read().version()).isEqualTo(25);
  }

  @Test
  void write_ofMoreRecordsThanTheLimit_isRefusedAndWritesNothing() {
    PlaybackKeyStore store = store();
    store.tryAcquireLease("a", LONG_LEASE);
    KeyPair kp = PlaybackKeyGenerator.create().generate();
    List<PlaybackKeyRecord> tooMany = new ArrayList<>();
    for (int i = 0; i < 65; i++) {
      tooMany.add(record("k" + i, kp));
    }
    assertThatThrownBy(() -> store.write(0, tooMany, "a"))
        .isInstanceOf(PlaybackKeyStoreException.class)
        .hasFieldOrPropertyWithValue("reason", Reason.STORE_IO)
        .hasMessageContaining("at most 64");
    assertThat(store.read().version()).isZero();
  }

  @Test
  void lease_withAnOwnerIdOverTheLimit_isRefused() {
    PlaybackKeyStore store = store();
    assertThatThrownBy(() -> store.tryAcquireLease("o".repeat(201), LONG_LEASE))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("leaseOwner")
        .hasMessageContaining("at most 200");
    assertThat(store.tryAcquireLease("o".repeat(200), LONG_LEASE)).isPresent();
  }
}
