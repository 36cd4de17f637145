package dev.ivsplayback.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.keys.internal.AesKeyProtector;
import dev.ivsplayback.keys.internal.PassphraseProtector;
import dev.ivsplayback.keys.internal.StoreKdf;
import dev.ivsplayback.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store file is authenticated with a key derived from the store's secret, and each encrypted
 * private key is bound to its record.
 */
class StoreAuthenticationTest {
  private static final char[] PASSPHRASE = "authenticated store".toCharArray();

  @TempDir Path temp;

  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

  private FileSystemPlaybackKeyStore store(Path dir) {
    return FileSystemPlaybackKeyStore.builder()
        .directory(dir)
        .passphrase(PASSPHRASE)
        .encryptionParameters(StoreFiles.FAST)
        .clock(clock)
        .build();
  }

  private FileSystemPlaybackKeyStore aesStore(Path dir, SecretKey key) {
    return FileSystemPlaybackKeyStore.builder()
        .directory(dir)
        .encryptionKey(key)
        .clock(clock)
        .build();
  }

  private static SecretKey aesKey() throws Exception {
    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(256);
    return generator.generateKey();
  }

  private void writeKeys(FileSystemPlaybackKeyStore store, PlaybackKeyRecord... records) {
    store.tryAcquireLease("owner", Duration.ofMinutes(1));
    store.write(store.read().version(), List.of(records), "owner");
  }

