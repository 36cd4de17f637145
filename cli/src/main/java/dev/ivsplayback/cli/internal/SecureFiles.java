package dev.ivsplayback.cli.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes key files atomically, with owner-only permissions where asked, and never over an existing file. */
final class SecureFiles {

  private SecureFiles() {}

  /** Creates a directory (and parents) owner-only if it does not exist. */
  static void ensureDirectory(Path dir, String option) {
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw new BadInputException(option + " " + dir + ": exists and is not a directory");
      }
      return;
    }
    try {
      if (posix(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw new BadInputException(option + " " + dir + ": cannot create the directory (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * Writes {@code text} to {@code target} atomically: a temporary file in the same directory, flushed to disk, then
   * hard-linked into place, which fails rather than replace an existing file.
   */
  static void createNew(Path target, String text, boolean ownerOnly) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    FileAttribute<?>[] attrs = posix(dir)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
            ownerOnly ? Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)
                : PosixFilePermissions.fromString("rw-r--r--"))}
        : new FileAttribute<?>[0];
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", attrs);
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      if (!ownerOnly && posix(dir)) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--")); // umask-proof
      }
      try {
        Files.createLink(target, tmp);
      } catch (FileAlreadyExistsException e) {
        throw e;
      } catch (UnsupportedOperationException | FileSystemException e) {
        // No hard links here (some network or FAT file systems): check, then move (a small race remains).
        if (Files.exists(target)) {
          throw new FileAlreadyExistsException(target.toString());
        }
        Files.move(tmp, target);
      }
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      // Not every platform can fsync a directory; the file itself is already on disk.
    }
  }

  private static boolean posix(Path dir) {
    Path p = dir;
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    return p != null && p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
