package dev.ivsplayback.cli.internal;

import dev.ivsplayback.keys.KeyEncryptionParameters;
import dev.ivsplayback.keys.PlaybackKeyException;
import dev.ivsplayback.keys.PlaybackKeyFiles;
import dev.ivsplayback.keys.PlaybackKeyGenerator;
import dev.ivsplayback.token.PlaybackKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code keygen}: a new P-384 key pair as PEM files. */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Generate an ECDSA P-384 key pair and print its fingerprint.",
      "Writes NAME.key.pem (owner-only; encrypted with the passphrase if one is given) and NAME.pub.pem. It never overwrites an existing file."
    },
    footerHeading = "%nExample:%n",
    footer = {"  ivs-playback keygen --out keys --name web --passphrase-file ~/.ivs-passphrase"})
final class KeygenCommand extends AbstractCommand {

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Directory to write to (created owner-only if missing).")
  Path out;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      defaultValue = "playback",
      description = "File name stem (default: ${DEFAULT-VALUE}): letters, digits, '.', '-', '_'.")
  String name;

  @Mixin PassphraseOptions passphrase;

  @Override
  public Integer call() {
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
      throw new BadInputException(
          "--name '"
              + name
              + "': use 1..100 letters, digits, '.', '-' or '_', starting with a letter or digit");
    }
    Path privateFile = out.resolve(name + ".key.pem");
    Path publicFile = out.resolve(name + ".pub.pem");
    for (Path p : new Path[] {privateFile, publicFile}) {
      if (Files.exists(p)) {
        throw new BadInputException(
            "refusing to overwrite " + p + ": choose another --name or --out");
      }
    }
    char[] secret = passphrase.read(env());
    try {
      ensureDirectory(out);
      KeyPair pair = PlaybackKeyGenerator.create().generate();
      String fingerprint = PlaybackKeys.fingerprint(pair.getPublic());
      try {
        if (secret != null) {
          PlaybackKeyFiles.writeEncryptedPrivateKey(
              privateFile, pair.getPrivate(), secret, KeyEncryptionParameters.strong());
        } else {
          PlaybackKeyFiles.writePrivateKey(privateFile, pair.getPrivate());
        }
      } catch (PlaybackKeyException e) {
        throw writeFailure(e, privateFile, "");
      }
      try {
        PlaybackKeyFiles.writePublicKey(publicFile, pair.getPublic());
      } catch (PlaybackKeyException e) {
        throw writeFailure(e, publicFile, " (" + privateFile + " was written)");
      }
      if (json()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("privateKey", privateFile.toString());
        m.put("publicKey", publicFile.toString());
        m.put("encrypted", secret != null);
        m.put("fingerprint", fingerprint);
        out().println(Json.compact(m));
      } else {
        err()
            .println(
                "wrote "
                    + privateFile
                    + " (private, owner-only"
                    + (secret != null ? ", encrypted" : "")
                    + ")");
        err().println("wrote " + publicFile + " (public)");
        if (secret == null) {
          err()
              .println(
                  "note: the private key is not encrypted; give --passphrase-file or --passphrase-env to encrypt it");
        }
        out().println(fingerprint);
      }
      return 0;
    } finally {
      PassphraseOptions.clear(secret);
    }
  }

  /**
   * An existing file is bad input (exit 2); any other write failure is an operation that failed
   * (exit 1).
   */
  private RuntimeException writeFailure(PlaybackKeyException e, Path file, String note) {
    if (e.reason() == PlaybackKeyException.Reason.KEY_FILE_EXISTS) {
      return new BadInputException(
          "refusing to overwrite " + file + ": choose another --name or --out" + note);
    }
    return new CommandFailedException(
        "cannot write " + file + ": " + ErrorHandler.oneLine(e.getMessage()) + note, e);
  }

  /**
   * Creates --out (and parents) owner-only if it does not exist; an existing directory is used as
   * it is.
   */
  private static void ensureDirectory(Path dir) {
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw new BadInputException("--out " + dir + ": exists and is not a directory");
      }
      return;
    }
    try {
      if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw new BadInputException(
          "--out " + dir + ": cannot create the directory (" + e.getClass().getSimpleName() + ")");
    }
  }
}
