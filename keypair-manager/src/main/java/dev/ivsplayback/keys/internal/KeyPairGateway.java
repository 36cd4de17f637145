package dev.ivsplayback.keys.internal;

import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The IVS operations the manager needs; one seam so that the manager's rules read independently of
 * the client.
 */
public interface KeyPairGateway {

  /**
   * A key pair as IVS reports it.
   *
   * @param arn its ARN
   * @param name its name (may be empty)
   * @param fingerprint the fingerprint IVS computed
   * @param tags its tags
   */
  record RemotePair(String arn, String name, String fingerprint, Map<String, String> tags) {
    /** Copies the tags. */
    public RemotePair {
      tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
  }

  /**
   * Imports a public key; fingerprint checked by the client; idempotent after a lost response.
   *
   * @param key the public key
   * @param name the pair's name
   * @param tags the pair's tags
   * @return the pair
   */
  RemotePair importKeyPair(PublicKey key, String name, Map<String, String> tags);

  /**
   * Lists every key pair in the region, with fingerprints.
   *
   * @return the pairs
   */
  List<RemotePair> list();

  /**
   * Finds a pair by fingerprint.
   *
   * @param fingerprint the fingerprint
   * @return the pair
   */
  Optional<RemotePair> findByFingerprint(String fingerprint);

  /**
   * Deletes a pair.
   *
   * @param arn its ARN
   */
  void delete(String arn);

  /**
   * Revokes viewer sessions.
   *
   * @param channelArn the channel
   * @param viewerId the viewer id
   * @param upToVersion highest version revoked
   */
  void revokeViewer(String channelArn, String viewerId, int upToVersion);
}
