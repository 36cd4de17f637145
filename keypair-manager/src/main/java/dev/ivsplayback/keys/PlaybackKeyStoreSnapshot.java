package dev.ivsplayback.keys;

import dev.ivsplayback.token.InvalidConfigurationException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable, consistent view of a {@link PlaybackKeyStore}. Consistent means: key ids are unique
 * and at most one key is ACTIVE. A snapshot that breaks either is never built: the constructor
 * throws {@link CorruptKeyStoreException} naming the record, so a store that loads such data (any
 * implementation, since each builds its snapshots here) reports it as corrupt instead of handing
 * the manager two keys to sign with.
 *
 * @param version the store version; 0 for an empty store, incremented by every successful write
 * @param keys the key records, oldest first
 * @param lease the current lease, if any (possibly expired)
 * @param tokenLimits the token limits recorded by the fleet's leaders; empty in a store written
 *     before they were recorded (then each process uses its local policy)
 */
public record PlaybackKeyStoreSnapshot(
    long version,
    List<PlaybackKeyRecord> keys,
    Optional<StoreLease> lease,
    Optional<FleetTokenLimits> tokenLimits) {
  /**
   * Copies the key list and checks the invariants.
   *
   * @throws CorruptKeyStoreException if two records share a key id or two keys are ACTIVE
   * @throws InvalidConfigurationException if the version is negative
   */
  public PlaybackKeyStoreSnapshot {
    if (version < 0) {
      throw new InvalidConfigurationException(
          "version",
          "must be >= 0, was " + version + " (0 is the empty store; every write adds 1)");
    }
    keys = List.copyOf(keys);
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(tokenLimits, "tokenLimits");
    Set<String> ids = new HashSet<>();
    String active = null;
    for (PlaybackKeyRecord k : keys) {
      if (!ids.add(k.keyId())) {
        throw new CorruptKeyStoreException(
            k.keyId(),
            "store version "
                + version
                + " holds key id "
                + k.keyId()
                + " twice; key ids are unique",
            null);
      }
      if (k.state() == PlaybackKeyState.ACTIVE) {
        if (active != null) {
          throw new CorruptKeyStoreException(
              k.keyId(),
              "store version "
                  + version
                  + " holds two ACTIVE keys, "
                  + active
                  + " and "
                  + k.keyId()
                  + "; at most one key is ACTIVE",
              null);
        }
        active = k.keyId();
      }
    }
  }

  /**
   * A snapshot without recorded token limits.
   *
   * @param version the store version
   * @param keys the key records, oldest first
   * @param lease the current lease, if any
   */
  public PlaybackKeyStoreSnapshot(
      long version, List<PlaybackKeyRecord> keys, Optional<StoreLease> lease) {
    this(version, keys, lease, Optional.empty());
  }

  /**
   * The same snapshot with another lease (lease changes keep the version and everything else).
   *
   * @param newLease the lease
   * @return the snapshot
   */
  public PlaybackKeyStoreSnapshot withLease(Optional<StoreLease> newLease) {
    return new PlaybackKeyStoreSnapshot(version, keys, newLease, tokenLimits);
  }

  /**
   * The empty store.
   *
   * @return version 0, no keys, no lease
   */
  public static PlaybackKeyStoreSnapshot empty() {
    return new PlaybackKeyStoreSnapshot(0, List.of(), Optional.empty());
  }

  /**
   * The ACTIVE key, if any.
   *
   * @return the ACTIVE key (there is at most one)
   */
  public Optional<PlaybackKeyRecord> active() {
    return keys.stream().filter(k -> k.state() == PlaybackKeyState.ACTIVE).findFirst();
  }

  /**
   * Looks a key up by id.
   *
   * @param keyId the key id
   * @return the record
   */
  public Optional<PlaybackKeyRecord> key(String keyId) {
    return keys.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
  }

  /**
   * The keys in one state.
   *
   * @param state the state
   * @return the matching records, oldest first
   */
  public List<PlaybackKeyRecord> inState(PlaybackKeyState state) {
    return keys.stream().filter(k -> k.state() == state).toList();
  }
}
