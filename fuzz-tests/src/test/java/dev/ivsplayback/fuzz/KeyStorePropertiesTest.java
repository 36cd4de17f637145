package dev.ivsplayback.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ivsplayback.keys.CorruptKeyStoreException;
import dev.ivsplayback.keys.FileSystemPlaybackKeyStore;
import dev.ivsplayback.keys.KeyEncryptionParameters;
import dev.ivsplayback.keys.PlaybackKeyGenerator;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.PlaybackKeyState;
import dev.ivsplayback.keys.PlaybackKeyStoreException;
import dev.ivsplayback.keys.internal.AesKeyProtector;
import dev.ivsplayback.keys.internal.PassphraseProtector;
import dev.ivsplayback.keys.internal.PrivateKeyProtector;
import dev.ivsplayback.keys.internal.StoreKdf;
import dev.ivsplayback.token.PlaybackKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The authenticated key store never loads altered data: any byte of the file changed, or two
 * records' private keys swapped (even by a holder of the secret who authenticates the file again),
 * is refused with a typed error.
 */
class KeyStorePropertiesTest {
  private static final KeyEncryptionParameters FAST = KeyEncryptionParameters.of(10, 1);
  private static final char[] PASSPHRASE = "property passphrase".toCharArray();
  private static final int RECORDS = 3;

  private static Path root;
  private static Path runningDir;
  private static FileSystemPlaybackKeyStore running;
  private static byte[] original;
  private static SecretKey aesKey;

  @BeforeContainer
  static void writeStores() throws Exception {
    root = Files.createTempDirectory("keystore-properties");
    runningDir = root.resolve("running");
    running = passphraseStore(runningDir);
    fill(running);
    original = Files.readAllBytes(runningDir.resolve(FileSystemPlaybackKeyStore.STORE_FILE));
    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(256);
    aesKey = generator.generateKey();
  }

  @AfterContainer
  static void deleteStores() throws Exception {
    running.close();
    try (var files = Files.walk(root)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static FileSystemPlaybackKeyStore passphraseStore(Path dir) {
    return FileSystemPlaybackKeyStore.builder()
        .directory(dir)
        .passphrase(PASSPHRASE)
        .encryptionParameters(FAST)
        .build();
  }

  private static FileSystemPlaybackKeyStore aesStore(Path dir) {
    return FileSystemPlaybackKeyStore.builder().directory(dir).encryptionKey(aesKey).build();
  }

  private static void fill(FileSystemPlaybackKeyStore store) {
    List<PlaybackKeyRecord> records = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      KeyPair pair = PlaybackKeyGenerator.create().generate();
      records.add(
          PlaybackKeyRecord.builder()
              .keyId("k" + i)
              .state(PlaybackKeyState.GENERATED)
              .publicKey((ECPublicKey) pair.getPublic())
              .fingerprint(PlaybackKeys.fingerprint(pair.getPublic()))
              .privateKey(pair.getPrivate())
              .createdAt(Instant.parse("2030-01-01T00:00:00Z"))
              .build());
    }
    store.tryAcquireLease("owner", Duration.ofDays(3650));
    store.write(0, records, "owner");
  }

  private static void put(Path file, byte[] bytes) throws Exception {
    Files.write(file, bytes);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  @Provide
  Arbitrary<Integer> positions() {
    return Arbitraries.integers().between(0, original.length - 1);
  }

  @Property(tries = 400)
  void anyAlteredByte_isRefusedAsCorrupt_byTheProcessRunningTheStore(
      @ForAll("positions") int position, @ForAll @IntRange(min = 1, max = 255) int mask)
      throws Exception {
    byte[] altered = original.clone();
    altered[position] = (byte) (altered[position] ^ mask);
    Path file = runningDir.resolve(FileSystemPlaybackKeyStore.STORE_FILE);
    put(file, altered);
    try {
      Throwable thrown = catchThrowable(running::read);
      assertThat(thrown)
          .as("byte %d ^ %d", position, mask)
          .isInstanceOf(CorruptKeyStoreException.class);
    } finally {
      put(file, original);
    }
  }

  @Property(tries = 150)
  void anyAlteredByte_isNeverLoaded_byAFreshProcess(
      @ForAll("positions") int position, @ForAll @IntRange(min = 1, max = 255) int mask)
      throws Exception {
    byte[] altered = original.clone();
    altered[position] = (byte) (altered[position] ^ mask);
    // A directory this process has never seen: no history, as a newly started process.
    Path dir = Files.createTempDirectory(root, "fresh");
    Files.copy(
        runningDir.resolve(FileSystemPlaybackKeyStore.MARKER_FILE),
        dir.resolve(FileSystemPlaybackKeyStore.MARKER_FILE),
        java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    put(dir.resolve(FileSystemPlaybackKeyStore.STORE_FILE), altered);
    try (FileSystemPlaybackKeyStore fresh = passphraseStore(dir)) {
      Throwable thrown = catchThrowable(fresh::read);
      // A changed salt, cost or check value derives other keys, which it reports as a wrong
      // passphrase (or an altered header); everything else is corruption.
      assertThat(thrown)
          .as("byte %d ^ %d", position, mask)
          .isInstanceOf(PlaybackKeyStoreException.class); // corrupt, or a decryption failure
    }
  }

  @Property(tries = 30)
  void swappingTwoRecordsPrivateKeys_isRefusedNamingARecord(
      @ForAll @IntRange(min = 0, max = RECORDS - 1) int first,
      @ForAll @IntRange(min = 0, max = RECORDS - 1) int second,
      @ForAll boolean aes,
      @ForAll boolean resealWithTheSecret)
      throws Exception {
    if (first == second) {
      return;
    }
    Path dir = Files.createTempDirectory(root, "swap");
    Path file = dir.resolve(FileSystemPlaybackKeyStore.STORE_FILE);
    try (FileSystemPlaybackKeyStore store = aes ? aesStore(dir) : passphraseStore(dir)) {
      fill(store);
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int newline = text.indexOf('\n');
    String[] header = text.substring(0, newline).split(" ");
    Map<String, Object> body = JSONObjectUtils.parse(text.substring(newline + 1));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> keys = (List<Map<String, Object>>) body.get("keys");
    Object blob = keys.get(first).get("privateKey");
    keys.get(first).put("privateKey", keys.get(second).get("privateKey"));
    keys.get(second).put("privateKey", blob);
    byte[] json = JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8);
    header[4] = String.valueOf(json.length);
    if (resealWithTheSecret) {
      PrivateKeyProtector protector =
          aes ? new AesKeyProtector(aesKey) : new PassphraseProtector(PASSPHRASE, FAST);
      String signed = String.join(" ", List.of(header).subList(0, 5)) + " ";
      byte[] signedBytes =
          (signed + "\n" + new String(json, StandardCharsets.UTF_8))
              .getBytes(StandardCharsets.UTF_8);
      header[5] =
          HexFormat.of()
              .formatHex(
                  protector.storeKeys(StoreKdf.parse(header[2], "test"), "test").mac(signedBytes));
      protector.destroy();
    }
    put(
        file,
        (String.join(" ", header) + "\n" + new String(json, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8));
    try (FileSystemPlaybackKeyStore fresh = aes ? aesStore(dir) : passphraseStore(dir)) {
      Throwable thrown = catchThrowable(fresh::read);
      assertThat(thrown).isInstanceOf(CorruptKeyStoreException.class);
      if (resealWithTheSecret) {
        assertThat(thrown).hasMessageContaining("record k" + Math.min(first, second));
      } else {
        assertThat(thrown).hasMessageContaining("HMAC-SHA-256");
      }
    }
  }
}
