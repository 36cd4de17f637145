package dev.ivsplayback.keys;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ivsplayback.keys.internal.PassphraseProtector;
import dev.ivsplayback.keys.internal.StoreKdf;
import dev.ivsplayback.keys.internal.StoreKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Writes store files the way an attacker, a holder of the secret, or the previous release would:
 * edited and re-authenticated with the real secret (format 2), or in the unauthenticated format 1.
 * Written from the format's description, not with the store's own encoder.
 */
final class StoreFiles {
  /** Tests read stored private keys as a store would. */
  static final KeyMaterialAccess ACCESS =
      KeyMaterialAccess.forStore(InMemoryPlaybackKeyStore.create());

  static final KeyEncryptionParameters FAST = KeyEncryptionParameters.of(10, 1);

  private StoreFiles() {}

  /** The file's header line. */
  static String header(Path file) throws Exception {
    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
    return text.substring(0, text.indexOf('\n'));
  }

  /** The body of a format-2 file, as JSON. */
  static Map<String, Object> body(Path file) throws Exception {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return JSONObjectUtils.parse(text.substring(text.indexOf('\n') + 1));
  }

  /**
   * Edits the body of a passphrase store's format-2 file and authenticates it again with the real
   * passphrase (keeping the header's KDF and check value), as only a holder of the secret could.
   */
  static void reseal(Path file, char[] passphrase, UnaryOperator<Map<String, Object>> edit)
      throws Exception {
    String[] header = header(file).split(" ");
    StoreKdf kdf = StoreKdf.parse(header[2], "test");
    PassphraseProtector protector = new PassphraseProtector(passphrase, FAST);
    try {
      write(file, header[2], header[3], protector.storeKeys(kdf, "test"), edit.apply(body(file)));
    } finally {
      protector.destroy();
    }
  }

  /** Writes a format-2 file with the given header fields and body, MAC'd with {@code keys}. */
  static void write(Path file, String kdf, String check, StoreKeys keys, Map<String, Object> body)
      throws Exception {
    byte[] json = JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8);
    String signedHeader = "IVS-PLAYBACK-KEYSTORE 2 " + kdf + " " + check + " " + json.length + " ";
    byte[] signed =
        concat(signedHeader.getBytes(StandardCharsets.US_ASCII), new byte[] {'\n'}, json);
    String mac = HexFormat.of().formatHex(keys.mac(signed));
    put(file, concat((signedHeader + mac + "\n").getBytes(StandardCharsets.US_ASCII), json));
  }

  /** The key records of a body, for editing. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> keys(Map<String, Object> body) {
    return (List<Map<String, Object>>) body.get("keys");
  }

  /**
   * Writes a store in the previous, unauthenticated format 1 (header with length and SHA-256),
   * private keys as encrypted PKCS#8 under {@code passphrase} without any binding.
   */
  static void writeLegacy(
      Path file, long version, List<PlaybackKeyRecord> records, char[] passphrase)
      throws Exception {
    writeLegacy(
        file,
        version,
        records,
        r -> {
          Map<String, Object> form = new LinkedHashMap<>();
          form.put("scheme", "pkcs8-pbes2-scrypt-aes256cbc");
          form.put(
              "pem",
              PlaybackKeyPem.encryptedPrivateKeyPem(
                  r.privateKey(StoreFiles.ACCESS).orElseThrow(), passphrase, FAST));
          return form;
        });
  }

  /** As above, private keys sealed with AES-256-GCM, the key id as associated data (format 1). */
  static void writeLegacy(Path file, long version, List<PlaybackKeyRecord> records, SecretKey key)
      throws Exception {
    writeLegacy(
        file,
        version,
        records,
        r -> {
          try {
            byte[] iv = new byte[12];
            new SecureRandom().nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(("ivs-playback-key:" + r.keyId()).getBytes(StandardCharsets.UTF_8));
            byte[] sealed =
                cipher.doFinal(r.privateKey(StoreFiles.ACCESS).orElseThrow().getEncoded());
            Map<String, Object> form = new LinkedHashMap<>();
            form.put("scheme", "pkcs8-aes256gcm");
            form.put("iv", Base64.getEncoder().encodeToString(iv));
            form.put("ciphertext", Base64.getEncoder().encodeToString(sealed));
            return form;
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /** Writes a format-1 file from a body (its header computed the format-1 way). */
  static void writeLegacy(Path file, Map<String, Object> body) throws Exception {
    byte[] json = JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8);
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    put(
        file,
        concat(
            ("IVS-PLAYBACK-KEYSTORE 1 " + json.length + " " + sha256 + "\n")
                .getBytes(StandardCharsets.US_ASCII),
            json));
  }

  private static void writeLegacy(
      Path file,
      long version,
      List<PlaybackKeyRecord> records,
      java.util.function.Function<PlaybackKeyRecord, Map<String, Object>> protect)
      throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", version);
    List<Object> keys = new ArrayList<>();
    for (PlaybackKeyRecord r : records) {
      Map<String, Object> k = new LinkedHashMap<>();
      k.put("keyId", r.keyId());
      k.put("state", r.state().name());
      k.put("fingerprint", r.fingerprint());
      k.put("publicKey", PlaybackKeyPem.publicKeyPem(r.publicKey()));
      k.put("createdAt", r.createdAt().toString());
      k.put("quarantined", r.quarantined());
      k.put("privateKey", protect.apply(r));
      keys.add(k);
    }
    body.put("keys", keys);
    writeLegacy(file, body);
  }

  /**
   * Copies a store directory (files keep their permissions) to a path this process has never seen,
   * as a fresh process would find it.
   */
  static Path copyDirectory(Path from, Path to) throws Exception {
    Files.createDirectory(to);
    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwx------"));
    try (var files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(
            f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    return to;
  }

  /** Writes a file owner-only, as the store requires. */
  static void put(Path file, byte[] bytes) throws Exception {
    Files.write(file, bytes);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
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
}
