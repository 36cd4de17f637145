package dev.ivsplayback.cli.internal;

import dev.ivsplayback.token.PlaybackKeys;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fingerprint --key FILE}: the IVS fingerprint of a public or private key PEM. */
@Command(
    name = "fingerprint",
    mixinStandardHelpOptions = true,
    description = {
      "Print the IVS fingerprint of a public or private key PEM.",
      "The fingerprint is the MD5 of the DER public key, as IVS shows it."
    },
    footerHeading = "%nExample:%n",
    footer = {"  ivs-playback fingerprint --key keys/web.pub.pem"})
final class FingerprintCommand extends AbstractCommand {

  @Option(
      names = "--key",
      required = true,
      paramLabel = "FILE",
      description = "PEM file: PUBLIC KEY, PRIVATE KEY, EC PRIVATE KEY or ENCRYPTED PRIVATE KEY.")
  Path key;

  @Mixin PassphraseOptions passphrase;

  @Override
  public Integer call() {
    KeyFiles.Kind kind = KeyFiles.kind(key, "--key");
    ECPublicKey publicKey = KeyFiles.publicKey(key, "--key", () -> passphrase.read(env()));
    String fingerprint = PlaybackKeys.fingerprint(publicKey);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("fingerprint", fingerprint);
    json.put("keyType", kind.isPrivate() ? "private" : "public");
    json.put("file", key.toString());
    print(fingerprint, json);
    return 0;
  }
}
