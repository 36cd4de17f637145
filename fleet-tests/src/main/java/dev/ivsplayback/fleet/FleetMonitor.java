package dev.ivsplayback.fleet;

import dev.ivsplayback.keys.CorruptKeyStoreException;
import dev.ivsplayback.keys.PlaybackKeyManager;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.PlaybackKeyState;
import dev.ivsplayback.keys.PlaybackKeyStore;
import dev.ivsplayback.keys.PlaybackKeyStoreSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ivs.IvsClient;
import software.amazon.awssdk.services.ivs.model.PlaybackKeyPairSummary;

/**
 * Checks the fleet's invariants from outside, every poll: it reads the store, lists IVS's key
 * pairs, and reads the store again (a pair listed between two reads was in the store, with its
 * private key, at one of them, whatever happened in between).
 *
 * <ul>
 *   <li>exactly one ACTIVE key at every read, once the first key was promoted;
 *   <li>never more than 3 pairs in IVS, never more than 2 carrying the fleet's manager tag;
 *   <li>every managed pair in IVS has its private key in the store;
 *   <li>the ACTIVE key's pair is in IVS;
 *   <li>no retired pair left IVS before its deletion time: judged both from the store (a DELETED
 *       record's {@code deletedAt} against its {@code deletableAt}) and from IVS itself (a pair
 *       seen in one listing and gone from a later one that ended before {@code deletableAt}).
 * </ul>
 *
 * <p>Rotations are counted here too, as the distinct keys seen ACTIVE, so a rotation made by a
 * member that was killed before it could say so still counts. Not thread-safe: one poller.
 */
final class FleetMonitor {
  private static final int QUOTA = 3;

  private final PlaybackKeyStore store;
  private final IvsClient ivs;
  private final FleetLog log;
  private final String managerId;
  private final Set<String> activeSeen = new LinkedHashSet<>();
  private final Map<String, Instant> deletableAt = new HashMap<>();
  private final Map<String, String> arnToKey = new HashMap<>();
  private final Set<String> inIvsBefore = new HashSet<>();
  private final Set<String> reported = new HashSet<>();
  private final Map<String, Integer> violationCounts = new LinkedHashMap<>();
  private final List<String> violations = new ArrayList<>();
  private volatile int activeKeys;
  private long reads;
  private long polls;
  private long storeReadFailures;
  private long ivsFailures;
  private int maxPairs;
  private int maxManaged;
  private String lastFailure;

  FleetMonitor(PlaybackKeyStore store, IvsClient ivs, String managerId, FleetLog log) {
    this.store = store;
    this.ivs = ivs;
    this.managerId = managerId;
    this.log = log;
  }

  /** One poll; never throws (a failure to read is counted, a broken invariant recorded). */
  void poll() {
    polls++;
    PlaybackKeyStoreSnapshot before = read();
    List<PlaybackKeyPairSummary> pairs;
    try {
      pairs = ivs.listPlaybackKeyPairs(b -> {}).keyPairs();
    } catch (RuntimeException e) {
      ivsFailures++;
      noteFailure("IVS list failed: " + e);
      return;
    }
    Instant listedBy = Instant.now();
    PlaybackKeyStoreSnapshot after = read();
    if (before == null || after == null) {
      return;
    }
    for (PlaybackKeyStoreSnapshot s : List.of(before, after)) {
      checkActive(s);
      learn(s);
    }
    checkPairs(pairs, before, after, listedBy);
  }

  private PlaybackKeyStoreSnapshot read() {
    try {
      PlaybackKeyStoreSnapshot s = store.read();
      reads++;
      return s;
    } catch (CorruptKeyStoreException e) {
      // Two ACTIVE keys (or any broken invariant) make the snapshot unbuildable.
      violation("store-corrupt", "store read refused as corrupt: " + e.getMessage());
      return null;
    } catch (RuntimeException e) {
      storeReadFailures++;
      noteFailure("store read failed: " + e);
      return null;
    }
  }

  private void checkActive(PlaybackKeyStoreSnapshot s) {
    List<PlaybackKeyRecord> active = s.inState(PlaybackKeyState.ACTIVE);
    if (active.size() == 1) {
      String keyId = active.get(0).keyId();
      if (activeSeen.add(keyId)) {
        activeKeys = activeSeen.size();
        log.log(
            activeSeen.size() == 1
                ? "KEY first ACTIVE key " + keyId + " (store version " + s.version() + ")"
                : "ROTATION #"
                    + (activeSeen.size() - 1)
                    + " observed: key "
                    + keyId
                    + " ACTIVE (store version "
                    + s.version()
                    + ")");
      }
    } else if (!activeSeen.isEmpty() || active.size() > 1) {
      violation(
          "active-count",
          "store version "
              + s.version()
              + " has "
              + active.size()
              + " ACTIVE keys: "
              + s.keys().stream()
                  .map(k -> k.keyId() + "=" + k.state())
                  .collect(Collectors.joining(", ")));
    }
  }

