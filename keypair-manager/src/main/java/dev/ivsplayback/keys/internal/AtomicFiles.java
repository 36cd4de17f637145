package dev.ivsplayback.keys.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Crash-safe file writes: content goes to a temporary file in the target's directory (created
 * owner-only), is forced to disk, renamed over the target atomically, and then the directory itself
 * is forced so the rename survives a power loss. A reader therefore sees the old file or the new
 * one, never a mixture.
 */
public final class AtomicFiles {
  /** rw------- */
  public static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");

  /** rwx------ */
  public static final Set<PosixFilePermission> OWNER_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  /** rw-r--r-- (public keys only) */
  public static final Set<PosixFilePermission> PUBLIC_FILE =
      PosixFilePermissions.fromString("rw-r--r--");

  private AtomicFiles() {}

  /**
   * Whether the file system supports POSIX permissions.
   *
   * @param path a path on that file system
   * @return true on POSIX file systems
   */
  public static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /**
   * Writes {@code content} to {@code target} atomically.
   *
   * @param target the file to create or replace
   * @param content the bytes
   * @param permissions the final permissions (applied to the temporary file before any byte is
   *     written)
   * @param replace whether an existing target may be replaced; if false an existing target fails
   *     the write
   * @throws IOException on any failure; the target is then unchanged
   */
  public static void write(
      Path target, byte[] content, Set<PosixFilePermission> permissions, boolean replace)
      throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    FileAttribute<?>[] attrs =
        isPosix(dir)
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
            : new FileAttribute<?>[0];
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", attrs);
    try {
      if (isPosix(dir)) {
        Files.setPosixFilePermissions(tmp, permissions); // umask may have removed bits we asked for
      }
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (replace) {
        try {
          Files.move(
              tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          throw new IOException(
              "file system of " + dir + " cannot rename atomically; refusing a non-atomic write",
              e);
        }
      } else {
        // A hard link fails atomically if the target exists, unlike rename which would replace it.
        Files.createLink(target, tmp);
      }
      forceDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Forces a directory's entries (renames, creations) to disk. Only POSIX systems can open a
   * directory for this.
   *
   * @param dir the directory
   * @throws IOException if the force fails
   */
  public static void forceDirectory(Path dir) throws IOException {
    if (!isPosix(dir)) {
      return; // Windows cannot open a directory as a channel; NTFS journals the rename itself.
    }
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /**
   * Checks that a file is not readable or writable by the group or others.
   *
   * @param file the file
   * @throws IOException if it is shared
   */
  public static void requireOwnerOnlyFile(Path file) throws IOException {
    if (isPosix(file)) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      Set<PosixFilePermission> shared = EnumSet.copyOf(perms);
      shared.removeAll(OWNER_FILE);
      shared.remove(PosixFilePermission.OWNER_EXECUTE);
      if (!shared.isEmpty()) {
        throw new IOException(
            file
                + " has permissions "
                + PosixFilePermissions.toString(perms)
                + "; files holding private keys must be readable by their owner only (rw-------)");
      }
    }
  }
}