  /** Replaces one body value without touching the header's MAC, fixing the declared length. */
  private static void editBodyKeepingTheMac(Path file, String from, String to) throws Exception {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int newline = text.indexOf('\n');
    String body = text.substring(newline + 1);
    assertThat(body).contains(from);
    String edited = body.replace(from, to);
    String[] header = text.substring(0, newline).split(" ");
    header[4] = String.valueOf(edited.getBytes(StandardCharsets.UTF_8).length);
    StoreFiles.put(
        file, (String.join(" ", header) + "\n" + edited).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void write_producesFormat2_withTheStoresKdfCheckAndMac() throws Exception {
    Path dir = temp.resolve("keys");
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      writeKeys(store, Keys.generated("k1", clock.instant()));
    }
    String[] header = StoreFiles.header(dir.resolve("keystore.json")).split(" ");
    assertThat(header).hasSize(6);
    assertThat(header[0]).isEqualTo("IVS-PLAYBACK-KEYSTORE");
    assertThat(header[1]).isEqualTo("2");
    assertThat(header[2]).startsWith("scrypt:10:8:1:");
    assertThat(header[5]).matches("[0-9a-f]{64}");
    assertThat(StoreFiles.body(dir.resolve("keystore.json"))).containsEntry("writes", 2L);
  }

  @Test
  void read_whenMetadataEditedWithoutTheSecret_refuses() throws Exception {
    Path dir = temp.resolve("keys");
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      writeKeys(store, Keys.generated("k1", clock.instant()));
    }
    editBodyKeepingTheMac(dir.resolve("keystore.json"), "\"GENERATED\"", "\"ACTIVE\"");
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      assertThatThrownBy(store::read)
          .isInstanceOf(CorruptKeyStoreException.class)
          .hasMessageContainingAll("keystore.json", "HMAC-SHA-256", "altered");
    }
  }

  @Test
  void read_whenVersionEditedWithoutTheSecret_refuses() throws Exception {
    Path dir = temp.resolve("keys");
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      writeKeys(store, Keys.generated("k1", clock.instant()));
    }
    editBodyKeepingTheMac(dir.resolve("keystore.json"), "\"version\":1", "\"version\":7");
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      assertThatThrownBy(store::read)
          .isInstanceOf(CorruptKeyStoreException.class)
          .hasMessageContaining("HMAC-SHA-256");
    }
  }

  private static void replaceInFile(Path file, String from, String to) throws Exception {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).contains(from);
    StoreFiles.put(file, text.replaceFirst(from, to).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void read_whenKdfParametersEdited_refusesInTheProcessThatKnowsTheStore() throws Exception {
    Path dir = temp.resolve("keys");
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      writeKeys(store, Keys.generated("k1", clock.instant()));
    }
    replaceInFile(dir.resolve("keystore.json"), " scrypt:10:8:1:", " scrypt:11:8:1:");
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      assertThatThrownBy(store::read)
          .isInstanceOf(CorruptKeyStoreException.class)
          .hasMessageContaining("key derivation parameters (salt) differ");
    }
  }

  @Test
  void read_whenKdfParametersEdited_aFreshProcessReportsWrongSecretOrAlteredHeader()
      throws Exception {
    Path dir = temp.resolve("keys");
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      writeKeys(store, Keys.generated("k1", clock.instant()));
    }
    Path fresh = StoreFiles.copyDirectory(dir, temp.resolve("fresh")); // no history there
    replaceInFile(fresh.resolve("keystore.json"), " scrypt:10:8:1:", " scrypt:11:8:1:");
    try (FileSystemPlaybackKeyStore store = store(fresh)) {
      // other parameters derive other keys, which fail the header's check value
      assertThatThrownBy(store::read)
          .isInstanceOfSatisfying(
              PlaybackKeyStoreException.class,
              e -> assertThat(e.reason()).isEqualTo(PlaybackKeyException.Reason.DECRYPTION_FAILED))
          .hasMessageContainingAll("wrong passphrase", "header was altered");
    }
  }

  @Test
  void read_whenCheckValueAlteredUnderARunningStore_refusesAsCorrupt() throws Exception {
    Path dir = temp.resolve("keys");
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      writeKeys(store, Keys.generated("k1", clock.instant()));
      Path file = dir.resolve("keystore.json");
      String[] header = StoreFiles.header(file).split(" ");
      String check = header[3];
      String altered = (check.charAt(0) == 'A' ? "B" : "A") + check.substring(1);
      replaceInFile(file, " " + check + " ", " " + altered + " ");
      assertThatThrownBy(store::read)
          .isInstanceOf(CorruptKeyStoreException.class)
          .hasMessageContaining("check value was altered");
    }
  }

  @Test
  @Timeout(10)
  void read_whenHeaderAsksForAnExcessiveScryptCost_refusesWithoutRunningIt() throws Exception {
    Path dir = temp.resolve("keys");
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      writeKeys(store, Keys.generated("k1", clock.instant()));
    }
    Path fresh = StoreFiles.copyDirectory(dir, temp.resolve("fresh"));
    // N = 2^22, r = 32: 16 GiB of memory if it ran
    replaceInFile(fresh.resolve("keystore.json"), " scrypt:10:8:1:", " scrypt:22:32:1:");
    try (FileSystemPlaybackKeyStore store = store(fresh)) {
      assertThatThrownBy(store::read)
          .isInstanceOf(CorruptKeyStoreException.class)
          .hasMessageContainingAll("scrypt N=2^22 r=32 p=1", "more than this store runs");
    }
  }

  @Test
  void read_whenPassphraseKeyBlobsSwappedAndResealed_refusesNamingTheRecord() throws Exception {
    Path dir = temp.resolve("keys");
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      writeKeys(
          store, Keys.generated("k1", clock.instant()), Keys.generated("k2", clock.instant()));
    }
    // Even a holder of the secret who swaps the blobs and authenticates the file again is caught
    // by the per-key binding.
    StoreFiles.reseal(
        dir.resolve("keystore.json"),
        PASSPHRASE,
        body -> {
          List<Map<String, Object>> keys = StoreFiles.keys(body);
          Object first = keys.get(0).get("privateKey");
          keys.get(0).put("privateKey", keys.get(1).get("privateKey"));
          keys.get(1).put("privateKey", first);
          return body;
        });
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      assertThatThrownBy(store::read)
          .isInstanceOf(CorruptKeyStoreException.class)
          .hasMessageContainingAll("record k1", "not bound to that record");
    }
  }

  @Test
  void read_whenAesKeyBlobsSwappedAndResealed_refusesNamingTheRecord() throws Exception {
    Path dir = temp.resolve("keys");
    SecretKey key = aesKey();
    try (FileSystemPlaybackKeyStore store = aesStore(dir, key)) {
      writeKeys(
          store, Keys.generated("k1", clock.instant()), Keys.generated("k2", clock.instant()));
    }
    Path file = dir.resolve("keystore.json");
    String[] header = StoreFiles.header(file).split(" ");
    AesKeyProtector protector = new AesKeyProtector(key);
    Map<String, Object> body = StoreFiles.body(file);
    List<Map<String, Object>> keys = StoreFiles.keys(body);
    Object first = keys.get(0).get("privateKey");
    keys.get(0).put("privateKey", keys.get(1).get("privateKey"));
    keys.get(1).put("privateKey", first);
    StoreFiles.write(
        file, header[2], header[3], protector.storeKeys(StoreKdf.parse(header[2], "t"), "t"), body);
    try (FileSystemPlaybackKeyStore store = aesStore(dir, key)) {
      assertThatThrownBy(store::read)
          .isInstanceOf(CorruptKeyStoreException.class)
          .hasMessageContainingAll("record k1", "associated data");
    }
  }

  @Test
  void read_whenFingerprintDoesNotMatchThePublicKey_refusesNamingTheRecord() throws Exception {
    Path dir = temp.resolve("keys");
    PlaybackKeyRecord other = Keys.generated("k9", clock.instant());
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      writeKeys(store, Keys.generated("k1", clock.instant()));
    }
    StoreFiles.reseal(
        dir.resolve("keystore.json"),
        PASSPHRASE,
        body -> {
          StoreFiles.keys(body).get(0).put("fingerprint", other.fingerprint());
          return body;
        });
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      assertThatThrownBy(store::read)
          .isInstanceOf(CorruptKeyStoreException.class)
          .hasMessageContainingAll("record k1", "its public key's fingerprint is");
    }
  }

  @Test
  void read_whenPrivateKeyIsAnotherKeysButBoundAndResealed_refusesNamingTheRecord()
      throws Exception {
    Path dir = temp.resolve("keys");
    PlaybackKeyRecord k1 = Keys.generated("k1", clock.instant());
    PlaybackKeyRecord stranger = Keys.generated("k9", clock.instant());
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      writeKeys(store, k1);
    }
    Path file = dir.resolve("keystore.json");
    String[] header = StoreFiles.header(file).split(" ");
    PassphraseProtector protector = new PassphraseProtector(PASSPHRASE, StoreFiles.FAST);
    var keys = protector.storeKeys(StoreKdf.parse(header[2], "t"), "t");
    // Record k1 keeps its public key and fingerprint, but holds another key's private key,
    // correctly bound to (k1, its fingerprint): only the d·G check can tell.
    Map<String, Object> body = StoreFiles.body(file);
    StoreFiles.keys(body)
        .get(0)
        .put(
            "privateKey",
            protector.protect(
                keys,
                "k1",
                k1.fingerprint(),
                stranger.privateKey(StoreFiles.ACCESS).orElseThrow()));
    StoreFiles.write(file, header[2], header[3], keys, body);
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      assertThatThrownBy(store::read)
          .isInstanceOf(CorruptKeyStoreException.class)
          .hasMessageContainingAll("record k1", "does not belong to its public key")
          .hasMessageContaining(stranger.fingerprint());
    }
  }

  @Test
  void write_whenARecordsPrivateKeyIsNotItsPublicKeys_refusesAndWritesNothing() throws Exception {
    Path dir = temp.resolve("keys");
    PlaybackKeyRecord mismatched =
        Keys.generated("k1", clock.instant()).toBuilder()
            .privateKey(
                Keys.generated("k9", clock.instant()).privateKey(StoreFiles.ACCESS).orElseThrow())
            .build();
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      store.tryAcquireLease("owner", Duration.ofMinutes(1));
      assertThatThrownBy(() -> store.write(0, List.of(mismatched), "owner"))
          .isInstanceOf(PlaybackKeyStoreException.class)
          .hasMessageContainingAll("record k1", "does not belong to its public key", "unchanged");
      assertThat(store.read().version()).isZero();
    }
  }

  @Test
  void newStores_eachGetTheirOwnRandomSalt() throws Exception {
    try (FileSystemPlaybackKeyStore a = store(temp.resolve("a"));
        FileSystemPlaybackKeyStore b = store(temp.resolve("b"))) {
      writeKeys(a);
      writeKeys(b);
    }
    String saltA = StoreFiles.header(temp.resolve("a/keystore.json")).split(" ")[2];
    String saltB = StoreFiles.header(temp.resolve("b/keystore.json")).split(" ")[2];
    assertThat(saltA).isNotEqualTo(saltB);
  }

  @Test
  void storeKeys_areDerivedOncePerStoreAndKept() {
    PassphraseProtector protector = new PassphraseProtector(PASSPHRASE, StoreFiles.FAST);
    StoreKdf kdf = protector.newStoreKdf();
    assertThat(protector.storeKeys(kdf, "t")).isSameAs(protector.storeKeys(kdf, "t"));
    protector.destroy();
  }

  @Test
  void close_erasesTheSecret_andTheStoreRefusesFurtherUse() {
    Path dir = temp.resolve("keys");
    FileSystemPlaybackKeyStore store = store(dir);
    writeKeys(store, Keys.generated("k1", clock.instant()));
    store.close();
    assertThatThrownBy(store::read)
        .isInstanceOf(PlaybackKeyStoreException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> store.tryAcquireLease("owner", Duration.ofMinutes(1)))
        .isInstanceOf(PlaybackKeyStoreException.class)
        .hasMessageContaining("closed");
  }
}
