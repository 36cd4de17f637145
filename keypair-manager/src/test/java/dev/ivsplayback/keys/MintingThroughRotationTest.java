package dev.ivsplayback.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivsplayback.keys.PlaybackKeyEvent.Type;
import dev.ivsplayback.testing.MutableClock;
import dev.ivsplayback.token.MintedToken;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 8 threads mint continuously while the manager rotates 20 times. Every token minted is accounted
 * to the key that signed it, and no key may be deleted before the last of its tokens expires; a
 * sample of tokens (the first and last of each minute, every live token whenever a key is deleted,
 * and every token in the last minute before its exp) is played through ivs-local's playback URL and
 * must be accepted.
 */
class MintingThroughRotationTest {
  private static final int THREADS = 8;
  private static final int ROTATIONS = 20;
  private static final int TOKENS_PER_THREAD_PER_MINUTE = 3;

  @RegisterExtension static final IvsFixture ivs = new IvsFixture(3);

  private static final class Gate {
    private long generation;
    private boolean stopped;
  }

  @Test
  void eightThreads_mintAcross20Rotations_andEveryTokenPlaysUntilItsExp() throws Exception {
    ivs.reset();
    MutableClock clock = ivs.clock;
    // Short periods keep the test quick: tokens up to 5 min, deletion 8 min after retirement,
    // rotation every 10 min.
    RotationPolicy policy =
        TestPolicies.standard().toBuilder()
            .maxTokenTtl(Duration.ofMinutes(5))
            .propagationDelay(Duration.ofMinutes(1))
            .rotationInterval(Duration.ofMinutes(10))
            .build();
    List<PlaybackKeyEvent> events = new CopyOnWriteArrayList<>();
    PlaybackKeyManager manager =
        PlaybackKeyManager.builder()
            .managerId("minting")
            .store(InMemoryPlaybackKeyStore.create(clock))
            .client(ivs.client)
            .policy(policy)
            .clock(clock)
            .automaticTicks(false)
            .listener(events::add)
            .build();
    manager.start();

    Map<String, Instant> latestExpByKey = new ConcurrentHashMap<>();
    Queue<MintedToken> fresh = new ConcurrentLinkedQueue<>();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    AtomicLong minted = new AtomicLong();
    Gate gate = new Gate();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      Thread t =
          new Thread(
              () -> {
                long seen = -1;
                int mintedNow = 0;
                try {
                  while (true) {
                    synchronized (gate) {
                      while (!gate.stopped
                          && gate.generation == seen
                          && mintedNow >= TOKENS_PER_THREAD_PER_MINUTE) {
                        gate.wait();
                      }
                      if (gate.stopped) {
                        return;
                      }
                      if (gate.generation != seen) {
                        seen = gate.generation;
                        mintedNow = 0;
                      }
                    }
                    Duration ttl =
                        Duration.ofSeconds(ThreadLocalRandom.current().nextLong(60, 301));
                    MintedToken token = manager.signer().mint(ivs.claims(ttl));
                    latestExpByKey.merge(
                        token.key().fingerprint(),
                        token.expiresAt(),
                        (a, b) -> a.isAfter(b) ? a : b);
                    fresh.add(token);
                    minted.incrementAndGet();
                    mintedNow++;
                  }
                } catch (Throwable e) {
                  errors.add(e);
                }
              },
              "minter-" + i);
      t.start();
      threads.add(t);
    }

    List<MintedToken> live = new ArrayList<>();
    int plays = 0;
    int minutes = 0;
    while (events.stream().filter(e -> e.type() == Type.ROTATED).count() < ROTATIONS) {
      assertThat(minutes++).isLessThan(ROTATIONS * 12 + 10);
      clock.advance(TestPolicies.STEP);
      synchronized (gate) {
        gate.generation++;
        gate.notifyAll();
      }
      long deletionsBefore = events.stream().filter(e -> e.type() == Type.DELETED).count();
      manager.tick(); // runs while the threads mint
      Instant now = clock.instant();

      List<MintedToken> drained = new ArrayList<>();
      for (MintedToken t; (t = fresh.poll()) != null; ) {
        drained.add(t);
      }
      live.addAll(drained);
      live.removeIf(t -> !t.expiresAt().isAfter(now));
      List<MintedToken> toPlay = new ArrayList<>();
      if (!drained.isEmpty()) {
        toPlay.add(drained.get(0));
        toPlay.add(drained.get(drained.size() - 1));
      }
      boolean deleted =
          events.stream().filter(e -> e.type() == Type.DELETED).count() > deletionsBefore;
      for (MintedToken t : live) {
        if (deleted || !t.expiresAt().isAfter(now.plus(TestPolicies.STEP))) {
          toPlay.add(t);
        }
      }
      for (MintedToken t : toPlay) {
        if (t.expiresAt().isAfter(now)) {
          assertThat(ivs.play(t.token()))
              .as("token of key %s expiring %s, played at %s", t.key().keyId(), t.expiresAt(), now)
              .isEqualTo(200);
          plays++;
        }
      }
      assertThat(ivs.managedPairs("minting")).isLessThanOrEqualTo(2);
    }
    synchronized (gate) {
      gate.stopped = true;
      gate.notifyAll();
    }
    for (Thread t : threads) {
      t.join();
    }

    assertThat(errors).isEmpty();
    assertThat(minted.get())
        .isGreaterThan((long) THREADS * TOKENS_PER_THREAD_PER_MINUTE * ROTATIONS * 10 / 2);
    assertThat(latestExpByKey).hasSizeGreaterThanOrEqualTo(ROTATIONS);
    assertThat(plays).isGreaterThan(ROTATIONS * 10);
    List<PlaybackKeyEvent> deletions =
        events.stream().filter(e -> e.type() == Type.DELETED).toList();
    assertThat(deletions).hasSizeGreaterThanOrEqualTo(ROTATIONS - 1);
    for (PlaybackKeyEvent deletion : deletions) {
      assertThat(deletion.at())
          .as("key %s deleted after every token it signed expired", deletion.keyId())
          .isAfterOrEqualTo(latestExpByKey.get(deletion.fingerprint()));
    }
    assertThat(events).noneMatch(e -> e.type() == Type.FAILURE);
  }
}
