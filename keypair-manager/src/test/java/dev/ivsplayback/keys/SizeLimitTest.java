package dev.ivsplayback.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key files and the store file are read with a bound: a huge file, a device or a FIFO is refused,
 * not read whole.
 */
class SizeLimitTest {
  @TempDir Path temp;

  /** A sparse file: large on paper, no disk used. */
  private Path sparse(String name, long length) throws Exception {
    Path file = temp.resolve(name);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(length);
    }
    return file;
  }

  @Test
  void readPrivateKey_whenFileIsHuge_rejectsNamingTheLimit() throws Exception {
    Path file = sparse("huge.pem", 3L * 1024 * 1024 * 1024);
    assertThatThrownBy(() -> PlaybackKeyFiles.readPrivateKey(file, null))
        .isInstanceOf(PlaybackKeyException.class)
        .hasMessageContainingAll(file.toString(), "too large for a PEM key", "65536 bytes");
  }

  @Test
  void readPublicKey_whenFileNeverEnds_stopsAfterTheLimit() {
    Path zero = Path.of("/dev/zero");
    assertThat(Files.isReadable(zero)).as("this test needs /dev/zero").isTrue();
    assertThatThrownBy(() -> PlaybackKeyFiles.readPublicKey(zero))
        .isInstanceOf(PlaybackKeyException.class)
        .hasMessageContaining("too large for a PEM key");
  }

  @Test
  void readPublicKey_whenFileWithinLimit_stillReads() throws Exception {
    KeyPair pair = PlaybackKeyGenerator.create().generate();
    Path file = temp.resolve("pub.pem");
    PlaybackKeyFiles.writePublicKey(file, pair.getPublic());
    assertThat(PlaybackKeyFiles.readPublicKey(file)).isEqualTo(pair.getPublic());
  }

  @Test
  void storeRead_whenStoreFileIsHuge_rejectsWithAStoreError() throws Exception {
    Path dir = temp.resolve("keys");
    Files.createDirectory(
        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    sparse(
        "keys/" + FileSystemPlaybackKeyStore.STORE_FILE,
        FileSystemPlaybackKeyStore.MAX_STORE_BYTES + 1L);
    try (FileSystemPlaybackKeyStore store =
        FileSystemPlaybackKeyStore.builder()
            .directory(dir)
            .passphrase("p".toCharArray())
            .encryptionParameters(KeyEncryptionParameters.of(10, 1))
            .build()) {
      assertThatThrownBy(store::read)
          .isInstanceOf(PlaybackKeyStoreException.class)
          .hasMessageContainingAll("too large", "16777216 bytes");
    }
  }
}
