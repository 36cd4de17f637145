package dev.ivsplayback.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.testing.LogCapture;
import dev.ivsplayback.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * A store in the previous, unauthenticated format 1 is read once with its old check, written back
 * authenticated, and from then on an unauthenticated file is refused.
 */
class StoreMigrationTest {
  private static final char[] PASSPHRASE = "migration".toCharArray();

  @TempDir Path temp;

  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private LogCapture logs;

  @BeforeEach
  void captureLog() {
    logs = LogCapture.start();
  }

  @AfterEach
  void releaseLog() {
    logs.close();
  }

  private FileSystemPlaybackKeyStore store(Path dir) {
    return FileSystemPlaybackKeyStore.builder()
        .directory(dir)
        .passphrase(PASSPHRASE)
        .encryptionParameters(StoreFiles.FAST)
        .clock(clock)
        .build();
  }

  private Path legacyStore(String name, PlaybackKeyRecord... records) throws Exception {
    Path dir = Files.createDirectory(temp.resolve(name));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    StoreFiles.writeLegacy(dir.resolve("keystore.json"), 4, List.of(records), PASSPHRASE);
    return dir;
  }

  private List<String> migrationMessages() {
    return logs.entries(FileSystemPlaybackKeyStore.class.getName()).stream()
        .filter(e -> e.level() == Level.INFO)
        .map(LogCapture.Entry::message)
        .filter(m -> m.contains("migrated key store"))
        .toList();
  }

