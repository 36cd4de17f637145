package dev.ivsplayback.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.testing.MutableClock;
import dev.ivsplayback.token.InvalidConfigurationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemPlaybackKeyStoreTest {
  private static final KeyEncryptionParameters FAST = KeyEncryptionParameters.of(10, 1);
  private static final char[] PASSPHRASE = "store passphrase".toCharArray();

  @TempDir Path temp;

  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

  private FileSystemPlaybackKeyStore store(Path dir, char[] passphrase) {
    return FileSystemPlaybackKeyStore.builder()
        .directory(dir)
        .passphrase(passphrase)
        .encryptionParameters(FAST)
        .clock(clock)
        .build();
  }

  private PlaybackKeyStoreSnapshot writeOne(PlaybackKeyStore store, PlaybackKeyRecord record) {
    assertThat(store.tryAcquireLease("owner-a", Duration.ofMinutes(1))).isPresent();
    PlaybackKeyStoreSnapshot current = store.read();
    return store.write(current.version(), List.of(record), "owner-a");
  }

  @Test
  void write_thenRead_roundTripsEveryField_andThePrivateKey() {
    Path dir = temp.resolve("keys");
    PlaybackKeyRecord record =
        Keys.generated("abc123", clock.instant()).toBuilder()
            .state(PlaybackKeyState.RETIRING)
            .arn("arn:aws:ivs:us-west-2:123456789012:playback-key/abcd1234efgh")
            .importedAt(clock.instant().plusSeconds(1))
            .promotableAt(clock.instant().plusSeconds(2))
            .activatedAt(clock.instant().plusSeconds(3))
            .retiredAt(clock.instant().plusSeconds(4))
            .deletableAt(clock.instant().plusSeconds(5))
            .quarantined(true)
            .build();
    try (FileSystemPlaybackKeyStore store = store(dir, PASSPHRASE)) {
      PlaybackKeyStoreSnapshot written = writeOne(store, record);
      assertThat(written.version()).isEqualTo(1);
    }
    try (FileSystemPlaybackKeyStore reopened = store(dir, PASSPHRASE)) {
      PlaybackKeyStoreSnapshot read = reopened.read();
      assertThat(read.version()).isEqualTo(1);
      PlaybackKeyRecord back = read.key("abc123").orElseThrow();
      assertThat(back.toString()).isEqualTo(record.toString());
      Keys.assertSamePrivateKey(Keys.privateKeyOf(back), Keys.privateKeyOf(record));
      assertThat(back.publicKey().getEncoded()).isEqualTo(record.publicKey().getEncoded());
      assertThat(read.lease().orElseThrow().owner()).isEqualTo("owner-a");
    }
  }

  @Test
  void files_areOwnerOnly_andNoTemporaryFileIsLeft() throws Exception {
    Path dir = temp.resolve("keys");
    try (FileSystemPlaybackKeyStore store = store(dir, PASSPHRASE)) {
      writeOne(store, Keys.generated("k1", clock.instant()));
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("keystore.json"))))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("keystore.lock"))))
        .isEqualTo("rw-------");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("keystore.json", "keystore.lock", "keystore.marker");
    }
  }

  @Test
  void directorySharedWithOthers_isRefused() throws Exception {
    Path dir = Files.createDirectory(temp.resolve("shared"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThatThrownBy(() -> store(dir, PASSPHRASE))
        .isInstanceOf(PlaybackKeyStoreException.class)
        .hasMessageContaining("rwx------");
  }

  @Test
  void privateKeys_areEncryptedAtRest() throws Exception {
    Path dir = temp.resolve("keys");
    PlaybackKeyRecord record = Keys.generated("k1", clock.instant());
    try (FileSystemPlaybackKeyStore store = store(dir, PASSPHRASE)) {
      writeOne(store, record);
    }
    String file = Files.readString(dir.resolve("keystore.json"), StandardCharsets.UTF_8);
    assertThat(file).contains("ENCRYPTED PRIVATE KEY").doesNotContain("BEGIN PRIVATE KEY");
    Keys.assertNoPrivateMaterial(file, Keys.privateKeyOf(record));
  }

  @Test
  void wrongPassphrase_isAClearError() {
    Path dir = temp.resolve("keys");
    try (FileSystemPlaybackKeyStore store = store(dir, PASSPHRASE)) {
      writeOne(store, Keys.generated("k1", clock.instant()));
    }
    try (FileSystemPlaybackKeyStore wrong = store(dir, "not the passphrase".toCharArray())) {
      assertThatThrownBy(wrong::read)
          .isInstanceOf(PlaybackKeyStoreException.class)
          .hasFieldOrPropertyWithValue("reason", PlaybackKeyException.Reason.DECRYPTION_FAILED)
          .hasMessageContaining("wrong passphrase")
          .hasMessageContaining("keystore.json");
    }
  }

  @Test
  void truncatedFile_isDetected_neverLoaded_andNeverOverwritten() throws Exception {
    Path dir = temp.resolve("keys");
    try (FileSystemPlaybackKeyStore store = store(dir, PASSPHRASE)) {
      writeOne(store, Keys.generated("k1", clock.instant()));
    }
    Path file = dir.resolve("keystore.json");
    byte[] full = Files.readAllBytes(file);
    byte[] truncated = java.util.Arrays.copyOf(full, full.length - 37);
    Files.write(file, truncated);
    try (FileSystemPlaybackKeyStore store = store(dir, PASSPHRASE)) {
      assertThatThrownBy(store::read)
          .isInstanceOf(CorruptKeyStoreException.class)
          .hasMessageContaining("truncated");
      assertThatThrownBy(() -> store.write(1, List.of(), "owner-a"))
          .isInstanceOf(CorruptKeyStoreException.class);
      assertThatThrownBy(() -> store.tryAcquireLease("owner-b", Duration.ofMinutes(1)))
          .isInstanceOf(CorruptKeyStoreException.class);
    }
    assertThat(java.util.Arrays.equals(Files.readAllBytes(file), truncated))
        .as("file left as it was")
        .isTrue();
  }

  @Test
  void fileWithTwoActiveKeys_isCorrupt_namingTheRecord_andNeverLoaded() throws Exception {
    Path dir = temp.resolve("keys");
    String arn = "arn:aws:ivs:us-west-2:123456789012:playback-key/";
    PlaybackKeyRecord retiring =
        Keys.generated("old", clock.instant()).toBuilder()
            .state(PlaybackKeyState.RETIRING)
            .arn(arn + "old")
            .retiredAt(clock.instant())
            .deletableAt(clock.instant())
            .build();
    PlaybackKeyRecord active =
        Keys.generated("new", clock.instant()).toBuilder()
            .state(PlaybackKeyState.ACTIVE)
            .arn(arn + "new")
            .activatedAt(clock.instant())
            .build();
    try (FileSystemPlaybackKeyStore store = store(dir, PASSPHRASE)) {
      assertThat(store.tryAcquireLease("owner-a", Duration.ofMinutes(1))).isPresent();
      store.write(0, List.of(retiring, active), "owner-a");
    }
    // Rewrite the body with both keys ACTIVE and authenticate it again with the real secret: only
    // the content is wrong, as after a bug or an edit by someone who holds the secret.
    Path file = dir.resolve("keystore.json");
    StoreFiles.reseal(
        file,
        PASSPHRASE,
        body -> {
          for (java.util.Map<String, Object> k : StoreFiles.keys(body)) {
            if ("RETIRING".equals(k.get("state"))) {
              k.put("state", "ACTIVE");
            }
          }
          return body;
        });

    try (FileSystemPlaybackKeyStore store = store(dir, PASSPHRASE)) {
      assertThatThrownBy(store::read)
          .isInstanceOf(CorruptKeyStoreException.class)
          .hasMessageContaining("keystore.json")
          .hasMessageContaining("two ACTIVE keys, old and new")
          .satisfies(e -> assertThat(((CorruptKeyStoreException) e).keyId()).contains("new"));
    }
  }

  @Test
  void flippedByte_failsTheChecksum() throws Exception {
    Path dir = temp.resolve("keys");
    try (FileSystemPlaybackKeyStore store = store(dir, PASSPHRASE)) {
      writeOne(store, Keys.generated("k1", clock.instant()));
    }
    Path file = dir.resolve("keystore.json");
    byte[] bytes = Files.readAllBytes(file);
    int i = bytes.length - 10;
    bytes[i] = (byte) (bytes[i] == 'A' ? 'B' : 'A');
    Files.write(file, bytes);
    try (FileSystemPlaybackKeyStore store = store(dir, PASSPHRASE)) {
      assertThatThrownBy(store::read)
          .isInstanceOf(CorruptKeyStoreException.class)
          .hasMessageContaining("SHA-256");
    }
  }

  @Test
  void emptyOrForeignFile_isCorrupt() throws Exception {
    Path dir = temp.resolve("keys");
    try (FileSystemPlaybackKeyStore store = store(dir, PASSPHRASE)) {
      Path file = dir.resolve("keystore.json");
      Files.write(file, new byte[0]);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      assertThatThrownBy(store::read).isInstanceOf(CorruptKeyStoreException.class);
      Files.writeString(file, "{\"keys\":[]}\n");
      assertThatThrownBy(store::read)
          .isInstanceOf(CorruptKeyStoreException.class)
          .hasMessageContaining("not a key store");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
      assertThatThrownBy(store::read)
          .isInstanceOf(PlaybackKeyStoreException.class)
          .hasMessageContaining("rw-------");
    }
  }

  @Test
  void write_withStaleVersion_isRefused_andChangesNothing() {
    Path dir = temp.resolve("keys");
    try (FileSystemPlaybackKeyStore store = store(dir, PASSPHRASE)) {
      writeOne(store, Keys.generated("k1", clock.instant()));
      assertThatThrownBy(() -> store.write(0, List.of(), "owner-a"))
          .isInstanceOf(StoreConflictException.class)
          .hasMessageContaining("version 0")
          .hasMessageContaining("version 1");
      assertThat(store.read().keys()).extracting(PlaybackKeyRecord::keyId).containsExactly("k1");
    }
  }

  @Test
  void lease_isExclusiveUntilItExpires_andWritesNeedIt() {
    Path dir = temp.resolve("keys");
    try (FileSystemPlaybackKeyStore a = store(dir, PASSPHRASE);
        FileSystemPlaybackKeyStore b = store(dir, PASSPHRASE)) {
      assertThat(a.tryAcquireLease("owner-a", Duration.ofMinutes(2))).isPresent();
      assertThat(b.tryAcquireLease("owner-b", Duration.ofMinutes(2))).isEmpty();
      assertThatThrownBy(
              () -> b.write(0, List.of(Keys.generated("k1", clock.instant())), "owner-b"))
          .isInstanceOf(PlaybackKeyStoreException.class)
          .hasFieldOrPropertyWithValue("reason", PlaybackKeyException.Reason.LEASE_NOT_HELD)
          .hasMessageContaining("owner-a");
      clock.advance(Duration.ofMinutes(2));
      assertThat(b.tryAcquireLease("owner-b", Duration.ofMinutes(2))).isPresent();
      assertThatThrownBy(() -> a.write(0, List.of(), "owner-a"))
          .isInstanceOf(PlaybackKeyStoreException.class)
          .hasFieldOrPropertyWithValue("reason", PlaybackKeyException.Reason.LEASE_NOT_HELD);
      b.releaseLease("owner-b");
      assertThat(a.tryAcquireLease("owner-a", Duration.ofMinutes(2))).isPresent();
    }
  }

  @Test
  void twoStoresOnOneDirectory_seeEachOthersWrites() {
    Path dir = temp.resolve("keys");
    try (FileSystemPlaybackKeyStore a = store(dir, PASSPHRASE);
        FileSystemPlaybackKeyStore b = store(dir, PASSPHRASE)) {
      writeOne(a, Keys.generated("k1", clock.instant()));
      assertThat(b.read().keys()).extracting(PlaybackKeyRecord::keyId).containsExactly("k1");
    }
  }

  @Test
  void concurrentWriters_neverLoseAnUpdate() throws Exception {
    Path dir = temp.resolve("keys");
    try (FileSystemPlaybackKeyStore a = store(dir, PASSPHRASE);
        FileSystemPlaybackKeyStore b = store(dir, PASSPHRASE)) {
      a.tryAcquireLease("owner", Duration.ofHours(1));
      List<FileSystemPlaybackKeyStore> stores = List.of(a, b);
      java.util.concurrent.atomic.AtomicInteger conflicts =
          new java.util.concurrent.atomic.AtomicInteger();
      List<Thread> threads = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        FileSystemPlaybackKeyStore s = stores.get(t % 2);
        String id = "t" + t;
        Thread thread =
            new Thread(
                () -> {
                  PlaybackKeyRecord mine = Keys.generated(id, clock.instant());
                  while (true) {
                    PlaybackKeyStoreSnapshot snap = s.read();
                    List<PlaybackKeyRecord> keys = new java.util.ArrayList<>(snap.keys());
                    keys.add(mine);
                    try {
                      s.write(snap.version(), keys, "owner");
                      return;
                    } catch (StoreConflictException e) {
                      conflicts.incrementAndGet();
                    }
                  }
                });
        thread.start();
        threads.add(thread);
      }
      for (Thread t : threads) {
        t.join();
      }
      assertThat(a.read().keys())
          .extracting(PlaybackKeyRecord::keyId)
          .containsExactlyInAnyOrder("t0", "t1", "t2", "t3");
      assertThat(a.read().version()).isEqualTo(4);
    }
  }

  @Test
  void aesKeyMode_roundTrips_andAWrongKeyIsAClearError() throws Exception {
    Path dir = temp.resolve("keys");
    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(256);
    SecretKey key = generator.generateKey();
    PlaybackKeyRecord record = Keys.generated("k1", clock.instant());
    try (FileSystemPlaybackKeyStore store =
        FileSystemPlaybackKeyStore.builder()
            .directory(dir)
            .encryptionKey(key)
            .clock(clock)
            .build()) {
      writeOne(store, record);
    }
    try (FileSystemPlaybackKeyStore store =
        FileSystemPlaybackKeyStore.builder()
            .directory(dir)
            .encryptionKey(key)
            .clock(clock)
            .build()) {
      Keys.assertSamePrivateKey(
          Keys.privateKeyOf(store.read().key("k1").orElseThrow()), Keys.privateKeyOf(record));
    }
    try (FileSystemPlaybackKeyStore wrong =
        FileSystemPlaybackKeyStore.builder()
            .directory(dir)
            .encryptionKey(generator.generateKey())
            .clock(clock)
            .build()) {
      assertThatThrownBy(wrong::read)
          .isInstanceOf(PlaybackKeyStoreException.class)
          .hasFieldOrPropertyWithValue("reason", PlaybackKeyException.Reason.DECRYPTION_FAILED)
          .hasMessageContaining("wrong encryption key");
    }
    try (FileSystemPlaybackKeyStore passphrase = store(dir, PASSPHRASE)) {
      assertThatThrownBy(passphrase::read)
          .isInstanceOf(PlaybackKeyStoreException.class)
          .hasFieldOrPropertyWithValue("reason", PlaybackKeyException.Reason.DECRYPTION_FAILED)
          .hasMessageContaining("pkcs8-aes256gcm");
    }
  }

  @Test
  void builder_requiresExactlyOneProtection() {
    assertThatThrownBy(
            () -> FileSystemPlaybackKeyStore.builder().directory(temp.resolve("x")).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("encrypted at rest");
  }

  @Test
  void recordToString_neverShowsPrivateMaterial() {
    PlaybackKeyRecord record = Keys.generated("k1", clock.instant());
    assertThat(record.toString()).contains("privateKey=<redacted>");
    Keys.assertNoPrivateMaterial(record.toString(), Keys.privateKeyOf(record));
  }

  @Test
  void inMemoryStore_followsTheSameRules() {
    InMemoryPlaybackKeyStore store = InMemoryPlaybackKeyStore.create(clock);
    assertThatThrownBy(() -> store.write(0, List.of(), "a"))
        .isInstanceOf(PlaybackKeyStoreException.class)
        .hasFieldOrPropertyWithValue("reason", PlaybackKeyException.Reason.LEASE_NOT_HELD);
    assertThat(store.tryAcquireLease("a", Duration.ofMinutes(1))).isPresent();
    assertThat(store.tryAcquireLease("b", Duration.ofMinutes(1))).isEmpty();
    assertThat(store.write(0, List.of(Keys.generated("k1", clock.instant())), "a").version())
        .isEqualTo(1);
    assertThatThrownBy(() -> store.write(0, List.of(), "a"))
        .isInstanceOf(StoreConflictException.class);
  }
}
