package dev.ivsplayback.cli.internal;

import dev.ivsplayback.keys.PlaybackKeyGenerator;
import dev.ivsplayback.keys.PlaybackKeyPem;
import dev.ivsplayback.token.PlaybackKeys;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code keygen}: a new P-384 key pair as PEM files. */
@Command(name = "keygen", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Generate an ECDSA P-384 key pair and print its fingerprint.",
        "Writes NAME.key.pem (owner-only; encrypted with the passphrase if one is given) and NAME.pub.pem. It never overwrites an existing file."},
    footerHeading = "%nExample:%n", footer = {"  ivs-playback keygen --out keys --name web --passphrase-file ~/.ivs-passphrase"})
final class KeygenCommand extends AbstractCommand {

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write to (created owner-only if missing).")
  Path out;

  @Option(names = "--name", paramLabel = "NAME", defaultValue = "playback",
      description = "File name stem (default: ${DEFAULT-VALUE}): letters, digits, '.', '-', '_'.")
  String name;

  @Mixin
  PassphraseOptions passphrase;

  @Override
  public Integer call() {
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
      throw new BadInputException("--name '" + name
          + "': use 1..100 letters, digits, '.', '-' or '_', starting with a letter or digit");
    }
    Path privateFile = out.resolve(name + ".key.pem");
    Path publicFile = out.resolve(name + ".pub.pem");
    for (Path p : new Path[] {privateFile, publicFile}) {
      if (Files.exists(p)) {
        throw new BadInputException("refusing to overwrite " + p + ": choose another --name or --out");
      }
    }
    char[] secret = passphrase.read(env());
    try {
      SecureFiles.ensureDirectory(out, "--out");
      KeyPair pair = PlaybackKeyGenerator.create().generate();
      String privatePem = secret != null
          ? PlaybackKeyPem.encryptedPrivateKeyPem(pair.getPrivate(), secret)
          : PlaybackKeyPem.privateKeyPem(pair.getPrivate());
      String fingerprint = PlaybackKeys.fingerprint(pair.getPublic());
      try {
        SecureFiles.createNew(privateFile, privatePem, true);
      } catch (FileAlreadyExistsException e) {
        throw new BadInputException("refusing to overwrite " + privateFile + ": choose another --name or --out");
      }
      try {
        SecureFiles.createNew(publicFile, PlaybackKeyPem.publicKeyPem(pair.getPublic()), false);
      } catch (FileAlreadyExistsException e) {
        throw new BadInputException("refusing to overwrite " + publicFile + ": choose another --name or --out"
            + " (" + privateFile + " was written)");
      }
      if (json()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("privateKey", privateFile.toString());
        m.put("publicKey", publicFile.toString());
        m.put("encrypted", secret != null);
        m.put("fingerprint", fingerprint);
        out().println(Json.compact(m));
      } else {
        err().println("wrote " + privateFile + " (private, owner-only" + (secret != null ? ", encrypted" : "") + ")");
        err().println("wrote " + publicFile + " (public)");
        if (secret == null) {
          err().println("note: the private key is not encrypted; give --passphrase-file or --passphrase-env to encrypt it");
        }
        out().println(fingerprint);
      }
      return 0;
    } catch (IOException e) {
      throw new CommandFailedException("cannot write the key files in " + out + ": " + e.getClass().getSimpleName()
          + " " + ErrorHandler.oneLine(e.getMessage()), e);
    } finally {
      PassphraseOptions.clear(secret);
    }
  }
}
