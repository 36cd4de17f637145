package dev.ivsplayback.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ivsplayback.testing.MutableClock;
import dev.ivsplayback.token.InvalidConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileSystemPlaybackKeyStore.Builder#build()} validates every setting before it touches the
 * file system, never changes the builder, and leaves wiping the builder's passphrase to {@link
 * FileSystemPlaybackKeyStore.Builder#wipePassphrase()}.
 */
class FileSystemStoreBuilderTest {
  @TempDir Path temp;

  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

  private FileSystemPlaybackKeyStore.Builder builder(Path dir) {
    return FileSystemPlaybackKeyStore.builder()
        .directory(dir)
        .passphrase("builder passphrase".toCharArray())
        .encryptionParameters(StoreFiles.FAST)
        .clock(clock);
  }

  private static InvalidConfigurationException refusal(FileSystemPlaybackKeyStore.Builder b) {
    Throwable thrown = catchThrowable(b::build);
    assertThat(thrown).isInstanceOf(InvalidConfigurationException.class);
    return (InvalidConfigurationException) thrown;
  }

  private static SecretKey aes(int bits) throws Exception {
    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(bits);
    return generator.generateKey();
  }

  @Test
  void build_whenDirectoryMissing_rejectsNamingDirectory() {
    InvalidConfigurationException e = refusal(builder(temp).directory(null));

    assertThat(e.setting()).isEqualTo("directory");
  }

  @Test
  void build_whenNoPassphraseAndNoKey_rejectsNamingPassphrase() {
    InvalidConfigurationException e = refusal(builder(temp).passphrase(null));

    assertThat(e.setting()).isEqualTo("passphrase");
    assertThat(e).hasMessageContaining("encrypted at rest");
  }

  @Test
  void build_whenPassphraseAndKeyBothGiven_rejectsNamingPassphrase() throws Exception {
    InvalidConfigurationException e = refusal(builder(temp).encryptionKey(aes(256)));

    assertThat(e.setting()).isEqualTo("passphrase");
  }

  @Test
  void build_whenPassphraseEmpty_rejects() {
    InvalidConfigurationException e = refusal(builder(temp).passphrase(new char[0]));

    assertThat(e.setting()).isEqualTo("passphrase");
    assertThat(e).hasMessageContaining("empty");
  }

  @Test
  void build_whenKeyIsNotAes256_rejectsNamingEncryptionKey() throws Exception {
    FileSystemPlaybackKeyStore.Builder b128 =
        builder(temp).passphrase(null).encryptionKey(aes(128));
    FileSystemPlaybackKeyStore.Builder hmac =
        builder(temp).passphrase(null).encryptionKey(new SecretKeySpec(new byte[32], "HmacSHA256"));

    assertThat(refusal(b128).setting()).isEqualTo("encryptionKey");
    assertThat(refusal(b128)).hasMessageContaining("128 bits");
    assertThat(refusal(hmac).setting()).isEqualTo("encryptionKey");
  }

  @Test
  void build_whenLockTimeoutNotPositive_rejectsBeforeCreatingTheDirectory() {
    Path dir = temp.resolve("never-created");
    for (Duration timeout : List.of(Duration.ZERO, Duration.ofSeconds(-1))) {
      InvalidConfigurationException e = refusal(builder(dir).lockTimeout(timeout));

      assertThat(e.setting()).isEqualTo("lockTimeout");
    }
    assertThat(dir).doesNotExist();
  }

  @Test
  void build_doesNotChangeTheBuilder_soItBuildsAgain() {
    FileSystemPlaybackKeyStore.Builder b = builder(temp.resolve("keys"));
    PlaybackKeyRecord record = Keys.generated("k1", clock.instant());
    try (FileSystemPlaybackKeyStore first = b.build()) {
      assertThat(first.tryAcquireLease("owner", Duration.ofMinutes(1))).isPresent();
      first.write(first.read().version(), List.of(record), "owner");
    }

    try (FileSystemPlaybackKeyStore second = b.build()) {
      Keys.assertSamePrivateKey(
          Keys.privateKeyOf(second.read().key("k1").orElseThrow()), Keys.privateKeyOf(record));
    }
  }

  @Test
  void passphrase_isCopied_soTheCallerMayWipeItsArrayAtOnce() {
    char[] mine = "callers passphrase".toCharArray();
    FileSystemPlaybackKeyStore.Builder b =
        FileSystemPlaybackKeyStore.builder()
            .directory(temp.resolve("keys"))
            .passphrase(mine)
            .encryptionParameters(StoreFiles.FAST)
            .clock(clock);
    Arrays.fill(mine, '\0');
    PlaybackKeyRecord record = Keys.generated("k1", clock.instant());
    try (FileSystemPlaybackKeyStore store = b.build()) {
      assertThat(store.tryAcquireLease("owner", Duration.ofMinutes(1))).isPresent();
      store.write(store.read().version(), List.of(record), "owner");
    }

    try (FileSystemPlaybackKeyStore reopened =
        FileSystemPlaybackKeyStore.builder()
            .directory(temp.resolve("keys"))
            .passphrase("callers passphrase".toCharArray())
            .encryptionParameters(StoreFiles.FAST)
            .clock(clock)
            .build()) {
      Keys.assertSamePrivateKey(
          Keys.privateKeyOf(reopened.read().key("k1").orElseThrow()), Keys.privateKeyOf(record));
    }
  }

  @Test
  void wipePassphrase_forgetsTheBuildersCopy_butStoresBuiltBeforeKeepTheirs() {
    FileSystemPlaybackKeyStore.Builder b = builder(temp.resolve("keys"));
    PlaybackKeyRecord record = Keys.generated("k1", clock.instant());
    try (FileSystemPlaybackKeyStore store = b.build()) {
      b.wipePassphrase();

      assertThat(refusal(b).setting()).isEqualTo("passphrase");
      assertThat(store.tryAcquireLease("owner", Duration.ofMinutes(1))).isPresent();
      store.write(store.read().version(), List.of(record), "owner");
      Keys.assertSamePrivateKey(
          Keys.privateKeyOf(store.read().key("k1").orElseThrow()), Keys.privateKeyOf(record));
    }
  }
}
