package dev.ivsplayback.keys.contract;

import dev.ivsplayback.keys.FileSystemPlaybackKeyStore;
import dev.ivsplayback.keys.KeyEncryptionParameters;
import dev.ivsplayback.keys.PlaybackKeyStore;
import dev.ivsplayback.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The shared-store contract on {@link FileSystemPlaybackKeyStore} in a temporary directory. */
class FileSystemStoreContractTest extends SharedPlaybackKeyStoreContract {
  // StoreWriterProcess opens the store with this passphrase and cost.
  private static final String PASSPHRASE = "cross-process";

  @TempDir Path temp;
  // Starts at the real time: a child process judges the lease by its real clock.
  private final MutableClock clock = new MutableClock(Instant.now());
  private final List<PlaybackKeyStore> opened = new ArrayList<>();
  private Path dir;
  private PlaybackKeyStore store;

  @BeforeEach
  void create() {
    dir = temp.resolve("keys");
    store = open(PASSPHRASE);
  }

  @AfterEach
  void close() {
    opened.forEach(SharedPlaybackKeyStoreContract::closeIfPossible);
  }

  private PlaybackKeyStore open(String passphrase) {
    PlaybackKeyStore s =
        FileSystemPlaybackKeyStore.builder()
            .directory(dir)
            .passphrase(passphrase.toCharArray())
            .encryptionParameters(KeyEncryptionParameters.of(10, 1))
            .clock(clock)
            .build();
    opened.add(s);
    return s;
  }

  @Override
  protected PlaybackKeyStore store() {
    return store;
  }

  @Override
  protected void passLeaseTime(Duration duration) {
    clock.advance(duration);
  }

  @Override
  protected PlaybackKeyStore openAgain() {
    return open(PASSPHRASE);
  }

  @Override
  protected PlaybackKeyStore openWithWrongSecret() {
    return open("not-the-passphrase");
  }

  @Override
  protected List<String> childCommand(String owner, int count, String prefix) {
    return List.of(
        "dev.ivsplayback.keys.StoreWriterProcess",
        "append",
        dir.toString(),
        owner,
        String.valueOf(count),
        prefix);
  }

  @Override
  protected void tamperWithStoredData() throws Exception {
    Path file = dir.resolve(FileSystemPlaybackKeyStore.STORE_FILE);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 3] ^= 1;
    Files.write(file, bytes);
  }

  @Override
  protected Object copyStoredData() throws Exception {
    return Files.readAllBytes(dir.resolve(FileSystemPlaybackKeyStore.STORE_FILE));
  }

  @Override
  protected void restoreStoredData(Object copy) throws Exception {
    Files.write(dir.resolve(FileSystemPlaybackKeyStore.STORE_FILE), (byte[]) copy);
  }
}
