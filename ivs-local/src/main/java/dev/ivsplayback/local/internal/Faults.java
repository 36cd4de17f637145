package dev.ivsplayback.local.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Injected faults per operation, consumed in order, and per-operation call counts. Thread-safe. */
public final class Faults {

    /** One injected fault: an error answer, or (error == null) a dropped response after the change is applied. */
    public record Fault(ApiException error) {
        /** True for a lost response rather than an error answer. */
        public boolean drop() {
            return error == null;
        }
    }

    private final Map<String, Deque<Fault>> pending = new HashMap<>();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

    /** Queues the fault for the next {@code count} calls of the operation. */
    public synchronized void add(String operation, int count, Fault fault) {
        Deque<Fault> q = pending.computeIfAbsent(operation, k -> new ArrayDeque<>());
        for (int i = 0; i < count; i++) {
            q.addLast(fault);
        }
    }

    /** Counts a call of the operation and returns the next fault for it, or null. */
    public synchronized Fault next(String operation) {
        calls.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
        Deque<Fault> q = pending.get(operation);
        return q == null ? null : q.pollFirst();
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
