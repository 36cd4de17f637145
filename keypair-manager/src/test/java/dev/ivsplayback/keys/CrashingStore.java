package dev.ivsplayback.keys;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Wraps a real store and "kills the process" at the N-th write: either just before it (the IVS call
 * before it happened, its result was never persisted) or just after it (persisted, nothing after it
 * ran). The kill is an {@link Error}, which the manager does not catch, so no clean-up code runs,
 * as in a real crash; afterwards every call fails the same way. A wrapper rather than a mock: every
 * write that happens goes to the real store.
 */
final class CrashingStore implements PlaybackKeyStore {
  enum Mode {
    BEFORE_WRITE,
    AFTER_WRITE
  }

  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash(String message) {
      super(message);
    }
  }

  private final PlaybackKeyStore delegate;
  private final int crashAt;
  private final Mode mode;
  private int writes;
  private boolean dead;

  CrashingStore(PlaybackKeyStore delegate, int crashAt, Mode mode) {
    this.delegate = delegate;
    this.crashAt = crashAt;
    this.mode = mode;
  }

  synchronized int writes() {
    return writes;
  }

  synchronized boolean crashed() {
    return dead;
  }

  private void alive() {
    if (dead) {
      throw new Crash("process is dead");
    }
  }

  @Override
  public synchronized PlaybackKeyStoreSnapshot read() {
    alive();
    return delegate.read();
  }

  @Override
  public synchronized PlaybackKeyStoreSnapshot write(
      long expectedVersion, List<PlaybackKeyRecord> keys, String leaseOwner) {
    alive();
    writes++;
    if (writes == crashAt && mode == Mode.BEFORE_WRITE) {
      dead = true;
      throw new Crash("crash before write " + writes);
    }
    PlaybackKeyStoreSnapshot result = delegate.write(expectedVersion, keys, leaseOwner);
    if (writes == crashAt) {
      dead = true;
      throw new Crash("crash after write " + writes);
    }
    return result;
  }

  @Override
  public synchronized Optional<StoreLease> tryAcquireLease(String owner, Duration duration) {
    alive();
    return delegate.tryAcquireLease(owner, duration);
  }

  @Override
  public synchronized void releaseLease(String owner) {
    alive();
    delegate.releaseLease(owner);
  }
}
