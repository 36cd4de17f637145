package dev.ivsplayback.cli.internal;

import dev.ivsplayback.client.ImportedKeyPair;
import dev.ivsplayback.client.IvsPlaybackClient;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code import}: ImportPlaybackKeyPair with the fingerprint checked. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Import a public key into IVS as a playback key pair.",
      "Prints the key pair's ARN and fingerprint. The fingerprint IVS returns is checked against the key's own; a mismatch exits 1. Importing a key that is already imported returns the existing key pair."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  ivs-playback import --public-key keys/web.pub.pem --name web-2026-11 --tag team=video"
    })
final class ImportCommand extends AbstractCommand {

  @Option(
      names = "--public-key",
      required = true,
      paramLabel = "FILE",
      description =
          "Public key PEM (P-384). A private key PEM also works: only its public half is sent.")
  Path publicKey;

  @Option(
      names = "--name",
      paramLabel = "N",
      description = "Key pair name (letters, digits, - and _; up to 128).")
  String name;

  @Option(names = "--tag", paramLabel = "k=v", description = "Tag to set (repeatable, up to 50).")
  Map<String, String> tags = new LinkedHashMap<>();

  @Override
  public Integer call() {
    if (name != null && !name.matches("[a-zA-Z0-9_-]{0,128}")) {
      throw new BadInputException(
          "--name '" + name + "': IVS key pair names are up to 128 letters, digits, '-' and '_'");
    }
    ECPublicKey key =
        KeyFiles.publicKey(
            publicKey, "--public-key", KeyFiles.noPassphrase("--public-key", publicKey));
    try (IvsPlaybackClient client = connect()) {
      // The client checks the fingerprint IVS reports (FingerprintMismatchException, exit 1).
      ImportedKeyPair imported = client.playbackKeyPairs().importKeyPair(key, name, tags);
      print(
          "imported " + imported.arn() + " fingerprint " + imported.fingerprint(),
          KeysListCommand.toJson(imported, null));
    }
    return 0;
  }
}
