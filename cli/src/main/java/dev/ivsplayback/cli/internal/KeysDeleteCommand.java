package dev.ivsplayback.cli.internal;

import dev.ivsplayback.client.IvsPlaybackClient;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code keys delete ARN}: DeletePlaybackKeyPair. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {
      "Delete a playback key pair from IVS.",
      "Tokens signed with its private key stop playing at once. For keys a key store manages, prefer rotate: it deletes retired keys once their tokens have expired."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  ivs-playback keys delete arn:aws:ivs:us-west-2:123456789012:playback-key/abcd1234efgh"
    })
final class KeysDeleteCommand extends AbstractCommand {

  @Parameters(index = "0", paramLabel = "ARN", description = "The playback key pair ARN.")
  String arn;

  @Override
  public Integer call() {
    if (!arn.matches("arn:aws[a-z-]*:ivs:[a-z0-9-]+:[0-9]+:playback-key/[a-zA-Z0-9-]+")) {
      throw new BadInputException(
          "ARN '"
              + arn
              + "': not a playback key pair ARN (arn:aws:ivs:REGION:ACCOUNT:playback-key/ID)");
    }
    try (IvsPlaybackClient client = connect()) {
      client.playbackKeyPairs().delete(arn);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("deleted", arn);
    print("deleted " + arn, m);
    return 0;
  }
}
