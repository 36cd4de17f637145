package dev.ivsplayback.local.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ivsplayback.local.internal.Resources.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ImportPlaybackKeyPair, GetPlaybackKeyPair, ListPlaybackKeyPairs and DeletePlaybackKeyPair, and
 * the imported public keys playback verification uses. Not thread-safe: runs under {@link
 * IvsState}'s lock.
 */
final class KeyPairOperations {
  private final StateStore store;

  KeyPairOperations(StateStore store) {
    this.store = store;
  }

  void register(OperationTable table) {
    table
        .add("ImportPlaybackKeyPair", this::importKeyPair)
        .add(
            "GetPlaybackKeyPair",
            in -> WireShapes.obj("keyPair", WireShapes.keyPair(store.keyPair(arn(in)), true)))
        .add(
            "ListPlaybackKeyPairs",
            in ->
                Paging.pageOf(
                    in,
                    new ArrayList<>(store.keyPairs.values()),
                    100,
                    "keyPairs",
                    k -> WireShapes.keyPair(k, false)))
        .add(
            "DeletePlaybackKeyPair",
            in -> {
              store.keyPairs.remove(store.keyPair(arn(in)).arn);
              return WireShapes.object();
            });
  }

  private ObjectNode importKeyPair(ObjectNode in) {
    ECPublicKey key = PublicKeyImport.parse(in.path("publicKeyMaterial").asText());
    Map<String, String> tags = TagOperations.parse(in.path("tags"), "tags");
    String fingerprint = PublicKeyImport.fingerprint(key);
    for (KeyPair k : store.keyPairs.values()) {
      if (k.fingerprint.equals(fingerprint)) {
        throw ApiException.conflict(
            "A playback key pair with this public key already exists (fingerprint "
                + fingerprint
                + ").");
      }
    }
    if (store.keyPairs.size() >= IvsState.MAX_KEY_PAIRS) {
      throw ApiException.quota(
          "Request would exceed the quota of "
              + IvsState.MAX_KEY_PAIRS
              + " playback key pairs per account per region.");
    }
    String name = in.path("name").asText("");
    KeyPair k =
        StateStore.store(
            store.keyPairs,
            store.newResource(
                "playback-key",
                (arn, id, number) -> new KeyPair(arn, id, number, name, fingerprint, key)),
            tags);
    return WireShapes.obj("keyPair", WireShapes.keyPair(k, true));
  }

  /** The public keys of the currently imported key pairs (a snapshot). */
  List<PublicKey> publicKeys() {
    List<PublicKey> out = new ArrayList<>();
    for (KeyPair k : store.keyPairs.values()) {
      out.add(k.publicKey);
    }
    return out;
  }

  private static String arn(ObjectNode in) {
    return in.path("arn").asText();
  }
}
