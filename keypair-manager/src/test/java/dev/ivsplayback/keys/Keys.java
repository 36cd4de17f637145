package dev.ivsplayback.keys;

import dev.ivsplayback.token.PlaybackKeys;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;

/** Builds key records for store tests. */
final class Keys {
  private Keys() {}

  static PlaybackKeyRecord generated(String keyId, Instant createdAt) {
    KeyPair kp = PlaybackKeyGenerator.create().generate();
    return PlaybackKeyRecord.builder().keyId(keyId).state(PlaybackKeyState.GENERATED)
        .publicKey((ECPublicKey) kp.getPublic()).fingerprint(PlaybackKeys.fingerprint(kp.getPublic()))
        .privateKey(kp.getPrivate()).createdAt(createdAt).build();
  }
}
