package dev.ivsplayback.token.internal;

import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Per-thread signing state (which holds a private key) that can be erased in every thread at once.
 * A plain {@code ThreadLocal} keeps each thread's value until that thread touches its map again, so
 * a request thread would keep a rotated-out key's scalar indefinitely; here each thread's value
 * sits in a holder that {@link #destroy()} empties. After destroy, {@link #get()} still works but
 * builds fresh, uncached state (so a signing call racing with a rotation never fails). Hot path:
 * one ThreadLocal lookup and one field read, no allocation. Not a public API.
 *
 * @param <S> the state type
 */
public final class PerThreadState<S> {
  private final Supplier<S> factory;
  private final ThreadLocal<Holder<S>> local = new ThreadLocal<>();
  private final ConcurrentLinkedQueue<WeakReference<Holder<S>>> holders =
      new ConcurrentLinkedQueue<>();
  private volatile boolean destroyed;

  /**
   * Creates the cache.
   *
   * @param factory builds one thread's state
   */
  public PerThreadState(Supplier<S> factory) {
    this.factory = factory;
  }

  /**
   * This thread's state.
   *
   * @return the cached state, or fresh uncached state once destroyed
   */
  public S get() {
    Holder<S> h = local.get();
    if (h != null) {
      S s = h.state;
      if (s != null) {
        return s;
      }
    }
    S s = factory.get();
    if (destroyed) {
      return s;
    }
    if (h == null) {
      h = new Holder<>();
      local.set(h);
      holders.removeIf(r -> r.get() == null); // holders of threads that have died
      holders.add(new WeakReference<>(h));
    }
    h.state = s;
    if (destroyed) {
      h.state = null; // raced with destroy(): leave nothing behind
    }
    return s;
  }

  /** Empties every thread's holder; later calls build state without caching it. */
  public void destroy() {
    destroyed = true;
    for (WeakReference<Holder<S>> ref : holders) {
      Holder<S> h = ref.get();
      if (h != null) {
        h.state = null;
      }
    }
    holders.clear();
  }

  /**
   * Whether {@link #destroy()} was called.
   *
   * @return true once destroyed
   */
  public boolean isDestroyed() {
    return destroyed;
  }

  /**
   * How many threads currently hold cached state (for tests).
   *
   * @return the number of non-empty holders
   */
  public int cachedThreads() {
    int n = 0;
    for (WeakReference<Holder<S>> ref : holders) {
      Holder<S> h = ref.get();
      if (h != null && h.state != null) {
        n++;
      }
    }
    return n;
  }

  private static final class Holder<S> {
    volatile S state;
  }
}
