package dev.ivsplayback.keys.internal.lifecycle;

import dev.ivsplayback.client.ViewerRevocation;
import dev.ivsplayback.keys.PlaybackKeyException;
import dev.ivsplayback.keys.PlaybackKeyException.Reason;
import dev.ivsplayback.keys.PlaybackKeyPairGateway;
import dev.ivsplayback.token.PlaybackKeys;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory IVS behind the {@link PlaybackKeyPairGateway} seam: the seam exists so that the
 * lifecycle rules can be exercised without IVS, and this is that use. It keeps pairs by ARN,
 * computes fingerprints as IVS does, and answers a missing pair with KEY_PAIR_NOT_FOUND.
 */
final class FakeGateway implements PlaybackKeyPairGateway {
  private final Map<String, RemoteKeyPair> pairs = new LinkedHashMap<>();
  final List<String> deleted = new ArrayList<>();
  private int next;

  @Override
  public synchronized RemoteKeyPair importKeyPair(
      ECPublicKey key, String name, Map<String, String> tags) {
    String fingerprint = PlaybackKeys.fingerprint(key);
    Optional<RemoteKeyPair> existing = findByFingerprint(fingerprint);
    if (existing.isPresent()) {
      return existing.get();
    }
    String arn = "arn:aws:ivs:us-west-2:123456789012:playback-key/fake" + (++next);
    RemoteKeyPair pair = new RemoteKeyPair(arn, name, fingerprint, tags);
    pairs.put(arn, pair);
    return pair;
  }

  @Override
  public synchronized List<RemoteKeyPair> list() {
    return List.copyOf(pairs.values());
  }

  @Override
  public synchronized Optional<RemoteKeyPair> findByFingerprint(String fingerprint) {
    return pairs.values().stream().filter(p -> p.fingerprint().equals(fingerprint)).findFirst();
  }

  @Override
  public synchronized void delete(String arn) {
    if (pairs.remove(arn) == null) {
      throw new PlaybackKeyException(
          Reason.KEY_PAIR_NOT_FOUND, null, arn, "no key pair " + arn, null);
    }
    deleted.add(arn);
  }

  @Override
  public void revokeViewer(ViewerRevocation revocation) {}

  synchronized boolean holds(String arn) {
    return pairs.containsKey(arn);
  }
}
