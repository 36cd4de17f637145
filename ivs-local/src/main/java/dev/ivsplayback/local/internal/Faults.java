package dev.ivsplayback.local.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Injected faults per operation, consumed in order, and per-operation call counts. Thread-safe. */
public final class Faults {

  /**
   * One injected fault: an error answer, or (error == null) a dropped response after the change is
   * applied.
   */
  public record Fault(ApiException error) {
    /** True for a lost response rather than an error answer. */
    public boolean drop() {
      return error == null;
    }
  }

  /** A fault and how many more calls it applies to. */
  private static final class Pending {
    final Fault fault;
    int remaining;

    Pending(Fault fault, int remaining) {
      this.fault = fault;
      this.remaining = remaining;
    }
  }

  private final Map<String, Deque<Pending>> pending = new HashMap<>();
  private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

  /** Queues the fault for the next {@code count} calls of the operation. */
  public synchronized void add(String operation, int count, Fault fault) {
    pending.computeIfAbsent(operation, k -> new ArrayDeque<>()).addLast(new Pending(fault, count));
  }

  /** Counts a call of the operation and returns the next fault for it, or null. */
  public synchronized Fault next(String operation) {
    calls.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
    Deque<Pending> q = pending.get(operation);
    Pending p = q == null ? null : q.peekFirst();
    if (p == null) {
      return null;
    }
    if (--p.remaining == 0) {
      q.removeFirst();
    }
    return p.fault;
  }

  /** How many calls of the operation reached the endpoint. */
  public long calls(String operation) {
    AtomicLong n = calls.get(operation);
    return n == null ? 0 : n.get();
  }

  /** Forgets pending faults and call counts. */
  public synchronized void reset() {
    pending.clear();
    calls.clear();
  }
}
