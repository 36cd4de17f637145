package dev.ivsplayback.keys.internal;

import dev.ivsplayback.client.FingerprintMismatchException;
import dev.ivsplayback.client.ImportedKeyPair;
import dev.ivsplayback.client.IvsPlaybackClient;
import dev.ivsplayback.client.PlaybackKeyPairs;
import dev.ivsplayback.client.RateLimitExceededException;
import dev.ivsplayback.client.ViewerRevocation;
import dev.ivsplayback.keys.PlaybackKeyException;
import dev.ivsplayback.keys.PlaybackKeyException.Reason;
import dev.ivsplayback.keys.PlaybackKeyPairGateway;
import dev.ivsplayback.token.IvsPlaybackException;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ivs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ivs.model.ServiceQuotaExceededException;

/**
 * {@link PlaybackKeyPairGateway} over ivs-client's {@link IvsPlaybackClient}. The only class of
 * keypair-manager that sees ivs-client and AWS SDK exception types: it turns each into a {@link
 * PlaybackKeyException} with the outcome's reason, keeping the original as the cause.
 */
public final class ClientKeyPairGateway implements PlaybackKeyPairGateway {
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
  public RemoteKeyPair importKeyPair(ECPublicKey key, String name, Map<String, String> tags) {
    return call(
        "ImportPlaybackKeyPair of " + name,
        null,
        () -> remote(keyPairs.importKeyPair(key, name, tags)));
  }

  @Override
  public List<RemoteKeyPair> list() {
    return call(
        "ListPlaybackKeyPairs",
        null,
        () -> keyPairs.listWithFingerprints().stream().map(ClientKeyPairGateway::remote).toList());
  }

  @Override
  public Optional<RemoteKeyPair> findByFingerprint(String fingerprint) {
    return call(
        "finding the key pair with fingerprint " + fingerprint,
        null,
        () -> keyPairs.findByFingerprint(fingerprint).map(ClientKeyPairGateway::remote));
  }

  @Override
  public void delete(String arn) {
    call(
        "DeletePlaybackKeyPair of " + arn,
        arn,
        () -> {
          keyPairs.delete(arn);
          return null;
        });
  }

  @Override
  public void revokeViewer(ViewerRevocation revocation) {
    call(
        "StartViewerSessionRevocation for viewer "
            + revocation.viewerId()
            + " on "
            + revocation.channelArn(),
        null,
        () -> {
          client.revokeViewer(
              revocation.channelArn(), revocation.viewerId(), revocation.upToVersion());
          return null;
        });
  }

  private static <T> T call(String what, String arn, Supplier<T> action) {
    try {
      return action.get();
    } catch (RuntimeException e) {
      throw translate(what, arn, e);
    }
  }

  /** The typed outcome of a failed call. */
  static PlaybackKeyException translate(String what, String arn, RuntimeException e) {
    if (e instanceof PlaybackKeyException known) {
      return known;
    }
    if (e instanceof FingerprintMismatchException mismatch) {
      return new PlaybackKeyException(
          Reason.FINGERPRINT_MISMATCH, null, mismatch.arn(), what + ": " + e.getMessage(), e);
    }
    Reason reason = reasonOf(e);
    return new PlaybackKeyException(
        reason, null, arn, what + " failed (" + describe(reason) + "): " + e.getMessage(), e);
  }

  private static Reason reasonOf(RuntimeException e) {
    if (e instanceof RateLimitExceededException) {
      return Reason.IVS_THROTTLED;
    }
    if (e instanceof ServiceQuotaExceededException) {
      return Reason.IVS_QUOTA_EXCEEDED;
    }
    if (e instanceof ResourceNotFoundException) {
      return Reason.KEY_PAIR_NOT_FOUND;
    }
    if (e instanceof AwsServiceException service) {
      if (service.isThrottlingException()) {
        return Reason.IVS_THROTTLED;
      }
      // A 5xx may have been applied before it failed; a 4xx was refused as sent.
      return service.statusCode() >= 500 ? Reason.IVS_OUTCOME_UNKNOWN : Reason.IVS_REFUSED;
    }
    if (e instanceof SdkClientException) {
      return Reason.IVS_OUTCOME_UNKNOWN; // transport failure or lost response
    }
    if (e instanceof IvsPlaybackException) {
      return Reason.IVS_REFUSED; // the client's own checks, before anything was sent
    }
    return Reason.IVS_OUTCOME_UNKNOWN;
  }

  private static String describe(Reason reason) {
    return switch (reason) {
      case IVS_QUOTA_EXCEEDED -> "playback key pair quota exceeded";
      case KEY_PAIR_NOT_FOUND -> "no such key pair";
      case IVS_THROTTLED -> "throttled";
      case IVS_REFUSED -> "refused";
      default -> "outcome unknown";
    };
  }

  private static RemoteKeyPair remote(ImportedKeyPair pair) {
    return new RemoteKeyPair(pair.arn(), pair.name(), pair.fingerprint(), pair.tags());
  }
}
