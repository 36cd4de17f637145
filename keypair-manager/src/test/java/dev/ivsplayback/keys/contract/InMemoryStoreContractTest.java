package dev.ivsplayback.keys.contract;

import dev.ivsplayback.keys.InMemoryPlaybackKeyStore;
import dev.ivsplayback.keys.PlaybackKeyStore;
import dev.ivsplayback.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;

/** The store contract on {@link InMemoryPlaybackKeyStore} (one process: no sharing tests). */
class InMemoryStoreContractTest extends PlaybackKeyStoreContract {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
  private PlaybackKeyStore store;

  @BeforeEach
  void create() {
    store = InMemoryPlaybackKeyStore.create(clock);
  }

  @Override
  protected PlaybackKeyStore store() {
    return store;
  }

  @Override
  protected void passLeaseTime(Duration duration) {
    clock.advance(duration);
  }
}
