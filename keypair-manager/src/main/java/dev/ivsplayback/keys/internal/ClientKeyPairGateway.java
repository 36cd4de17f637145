package dev.ivsplayback.keys.internal;

import dev.ivsplayback.client.ImportedKeyPair;
import dev.ivsplayback.client.IvsPlaybackClient;
import dev.ivsplayback.client.PlaybackKeyPairs;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link KeyPairGateway} over ivs-client's {@link IvsPlaybackClient}. */
public final class ClientKeyPairGateway implements KeyPairGateway {
  private final IvsPlaybackClient client;
  private final PlaybackKeyPairs keyPairs;

  /**
   * Wraps a client.
   *
   * @param client the client (not closed by this gateway)
   */
  public ClientKeyPairGateway(IvsPlaybackClient client) {
    this.client = client;
    this.keyPairs = client.playbackKeyPairs();
  }

  @Override
  public RemotePair importKeyPair(PublicKey key, String name, Map<String, String> tags) {
    return remote(keyPairs.importKeyPair(key, name, tags));
  }

  @Override
  public List<RemotePair> list() {
    return keyPairs.listWithFingerprints().stream().map(ClientKeyPairGateway::remote).toList();
  }

  @Override
  public Optional<RemotePair> findByFingerprint(String fingerprint) {
    return keyPairs.findByFingerprint(fingerprint).map(ClientKeyPairGateway::remote);
  }

  @Override
  public void delete(String arn) {
    keyPairs.delete(arn);
  }

  @Override
  public void revokeViewer(String channelArn, String viewerId, int upToVersion) {
    client.revokeViewer(channelArn, viewerId, upToVersion);
  }

  private static RemotePair remote(ImportedKeyPair pair) {
    return new RemotePair(pair.arn(), pair.name(), pair.fingerprint(), pair.tags());
  }
}
