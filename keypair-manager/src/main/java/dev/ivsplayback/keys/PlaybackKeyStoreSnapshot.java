package dev.ivsplayback.keys;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, consistent view of a {@link PlaybackKeyStore}.
 *
 * @param version the store version; 0 for an empty store, incremented by every successful write
 * @param keys the key records, oldest first
 * @param lease the current lease, if any (possibly expired)
 */
public record PlaybackKeyStoreSnapshot(long version, List<PlaybackKeyRecord> keys, Optional<StoreLease> lease) {
  /** Copies the key list. */
  public PlaybackKeyStoreSnapshot {
    if (version < 0) {
      throw new IllegalArgumentException("version must be >= 0, was " + version);
    }
    keys = List.copyOf(keys);
    Objects.requireNonNull(lease, "lease");
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
