package dev.ivsplayback.keys.internal;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ivsplayback.keys.CorruptKeyStoreException;
import dev.ivsplayback.keys.FleetTokenLimits;
import dev.ivsplayback.keys.PlaybackKeyPem;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.PlaybackKeyState;
import dev.ivsplayback.keys.PlaybackKeyStoreSnapshot;
import dev.ivsplayback.keys.StoreLease;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The key store file format, version 1:
 *
 * <pre>
 * IVS-PLAYBACK-KEYSTORE 1 &lt;body length in bytes&gt; &lt;SHA-256 of body, hex&gt;\n
 * &lt;body: one JSON object {"version":N,"lease":{...},"tokenLimits":{...},"keys":[...]}&gt;
 * </pre>
 *
 * The header makes a truncated, extended or half-written file detectable before any of it is
 * interpreted.
 */
public final class StoreCodec {
  /** First token of the header line. */
  public static final String MAGIC = "IVS-PLAYBACK-KEYSTORE";

  /** Current format version. */
  public static final int FORMAT = 1;

  private StoreCodec() {}

  /**
   * Encodes a snapshot.
   *
   * @param snapshot the snapshot
   * @param protect encrypts a record's private key into a JSON map
   * @return the file bytes
   */
  public static byte[] encode(
      PlaybackKeyStoreSnapshot snapshot, Function<PlaybackKeyRecord, Map<String, Object>> protect) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", snapshot.version());
    snapshot
        .lease()
        .ifPresent(
            lease -> {
              Map<String, Object> l = new LinkedHashMap<>();
              l.put("owner", lease.owner());
              l.put("acquiredAt", lease.acquiredAt().toString());
              l.put("expiresAt", lease.expiresAt().toString());
              body.put("lease", l);
            });
    snapshot
        .tokenLimits()
        .ifPresent(
            limits -> {
              Map<String, Object> t = new LinkedHashMap<>();
              t.put("maxTokenTtl", limits.maxTokenTtl().toString());
              t.put("maxSnapshotAge", limits.maxSnapshotAge().toString());
              t.put("clockSkew", limits.clockSkew().toString());
              body.put("tokenLimits", t);
            });
    List<Object> keys = new ArrayList<>();
    for (PlaybackKeyRecord r : snapshot.keys()) {
      Map<String, Object> k = new LinkedHashMap<>();
      k.put("keyId", r.keyId());
      k.put("state", r.state().name());
      k.put("fingerprint", r.fingerprint());
      k.put("publicKey", PlaybackKeyPem.publicKeyPem(r.publicKey()));
      r.arn().ifPresent(v -> k.put("arn", v));
      k.put("createdAt", r.createdAt().toString());
      r.importedAt().ifPresent(v -> k.put("importedAt", v.toString()));
      r.promotableAt().ifPresent(v -> k.put("promotableAt", v.toString()));
      r.activatedAt().ifPresent(v -> k.put("activatedAt", v.toString()));
      r.retiredAt().ifPresent(v -> k.put("retiredAt", v.toString()));
      r.deletableAt().ifPresent(v -> k.put("deletableAt", v.toString()));
      r.deletedAt().ifPresent(v -> k.put("deletedAt", v.toString()));
      r.destroyedAt().ifPresent(v -> k.put("destroyedAt", v.toString()));
      k.put("quarantined", r.quarantined());
      if (r.hasPrivateKey()) {
        k.put("privateKey", protect.apply(r));
      }
      keys.add(k);
    }
    body.put("keys", keys);
    byte[] json = JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8);
    byte[] header =
        (MAGIC + " " + FORMAT + " " + json.length + " " + sha256(json) + "\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[header.length + json.length];
    System.arraycopy(header, 0, out, 0, header.length);
    System.arraycopy(json, 0, out, header.length, json.length);
    return out;
  }

  /**
   * Decodes and verifies a store file.
   *
   * @param bytes the file bytes
   * @param where the file, for messages
   * @param unprotect decrypts (keyId, JSON map) into a private key
   * @return the snapshot
   * @throws CorruptKeyStoreException if the header, length, checksum or content is wrong
   */
  public static PlaybackKeyStoreSnapshot decode(
      byte[] bytes, String where, BiFunction<String, Map<String, Object>, PrivateKey> unprotect) {
    int newline = -1;
    for (int i = 0; i < Math.min(bytes.length, 256); i++) {
      if (bytes[i] == '\n') {
        newline = i;
        break;
      }
    }
    if (newline < 0) {
      throw new CorruptKeyStoreException(
          where
              + ": no valid header line (file is "
              + bytes.length
              + " bytes; truncated or not a key store)");
    }
    String[] header = new String(bytes, 0, newline, StandardCharsets.US_ASCII).split(" ");
    if (header.length != 4 || !MAGIC.equals(header[0])) {
      throw new CorruptKeyStoreException(
          where + ": header does not start with " + MAGIC + "; not a key store file");
    }
    if (!String.valueOf(FORMAT).equals(header[1])) {
      throw new CorruptKeyStoreException(
          where + ": format version " + header[1] + " is not supported (expected " + FORMAT + ")");
    }
    long declared;
    try {
      declared = Long.parseLong(header[2]);
    } catch (NumberFormatException e) {
      throw new CorruptKeyStoreException(
          where + ": header length '" + header[2] + "' is not a number");
    }
    int actual = bytes.length - newline - 1;
    if (declared != actual) {
      throw new CorruptKeyStoreException(
          where
              + ": body is "
              + actual
              + " bytes but the header declares "
              + declared
              + " (truncated or half-written file); refusing to load it");
    }
    byte[] json = new byte[actual];
    System.arraycopy(bytes, newline + 1, json, 0, actual);
    if (!sha256(json).equals(header[3])) {
      throw new CorruptKeyStoreException(
          where
              + ": SHA-256 of the body does not match the header (damaged file);"
              + " refusing to load it");
    }
    try {
      Map<String, Object> body = JSONObjectUtils.parse(new String(json, StandardCharsets.UTF_8));
      long version = JSONObjectUtils.getLong(body, "version");
      Optional<StoreLease> lease = Optional.empty();
      Map<String, Object> l = JSONObjectUtils.getJSONObject(body, "lease");
      if (l != null) {
        lease =
            Optional.of(
                new StoreLease(
                    JSONObjectUtils.getString(l, "owner"),
                    instant(l, "acquiredAt"),
                    instant(l, "expiresAt")));
      }
      // Absent in stores written before the limits were recorded: each process then uses its local
      // policy.
      Optional<FleetTokenLimits> tokenLimits = Optional.empty();
      Map<String, Object> t = JSONObjectUtils.getJSONObject(body, "tokenLimits");
      if (t != null) {
        tokenLimits =
            Optional.of(
                new FleetTokenLimits(
                    duration(t, "maxTokenTtl"),
                    duration(t, "maxSnapshotAge"),
                    duration(t, "clockSkew")));
      }
      List<PlaybackKeyRecord> keys = new ArrayList<>();
      Map<String, Object>[] array = JSONObjectUtils.getJSONObjectArray(body, "keys");
      for (Map<String, Object> k :
          array == null ? List.<Map<String, Object>>of() : List.of(array)) {
        String keyId = JSONObjectUtils.getString(k, "keyId");
        PlaybackKeyRecord.Builder b =
            PlaybackKeyRecord.builder()
                .keyId(keyId)
                .state(PlaybackKeyState.valueOf(JSONObjectUtils.getString(k, "state")))
                .fingerprint(JSONObjectUtils.getString(k, "fingerprint"))
                .publicKey(PlaybackKeyPem.readPublicKey(JSONObjectUtils.getString(k, "publicKey")))
                .arn(JSONObjectUtils.getString(k, "arn"))
                .createdAt(instant(k, "createdAt"))
                .importedAt(instant(k, "importedAt"))
                .promotableAt(instant(k, "promotableAt"))
                .activatedAt(instant(k, "activatedAt"))
                .retiredAt(instant(k, "retiredAt"))
                .deletableAt(instant(k, "deletableAt"))
                .deletedAt(instant(k, "deletedAt"))
                .destroyedAt(instant(k, "destroyedAt"))
                .quarantined(Boolean.TRUE.equals(k.get("quarantined")));
        Map<String, Object> protectedKey = JSONObjectUtils.getJSONObject(k, "privateKey");
        if (protectedKey != null) {
          b.privateKey(unprotect.apply(keyId, protectedKey));
        }
        keys.add(b.build());
      }
      return new PlaybackKeyStoreSnapshot(version, keys, lease, tokenLimits);
    } catch (java.text.ParseException | RuntimeException e) {
      if (e instanceof dev.ivsplayback.keys.PlaybackKeyStoreException stored
          && stored.reason()
              == dev.ivsplayback.keys.PlaybackKeyException.Reason.DECRYPTION_FAILED) {
        throw stored;
      }
      if (e instanceof CorruptKeyStoreException corrupt) { // a snapshot invariant: name the record
        throw new CorruptKeyStoreException(
            corrupt.keyId().orElse(null), where + ": " + corrupt.getMessage(), corrupt);
      }
      throw new CorruptKeyStoreException(
          where
              + ": content is not a valid key store ("
              + e.getClass().getSimpleName()
              + ": "
              + safeMessage(e)
              + ")",
          e);
    }
  }

  private static String safeMessage(Exception e) {
    String m = e.getMessage();
    return m == null ? "" : m.length() > 200 ? m.substring(0, 200) : m;
  }

  private static java.time.Duration duration(Map<String, Object> map, String field)
      throws java.text.ParseException {
    String value = JSONObjectUtils.getString(map, field);
    if (value == null) {
      throw new java.text.ParseException("tokenLimits." + field + " is missing", 0);
    }
    return java.time.Duration.parse(value);
  }

  private static Instant instant(Map<String, Object> map, String field)
      throws java.text.ParseException {
    String value = JSONObjectUtils.getString(map, field);
    return value == null ? null : Instant.parse(value);
  }

  /**
   * Hex SHA-256.
   *
   * @param data bytes
   * @return lower-case hex digest
   */
  public static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
