package dev.ivsplayback.cli.internal;

import dev.ivsplayback.token.KeyFormatException;
import dev.ivsplayback.token.PlaybackKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.function.Supplier;

/** Reads key PEM files named on the command line, with errors that name the option and the file. */
final class KeyFiles {

  /** PEM key files are a few hundred bytes; anything this large is not one. */
  private static final long MAX_PEM_BYTES = 64 * 1024;

  private KeyFiles() {}

  /** The PEM text of a key file. */
  static String readPem(Path file, String option) {
    if (!Files.exists(file)) {
      throw new BadInputException(option + " " + file + ": no such file");
    }
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(option + " " + file + ": not a regular file");
    }
    try {
      if (Files.size(file) > MAX_PEM_BYTES) {
        throw new BadInputException(option + " " + file + ": too large for a PEM key file (over 64 KiB)");
      }
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new BadInputException(option + " " + file + ": not a PEM file (it is not ASCII text)");
    } catch (IOException e) {
      throw new BadInputException(option + " " + file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** For commands without passphrase options: an encrypted private key cannot be opened, so ask for the public one. */
  static Supplier<char[]> noPassphrase(String option, Path file) {
    return () -> {
      throw new BadInputException(option + " " + file + ": an encrypted private key; give the public key PEM instead"
          + " (ivs-playback keygen writes it next to the private key as NAME.pub.pem)");
    };
  }

  /** Whether PEM text holds a private key (PKCS#8, encrypted PKCS#8 or SEC1). */
  static boolean isPrivate(String pem) {
    return pem.contains("PRIVATE KEY-----");
  }

  /** Whether PEM text holds an encrypted PKCS#8 private key. */
  static boolean isEncrypted(String pem) {
    return pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || pem.contains("Proc-Type: 4,ENCRYPTED");
  }

  /**
   * The public key of a public or private key file.
   *
   * @param passphrase asked only when the file holds an encrypted private key; may return null
   */
  static ECPublicKey publicKey(Path file, String option, Supplier<char[]> passphrase) {
    String pem = readPem(file, option);
    if (isPrivate(pem)) {
      return PlaybackKeys.publicKeyOf(privateKey(pem, file, option, passphrase));
    }
    try {
      return PlaybackKeys.readPublicKey(pem);
    } catch (KeyFormatException e) {
      throw new BadInputException(option + " " + file + ": " + e.getMessage(), e);
    }
  }

  /** The private key of a private key file. */
  static PrivateKey privateKey(Path file, String option, Supplier<char[]> passphrase) {
    String pem = readPem(file, option);
    if (!isPrivate(pem)) {
      throw new BadInputException(option + " " + file
          + ": holds no private key (expected a PEM 'PRIVATE KEY', 'ENCRYPTED PRIVATE KEY' or 'EC PRIVATE KEY' block)");
    }
    return privateKey(pem, file, option, passphrase);
  }

  private static PrivateKey privateKey(String pem, Path file, String option, Supplier<char[]> passphrase) {
    char[] secret = isEncrypted(pem) ? passphrase.get() : null;
    try {
      if (isEncrypted(pem)) {
        if (secret == null) {
          throw new BadInputException(option + " " + file
              + ": the private key is encrypted; give its passphrase with --passphrase-file or --passphrase-env");
        }
        return PlaybackKeys.readPrivateKey(pem, secret);
      }
      return PlaybackKeys.readPrivateKey(pem);
    } catch (KeyFormatException e) {
      throw new BadInputException(option + " " + file + ": " + e.getMessage(), e);
    } finally {
      PassphraseOptions.clear(secret);
    }
  }
}
