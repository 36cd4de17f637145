package dev.ivsplayback.keys;

import dev.ivsplayback.keys.contract.PlaybackKeyStoreContract;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Run in a separate JVM by {@link CrossProcessStoreTest}: opens the file store and either appends
 * records with compare-and-set writes ({@code append DIR OWNER COUNT PREFIX}) or takes the lease
 * and exits holding it ({@code lease DIR OWNER}). Prints "done" when finished.
 */
public final class StoreWriterProcess {
  private StoreWriterProcess() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[1]);
    String owner = args[2];
    try (FileSystemPlaybackKeyStore store =
        FileSystemPlaybackKeyStore.builder()
            .directory(dir)
            .passphrase("cross-process".toCharArray())
            .encryptionParameters(KeyEncryptionParameters.of(10, 1))
            .build()) {
      if (args[0].equals("lease")) {
        if (store.tryAcquireLease(owner, Duration.ofMinutes(10)).isEmpty()) {
          throw new IllegalStateException("lease not acquired");
        }
      } else {
        int count = Integer.parseInt(args[3]);
        String prefix = args[4];
        for (int i = 0; i < count; i++) {
          PlaybackKeyStoreContract.append(
              store, Keys.generated(prefix + i, java.time.Instant.now()), owner);
        }
      }
    }
    System.out.println("done");
  }
}
