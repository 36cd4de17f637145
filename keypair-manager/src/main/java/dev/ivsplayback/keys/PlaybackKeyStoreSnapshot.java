package dev.ivsplayback.keys;

import dev.ivsplayback.token.InvalidConfigurationException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, consistent view of a {@link PlaybackKeyStore}.
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
  /** Copies the key list. */
  public PlaybackKeyStoreSnapshot {
    if (version < 0) {
      throw new InvalidConfigurationException(
          "version",
          "must be >= 0, was " + version + " (0 is the empty store; every write adds 1)");
    }
    keys = List.copyOf(keys);
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(tokenLimits, "tokenLimits");
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
   * @return the first ACTIVE key
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
