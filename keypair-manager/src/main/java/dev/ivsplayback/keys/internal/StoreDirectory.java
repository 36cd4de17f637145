package dev.ivsplayback.keys.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The key store's directory, checked on every access and never followed through a symbolic link.
 *
 * <p>Every operation first checks that the directory's path still names the directory this object
 * was opened on (same file key, so a directory swapped in under a writable parent is refused), that
 * it is a real directory (not a link), owned by the user running this process and {@code
 * rwx------}. Every file is opened with {@code NOFOLLOW_LINKS}, must be a regular file owned by
 * that user and {@code rw-------}; it is checked before it is opened (a FIFO or device is never
 * opened) and again afterwards (the same file was opened).
 *
 * <p>Where the JDK offers it (Linux), files are opened relative to a handle on the directory held
 * open for the store's life ({@link SecureDirectoryStream}: {@code openat}, {@code renameat}), so a
 * swap of the directory between the check and the access still cannot redirect it. Elsewhere the
 * same operations go by path, with the same checks.
 *
 * <p>Thread-safe: each operation opens its own channels.
 */
public final class StoreDirectory implements Closeable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Path SELF = Path.of(".");
  private static final int MAX_READ_ATTEMPTS = 10;

  private final Path path;
  private final boolean posix;
  private final Object fileKey;
  private final SecureDirectoryStream<Path> handle;

  private StoreDirectory(
      Path path, boolean posix, Object fileKey, SecureDirectoryStream<Path> handle) {
    this.path = path;
    this.posix = posix;
    this.fileKey = fileKey;
    this.handle = handle;
  }

  /**
   * Creates the directory {@code rwx------} if it is missing (with any missing parents), checks it
   * and opens it.
   *
   * @param directory the configured directory; links in its parents are resolved once, here, but
   *     the directory itself must not be a link
   * @param preferHandle whether to work through a directory handle where the JDK allows (tests pass
   *     false to exercise the path-based fallback)
   * @return the opened directory
   * @throws IOException if it cannot be created, or fails a check
   */
  public static StoreDirectory open(Path directory, boolean preferHandle) throws IOException {
    Path absolute = directory.toAbsolutePath();
    Path parent = absolute.getParent();
    if (parent == null || absolute.getFileName() == null) {
      throw new IOException(directory + " cannot be a key store directory (a root directory)");
    }
    if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
      try {
        if (AtomicFiles.isPosix(parent.getRoot())) {
          Files.createDirectories(
              absolute, PosixFilePermissions.asFileAttribute(AtomicFiles.OWNER_DIRECTORY));
          Files.setPosixFilePermissions(absolute, AtomicFiles.OWNER_DIRECTORY);
        } else {
          Files.createDirectories(absolute);
        }
      } catch (FileAlreadyExistsException e) {
        // created concurrently by another process, or a link: checked below
      }
    }
    Path real = parent.toRealPath().resolve(absolute.getFileName());
    boolean posix = AtomicFiles.isPosix(real);
    BasicFileAttributes attributes = checkDirectory(real, posix);
    SecureDirectoryStream<Path> handle = null;
    if (preferHandle) {
      DirectoryStream<Path> stream = Files.newDirectoryStream(real);
      if (stream instanceof SecureDirectoryStream<Path> secure) {
        handle = secure;
      } else {
        stream.close();
      }
    }
    StoreDirectory opened = new StoreDirectory(real, posix, attributes.fileKey(), handle);
    try {
      opened.check(); // the handle is on the directory that was checked
    } catch (IOException e) {
      opened.close();
      throw e;
    }
    return opened;
  }

  /**
   * The directory.
   *
   * @return its path (parents resolved)
   */
  public Path path() {
    return path;
  }

  /**
   * Whether operations go through a directory handle.
   *
   * @return true on Linux unless the path-based fallback was asked for
   */
  public boolean usesHandle() {
    return handle != null;
  }

  /**
   * Checks the directory: the path still names the directory opened, which is not a link, is owned
   * by this process's user and is {@code rwx------}.
   *
   * @throws IOException if a check fails
   */
  public void check() throws IOException {
    BasicFileAttributes now = checkDirectory(path, posix);
    if (fileKey != null && !fileKey.equals(now.fileKey())) {
      throw new IOException(
          path
              + " is no longer the directory this key store was opened on (it was moved or"
              + " replaced); refusing to use it");
    }
    if (handle != null) {
      PosixFileAttributes held = handleAttributes(null);
      if (!Objects.equals(fileKey, held.fileKey())) {
        throw new IOException(
            path + " is no longer the directory this key store was opened on; refusing to use it");
      }
    }
  }

  /**
   * Whether a file exists (a link counts as existing, so that it is then refused, not replaced).
   *
   * @param name the file name
   * @return true if there is an entry with that name
   * @throws IOException if the directory fails its checks
   */
  public boolean exists(String name) throws IOException {
    check();
    return attributesIfPresent(name).isPresent();
  }

  /**
   * Reads a whole file.
   *
   * @param name the file name
   * @param maxBytes the largest size read; a larger file is refused without being read
   * @return the bytes, or empty if there is no such file
   * @throws IOException if the directory or the file fails a check, or it is larger than {@code
   *     maxBytes}
   */
  public Optional<byte[]> read(String name, int maxBytes) throws IOException {
    check();
    for (int attempt = 1; ; attempt++) {
      Optional<BasicFileAttributes> before = attributesIfPresent(name);
      if (before.isEmpty()) {
        return Optional.empty();
      }
      checkFile(name, before.get());
      if (before.get().size() > maxBytes) {
        throw new TooLargeException(
            path.resolve(name)
                + " is too large: "
                + before.get().size()
                + " bytes, over "
                + maxBytes
                + " bytes");
      }
      Optional<byte[]> bytes = readOpened(name, maxBytes);
      Optional<BasicFileAttributes> after = attributesIfPresent(name);
      // A writer may rename a new file over this one at any time (reads take no lock): then the
      // bytes are read again, from the file that is checked.
      if (bytes.isPresent() && after.isPresent() && sameFile(before.get(), after.get())) {
        checkFile(name, after.get());
        return bytes;
      }
      if (attempt == MAX_READ_ATTEMPTS) {
        throw new IOException(
            path.resolve(name)
                + " was replaced every time it was read ("
                + MAX_READ_ATTEMPTS
                + " attempts); refusing to use it");
      }
    }
  }

  private Optional<byte[]> readOpened(String name, int maxBytes) throws IOException {
    try (SeekableByteChannel channel =
        channel(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
      byte[] bytes = Channels.newInputStream(channel).readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw new TooLargeException(
            path.resolve(name) + " is too large: over " + maxBytes + " bytes");
      }
      return Optional.of(bytes);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  // The inode of a replaced file can be reused at once by the next temporary file: the time and
  // size tell those apart.
  private static boolean sameFile(BasicFileAttributes a, BasicFileAttributes b) {
    return (a.fileKey() == null || a.fileKey().equals(b.fileKey()))
        && a.lastModifiedTime().equals(b.lastModifiedTime())
        && a.size() == b.size();
  }

  /**
   * Replaces (or creates) a file atomically: a new owner-only temporary file in this directory,
   * written and forced, renamed over the target, then the directory forced.
   *
   * @param name the file name
   * @param content the bytes
   * @throws IOException on any failure; the file is then unchanged
   */
  public void replace(String name, byte[] content) throws IOException {
    check();
    Optional<BasicFileAttributes> existing = attributesIfPresent(name);
    if (existing.isPresent()) {
      requireNotLink(name, existing.get());
    }
    String temporary = "." + name + "." + HexFormat.of().formatHex(randomBytes()) + ".tmp";
    try {
      writeNew(temporary, content);
      move(temporary, name);
      forceDirectory();
    } finally {
      deleteIfPresent(temporary);
    }
  }

  /**
   * Creates a small file if there is none yet (owner-only, forced, directory forced). An existing
   * file is checked, not changed.
   *
   * @param name the file name
   * @param content the bytes for a new file
   * @throws IOException on failure, or if an existing entry fails its checks
   */
  public void createIfMissing(String name, byte[] content) throws IOException {
    check();
    Optional<BasicFileAttributes> existing = attributesIfPresent(name);
    if (existing.isPresent()) {
      checkFile(name, existing.get());
      return;
    }
    try {
      writeNew(name, content);
      forceDirectory();
    } catch (FileAlreadyExistsException e) {
      Optional<BasicFileAttributes> raced = attributesIfPresent(name);
      if (raced.isEmpty()) {
        throw e;
      }
      checkFile(name, raced.get());
    }
  }

  /**
   * Opens (creating if missing) a file for writing, to lock it.
   *
   * @param name the lock file's name
   * @return the channel; the caller closes it
   * @throws IOException if the directory or the file fails a check
   */
  public FileChannel openForLocking(String name) throws IOException {
    check();
    Optional<BasicFileAttributes> existing = attributesIfPresent(name);
    if (existing.isPresent()) {
      requireNotLink(name, existing.get());
    }
    Set<OpenOption> options =
        Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    SeekableByteChannel channel = channel(name, options, ownerOnly());
    try {
      Optional<BasicFileAttributes> opened = attributesIfPresent(name);
      if (opened.isEmpty()) {
        throw new NoSuchFileException(path.resolve(name).toString());
      }
      checkFile(name, opened.get());
      if (!(channel instanceof FileChannel file)) {
        throw new IOException(path.resolve(name) + " cannot be locked on this platform");
      }
      return file;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Closes the directory handle. */
  @Override
  public void close() throws IOException {
    if (handle != null) {
      handle.close();
    }
  }

  private void writeNew(String name, byte[] content) throws IOException {
    Set<OpenOption> options =
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    try (SeekableByteChannel channel = channel(name, options, ownerOnly())) {
      if (posix) {
        // umask may have removed bits we asked for
        posixView(name).setPermissions(AtomicFiles.OWNER_FILE);
      }
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      if (channel instanceof FileChannel file) {
        file.force(true);
      }
    }
  }

  private void move(String from, String to) throws IOException {
    if (handle != null) {
      handle.move(Path.of(from), handle, Path.of(to)); // renameat: atomic, replaces the target
      return;
    }
    try {
      Files.move(
          path.resolve(from),
          path.resolve(to),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(
          "file system of " + path + " cannot rename atomically; refusing a non-atomic write", e);
    }
  }

  private void deleteIfPresent(String name) throws IOException {
    try {
      if (handle != null) {
        handle.deleteFile(Path.of(name));
      } else {
        Files.deleteIfExists(path.resolve(name));
      }
    } catch (NoSuchFileException | ClosedChannelException e) {
      // already renamed over the target, or never created
    }
  }

  private void forceDirectory() throws IOException {
    if (!posix) {
      return; // Windows cannot open a directory as a channel; NTFS journals the rename itself.
    }
    try (SeekableByteChannel channel =
        handle != null
            ? handle.newByteChannel(SELF, Set.of(StandardOpenOption.READ))
            : FileChannel.open(path, StandardOpenOption.READ)) {
      if (channel instanceof FileChannel file) {
        file.force(true);
      }
    }
  }

  private SeekableByteChannel channel(
      String name, Set<? extends OpenOption> options, FileAttribute<?>... attributes)
      throws IOException {
    if (handle != null) {
      return handle.newByteChannel(Path.of(name), options, attributes);
    }
    return Files.newByteChannel(path.resolve(name), options, attributes);
  }

  private FileAttribute<?>[] ownerOnly() {
    return posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(AtomicFiles.OWNER_FILE)}
        : new FileAttribute<?>[0];
  }

  private Optional<BasicFileAttributes> attributesIfPresent(String name) throws IOException {
    try {
      if (handle != null) {
        return Optional.of(handleAttributes(name));
      }
      Path file = path.resolve(name);
      return Optional.of(
          posix
              ? Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
              : Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private PosixFileAttributes handleAttributes(String name) throws IOException {
    PosixFileAttributeView view =
        name == null
            ? handle.getFileAttributeView(PosixFileAttributeView.class)
            : handle.getFileAttributeView(
                Path.of(name), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    return view.readAttributes();
  }

  private PosixFileAttributeView posixView(String name) {
    return handle != null
        ? handle.getFileAttributeView(
            Path.of(name), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        : Files.getFileAttributeView(
            path.resolve(name), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
  }

  private void checkFile(String name, BasicFileAttributes attributes) throws IOException {
    Path file = path.resolve(name);
    requireNotLink(name, attributes);
    if (!attributes.isRegularFile()) {
      throw new IOException(file + " is not a regular file; refusing to open it");
    }
    requireOwner(file, owner(name, attributes));
    if (attributes instanceof PosixFileAttributes p) {
      Set<PosixFilePermission> permissions = p.permissions();
      Set<PosixFilePermission> shared = EnumSet.copyOf(permissions);
      shared.removeAll(AtomicFiles.OWNER_FILE);
      shared.remove(PosixFilePermission.OWNER_EXECUTE);
      if (!shared.isEmpty()) {
        throw new IOException(
            file
                + " has permissions "
                + PosixFilePermissions.toString(permissions)
                + "; files holding private keys must be readable by their owner only (rw-------)");
      }
    }
  }

  private void requireNotLink(String name, BasicFileAttributes attributes) throws IOException {
    if (attributes.isSymbolicLink()) {
      throw new IOException(
          path.resolve(name)
              + " is a symbolic link; key store files are never followed through links");
    }
  }

  private UserPrincipal owner(String name, BasicFileAttributes attributes) throws IOException {
    if (attributes instanceof PosixFileAttributes p) {
      return p.owner();
    }
    return Files.getOwner(path.resolve(name), LinkOption.NOFOLLOW_LINKS);
  }

  private static BasicFileAttributes checkDirectory(Path dir, boolean posix) throws IOException {
    BasicFileAttributes attributes =
        posix
            ? Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
            : Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (attributes.isSymbolicLink()) {
      throw new IOException(dir + " is a symbolic link; a key store directory must not be a link");
    }
    if (!attributes.isDirectory()) {
      throw new IOException(dir + " is not a directory");
    }
    requireOwner(
        dir,
        posix
            ? ((PosixFileAttributes) attributes).owner()
            : Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS));
    if (posix) {
      Set<PosixFilePermission> permissions = ((PosixFileAttributes) attributes).permissions();
      Set<PosixFilePermission> shared = EnumSet.copyOf(permissions);
      shared.removeAll(AtomicFiles.OWNER_DIRECTORY);
      if (!shared.isEmpty()) {
        throw new IOException(
            dir
                + " has permissions "
                + PosixFilePermissions.toString(permissions)
                + "; a key store directory must be accessible by its owner only (rwx------)");
      }
    }
    return attributes;
  }

  private static void requireOwner(Path file, UserPrincipal owner) throws IOException {
    UserPrincipal me = ProcessUser.get();
    if (!me.equals(owner)) {
      throw new IOException(
          file
              + " is owned by "
              + owner.getName()
              + ", not by "
              + me.getName()
              + " (the user running this process); a key store and its files must belong to"
              + " that user");
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /** A file was over the size limit. */
  public static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
      super(message);
    }
  }
}
