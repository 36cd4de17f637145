package dev.ivsplayback.keys;

import dev.ivsplayback.keys.PlaybackKeyException.Reason;
import dev.ivsplayback.keys.internal.AtomicFiles;
import dev.ivsplayback.token.PlaybackKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Set;

/**
 * Key files on disk for operators and tools: written atomically (temporary file, force, link into
 * place, directory force), never over an existing file; private key files {@code rw-------}, public
 * key files {@code rw-r--r--}. Reading a private key file that the group or others can access is
 * refused, as OpenSSH does. Stateless and thread-safe.
 */
public final class PlaybackKeyFiles {
  /**
   * The largest key file read, in bytes (64 KiB, as {@link
   * dev.ivsplayback.token.PlaybackKeys#MAX_PEM_LENGTH}): a P-384 PEM key is well under 8 KiB.
   * Larger files, devices and FIFOs that never end are refused after reading at most one byte more
   * than this.
   */
  public static final int MAX_PEM_BYTES = 64 * 1024;

  private PlaybackKeyFiles() {}

  /**
   * Writes the SPKI {@code PUBLIC KEY} PEM.
   *
   * @param file the new file (must not exist)
   * @param publicKey an EC P-384 public key
   * @throws PlaybackKeyException {@link Reason#KEY_FILE_EXISTS} if the file exists, {@link
   *     Reason#KEY_FILE_IO} if it cannot be written
   */
  public static void writePublicKey(Path file, PublicKey publicKey) {
    write(file, PlaybackKeyPem.publicKeyPem(publicKey), AtomicFiles.PUBLIC_FILE);
  }

  /**
   * Writes the private key as encrypted PKCS#8 (PBES2, scrypt, AES-256-CBC).
   *
   * @param file the new file (must not exist)
   * @param privateKey an EC P-384 private key
   * @param passphrase the passphrase
   * @param parameters the scrypt cost ({@link KeyEncryptionParameters#strong()} outside tests)
   * @throws PlaybackKeyException {@link Reason#KEY_FILE_EXISTS} if the file exists, {@link
   *     Reason#KEY_FILE_IO} if it cannot be written
   */
  public static void writeEncryptedPrivateKey(
      Path file, PrivateKey privateKey, char[] passphrase, KeyEncryptionParameters parameters) {
    write(
        file,
        PlaybackKeyPem.encryptedPrivateKeyPem(privateKey, passphrase, parameters),
        AtomicFiles.OWNER_FILE);
  }

  /**
   * Writes the private key as unencrypted PKCS#8, owner-only. Prefer {@link
   * #writeEncryptedPrivateKey}.
   *
   * @param file the new file (must not exist)
   * @param privateKey an EC P-384 private key
   * @throws PlaybackKeyException {@link Reason#KEY_FILE_EXISTS} if the file exists, {@link
   *     Reason#KEY_FILE_IO} if it cannot be written
   */
  public static void writePrivateKey(Path file, PrivateKey privateKey) {
    PlaybackKeys.requireP384(privateKey);
    write(file, PlaybackKeyPem.privateKeyPem(privateKey), AtomicFiles.OWNER_FILE);
  }

  /**
   * Reads a private key file (PKCS#8, SEC1 or encrypted PKCS#8) through token-core.
   *
   * @param file the file; must be accessible by its owner only
   * @param passphrase the passphrase, or null for an unencrypted file
   * @return the key
   * @throws PlaybackKeyException {@link Reason#KEY_FILE_NOT_OWNER_ONLY} if the group or others can
   *     access the file, {@link Reason#KEY_FILE_TOO_LARGE} or {@link Reason#KEY_FILE_IO} if it
   *     cannot be read
   * @throws dev.ivsplayback.token.KeyFormatException on a wrong passphrase or malformed content
   */
  public static PrivateKey readPrivateKey(Path file, char[] passphrase) {
    requireOwnerOnly(file);
    String pem;
    try {
      pem = readPem(file);
    } catch (IOException e) {
      throw new PlaybackKeyException(
          Reason.KEY_FILE_IO,
          file,
          "cannot read private key file " + file + ": " + e.getMessage(),
          e);
    }
    return passphrase == null
        ? PlaybackKeyPem.readPrivateKey(pem)
        : PlaybackKeyPem.readPrivateKey(pem, passphrase);
  }

