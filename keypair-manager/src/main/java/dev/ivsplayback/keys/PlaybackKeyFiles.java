package dev.ivsplayback.keys;

import dev.ivsplayback.keys.internal.AtomicFiles;
import dev.ivsplayback.keys.internal.P384;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;

/**
 * Key files on disk for operators and tools: written atomically (temporary file, force, link into place, directory
 * force), never over an existing file; private key files {@code rw-------}, public key files {@code rw-r--r--}.
 * Reading a private key file that the group or others can access is refused, as OpenSSH does. Stateless and
 * thread-safe.
 */
public final class PlaybackKeyFiles {
  private PlaybackKeyFiles() {}

  /**
   * Writes the SPKI {@code PUBLIC KEY} PEM.
   *
   * @param file the new file (must not exist)
   * @param publicKey an EC P-384 public key
   * @throws PlaybackKeyException if the file exists or cannot be written
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
   * @throws PlaybackKeyException if the file exists or cannot be written
   */
  public static void writeEncryptedPrivateKey(Path file, PrivateKey privateKey, char[] passphrase,
      KeyEncryptionParameters parameters) {
    write(file, PlaybackKeyPem.encryptedPrivateKeyPem(privateKey, passphrase, parameters), AtomicFiles.OWNER_FILE);
  }

  /**
   * Writes the private key as unencrypted PKCS#8, owner-only. Prefer {@link #writeEncryptedPrivateKey}.
   *
   * @param file the new file (must not exist)
   * @param privateKey an EC P-384 private key
   * @throws PlaybackKeyException if the file exists or cannot be written
   */
  public static void writePrivateKey(Path file, PrivateKey privateKey) {
    P384.requirePrivate(privateKey);
    write(file, PlaybackKeyPem.privateKeyPem(privateKey), AtomicFiles.OWNER_FILE);
  }

  /**
   * Reads a private key file (PKCS#8, SEC1 or encrypted PKCS#8) through token-core.
   *
   * @param file the file; must be accessible by its owner only
   * @param passphrase the passphrase, or null for an unencrypted file
   * @return the key
   * @throws PlaybackKeyException if the file is shared, unreadable, or does not hold an EC P-384 key
   * @throws dev.ivsplayback.token.KeyFormatException on a wrong passphrase or malformed content
   */
  public static PrivateKey readPrivateKey(Path file, char[] passphrase) {
    String pem;
    try {
      AtomicFiles.requireOwnerOnlyFile(file);
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new PlaybackKeyException("cannot read private key file " + file + ": " + e.getMessage(), e);
    }
    return passphrase == null ? PlaybackKeyPem.readPrivateKey(pem) : PlaybackKeyPem.readPrivateKey(pem, passphrase);
  }

  /**
   * Reads a SPKI {@code PUBLIC KEY} file through token-core.
   *
   * @param file the file
   * @return the key
   */
  public static ECPublicKey readPublicKey(Path file) {
    try {
      return PlaybackKeyPem.readPublicKey(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new PlaybackKeyException("cannot read public key file " + file + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path file, String pem, java.util.Set<java.nio.file.attribute.PosixFilePermission> perms) {
    try {
      AtomicFiles.write(file, pem.getBytes(StandardCharsets.US_ASCII), perms, false);
    } catch (FileAlreadyExistsException e) {
      throw new PlaybackKeyException("refusing to overwrite existing key file " + file, e);
    } catch (IOException e) {
      throw new PlaybackKeyException("cannot write key file " + file + ": " + e.getMessage(), e);
    }
  }
}
