package dev.ivsplayback.keys.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.keys.CorruptKeyStoreException;
import dev.ivsplayback.keys.KeyMaterialAccess;
import dev.ivsplayback.keys.PlaybackKeyException.Reason;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.PlaybackKeyStore;
import dev.ivsplayback.keys.PlaybackKeyStoreException;
import dev.ivsplayback.keys.PlaybackKeyStoreSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of a store that outlives its instance and is shared by processes (a directory, a
 * database): on top of {@link PlaybackKeyStoreContract}, compare-and-set across two real JVM
 * processes, authentication of what is stored, the secret, and rollback refusal.
 */
public abstract class SharedPlaybackKeyStoreContract extends PlaybackKeyStoreContract {

  /**
   * A second instance on the same stored data, with the same secret (what another process opens).
   *
   * @return the instance
   */
  protected abstract PlaybackKeyStore openAgain();

  /**
   * An instance on the same stored data with another secret.
   *
   * @return the instance
   */
  protected abstract PlaybackKeyStore openWithWrongSecret();

  /**
   * The arguments after the class name of a child JVM that opens the same store and calls {@link
   * #appendAll} ({@code count} records named {@code prefix0..}) as {@code owner}, then prints
   * "done".
   *
   * @param owner the lease owner
   * @param count how many records
   * @param prefix their id prefix
   * @return the main class and its arguments
   */
  protected abstract List<String> childCommand(String owner, int count, String prefix);

  /** Changes one byte of the stored, authenticated data behind the store's back. */
  protected abstract void tamperWithStoredData() throws Exception;

  /**
   * Copies the stored data as it is now, to put back later.
   *
   * @return the copy
   */
  protected abstract Object copyStoredData() throws Exception;

  /**
   * Puts back a copy made by {@link #copyStoredData()}.
   *
   * @param copy the copy
   */
  protected abstract void restoreStoredData(Object copy) throws Exception;

  /**
   * Run by a child process: appends {@code count} new records as {@code owner}.
   *
   * @param store the store
   * @param owner the owner
   * @param count how many
   * @param prefix their id prefix
   */
  public static void appendAll(PlaybackKeyStore store, String owner, int count, String prefix) {
    for (int i = 0; i < count; i++) {
      append(store, record(prefix + i), owner);
    }
    System.out.println("done");
  }

  @Test
  void anotherInstance_readsWhatThisOneWrote_privateKeysIntact() {
    PlaybackKeyStore store = store();
    store.tryAcquireLease("a", Duration.ofMinutes(10));
    PlaybackKeyRecord r = record("k1");
    store.write(0, List.of(r), "a");
    PlaybackKeyStore other = openAgain();
    try {
      PlaybackKeyRecord read = other.read().keys().get(0);
      assertThat(read.fingerprint()).isEqualTo(r.fingerprint());
      assertThat(read.privateKey(KeyMaterialAccess.forStore(other)).orElseThrow().getEncoded())
          .isEqualTo(r.privateKey(KeyMaterialAccess.forStore(store)).orElseThrow().getEncoded());
      assertThat(other.read().lease()).isPresent();
    } finally {
      closeIfPossible(other);
    }
  }

  @Test
  void compareAndSet_withTwoProcesses_losesNoUpdate() throws Exception {
    PlaybackKeyStore store = store();
    // Both processes write as one owner: this test is about compare-and-set, not the lease.
    store.tryAcquireLease("writer", Duration.ofMinutes(10));
    Process child = startChild(childCommand("writer", 12, "c"));
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (store.read().keys().isEmpty()) { // start once the child writes, so both write at once
        assertThat(child.isAlive() || !store.read().keys().isEmpty())
            .as("child alive; output: %s", output(child))
            .isTrue();
        assertThat(System.nanoTime()).as("child started writing").isLessThan(deadline);
        Thread.sleep(5);
      }
      for (int i = 0; i < 12; i++) {
        append(store, record("p" + i), "writer");
      }
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
      String out = output(child);
      assertThat(child.exitValue()).as("child exit; output: %s", out).isZero();
      assertThat(out).contains("done");
    } finally {
      child.destroyForcibly();
    }
    PlaybackKeyStoreSnapshot end = store.read();
    assertThat(end.version()).isEqualTo(24);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      expected.add("p" + i);
      expected.add("c" + i);
    }
    assertThat(end.keys())
        .extracting(PlaybackKeyRecord::keyId)
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void read_afterTheStoredDataWasAltered_refusesToLoad() throws Exception {
    PlaybackKeyStore store = store();
    store.tryAcquireLease("a", Duration.ofMinutes(10));
    store.write(0, List.of(record("k1")), "a");
    tamperWithStoredData();
    PlaybackKeyStore fresh = openAgain();
    try {
      assertThatThrownBy(fresh::read).isInstanceOf(CorruptKeyStoreException.class);
    } finally {
      closeIfPossible(fresh);
    }
  }

  @Test
  void read_withAnotherSecret_failsDecryption() {
    PlaybackKeyStore store = store();
    store.tryAcquireLease("a", Duration.ofMinutes(10));
    store.write(0, List.of(record("k1")), "a");
    PlaybackKeyStore wrong = openWithWrongSecret();
    try {
      assertThatThrownBy(wrong::read)
          .isInstanceOf(PlaybackKeyStoreException.class)
          .hasFieldOrPropertyWithValue("reason", Reason.DECRYPTION_FAILED);
    } finally {
      closeIfPossible(wrong);
    }
  }

  @Test
  void read_ofAnOlderCopyPutBackWhileRunning_isRefusedAsRollback() throws Exception {
    PlaybackKeyStore store = store();
    store.tryAcquireLease("a", Duration.ofMinutes(10));
    store.write(0, List.of(record("k1")), "a");
    Object old = copyStoredData();
    store.write(1, List.of(record("k2")), "a");
    assertThat(store.read().version()).isEqualTo(2);
    restoreStoredData(old);
    assertThatThrownBy(store::read)
        .isInstanceOf(CorruptKeyStoreException.class)
        .hasMessageContaining("rollback");
  }

  private static Process startChild(List<String> mainAndArgs) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path")));
    command.addAll(mainAndArgs);
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static String output(Process child) {
    if (child.isAlive()) {
      return "(still running)";
    }
    try {
      return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /**
   * Closes a store that is {@link AutoCloseable}.
   *
   * @param store the store
   */
  protected static void closeIfPossible(PlaybackKeyStore store) {
    if (store instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
