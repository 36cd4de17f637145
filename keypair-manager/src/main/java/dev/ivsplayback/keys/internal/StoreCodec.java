package dev.ivsplayback.keys.internal;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ivsplayback.keys.CorruptKeyStoreException;
import dev.ivsplayback.keys.FleetTokenLimits;
import dev.ivsplayback.keys.PlaybackKeyPem;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.PlaybackKeyState;
import dev.ivsplayback.keys.PlaybackKeyStoreException;
import dev.ivsplayback.keys.PlaybackKeyStoreSnapshot;
import dev.ivsplayback.keys.StoreLease;
import dev.ivsplayback.token.PlaybackKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The key store file format, version 2 (authenticated):
 *
 * <pre>
 * IVS-PLAYBACK-KEYSTORE 2 &lt;kdf&gt; &lt;check&gt; &lt;body length&gt; &lt;HMAC-SHA256, hex&gt;\n
 * &lt;body: one JSON object {"version":N,"writes":W,"lease":{...},"tokenLimits":{...},"keys":[...]}&gt;
 * </pre>
 *
 * <ul>
 *   <li>{@code kdf}: how the store's keys come from its secret ({@link StoreKdf}); {@code check}: a
 *       value derived from the secret ({@link StoreKeys#check()}) so a wrong secret is reported as
 *       such;
 *   <li>the MAC is HMAC-SHA256 under the store's MAC key over every byte of the file except the 64
 *       MAC characters themselves: magic, format, kdf, check, length, the newline and the body;
 *   <li>{@code writes} counts every write of the file (lease changes included), so a process can
 *       tell an older copy of the same version from the current one.
 * </ul>
 *
 * Version 1 (header {@code IVS-PLAYBACK-KEYSTORE 1 <length> <SHA-256 hex>}, no kdf, check or
 * writes) is read only to migrate it. The header makes a truncated, extended or half-written file
 * detectable before any of it is interpreted, and nothing in the body is interpreted before the MAC
 * verifies.
 */
public final class StoreCodec {
  /** First token of the header line. */
  public static final String MAGIC = "IVS-PLAYBACK-KEYSTORE";

  /** Current format version. */
  public static final int FORMAT = 2;

  /** The unauthenticated format, read once to migrate it. */
  public static final int LEGACY_FORMAT = 1;

  private static final int MAX_HEADER = 512;
  private static final int MAC_HEX = 64;

  private StoreCodec() {}

  /** A store file whose structure checked out; nothing in it is trusted yet. */
  public sealed interface Envelope permits Legacy, Sealed {}

  /**
   * A format-1 file: length and SHA-256 checked, not authenticated.
   *
   * @param body the JSON body
   */
  public record Legacy(byte[] body) implements Envelope {}

  /**
   * A format-2 file, before its MAC is verified.
   *
   * @param kdf the derivation parameters from the header
   * @param check the header's check value
   * @param signed every byte of the file except the MAC
   * @param mac the MAC from the header
   * @param body the JSON body
   */
  public record Sealed(StoreKdf kdf, String check, byte[] signed, byte[] mac, byte[] body)
      implements Envelope {}

  /**
   * A decoded store.
   *
   * @param snapshot the snapshot
   * @param writes how many times the file has been written (0 for a format-1 file)
   * @param storeId the store id bound in the body, if any
   */
  public record Contents(PlaybackKeyStoreSnapshot snapshot, long writes, Optional<String> storeId) {
    /**
     * Contents with no bound store id.
     *
     * @param snapshot the snapshot
     * @param writes the write count
     */
    public Contents(PlaybackKeyStoreSnapshot snapshot, long writes) {
      this(snapshot, writes, Optional.empty());
    }
  }

  /** Turns a stored private key back into a key (decrypting it and checking its binding). */
  @FunctionalInterface
  public interface KeyReader {
    /**
     * Reads one private key.
     *
     * @param keyId the record's key id
     * @param fingerprint the record's fingerprint
     * @param form the stored map
     * @return the private key
     */
    PrivateKey read(String keyId, String fingerprint, Map<String, Object> form);
  }

  /**
   * Encodes a snapshot in the current format.
   *
   * @param snapshot the snapshot
   * @param writes this write's number (the previous file's plus one)
   * @param keys the store's keys (their parameters go in the header)
   * @param protect encrypts a record's private key into a JSON map, bound to the record
   * @param storeId the id of the store these bytes belong to (a database store keeps many stores in
   *     one table; binding the id under the MAC stops one store's row being copied into another's),
   *     or null for a file store, which its directory identifies
   * @return the file bytes
   */
  public static byte[] encode(
      PlaybackKeyStoreSnapshot snapshot,
      long writes,
      StoreKeys keys,
      Function<PlaybackKeyRecord, Map<String, Object>> protect,
      String storeId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", snapshot.version());
    body.put("writes", writes);
    if (storeId != null) {
      body.put("storeId", storeId);
    }
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
    List<Object> keyList = new ArrayList<>();
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
      keyList.add(k);
    }
    body.put("keys", keyList);
    byte[] json = JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8);
    byte[] signedHeader =
        (MAGIC
                + " "
                + FORMAT
                + " "
                + keys.kdf().text()
                + " "
                + keys.check()
                + " "
                + json.length
                + " ")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] signed = concat(signedHeader, NEWLINE, json);
    byte[] mac = HexFormat.of().formatHex(keys.mac(signed)).getBytes(StandardCharsets.US_ASCII);
    return concat(signedHeader, mac, NEWLINE, json);
  }

  /**
   * Checks a file's structure: header, format, declared length, and for format 1 the SHA-256.
   *
   * @param bytes the file bytes
   * @param where the file, for messages
   * @return the envelope; a {@link Sealed} one still needs {@link #verify}
   * @throws CorruptKeyStoreException if the structure is wrong
   */
  public static Envelope open(byte[] bytes, String where) {
    int newline = -1;
    for (int i = 0; i < Math.min(bytes.length, MAX_HEADER); i++) {
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
    String line = new String(bytes, 0, newline, StandardCharsets.US_ASCII);
    String[] header = line.split(" ", -1);
    if (header.length < 2 || !MAGIC.equals(header[0])) {
      throw new CorruptKeyStoreException(
          where + ": header does not start with " + MAGIC + "; not a key store file");
    }
    boolean legacy = String.valueOf(LEGACY_FORMAT).equals(header[1]);
    if (!legacy && !String.valueOf(FORMAT).equals(header[1])) {
      throw new CorruptKeyStoreException(
          where
              + ": format version "
              + shorten(header[1])
              + " is not supported (expected "
              + FORMAT
              + ", or "
              + LEGACY_FORMAT
              + " to migrate)");
    }
    if (header.length != (legacy ? 4 : 6)) {
      throw new CorruptKeyStoreException(
          where
              + ": format "
              + header[1]
              + " header has "
              + header.length
              + " fields, expected "
              + (legacy ? 4 : 6)
              + "; not a key store file");
    }
    String length = header[legacy ? 2 : 4];
    long declared;
    try {
      declared = Long.parseLong(length);
    } catch (NumberFormatException e) {
      throw new CorruptKeyStoreException(
          where + ": header length '" + shorten(length) + "' is not a number");
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
    byte[] json = Arrays.copyOfRange(bytes, newline + 1, bytes.length);
    if (legacy) {
      if (!sha256(json).equals(header[3])) {
        throw new CorruptKeyStoreException(
            where
                + ": SHA-256 of the body does not match the header (damaged file);"
                + " refusing to load it");
      }
      return new Legacy(json);
    }
    String mac = header[5];
    if (mac.length() != MAC_HEX || !mac.matches("[0-9a-f]+")) {
      throw new CorruptKeyStoreException(
          where + ": header MAC is not 64 lower-case hex digits; refusing to load it");
    }
    StoreKdf kdf = StoreKdf.parse(header[2], where);
    String check = header[3];
    if (!check.matches("[A-Za-z0-9_-]{22}")) {
      throw new CorruptKeyStoreException(
          where + ": header check value is not 16 bytes of base64url; refusing to load it");
    }
    int macStart = newline - MAC_HEX;
    byte[] signed = new byte[bytes.length - MAC_HEX];
    System.arraycopy(bytes, 0, signed, 0, macStart);
    System.arraycopy(bytes, newline, signed, macStart, bytes.length - newline);
    return new Sealed(kdf, check, signed, HexFormat.of().parseHex(mac), json);
  }

  /**
   * Verifies a format-2 file's MAC (constant time).
   *
   * @param sealed the envelope
   * @param keys the store's keys for the envelope's parameters
   * @param where the file, for messages
   * @throws CorruptKeyStoreException if the MAC does not match
   */
  public static void verify(Sealed sealed, StoreKeys keys, String where) {
    if (!MessageDigest.isEqual(keys.mac(sealed.signed()), sealed.mac())) {
      throw new CorruptKeyStoreException(
          where
              + ": HMAC-SHA-256 of the file does not match its header: the file was altered or"
              + " damaged (the secret is right: its check value matched); refusing to load it");
    }
  }

  /**
   * Decodes a body whose envelope checked out, and checks every record: the fingerprint is the
   * public key's, and each private key is the public key's (d·G = Q).
   *
   * @param body the JSON body
   * @param where the file, for messages
   * @param authenticated whether the body's MAC verified (format 2): a private key that then fails
   *     to decrypt is corruption, not a wrong secret
   * @param reader reads each private key
   * @return the contents
   * @throws CorruptKeyStoreException if the content or a record is wrong (naming the record)
   */
  public static Contents decode(
      byte[] body, String where, boolean authenticated, KeyReader reader) {
    try {
      Map<String, Object> json = JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8));
      long version = JSONObjectUtils.getLong(json, "version");
      long writes = authenticated ? JSONObjectUtils.getLong(json, "writes") : 0;
      Optional<String> storeId = Optional.ofNullable(JSONObjectUtils.getString(json, "storeId"));
      Optional<StoreLease> lease = Optional.empty();
      Map<String, Object> l = JSONObjectUtils.getJSONObject(json, "lease");
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
      Map<String, Object> t = JSONObjectUtils.getJSONObject(json, "tokenLimits");
      if (t != null) {
        tokenLimits =
            Optional.of(
                new FleetTokenLimits(
                    duration(t, "maxTokenTtl"),
                    duration(t, "maxSnapshotAge"),
                    duration(t, "clockSkew")));
      }
      List<PlaybackKeyRecord> keys = new ArrayList<>();
      Map<String, Object>[] array = JSONObjectUtils.getJSONObjectArray(json, "keys");
      for (Map<String, Object> k :
          array == null ? List.<Map<String, Object>>of() : List.of(array)) {
        keys.add(record(k, where, authenticated, reader));
      }
      return new Contents(
          new PlaybackKeyStoreSnapshot(version, keys, lease, tokenLimits), writes, storeId);
    } catch (java.text.ParseException | RuntimeException e) {
      if (e instanceof CorruptKeyStoreException corrupt
          && !corrupt.getMessage().startsWith(where)) {
        // A snapshot invariant (two ACTIVE keys, a repeated id): name the file and the record.
        throw new CorruptKeyStoreException(
            corrupt.keyId().orElse(null), where + ": " + corrupt.getMessage(), corrupt);
      }
      if (e instanceof PlaybackKeyStoreException known) {
        throw known;
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

  private static PlaybackKeyRecord record(
      Map<String, Object> k, String where, boolean authenticated, KeyReader reader)
      throws java.text.ParseException {
    String keyId = JSONObjectUtils.getString(k, "keyId");
    String fingerprint = JSONObjectUtils.getString(k, "fingerprint");
    ECPublicKey publicKey = PlaybackKeyPem.readPublicKey(JSONObjectUtils.getString(k, "publicKey"));
    requireConsistent(keyId, fingerprint, publicKey, null, where);
    PlaybackKeyRecord.Builder b =
        PlaybackKeyRecord.builder()
            .keyId(keyId)
            .state(PlaybackKeyState.valueOf(JSONObjectUtils.getString(k, "state")))
            .fingerprint(fingerprint)
            .publicKey(publicKey)
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
      PrivateKey privateKey;
      try {
        privateKey = reader.read(keyId, fingerprint, protectedKey);
      } catch (PlaybackKeyStoreException e) {
        if (!authenticated
            || e.reason() != dev.ivsplayback.keys.PlaybackKeyException.Reason.DECRYPTION_FAILED) {
          throw e;
        }
        throw new CorruptKeyStoreException(
            where
                + ": the private key of record "
                + keyId
                + " does not decrypt although the file authenticated (it was sealed with another"
                + " secret, or altered by a holder of this one); refusing to load the store",
            e);
      }
      requireConsistent(keyId, fingerprint, publicKey, privateKey, where);
      b.privateKey(privateKey);
    }
    return b.build();
  }

  /**
   * Checks that a record is consistent: its fingerprint is its public key's, and its private key
   * (if any) is its public key's (d·G = Q).
   *
   * @param keyId the record's key id
   * @param fingerprint the record's fingerprint
   * @param publicKey the record's public key
   * @param privateKey the private key, or null
   * @return empty if consistent; otherwise what is wrong (naming the record, never key material)
   */
  public static Optional<String> keyPairProblem(
      String keyId, String fingerprint, ECPublicKey publicKey, PrivateKey privateKey) {
    String actual = PlaybackKeys.fingerprint(publicKey);
    if (!actual.equals(fingerprint)) {
      return Optional.of(
          "record "
              + keyId
              + " has fingerprint "
              + fingerprint
              + " but its public key's fingerprint is "
              + actual);
    }
    if (privateKey == null) {
      return Optional.empty();
    }
    ECPublicKey derived;
    try {
      derived = PlaybackKeys.publicKeyOf(privateKey);
    } catch (RuntimeException e) {
      return Optional.of("the private key of record " + keyId + " is not a valid P-384 key");
    }
    if (!derived.getW().equals(publicKey.getW())) {
      return Optional.of(
          "the private key of record "
              + keyId
              + " does not belong to its public key (fingerprint "
              + fingerprint
              + "; the private key's public key has fingerprint "
              + PlaybackKeys.fingerprint(derived)
              + ")");
    }
    return Optional.empty();
  }

  private static void requireConsistent(
      String keyId,
      String fingerprint,
      ECPublicKey publicKey,
      PrivateKey privateKey,
      String where) {
    Optional<String> problem = keyPairProblem(keyId, fingerprint, publicKey, privateKey);
    if (problem.isPresent()) {
      throw new CorruptKeyStoreException(
          where + ": " + problem.get() + "; refusing to load the store");
    }
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) {
      length += p.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  private static final byte[] NEWLINE = {'\n'};

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
