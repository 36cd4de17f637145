package dev.ivsplayback.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file store shared with a second, real JVM process on the same host (real clock: leases are
 * compared across processes).
 */
class CrossProcessStoreTest {
  @TempDir Path temp;

  private FileSystemPlaybackKeyStore store(Path dir) {
    return FileSystemPlaybackKeyStore.builder()
        .directory(dir)
        .passphrase("cross-process".toCharArray())
        .encryptionParameters(KeyEncryptionParameters.of(10, 1))
        .build();
  }

  private static Process startChild(String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StoreWriterProcess.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static String finish(Process child) throws Exception {
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child process finished").isTrue();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.exitValue()).as("child exit code; output: %s", output).isZero();
    return output;
  }

  @Test
  void twoProcessesWritingConcurrently_neverLoseAnUpdate() throws Exception {
    Path dir = temp.resolve("keys");
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      // Both processes write as the same lease owner: this test is about the file lock and
      // compare-and-set.
      store.tryAcquireLease("writer", Duration.ofMinutes(10));
      Process child = startChild("append", dir.toString(), "writer", "30", "c");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (store
          .read()
          .keys()
          .isEmpty()) { // wait until the child is writing, so that both write at once
        assertThat(System.nanoTime()).as("child started writing").isLessThan(deadline);
        assertThat(child.isAlive() || !store.read().keys().isEmpty()).as("child alive").isTrue();
        Thread.onSpinWait();
      }
      for (int i = 0; i < 30; i++) {
        PlaybackKeyRecord record = Keys.generated("p" + i, java.time.Instant.now());
        while (true) {
          PlaybackKeyStoreSnapshot snap = store.read();
          List<PlaybackKeyRecord> keys = new ArrayList<>(snap.keys());
          keys.add(record);
          try {
            store.write(snap.version(), keys, "writer");
            break;
          } catch (StoreConflictException e) {
            // the child wrote in between
          }
        }
      }
      assertThat(finish(child)).contains("done");
      PlaybackKeyStoreSnapshot end = store.read();
      assertThat(end.keys()).hasSize(60);
      assertThat(end.version()).isEqualTo(60);
      assertThat(end.keys())
          .extracting(PlaybackKeyRecord::keyId)
          .contains("p0", "p29", "c0", "c29");
    }
  }

  @Test
  void aLeaseHeldByAnotherProcess_keepsThisManagerFromRotating() throws Exception {
    Path dir = temp.resolve("keys");
    assertThat(finish(startChild("lease", dir.toString(), "other-host"))).contains("done");
    try (IvsFixture ivs = new IvsFixture(1);
        FileSystemPlaybackKeyStore store = store(dir)) {
      PlaybackKeyManager manager =
          PlaybackKeyManager.builder()
              .managerId("xproc")
              .ownerId("this-host")
              .store(store)
              .client(ivs.client)
              .policy(TestPolicies.standard())
              .automaticTicks(false)
              .build();
      assertThat(manager.tick()).as("follower while the other process holds the lease").isFalse();
      assertThatThrownBy(manager::rotate)
          .isInstanceOf(PlaybackKeyStoreException.class)
          .hasFieldOrPropertyWithValue("reason", PlaybackKeyException.Reason.LEASE_NOT_HELD)
          .hasMessageContaining("other-host");
      assertThat(ivs.ivsLocal.control().callCount("ImportPlaybackKeyPair")).isZero();
    }
  }
}
