package dev.ivsplayback.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ivsplayback.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On every access the store checks its directory and files: owned by this process's user, never
 * through a symbolic link, the same directory it was built on, and a store that existed does not
 * silently become empty. Each case runs through the directory handle (Linux) and the path-based
 * fallback. The ownership cases need root (as CI runs): they give a file to uid 65534 (nobody).
 */
class StoreFileSecurityTest {
  private static final char[] PASSPHRASE = "file security".toCharArray();
  private static final int NOBODY = 65534;

  @TempDir Path temp;

  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

  private FileSystemPlaybackKeyStore store(Path dir, boolean handle) {
    return FileSystemPlaybackKeyStore.builder()
        .directory(dir)
        .passphrase(PASSPHRASE)
        .encryptionParameters(StoreFiles.FAST)
        .clock(clock)
        .directoryHandle(handle)
        .build();
  }

  /** A store with one key written. */
  private Path written(boolean handle) {
    Path dir = temp.resolve("keys");
    try (FileSystemPlaybackKeyStore store = store(dir, handle)) {
      store.tryAcquireLease("owner", Duration.ofMinutes(1));
      store.write(0, List.of(Keys.generated("k1", clock.instant())), "owner");
    }
    return dir;
  }

  private void assumeRoot() throws Exception {
    Path probe = Files.createTempFile(temp, "uid", ".probe");
    assumeTrue(
        (Integer) Files.getAttribute(probe, "unix:uid") == 0,
        "only root can give a file to another user");
  }

