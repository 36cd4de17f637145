package dev.ivsplayback.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ivsplayback.keys.internal.lifecycle.EventDispatch;
import dev.ivsplayback.testing.LogCapture;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

/**
 * Every key manager event is logged once on the logger {@code
 * dev.ivsplayback.keys.PlaybackKeyManager}, at the level its type has, naming the manager; a
 * throwing listener and a failed operation are logged at WARN with their cause.
 */
class KeyManagerLoggingTest {
  private static final String LOGGER = PlaybackKeyManager.class.getName();

  @RegisterExtension static final IvsFixture ivs = new IvsFixture(1);

  private final List<PlaybackKeyEvent> events = new CopyOnWriteArrayList<>();
  private LogCapture logs;
  private volatile boolean down;

  @BeforeEach
  void reset() {
    ivs.reset();
    logs = LogCapture.start();
  }

  @AfterEach
  void stopCapture() {
    logs.close();
  }

  private PlaybackKeyManager manager(String id, PlaybackKeyStore store) {
    return PlaybackKeyManager.builder()
        .managerId(id)
        .store(store)
        .client(ivs.client)
        .policy(TestPolicies.standard())
        .clock(ivs.clock)
        .automaticTicks(false)
        .listener(events::add)
        .build();
  }

  @Test
  void startAndRotate_logEveryEventOnce_atItsTypesLevel() {
    PlaybackKeyManager manager = manager("logged", InMemoryPlaybackKeyStore.create(ivs.clock));
    manager.start();
    manager.rotate();
    ivs.clock.advance(TestPolicies.standard().propagationDelay());
    manager.tick();
    manager.close();

    assertThat(events)
        .extracting(PlaybackKeyEvent::type)
        .contains(PlaybackKeyEvent.Type.IMPORTED, PlaybackKeyEvent.Type.ROTATED);
    List<LogCapture.Entry> logged = logs.entries(LOGGER);
    assertThat(logged).hasSameSizeAs(events);
    for (int i = 0; i < events.size(); i++) {
      PlaybackKeyEvent event = events.get(i);
      LogCapture.Entry entry = logged.get(i);
      assertThat(entry.level()).isEqualTo(EventDispatch.levelOf(event.type()));
      assertThat(entry.message())
          .startsWith("key manager logged: " + event.type() + " ")
          .endsWith(event.detail());
      if (event.keyId() != null) {
        assertThat(entry.message()).contains("key=" + event.keyId());
      }
      if (event.fingerprint() != null) {
        assertThat(entry.message()).contains("fingerprint=" + event.fingerprint());
      }
    }
  }

  @Test
  void listenerThatThrows_isLoggedAtWarn_andTheNextListenerStillGetsTheEvent() {
    IllegalStateException broken = new IllegalStateException("metrics hook down");
    PlaybackKeyListener throwing =
        e -> {
          throw broken;
        };
    PlaybackKeyManager manager =
        PlaybackKeyManager.builder()
            .managerId("hooks")
            .store(InMemoryPlaybackKeyStore.create(ivs.clock))
            .client(ivs.client)
            .policy(TestPolicies.standard())
            .clock(ivs.clock)
            .automaticTicks(false)
            .listener(throwing)
            .listener(events::add)
            .build();
    manager.start();
    manager.close();

    assertThat(events).isNotEmpty();
    List<LogCapture.Entry> failures =
        logs.entries(LOGGER).stream().filter(e -> e.throwable() == broken).toList();
    assertThat(failures).hasSameSizeAs(events);
    assertThat(failures)
        .allSatisfy(
            e -> {
              assertThat(e.level()).isEqualTo(Level.WARN);
              assertThat(e.message())
                  .contains("key manager hooks")
                  .contains(throwing.getClass().getName());
            });
  }

  @Test
  void failedTick_isLoggedAtWarnWithTheExceptionTheCallerGot() {
    PlaybackKeyStore real = InMemoryPlaybackKeyStore.create(ivs.clock);
    PlaybackKeyStore unreadable =
        new ForwardingPlaybackKeyStore(real) {
          @Override
          public PlaybackKeyStoreSnapshot read() {
            if (down) {
              throw new PlaybackKeyStoreException(
                  PlaybackKeyException.Reason.STORE_IO, "store unreachable (test outage)");
            }
            return super.read();
          }
        };
    PlaybackKeyManager manager = manager("outage", unreadable);
    manager.start();
    down = true;

    Throwable thrown = catchThrowable(manager::tick);

    assertThat(thrown).isInstanceOf(PlaybackKeyStoreException.class);
    assertThat(logs.entries(LOGGER))
        .filteredOn(e -> e.message().contains(PlaybackKeyEvent.Type.FAILURE.name()))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.level()).isEqualTo(Level.WARN);
              assertThat(e.throwable()).isSameAs(thrown);
              assertThat(e.message()).contains("store unreachable (test outage)");
            });
    manager.close();
  }
}