  @Test
  void read_ofAFormat1Store_returnsItsContents_andRewritesItAuthenticated() throws Exception {
    PlaybackKeyRecord k1 = Keys.generated("k1", clock.instant());
    Path dir = legacyStore("keys", k1);
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      PlaybackKeyStoreSnapshot read = store.read();

      assertThat(read.version()).isEqualTo(4);
      Keys.assertSamePrivateKey(
          read.key("k1").orElseThrow().privateKey(StoreFiles.ACCESS).orElseThrow(),
          k1.privateKey(StoreFiles.ACCESS).orElseThrow());
      assertThat(StoreFiles.header(dir.resolve("keystore.json")))
          .startsWith("IVS-PLAYBACK-KEYSTORE 2 ");
      assertThat(StoreFiles.body(dir.resolve("keystore.json"))).containsEntry("version", 4L);
      assertThat(dir.resolve("keystore.marker")).exists();
    }
  }

  @Test
  void migration_isLoggedOnce() throws Exception {
    Path dir = legacyStore("keys", Keys.generated("k1", clock.instant()));
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      store.read();
      store.read();
    }
    assertThat(migrationMessages())
        .singleElement()
        .asString()
        .contains(dir.resolve("keystore.json").toString(), "version 4", "format 1", "format 2");
  }

  @Test
  void write_onAFormat1Store_migratesItFirst() throws Exception {
    Path dir = legacyStore("keys", Keys.generated("k1", clock.instant()));
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      assertThat(store.tryAcquireLease("owner", Duration.ofMinutes(1))).isPresent();
      assertThat(store.read().keys()).extracting(PlaybackKeyRecord::keyId).containsExactly("k1");
    }
    assertThat(StoreFiles.header(dir.resolve("keystore.json")))
        .startsWith("IVS-PLAYBACK-KEYSTORE 2 ");
    assertThat(migrationMessages()).hasSize(1);
  }

  @Test
  void read_ofAFormat1AesStore_migratesWithTheNewBinding() throws Exception {
    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(256);
    SecretKey key = generator.generateKey();
    PlaybackKeyRecord k1 = Keys.generated("k1", clock.instant());
    Path dir = Files.createDirectory(temp.resolve("keys"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    StoreFiles.writeLegacy(dir.resolve("keystore.json"), 2, List.of(k1), key);
    try (FileSystemPlaybackKeyStore store =
        FileSystemPlaybackKeyStore.builder().directory(dir).encryptionKey(key).build()) {
      store.read();
    }
    try (FileSystemPlaybackKeyStore store =
        FileSystemPlaybackKeyStore.builder().directory(dir).encryptionKey(key).build()) {
      Keys.assertSamePrivateKey(
          store.read().key("k1").orElseThrow().privateKey(StoreFiles.ACCESS).orElseThrow(),
          k1.privateKey(StoreFiles.ACCESS).orElseThrow());
    }
    assertThat(StoreFiles.header(dir.resolve("keystore.json"))).contains(" hkdf-sha256:");
  }

  @Test
  void format1File_afterMigration_isRefused() throws Exception {
    PlaybackKeyRecord k1 = Keys.generated("k1", clock.instant());
    Path dir = legacyStore("keys", k1);
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      store.read();
      StoreFiles.writeLegacy(dir.resolve("keystore.json"), 9, List.of(k1), PASSPHRASE);

      assertThatThrownBy(store::read)
          .isInstanceOf(CorruptKeyStoreException.class)
          .hasMessageContainingAll("unauthenticated format 1", "refusing to load it");
    }
  }

  @Test
  void format1File_whereTheMarkerShowsAnAuthenticatedStore_isRefusedByAFreshProcess()
      throws Exception {
    PlaybackKeyRecord k1 = Keys.generated("k1", clock.instant());
    Path dir = temp.resolve("keys");
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      store.tryAcquireLease("owner", Duration.ofMinutes(1));
      store.write(0, List.of(k1), "owner");
    }
    Path fresh = StoreFiles.copyDirectory(dir, temp.resolve("fresh")); // no history there
    // The attack F1 describes: metadata forged in the old format, its SHA-256 recomputed.
    StoreFiles.writeLegacy(
        fresh.resolve("keystore.json"),
        2,
        List.of(k1.toBuilder().quarantined(true).build()),
        PASSPHRASE);
    try (FileSystemPlaybackKeyStore store = store(fresh)) {
      assertThatThrownBy(store::read)
          .isInstanceOf(CorruptKeyStoreException.class)
          .hasMessageContainingAll("unauthenticated format 1", "keystore.marker");
    }
  }

  @Test
  void format1File_whenMigrationIsTurnedOff_isRefused() throws Exception {
    Path dir = legacyStore("keys", Keys.generated("k1", clock.instant()));
    try (FileSystemPlaybackKeyStore store =
        FileSystemPlaybackKeyStore.builder()
            .directory(dir)
            .passphrase(PASSPHRASE)
            .migrateLegacyFormat(false)
            .build()) {
      assertThatThrownBy(store::read)
          .isInstanceOf(CorruptKeyStoreException.class)
          .hasMessageContaining("migrateLegacyFormat(false)");
    }
    assertThat(StoreFiles.header(dir.resolve("keystore.json")))
        .startsWith("IVS-PLAYBACK-KEYSTORE 1 ");
  }

  @Test
  void format1File_withAWrongPassphrase_isAClearErrorNamingTheKey_andIsNotMigrated()
      throws Exception {
    Path dir = legacyStore("keys", Keys.generated("k1", clock.instant()));
    try (FileSystemPlaybackKeyStore store =
        FileSystemPlaybackKeyStore.builder()
            .directory(dir)
            .passphrase("not it".toCharArray())
            .encryptionParameters(StoreFiles.FAST)
            .build()) {
      assertThatThrownBy(store::read)
          .isInstanceOfSatisfying(
              PlaybackKeyStoreException.class,
              e -> assertThat(e.reason()).isEqualTo(PlaybackKeyException.Reason.DECRYPTION_FAILED))
          .hasMessageContainingAll("wrong passphrase", "k1");
    }
    assertThat(StoreFiles.header(dir.resolve("keystore.json")))
        .startsWith("IVS-PLAYBACK-KEYSTORE 1 ");
  }

  @Test
  void format1File_withAPrivateKeyNotItsPublicKeys_isRefusedNamingTheRecord() throws Exception {
    PlaybackKeyRecord k1 = Keys.generated("k1", clock.instant());
    PlaybackKeyRecord k2 = Keys.generated("k2", clock.instant());
    Path dir = legacyStore("keys", k1, k2);
    Path file = dir.resolve("keystore.json");
    // Format 1 bound nothing: swap the passphrase-encrypted keys between the records.
    Map<String, Object> body = StoreFiles.body(file);
    List<Map<String, Object>> keys = StoreFiles.keys(body);
    Object first = keys.get(0).get("privateKey");
    keys.get(0).put("privateKey", keys.get(1).get("privateKey"));
    keys.get(1).put("privateKey", first);
    StoreFiles.writeLegacy(file, body);
    try (FileSystemPlaybackKeyStore store = store(dir)) {
      assertThatThrownBy(store::read)
          .isInstanceOf(CorruptKeyStoreException.class)
          .hasMessageContainingAll("record k1", "does not belong to its public key");
    }
    assertThat(StoreFiles.header(file)).startsWith("IVS-PLAYBACK-KEYSTORE 1 ");
  }
}
