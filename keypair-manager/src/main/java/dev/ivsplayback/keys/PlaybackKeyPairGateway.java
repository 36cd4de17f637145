package dev.ivsplayback.keys;

import dev.ivsplayback.client.IvsPlaybackClient;
import dev.ivsplayback.client.ViewerRevocation;
import dev.ivsplayback.keys.internal.ClientKeyPairGateway;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The IVS operations a {@link PlaybackKeyManager} needs: the one seam between its lifecycle rules
 * and IVS. {@link #of(IvsPlaybackClient)} implements it with ivs-client; tests and other transports
 * may implement it themselves.
 *
 * <p><b>Outcomes</b>: every method fails only with a {@link PlaybackKeyException} whose {@link
 * PlaybackKeyException#reason() reason} says what happened, so the lifecycle never looks at SDK or
 * client exception types:
 *
 * <ul>
 *   <li>{@link PlaybackKeyException.Reason#IVS_QUOTA_EXCEEDED}: the region's key pair quota is
 *       reached (nothing imported);
 *   <li>{@link PlaybackKeyException.Reason#KEY_PAIR_NOT_FOUND}: the key pair named does not exist;
 *   <li>{@link PlaybackKeyException.Reason#FINGERPRINT_MISMATCH}: IVS computed another fingerprint
 *       for an imported key ({@link PlaybackKeyException#arn()} names the pair);
 *   <li>{@link PlaybackKeyException.Reason#IVS_THROTTLED}: throttled, nothing done;
 *   <li>{@link PlaybackKeyException.Reason#IVS_REFUSED}: the request was refused as invalid or
 *       forbidden, nothing done;
 *   <li>{@link PlaybackKeyException.Reason#IVS_OUTCOME_UNKNOWN}: ambiguous (transport failure, lost
 *       response, server error): the call may or may not have taken effect.
 * </ul>
 *
 * <p>The original error, if any, is the exception's cause. Implementations must be thread-safe.
 *
 * <pre>{@code
 * PlaybackKeyPairGateway gateway = PlaybackKeyPairGateway.of(ivs); // or your own implementation
 * PlaybackKeyManager keys =
 *     PlaybackKeyManager.builder().managerId("auth-prod").gateway(gateway).store(store).build();
 * }</pre>
 */
public interface PlaybackKeyPairGateway {

  /**
   * A key pair as IVS reports it.
   *
   * @param arn its ARN
   * @param name its name (may be empty)
   * @param fingerprint the fingerprint IVS computed
   * @param tags its tags
   */
  record RemoteKeyPair(String arn, String name, String fingerprint, Map<String, String> tags) {
    /** Checks the ARN and fingerprint and copies the tags. */
    public RemoteKeyPair {
      Objects.requireNonNull(arn, "arn");
      Objects.requireNonNull(fingerprint, "fingerprint");
      name = name == null ? "" : name;
      tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
  }

  /**
   * The gateway over an ivs-client client (the region managed is the client's).
   *
   * @param client the client; not closed by the gateway
   * @return the gateway
   */
  static PlaybackKeyPairGateway of(IvsPlaybackClient client) {
    return new ClientKeyPairGateway(Objects.requireNonNull(client, "client"));
  }

  /**
   * Imports a public key; the fingerprint IVS computes is checked against the key's. Idempotent: a
   * key IVS already holds (e.g. after a lost response) is returned as it is.
   *
   * @param key the EC P-384 public key
   * @param name the pair's name
   * @param tags the pair's tags
   * @return the pair
   * @throws PlaybackKeyException with one of the gateway reasons
   */
  RemoteKeyPair importKeyPair(ECPublicKey key, String name, Map<String, String> tags);

  /**
   * Lists every key pair in the region, managed or not, with fingerprints.
   *
   * @return the pairs
   * @throws PlaybackKeyException with one of the gateway reasons
   */
  List<RemoteKeyPair> list();

  /**
   * Finds a pair by fingerprint.
   *
   * @param fingerprint the fingerprint
   * @return the pair, or empty if IVS holds none with it
   * @throws PlaybackKeyException with one of the gateway reasons
   */
  Optional<RemoteKeyPair> findByFingerprint(String fingerprint);

  /**
   * Deletes a pair. Tokens signed with its private key stop playing.
   *
   * @param arn its ARN
   * @throws PlaybackKeyException {@link PlaybackKeyException.Reason#KEY_PAIR_NOT_FOUND} if IVS does
   *     not hold it (also when a lost response hid an earlier successful delete), or another
   *     gateway reason
   */
  void delete(String arn);

  /**
   * Revokes viewer sessions ({@code StartViewerSessionRevocation}).
   *
   * @param revocation the channel, viewer and highest session version
   * @throws PlaybackKeyException with one of the gateway reasons
   */
  void revokeViewer(ViewerRevocation revocation);
}