  /**
   * Checks that a private key file is accessible by its owner only, as {@link #readPrivateKey} does
   * first; for tools that want to refuse a shared file before asking for its passphrase.
   *
   * @param file the private key file
   * @throws PlaybackKeyException {@link Reason#KEY_FILE_NOT_OWNER_ONLY} if the group or others can
   *     access it (the message gives the {@code chmod} that fixes it), {@link Reason#KEY_FILE_IO}
   *     if its permissions cannot be read
   */
  public static void requireOwnerOnly(Path file) {
    try {
      AtomicFiles.requireOwnerOnlyFile(file);
    } catch (IOException e) {
      Set<PosixFilePermission> shared = sharedPermissions(file);
      if (shared == null) {
        throw new PlaybackKeyException(
            Reason.KEY_FILE_IO,
            file,
            "cannot read private key file " + file + ": " + e.getMessage(),
            e);
      }
      throw new PlaybackKeyException(
          Reason.KEY_FILE_NOT_OWNER_ONLY,
          file,
          "a private key file that the group or others can access ("
              + PosixFilePermissions.toString(shared)
              + ") is refused; it must be owner-only (rw-------): fix it with: chmod 600 "
              + file,
          e);
    }
  }

  /** The file's permissions if the group or others have any; null if not, or unknown. */
  private static Set<PosixFilePermission> sharedPermissions(Path file) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      boolean shared =
          perms.stream()
              .anyMatch(
                  p ->
                      p != PosixFilePermission.OWNER_READ
                          && p != PosixFilePermission.OWNER_WRITE
                          && p != PosixFilePermission.OWNER_EXECUTE);
      return shared ? perms : null;
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  /**
   * Reads a SPKI {@code PUBLIC KEY} file through token-core.
   *
   * @param file the file
   * @return the key
   */
  public static ECPublicKey readPublicKey(Path file) {
    String pem;
    try {
      pem = readPem(file);
    } catch (IOException e) {
      throw new PlaybackKeyException(
          Reason.KEY_FILE_IO,
          file,
          "cannot read public key file " + file + ": " + e.getMessage(),
          e);
    }
    return PlaybackKeyPem.readPublicKey(pem);
  }

  /**
   * Reads at most MAX_PEM_BYTES + 1 bytes, so a huge file, a device or a FIFO is refused, not read
   * whole.
   */
  private static String readPem(Path file) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_PEM_BYTES + 1);
    }
    if (bytes.length > MAX_PEM_BYTES) {
      throw new PlaybackKeyException(
          Reason.KEY_FILE_TOO_LARGE,
          file,
          "key file "
              + file
              + " is too large for a PEM key: over "
              + MAX_PEM_BYTES
              + " bytes (MAX_PEM_BYTES, 64 KiB); refusing to read more",
          null);
    }
    // Strict US-ASCII, as Files.readString did: PEM is ASCII, anything else is an error, not a
    // replacement char.
    return StandardCharsets.US_ASCII
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  private static void write(
      Path file, String pem, java.util.Set<java.nio.file.attribute.PosixFilePermission> perms) {
    try {
      AtomicFiles.write(file, pem.getBytes(StandardCharsets.US_ASCII), perms, false);
    } catch (FileAlreadyExistsException e) {
      throw new PlaybackKeyException(
          Reason.KEY_FILE_EXISTS, file, "refusing to overwrite existing key file " + file, e);
    } catch (IOException e) {
      throw new PlaybackKeyException(
          Reason.KEY_FILE_IO, file, "cannot write key file " + file + ": " + e.getMessage(), e);
    }
  }
}
