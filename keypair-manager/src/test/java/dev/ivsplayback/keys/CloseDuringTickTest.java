package dev.ivsplayback.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivsplayback.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * close() releases the lease so another process can take over at once. A scheduled tick that was
 * already waiting for the manager's lock when close() ran must not take it back: seen in the fleet
 * chaos test as a tick failing after its member's shutdown hook had closed the manager.
 */
class CloseDuringTickTest {
  @RegisterExtension static final IvsFixture ivs = new IvsFixture(1);

  @Test
  void aTickQueuedBehindClose_doesNotTakeTheLeaseBack() throws Exception {
    ivs.reset();
    MutableClock clock = ivs.clock;
    InMemoryPlaybackKeyStore store = InMemoryPlaybackKeyStore.create(clock);
    BlockingReads blocking = new BlockingReads(store);
    PlaybackKeyManager manager =
        PlaybackKeyManager.builder()
            .managerId("closing")
            .ownerId("closing-1")
            .store(blocking)
            .client(ivs.client)
            .policy(TestPolicies.standard())
            .clock(clock)
            .automaticTicks(false)
            .build();
    manager.start();
    assertThat(store.read().lease()).map(StoreLease::owner).hasValue("closing-1");

    blocking.blockNextRead();
    Thread running = start("running tick", manager::tick); // holds the lock, inside read()
    assertThat(blocking.reading.await(10, TimeUnit.SECONDS)).isTrue();
    Thread closer = start("close", manager::close);
    awaitParked(closer);
    Thread queued = start("queued tick", manager::tick); // the scheduler's next tick
    awaitParked(queued);
    blocking.release.countDown();
    for (Thread t : List.of(running, closer, queued)) {
      t.join(10_000);
      assertThat(t.isAlive()).as(t.getName() + " finished").isFalse();
    }

    Instant now = clock.instant();
    assertThat(store.read().lease().filter(l -> l.isHeldBy("closing-1", now)))
        .as("the lease close() released")
        .isEmpty();
  }

  private static Thread start(String name, Runnable r) {
    Thread t =
        new Thread(
            () -> {
              try {
                r.run();
              } catch (RuntimeException e) {
                // a failed tick is reported as an event; the lease is what this test checks
              }
            },
            name);
    t.start();
    return t;
  }

  /** Waits until the thread is parked (on the manager's lock). */
  private static void awaitParked(Thread t) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (t.getState() != Thread.State.WAITING) {
      assertThat(System.nanoTime()).as(t.getName() + " parked").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  /** A store whose next read waits until released, so a tick holds the manager's lock. */
  private static final class BlockingReads extends ForwardingPlaybackKeyStore {
    final CountDownLatch reading = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean blockNext = new AtomicBoolean();

    BlockingReads(PlaybackKeyStore delegate) {
      super(delegate);
    }

    void blockNextRead() {
      blockNext.set(true);
    }

    @Override
    public PlaybackKeyStoreSnapshot read() {
      if (blockNext.getAndSet(false)) {
        reading.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return super.read();
    }
  }
}
