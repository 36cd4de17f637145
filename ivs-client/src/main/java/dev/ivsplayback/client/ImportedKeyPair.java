package dev.ivsplayback.client;

import java.util.Map;
import java.util.Objects;

/**
 * A playback key pair as IVS holds it: only the public half, identified by its ARN and fingerprint.
 *
 * @param arn the key pair's ARN
 * @param name its name; empty when it has none
 * @param fingerprint MD5 of the DER SubjectPublicKeyInfo, lower-case hex pairs joined by ':'
 * @param tags its tags, never null
 */
public record ImportedKeyPair(
    String arn, String name, String fingerprint, Map<String, String> tags) {
  /** Validates and copies. */
  public ImportedKeyPair {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(fingerprint, "fingerprint");
    name = name == null ? "" : name;
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }
}
