package dev.ivsplayback.keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Store files and directories as tests prepare them. */
final class StoreFiles {
  static final KeyEncryptionParameters FAST = KeyEncryptionParameters.of(10, 1);

  private StoreFiles() {}

  /**
   * Copies a store directory (files keep their permissions) to a path this process has never seen,
   * as a fresh process would find it.
   */
  static Path copyDirectory(Path from, Path to) throws Exception {
    Files.createDirectory(to);
    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwx------"));
    try (var files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(
            f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    return to;
  }

  /** Writes a file owner-only, as the store requires. */
  static void put(Path file, byte[] bytes) throws Exception {
    Files.write(file, bytes);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }
}
