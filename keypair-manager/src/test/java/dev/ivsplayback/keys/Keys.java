package dev.ivsplayback.keys;

import dev.ivsplayback.token.PlaybackKeys;
import java.time.Instant;
import java.util.List;

/** Builds key records for store tests. */
final class Keys {
  private Keys() {}

  /**
   * The private key of a record, read as a store implementation reads it (store tests compare what
   * was written with what is read back).
   */
  static java.security.PrivateKey privateKeyOf(PlaybackKeyRecord record) {
    return record
        .privateKey(KeyMaterialAccess.forStore(InMemoryPlaybackKeyStore.create()))
        .orElseThrow();
  }

  /**
   * Asserts two private keys are the same key (same P-384 scalar) without ever printing either: a
   * failure message names only the public-key fingerprints.
   */
  static void assertSamePrivateKey(
      java.security.PrivateKey actual, java.security.PrivateKey expected) {
    boolean same =
        ((java.security.interfaces.ECPrivateKey) actual)
            .getS()
            .equals(((java.security.interfaces.ECPrivateKey) expected).getS());
    if (!same) {
      throw new AssertionError(
          "private keys differ: fingerprints "
              + PlaybackKeys.fingerprint(PlaybackKeys.publicKeyOf(actual))
              + " and "
              + PlaybackKeys.fingerprint(PlaybackKeys.publicKeyOf(expected)));
    }
  }

  /**
   * Asserts that {@code text} contains no encoding of the private scalar (hex, base64 of the
   * scalar, base64 of the whole PKCS#8), without printing any of them on failure.
   */
  static void assertNoPrivateMaterial(String text, java.security.PrivateKey key) {
    byte[] s = ((java.security.interfaces.ECPrivateKey) key).getS().toByteArray();
    byte[] scalar = s.length > 48 ? java.util.Arrays.copyOfRange(s, s.length - 48, s.length) : s;
    String flat = text.replace("\n", "").replace("\r", "");
    List<String> forms =
        List.of(
            java.util.HexFormat.of().formatHex(scalar),
            java.util.Base64.getEncoder().encodeToString(scalar).substring(0, 32),
            java.util.Base64.getEncoder().encodeToString(key.getEncoded()));
    for (String form : forms) {
      if (flat.contains(form)
          || flat.toLowerCase(java.util.Locale.ROOT)
                  .contains(form.toLowerCase(java.util.Locale.ROOT))
              && form.matches("[0-9a-f]+")) {
        throw new AssertionError("text contains private key material (not shown)");
      }
    }
  }

  static PlaybackKeyRecord generated(String keyId, Instant createdAt) {
    return dev.ivsplayback.keys.contract.PlaybackKeyStoreContract.record(keyId).toBuilder()
        .createdAt(createdAt)
        .build();
  }
}