  private static void giveToNobody(Path path) throws Exception {
    Files.setAttribute(path, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
  }

  @ParameterizedTest(name = "directory handle: {0}")
  @ValueSource(booleans = {true, false})
  void read_ofANewStore_isEmpty_andCreatesNoMarker(boolean handle) {
    Path dir = temp.resolve("keys");
    try (FileSystemPlaybackKeyStore store = store(dir, handle)) {
      assertThat(store.read().version()).isZero();
    }
    assertThat(dir.resolve("keystore.marker")).doesNotExist();
  }

  @ParameterizedTest(name = "directory handle: {0}")
  @ValueSource(booleans = {true, false})
  void read_whenStoreFileVanishedButTheMarkerRemains_refuses(boolean handle) throws Exception {
    Path dir = written(handle);
    Files.delete(dir.resolve("keystore.json"));
    Path fresh = StoreFiles.copyDirectory(dir, temp.resolve("fresh")); // a fresh process too
    for (Path d : List.of(dir, fresh)) {
      try (FileSystemPlaybackKeyStore store = store(d, handle)) {
        assertThatThrownBy(store::read)
            .isInstanceOf(CorruptKeyStoreException.class)
            .hasMessageContainingAll("keystore.json is missing", "keystore.marker");
        assertThatThrownBy(() -> store.tryAcquireLease("owner", Duration.ofMinutes(1)))
            .isInstanceOf(CorruptKeyStoreException.class);
      }
      assertThat(d.resolve("keystore.json")).doesNotExist();
    }
  }

  @ParameterizedTest(name = "directory handle: {0}")
  @ValueSource(booleans = {true, false})
  void read_whenStoreFileIsASymlink_refusesWithoutFollowingIt(boolean handle) throws Exception {
    Path dir = written(handle);
    Path elsewhere = Files.createDirectory(temp.resolve("elsewhere"));
    Files.move(dir.resolve("keystore.json"), elsewhere.resolve("keystore.json"));
    Files.createSymbolicLink(dir.resolve("keystore.json"), elsewhere.resolve("keystore.json"));
    try (FileSystemPlaybackKeyStore store = store(dir, handle)) {
      assertThatThrownBy(store::read)
          .isInstanceOf(PlaybackKeyStoreException.class)
          .hasMessageContainingAll("keystore.json is a symbolic link", "never followed");
    }
  }

  @ParameterizedTest(name = "directory handle: {0}")
  @ValueSource(booleans = {true, false})
  void lock_whenLockFileIsASymlink_refuses_andCreatesNothingAtItsTarget(boolean handle)
      throws Exception {
    Path dir = written(handle);
    Path target = temp.resolve("planted.lock");
    Files.delete(dir.resolve("keystore.lock"));
    Files.createSymbolicLink(dir.resolve("keystore.lock"), target);
    try (FileSystemPlaybackKeyStore store = store(dir, handle)) {
      assertThatThrownBy(() -> store.tryAcquireLease("owner", Duration.ofMinutes(1)))
          .isInstanceOf(PlaybackKeyStoreException.class)
          .hasMessageContaining("keystore.lock is a symbolic link");
    }
    assertThat(target).doesNotExist();
  }

  @ParameterizedTest(name = "directory handle: {0}")
  @ValueSource(booleans = {true, false})
  void write_whenMarkerIsASymlink_refuses(boolean handle) throws Exception {
    Path dir = written(handle);
    Path target = temp.resolve("planted.marker");
    Files.delete(dir.resolve("keystore.marker"));
    Files.createSymbolicLink(dir.resolve("keystore.marker"), target);
    try (FileSystemPlaybackKeyStore store = store(dir, handle)) {
      assertThatThrownBy(() -> store.tryAcquireLease("owner", Duration.ofMinutes(1)))
          .isInstanceOf(PlaybackKeyStoreException.class)
          .hasMessageContaining("keystore.marker is a symbolic link");
    }
    assertThat(target).doesNotExist();
  }

  @ParameterizedTest(name = "directory handle: {0}")
  @ValueSource(booleans = {true, false})
  void build_whenDirectoryIsASymlink_refuses(boolean handle) throws Exception {
    Path real = written(handle);
    Path link = Files.createSymbolicLink(temp.resolve("link"), real);
    assertThatThrownBy(() -> store(link, handle))
        .isInstanceOf(PlaybackKeyStoreException.class)
        .hasMessageContaining("must not be a link");
  }

  @ParameterizedTest(name = "directory handle: {0}")
  @ValueSource(booleans = {true, false})
  void read_whenDirectoryIsSwappedAfterBuild_refuses(boolean handle) throws Exception {
    Path dir = written(handle);
    try (FileSystemPlaybackKeyStore store = store(dir, handle)) {
      store.read();
      Files.move(dir, temp.resolve("moved"));
      StoreFiles.copyDirectory(temp.resolve("moved"), dir); // same files, another directory

      assertThatThrownBy(store::read)
          .isInstanceOf(PlaybackKeyStoreException.class)
          .hasMessageContaining("no longer the directory this key store was opened on");
    }
  }

  @ParameterizedTest(name = "directory handle: {0}")
  @ValueSource(booleans = {true, false})
  void read_whenDirectoryIsReplacedByASymlinkAfterBuild_refuses(boolean handle) throws Exception {
    Path dir = written(handle);
    try (FileSystemPlaybackKeyStore store = store(dir, handle)) {
      store.read();
      Path moved = Files.move(dir, temp.resolve("moved"));
      Files.createSymbolicLink(dir, moved);

      assertThatThrownBy(store::read)
          .isInstanceOf(PlaybackKeyStoreException.class)
          .hasMessageContaining("is a symbolic link");
    }
  }

  @ParameterizedTest(name = "directory handle: {0}")
  @ValueSource(booleans = {true, false})
  void read_whenDirectoryPermissionsAreLoosenedAfterBuild_refuses(boolean handle) throws Exception {
    Path dir = written(handle);
    try (FileSystemPlaybackKeyStore store = store(dir, handle)) {
      store.read();
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));

      assertThatThrownBy(store::read)
          .isInstanceOf(PlaybackKeyStoreException.class)
          .hasMessageContainingAll("rwxr-x---", "rwx------");
    }
  }

  @ParameterizedTest(name = "directory handle: {0}")
  @ValueSource(booleans = {true, false})
  void read_whenStoreFileIsOwnedByAnotherUser_refuses(boolean handle) throws Exception {
    assumeRoot();
    Path dir = written(handle);
    giveToNobody(dir.resolve("keystore.json"));
    try (FileSystemPlaybackKeyStore store = store(dir, handle)) {
      assertThatThrownBy(store::read)
          .isInstanceOf(PlaybackKeyStoreException.class)
          .hasMessageContainingAll("keystore.json is owned by nobody", "not by root");
    }
  }

  @ParameterizedTest(name = "directory handle: {0}")
  @ValueSource(booleans = {true, false})
  void lock_whenLockFileIsOwnedByAnotherUser_refuses(boolean handle) throws Exception {
    assumeRoot();
    Path dir = written(handle);
    giveToNobody(dir.resolve("keystore.lock"));
    try (FileSystemPlaybackKeyStore store = store(dir, handle)) {
      assertThatThrownBy(() -> store.tryAcquireLease("owner", Duration.ofMinutes(1)))
          .isInstanceOf(PlaybackKeyStoreException.class)
          .hasMessageContaining("keystore.lock is owned by nobody");
    }
  }

  @ParameterizedTest(name = "directory handle: {0}")
  @ValueSource(booleans = {true, false})
  void build_whenDirectoryIsOwnedByAnotherUser_refuses(boolean handle) throws Exception {
    assumeRoot();
    Path dir = written(handle);
    giveToNobody(dir);
    assertThatThrownBy(() -> store(dir, handle))
        .isInstanceOf(PlaybackKeyStoreException.class)
        .hasMessageContainingAll("is owned by nobody", "not by root");
  }

  @ParameterizedTest(name = "directory handle: {0}")
  @ValueSource(booleans = {true, false})
  void read_whenDirectoryIsGivenToAnotherUserAfterBuild_refuses(boolean handle) throws Exception {
    assumeRoot();
    Path dir = written(handle);
    try (FileSystemPlaybackKeyStore store = store(dir, handle)) {
      store.read();
      giveToNobody(dir);

      assertThatThrownBy(store::read)
          .isInstanceOf(PlaybackKeyStoreException.class)
          .hasMessageContaining("is owned by nobody");
    }
  }

  @Test
  @Timeout(20)
  void read_whenStoreFileIsAFifo_refusesWithoutOpeningIt() throws Exception {
    Path dir = written(true);
    Files.delete(dir.resolve("keystore.json"));
    Process mkfifo =
        new ProcessBuilder("mkfifo", "-m", "600", dir.resolve("keystore.json").toString())
            .redirectErrorStream(true)
            .start();
    assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "needs mkfifo");
    try (FileSystemPlaybackKeyStore store = store(dir, true)) {
      assertThatThrownBy(store::read)
          .isInstanceOf(PlaybackKeyStoreException.class)
          .hasMessageContaining("is not a regular file");
    }
  }

  @Test
  void theDirectoryHandle_isUsedOnLinux() {
    Path dir = temp.resolve("keys");
    assumeTrue(System.getProperty("os.name").startsWith("Linux"));
    try (FileSystemPlaybackKeyStore store = store(dir, true)) {
      assertThat(store.usesDirectoryHandle()).isTrue();
    }
  }
}
