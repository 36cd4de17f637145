package dev.ivsplayback.cli.internal;

import dev.ivsplayback.keys.PlaybackKeyException;
import dev.ivsplayback.keys.PlaybackKeyFiles;
import dev.ivsplayback.token.KeyFormatException;
import dev.ivsplayback.token.PlaybackKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.function.Supplier;

/**
 * Reads key PEM files named on the command line through keypair-manager's {@link PlaybackKeyFiles}
 * (which refuses a private key file the group or others can access), with errors that name the
 * option and the file. The cli only adds what PlaybackKeyFiles has no call for: telling a public
 * from a private file (fingerprint, import and verify take either), asking for a passphrase only
 * for an encrypted key, and one-line messages that say how to fix the file.
 */
final class KeyFiles {

  /**
   * PEM key files are a few hundred bytes; the look at a file's kind reads no more than this
   * (PlaybackKeyFiles' cap).
   */
  private static final int MAX_PEM_BYTES = 64 * 1024;

  private KeyFiles() {}

  /** What a key file holds, judged from its PEM block names. */
  enum Kind {
    PUBLIC,
    PRIVATE,
    ENCRYPTED_PRIVATE;

    boolean isPrivate() {
      return this != PUBLIC;
    }
  }

  /**
   * The kind of key in a file, from a bounded look at its text (the key itself is then read by
   * PlaybackKeyFiles).
   *
   * @throws BadInputException if the file is missing, not a regular file, too large or not ASCII
   *     text
   */
  static Kind kind(Path file, String option) {
    if (!Files.exists(file)) {
      throw new BadInputException(option + " " + file + ": no such file");
    }
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(option + " " + file + ": not a regular file");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_PEM_BYTES + 1);
    } catch (IOException e) {
      throw new BadInputException(
          option + " " + file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
    }
    if (bytes.length > MAX_PEM_BYTES) {
      throw new BadInputException(
          option + " " + file + ": too large for a PEM key file (over 64 KiB)");
    }
    String pem;
    try {
      pem =
          StandardCharsets.US_ASCII
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new BadInputException(option + " " + file + ": not a PEM file (it is not ASCII text)");
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
    if (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")
        || pem.contains("Proc-Type: 4,ENCRYPTED")) {
      return Kind.ENCRYPTED_PRIVATE;
    }
    return pem.contains("PRIVATE KEY-----") ? Kind.PRIVATE : Kind.PUBLIC;
  }

  /**
   * For commands without passphrase options: an encrypted private key cannot be opened, so ask for
   * the public one.
   */
  static Supplier<char[]> noPassphrase(String option, Path file) {
    return () -> {
      throw new BadInputException(
          option
              + " "
              + file
              + ": an encrypted private key; give the public key PEM instead"
              + " (ivs-playback keygen writes it next to the private key as NAME.pub.pem)");
    };
  }

  /**
   * The public key of a public or private key file.
   *
   * @param passphrase asked only when the file holds an encrypted private key; may return null
   */
  static ECPublicKey publicKey(Path file, String option, Supplier<char[]> passphrase) {
    Kind kind = kind(file, option);
    if (kind.isPrivate()) {
      return PlaybackKeys.publicKeyOf(privateKey(kind, file, option, passphrase));
    }
    try {
      return PlaybackKeyFiles.readPublicKey(file);
    } catch (KeyFormatException | PlaybackKeyException e) {
      throw new BadInputException(
          option + " " + file + ": " + ErrorHandler.oneLine(e.getMessage()), e);
    }
  }

  /** The private key of a private key file. */
  static PrivateKey privateKey(Path file, String option, Supplier<char[]> passphrase) {
    Kind kind = kind(file, option);
    if (!kind.isPrivate()) {
      throw new BadInputException(
          option
              + " "
              + file
              + ": holds no private key (expected a PEM 'PRIVATE KEY', 'ENCRYPTED PRIVATE KEY' or 'EC PRIVATE KEY' block)");
    }
    return privateKey(kind, file, option, passphrase);
  }

  private static PrivateKey privateKey(
      Kind kind, Path file, String option, Supplier<char[]> passphrase) {
    char[] secret = null;
    try {
      // PlaybackKeyFiles' own check, made before the passphrase is asked for.
      PlaybackKeyFiles.requireOwnerOnly(file);
      if (kind == Kind.ENCRYPTED_PRIVATE) {
        secret = passphrase.get();
        if (secret == null) {
          throw new BadInputException(
              option
                  + " "
                  + file
                  + ": the private key is encrypted; give its passphrase with --passphrase-file or --passphrase-env");
        }
      }
      return PlaybackKeyFiles.readPrivateKey(file, secret);
    } catch (KeyFormatException e) {
      throw new BadInputException(
          option + " " + file + ": " + ErrorHandler.oneLine(e.getMessage()), e);
    } catch (PlaybackKeyException e) {
      throw new BadInputException(
          option + " " + file + ": " + ErrorHandler.oneLine(e.getMessage()), e);
    } finally {
      PassphraseOptions.clear(secret);
    }
  }
}
