package dev.ivsplayback.cli.internal;

import dev.ivsplayback.cli.CliEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Where a key passphrase comes from: a file or an environment variable, never the command line (it
 * would show in the process list and shell history) and never printed.
 *
 * <p>A passphrase file is read up to 4 KiB (so {@code /dev/zero} or a huge file is refused, not
 * read whole). A passphrase file that the group or others may read is used, with a warning on
 * stderr: refusing it would break existing setups, but the warning says how to fix it.
 */
public final class PassphraseOptions {

  /**
   * The largest passphrase file read, in bytes (4 KiB); longer ones are refused after reading one
   * byte more.
   */
  static final int MAX_FILE_BYTES = 4096;

  @Option(
      names = "--passphrase-file",
      paramLabel = "FILE",
      description =
          "Read the key passphrase from FILE (one trailing newline is ignored; at most 4 KiB; keep it chmod 600).")
  Path file;

  @Option(
      names = "--passphrase-env",
      paramLabel = "VAR",
      description = "Read the key passphrase from environment variable VAR.")
  String variable;

  /** Whether a passphrase source was given. */
  public boolean given() {
    return file != null || variable != null;
  }

  /**
   * The passphrase, or null when none was given. The caller clears the array after use.
   *
   * @throws BadInputException when both sources are given, or the source is missing or empty
   */
  public char[] read(CliEnvironment env) {
    if (file != null && variable != null) {
      throw new BadInputException(
          "give the passphrase with --passphrase-file or --passphrase-env, not both");
    }
    if (file != null) {
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      } catch (NoSuchFileException e) {
        throw new BadInputException("--passphrase-file " + file + ": no such file");
      } catch (IOException e) {
        throw new BadInputException(
            "--passphrase-file "
                + file
                + ": cannot read it ("
                + e.getClass().getSimpleName()
                + ")");
      }
      if (bytes.length > MAX_FILE_BYTES) {
        Arrays.fill(bytes, (byte) 0);
        throw new BadInputException(
            "--passphrase-file " + file + ": too large for a passphrase (over 4 KiB)");
      }
      warnIfShared(env);
      try {
        char[] chars = decode(bytes);
        int len = chars.length;
        if (len > 0 && chars[len - 1] == '\n') len--;
        if (len > 0 && chars[len - 1] == '\r') len--;
        char[] result = Arrays.copyOf(chars, len);
        Arrays.fill(chars, '\0');
        if (result.length == 0) {
          throw new BadInputException(
              "--passphrase-file " + file + " is empty: it must hold the passphrase");
        }
        return result;
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
    }
    if (variable != null) {
      String value = env.variable(variable);
      if (value == null) {
        throw new BadInputException(
            "--passphrase-env " + variable + ": the environment variable is not set");
      }
      if (value.isEmpty()) {
        throw new BadInputException(
            "--passphrase-env " + variable + ": the environment variable is empty");
      }
      return value.toCharArray();
    }
    return null;
  }

  private void warnIfShared(CliEnvironment env) {
    try {
      if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")
          || !Files.isRegularFile(file)) {
        return;
      }
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.GROUP_READ)
          || perms.contains(PosixFilePermission.OTHERS_READ)) {
        env.stderr()
            .println(
                "warning: --passphrase-file "
                    + file
                    + " is readable by others ("
                    + PosixFilePermissions.toString(perms)
                    + "); a passphrase file should be owner-only: chmod 600 "
                    + file);
        env.stderr().flush();
      }
    } catch (IOException e) {
      // The file was just read; if its permissions cannot be read now, there is nothing useful to
      // warn about.
    }
  }

  private char[] decode(byte[] bytes) {
    try {
      CharBuffer cb =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
      char[] chars = new char[cb.remaining()];
      cb.get(chars);
      Arrays.fill(cb.array(), '\0');
      return chars;
    } catch (CharacterCodingException e) {
      throw new BadInputException("--passphrase-file " + file + " is not UTF-8 text");
    }
  }

  /** Overwrites a passphrase in memory. */
  public static void clear(char[] passphrase) {
    if (passphrase != null) {
      Arrays.fill(passphrase, '\0');
    }
  }
}
