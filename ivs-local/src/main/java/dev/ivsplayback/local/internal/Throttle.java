package dev.ivsplayback.local.internal;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * IVS's per-operation request-rate quotas (per account per region; spec §3.5), enforced over a
 * sliding one-second window of the injected clock, so tests drive it by moving the clock.
 * Thread-safe.
 */
public final class Throttle {

  /** PutMetadata: per channel. */
  public static final int PUT_METADATA_PER_CHANNEL_TPS = 5;

  /** PutMetadata: per account. */
  public static final int PUT_METADATA_PER_ACCOUNT_TPS = 155;

  private static final Map<String, Integer> TPS = new HashMap<>();

  static {
    for (String op :
        new String[] {
          "BatchGetChannel",
          "CreateChannel",
          "DeleteChannel",
          "GetChannel",
          "ListChannels",
          "UpdateChannel",
          "CreatePlaybackRestrictionPolicy",
          "DeletePlaybackRestrictionPolicy",
          "GetPlaybackRestrictionPolicy",
          "UpdatePlaybackRestrictionPolicy",
          "ListPlaybackRestrictionPolicies",
          "GetStream",
          "GetStreamSession",
          "ListStreams",
          "ListStreamSessions",
          "StopStream",
          "BatchGetStreamKey",
          "CreateStreamKey",
          "DeleteStreamKey",
          "GetStreamKey",
          "ListStreamKeys"
        }) {
      TPS.put(op, 5);
    }
    for (String op :
        new String[] {
          "DeletePlaybackKeyPair",
          "GetPlaybackKeyPair",
          "ImportPlaybackKeyPair",
          "ListPlaybackKeyPairs",
          "CreateRecordingConfiguration",
          "DeleteRecordingConfiguration",
          "GetRecordingConfiguration",
          "ListRecordingConfigurations"
        }) {
      TPS.put(op, 3);
    }
    TPS.put("BatchStartViewerSessionRevocation", 2);
    TPS.put("StartViewerSessionRevocation", 10);
    // PutMetadata is limited per channel and per account by acquirePutMetadata, once its channel is
    // known.
    for (String op : new String[] {"ListTagsForResource", "TagResource", "UntagResource"}) {
      TPS.put(op, 10);
    }
  }

  private final Clock clock;
  private final Map<String, Deque<Long>> windows = new HashMap<>();

  /** Rate windows on the given clock. */
  public Throttle(Clock clock) {
    this.clock = clock;
  }

  /** The TPS quota of an operation, or 0 when none is known. */
  public static int tps(String operation) {
    return TPS.getOrDefault(operation, 0);
  }

  /** Admits one request of the operation or throws ThrottlingException (429). */
  public void acquire(String operation) {
    int limit = tps(operation);
    if (limit > 0 && !tryAcquire(operation, limit)) {
      throw ApiException.throttled(
          "Rate exceeded: " + operation + " allows " + limit + " requests per second per account.");
    }
  }

  /** Admits one PutMetadata request on a channel (5 TPS per channel, 155 per account). */
  public synchronized void acquirePutMetadata(String channelArn) {
    long now = clock.millis();
    Deque<Long> perChannel = window("PutMetadata:" + channelArn, now);
    Deque<Long> perAccount = window("PutMetadata", now);
    if (perChannel.size() >= PUT_METADATA_PER_CHANNEL_TPS) {
      throw ApiException.throttled(
          "Rate exceeded: PutMetadata allows "
              + PUT_METADATA_PER_CHANNEL_TPS
              + " requests per second per channel.");
    }
    if (perAccount.size() >= PUT_METADATA_PER_ACCOUNT_TPS) {
      throw ApiException.throttled(
          "Rate exceeded: PutMetadata allows "
              + PUT_METADATA_PER_ACCOUNT_TPS
              + " requests per second per account.");
    }
    perChannel.addLast(now);
    perAccount.addLast(now);
  }

  private synchronized boolean tryAcquire(String key, int limit) {
    long now = clock.millis();
    Deque<Long> w = window(key, now);
    if (w.size() >= limit) {
      return false;
    }
    w.addLast(now);
    return true;
  }

  private Deque<Long> window(String key, long now) {
    Deque<Long> w = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
    while (!w.isEmpty() && w.peekFirst() <= now - 1000) {
      w.removeFirst();
    }
    return w;
  }

  /** Forgets all recorded requests. */
  public synchronized void reset() {
    windows.clear();
  }
}
