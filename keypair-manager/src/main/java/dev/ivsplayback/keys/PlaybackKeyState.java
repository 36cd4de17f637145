package dev.ivsplayback.keys;

/**
 * Lifecycle of a managed playback key. A key only moves forward through these states; exactly one
 * key is {@link #ACTIVE} once the manager has started.
 */
public enum PlaybackKeyState {
  /** Generated and persisted (private key in the store); not yet in IVS. */
  GENERATED,
  /**
   * Imported into IVS, fingerprint verified, self-tested; waiting for its propagation delay before
   * promotion.
   */
  IMPORTED,
  /** The key every new token is signed with. */
  ACTIVE,
  /** Replaced by a newer key; still in IVS until every token it can have signed has expired. */
  RETIRING,
  /** Deleted from IVS; tokens it signed no longer play. Private material still in the store. */
  DELETED,
  /** Private material erased from the store; only metadata is kept, for audit. */
  DESTROYED;

  /**
   * Whether a key in this state is (or may be) present in IVS.
   *
   * @return true for IMPORTED, ACTIVE and RETIRING
   */
  public boolean isInIvs() {
    return this == IMPORTED || this == ACTIVE || this == RETIRING;
  }

  /**
   * Whether the store still holds the private key.
   *
   * @return true for every state but DESTROYED
   */
  public boolean hasPrivateKey() {
    return this != DESTROYED;
  }
}
