package dev.ivsplayback.cli.internal;

import dev.ivsplayback.cli.CliEnvironment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Option;

/**
 * Where a key passphrase comes from: a file or an environment variable, never the command line (it would
 * show in the process list and shell history) and never printed.
 */
public final class PassphraseOptions {

  @Option(names = "--passphrase-file", paramLabel = "FILE",
      description = "Read the key passphrase from FILE (one trailing newline is ignored).")
  Path file;

  @Option(names = "--passphrase-env", paramLabel = "VAR",
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
      throw new BadInputException("give the passphrase with --passphrase-file or --passphrase-env, not both");
    }
    if (file != null) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new BadInputException("--passphrase-file " + file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
      }
      try {
        char[] chars = decode(bytes);
        int len = chars.length;
        if (len > 0 && chars[len - 1] == '\n') len--;
        if (len > 0 && chars[len - 1] == '\r') len--;
        char[] result = Arrays.copyOf(chars, len);
        Arrays.fill(chars, '\0');
        if (result.length == 0) {
          throw new BadInputException("--passphrase-file " + file + " is empty: it must hold the passphrase");
        }
        return result;
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
    }
    if (variable != null) {
      String value = env.variable(variable);
      if (value == null) {
        throw new BadInputException("--passphrase-env " + variable + ": the environment variable is not set");
      }
      if (value.isEmpty()) {
        throw new BadInputException("--passphrase-env " + variable + ": the environment variable is empty");
      }
      return value.toCharArray();
    }
    return null;
  }

  private char[] decode(byte[] bytes) {
    try {
      CharBuffer cb = StandardCharsets.UTF_8.newDecoder()
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