  private void learn(PlaybackKeyStoreSnapshot s) {
    for (PlaybackKeyRecord k : s.keys()) {
      k.arn().ifPresent(arn -> arnToKey.put(arn, k.keyId()));
      if (k.deletableAt().isPresent() && !k.quarantined()) {
        deletableAt.put(k.keyId(), k.deletableAt().get());
      }
      if (k.deletedAt().isPresent()
          && k.deletableAt().isPresent()
          && !k.quarantined()
          && k.deletedAt().get().isBefore(k.deletableAt().get())) {
        violation(
            "deleted-early:" + k.keyId(),
            "store records key "
                + k.keyId()
                + " deleted at "
                + k.deletedAt().get()
                + ", before its deletion time "
                + k.deletableAt().get());
      }
    }
  }

  private void checkPairs(
      List<PlaybackKeyPairSummary> pairs,
      PlaybackKeyStoreSnapshot before,
      PlaybackKeyStoreSnapshot after,
      Instant listedBy) {
    List<PlaybackKeyPairSummary> managed =
        pairs.stream()
            .filter(p -> managerId.equals(p.tags().get(PlaybackKeyManager.MANAGER_TAG)))
            .toList();
    maxPairs = Math.max(maxPairs, pairs.size());
    maxManaged = Math.max(maxManaged, managed.size());
    if (pairs.size() > QUOTA) {
      violation("pairs", pairs.size() + " key pairs in IVS (quota " + QUOTA + "): " + names(pairs));
    }
    if (managed.size() > 2) {
      violation("managed", managed.size() + " managed key pairs in IVS: " + names(managed));
    }
    for (PlaybackKeyPairSummary p : managed) {
      String keyId = p.tags().get(PlaybackKeyManager.KEY_ID_TAG);
      boolean held = hasPrivateKey(before, keyId) || hasPrivateKey(after, keyId);
      if (!held) {
        violation(
            "orphan:" + p.arn(),
            "managed pair "
                + p.arn()
                + " (key-id tag "
                + keyId
                + ") is in IVS but its private key is not in the store");
      }
    }
    Set<String> now = pairs.stream().map(PlaybackKeyPairSummary::arn).collect(Collectors.toSet());
    for (String arn : inIvsBefore) {
      if (now.contains(arn)) {
        continue;
      }
      String keyId = arnToKey.get(arn);
      Instant due = keyId == null ? null : deletableAt.get(keyId);
      if (due != null && listedBy.isBefore(due)) {
        violation(
            "ivs-deleted-early:" + arn,
            "pair of key "
                + keyId
                + " was gone from IVS by "
                + listedBy
                + ", before its deletion time "
                + due);
      }
    }
    inIvsBefore.clear();
    inIvsBefore.addAll(now);
    // ACTIVE in both reads, so ACTIVE while IVS was listed: its pair must be there.
    String activeArn = before.active().flatMap(PlaybackKeyRecord::arn).orElse(null);
    if (activeArn != null
        && activeArn.equals(after.active().flatMap(PlaybackKeyRecord::arn).orElse(null))
        && !now.contains(activeArn)) {
      violation(
          "active-missing:" + activeArn, "the ACTIVE key's pair " + activeArn + " is not in IVS");
    }
  }

  private static boolean hasPrivateKey(PlaybackKeyStoreSnapshot s, String keyId) {
    return keyId != null && s.key(keyId).map(PlaybackKeyRecord::hasPrivateKey).orElse(false);
  }

  private static String names(List<PlaybackKeyPairSummary> pairs) {
    return pairs.stream()
        .map(p -> p.name() + "[" + p.tags().getOrDefault(PlaybackKeyManager.MANAGER_TAG, "-") + "]")
        .collect(Collectors.joining(", "));
  }

  /** Records a violation; the same one (by id) is logged once and counted on every poll. */
  private void violation(String id, String message) {
    violationCounts.merge(id, 1, Integer::sum);
    if (reported.add(id)) {
      violations.add(message);
      log.log("VIOLATION " + message);
    }
  }

  private void noteFailure(String message) {
    if (!message.equals(lastFailure)) {
      log.log("monitor: " + message);
      lastFailure = message;
    }
  }

  /** Safe to call from any thread (the driver waits on it while the poller runs). */
  int rotations() {
    return Math.max(0, activeKeys - 1);
  }

  boolean anyKeyActive() {
    return activeKeys > 0;
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  long reads() {
    return reads;
  }

  long polls() {
    return polls;
  }

  long storeReadFailures() {
    return storeReadFailures;
  }

  long ivsFailures() {
    return ivsFailures;
  }

  int maxPairs() {
    return maxPairs;
  }

  int maxManaged() {
    return maxManaged;
  }
}
