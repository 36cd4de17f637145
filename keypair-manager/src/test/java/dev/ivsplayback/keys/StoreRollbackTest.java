package dev.ivsplayback.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process never accepts a store file older than one it has seen: an older authenticated copy put
 * back is refused, naming both versions.
 */
class StoreRollbackTest {
  private static final char[] PASSPHRASE = "rollback".toCharArray();

  @TempDir Path temp;

  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

  private FileSystemPlaybackKeyStore store(Path dir) {
    return FileSystemPlaybackKeyStore.builder()
        .directory(dir)
        .passphrase(PASSPHRASE)
        .encryptionParameters(StoreFiles.FAST)
        .clock(clock)
        .build();
  }

  private static void append(FileSystemPlaybackKeyStore store, PlaybackKeyRecord record) {
    PlaybackKeyStoreSnapshot current = store.read();
    List<PlaybackKeyRecord> keys = new ArrayList<>(current.keys());
    keys.add(record);
    store.write(current.version(), keys, "owner");
  }

  @Test
  void read_whenAnOlderVersionIsPutBack_refusesNamingBothVersions() throws Exception {
    Path dir = temp.resolve("keys");
    Path file = dir.resolve("keystore.json");
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      store.tryAcquireLease("owner", Duration.ofHours(1));
      append(store, Keys.generated("k1", clock.instant()));
      byte[] version1 = Files.readAllBytes(file);
      append(store, Keys.generated("k2", clock.instant()));

      StoreFiles.put(file, version1);

      assertThatThrownBy(store::read)
          .isInstanceOf(CorruptKeyStoreException.class)
          .hasMessageContainingAll(
              "keystore.json",
              "is at version 1 (write 2)",
              "already seen version 2 (write 3)",
              "rollback");
    }
  }

  @Test
  void read_whenAnOlderCopyOfTheSameVersionIsPutBack_refuses() throws Exception {
    Path dir = temp.resolve("keys");
    Path file = dir.resolve("keystore.json");
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      store.tryAcquireLease("owner", Duration.ofHours(1));
      append(store, Keys.generated("k1", clock.instant()));
      byte[] leased = Files.readAllBytes(file);
      store.releaseLease("owner"); // same version, one more write

      StoreFiles.put(file, leased);

      assertThatThrownBy(store::read)
          .isInstanceOf(CorruptKeyStoreException.class)
          .hasMessageContainingAll("version 1 (write 2)", "already seen version 1 (write 3)");
    }
  }

  @Test
  void read_byAnotherStoreInstanceInTheSameProcess_alsoRefusesTheOlderCopy() throws Exception {
    Path dir = temp.resolve("keys");
    Path file = dir.resolve("keystore.json");
    byte[] version1;
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      store.tryAcquireLease("owner", Duration.ofHours(1));
      append(store, Keys.generated("k1", clock.instant()));
      version1 = Files.readAllBytes(file);
      append(store, Keys.generated("k2", clock.instant()));
    }
    StoreFiles.put(file, version1);
    try (FileSystemPlaybackKeyStore other = store(dir)) {
      assertThatThrownBy(other::read)
          .isInstanceOf(CorruptKeyStoreException.class)
          .hasMessageContaining("rollback");
    }
  }

  @Test
  void write_whenAnOlderVersionIsPutBack_refusesAndLeavesTheFile() throws Exception {
    Path dir = temp.resolve("keys");
    Path file = dir.resolve("keystore.json");
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      store.tryAcquireLease("owner", Duration.ofHours(1));
      append(store, Keys.generated("k1", clock.instant()));
      byte[] version1 = Files.readAllBytes(file);
      append(store, Keys.generated("k2", clock.instant()));
      StoreFiles.put(file, version1);

      assertThatThrownBy(() -> store.write(1, List.of(), "owner"))
          .isInstanceOf(CorruptKeyStoreException.class)
          .hasMessageContaining("rollback");
      assertThat(Files.readAllBytes(file)).isEqualTo(version1);
    }
  }

  @Test
  void read_whenTheWholeStoreIsDeleted_refusesAsARollbackToEmpty() throws Exception {
    Path dir = temp.resolve("keys");
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      store.tryAcquireLease("owner", Duration.ofHours(1));
      append(store, Keys.generated("k1", clock.instant()));
      Files.delete(dir.resolve("keystore.json"));
      Files.delete(dir.resolve("keystore.marker"));

      assertThatThrownBy(store::read)
          .isInstanceOf(CorruptKeyStoreException.class)
          .hasMessageContainingAll(
              "is missing (an empty store) at version 0 (write 0)", "already seen version 1");
    }
  }

  @Test
  void readersRacingWriters_neverMistakeAnEarlierReadForARollback() throws Exception {
    Path dir = temp.resolve("keys");
    try (FileSystemPlaybackKeyStore writer = store(dir);
        FileSystemPlaybackKeyStore reader = store(dir)) {
      writer.tryAcquireLease("owner", Duration.ofHours(1));
      AtomicBoolean done = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        List<Future<Long>> readers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
          readers.add(
              pool.submit(
                  () -> {
                    long reads = 0;
                    long last = 0;
                    while (!done.get()) {
                      long version = reader.read().version();
                      assertThat(version).isGreaterThanOrEqualTo(last);
                      last = version;
                      reads++;
                    }
                    return reads;
                  }));
        }
        for (int i = 0; i < 40; i++) {
          PlaybackKeyStoreSnapshot current = writer.read();
          writer.write(current.version(), List.of(), "owner");
        }
        done.set(true);
        for (Future<Long> f : readers) {
          assertThat(f.get(60, TimeUnit.SECONDS)).isPositive();
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(reader.read().version()).isEqualTo(40);
    }
  }
}
