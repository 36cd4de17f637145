package dev.ivsplayback.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ivsplayback.keys.PlaybackKeyException;
import dev.ivsplayback.keys.PlaybackKeyFiles;
import dev.ivsplayback.keys.PlaybackKeyPem;
import dev.ivsplayback.token.IvsPlaybackException;
import dev.ivsplayback.token.KeyFormatException;
import dev.ivsplayback.token.PlaybackKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;

/**
 * Fuzz targets for key reading: token-core's {@link PlaybackKeys} and keypair-manager's {@link
 * PlaybackKeyPem} and {@link PlaybackKeyFiles}. Any bytes either give a P-384 key or a typed {@link
 * IvsPlaybackException} ({@link KeyFormatException}, {@link PlaybackKeyException}), within a bound.
 */
class PemFuzzTest {
  private static final String[] LABELS = {
    "PRIVATE KEY",
    "EC PRIVATE KEY",
    "ENCRYPTED PRIVATE KEY",
    "PUBLIC KEY",
    "EC PARAMETERS",
    "CERTIFICATE",
    "RSA PRIVATE KEY",
    "EC PUBLIC KEY"
  };
  private static final Path DIR = tempDir();

  /** Arbitrary text handed to every reader. */
  @FuzzTest(maxDuration = "2m")
  void read_arbitraryText(FuzzedDataProvider data) {
    Bounded.run(() -> read_arbitraryTextInput(data));
  }

  private void read_arbitraryTextInput(FuzzedDataProvider data) {
    char[] passphrase = data.consumeBoolean() ? data.consumeString(16).toCharArray() : null;
    String pem = data.consumeRemainingAsString();
    readAll(pem, passphrase);
  }

  /**
   * Arbitrary DER inside well-formed PEM armour (with optional legacy encryption headers), so that
   * the ASN.1 and key decoders, not just the armour parser, see the fuzzer's bytes.
   */
  @FuzzTest(maxDuration = "2m")
  void read_arbitraryDerInArmour(FuzzedDataProvider data) {
    Bounded.run(() -> read_arbitraryDerInArmourInput(data));
  }

  private void read_arbitraryDerInArmourInput(FuzzedDataProvider data) {
    String label = data.pickValue(LABELS);
    char[] passphrase = data.consumeBoolean() ? "passphrase".toCharArray() : null;
    String headers =
        data.consumeBoolean()
            ? "Proc-Type: 4,ENCRYPTED\nDEK-Info: " + data.consumeString(40) + "\n\n"
            : "";
    byte[] der = data.consumeRemainingAsBytes();
    String pem =
        "-----BEGIN "
            + label
            + "-----\n"
            + headers
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der)
            + "\n-----END "
            + label
            + "-----\n";
    readAll(pem, passphrase);
  }

  private static void readAll(String pem, char[] passphrase) {
    expectKeyOrTypedError(() -> PlaybackKeys.readPrivateKey(pem));
    expectKeyOrTypedError(() -> PlaybackKeys.readPrivateKey(pem, passphrase));
    expectKeyOrTypedError(() -> PlaybackKeys.readPublicKey(pem));
    expectKeyOrTypedError(() -> PlaybackKeyPem.readPrivateKey(pem));
    expectKeyOrTypedError(() -> PlaybackKeyPem.readPublicKey(pem));
    Path file = DIR.resolve("key.pem");
    try {
      Files.deleteIfExists(file);
      Files.write(file, pem.getBytes(StandardCharsets.UTF_8));
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    expectKeyOrTypedError(() -> PlaybackKeyFiles.readPrivateKey(file, passphrase));
    expectKeyOrTypedError(() -> PlaybackKeyFiles.readPublicKey(file));
  }

  private static void expectKeyOrTypedError(java.util.function.Supplier<Object> read) {
    Object key;
    try {
      key = read.get();
    } catch (IvsPlaybackException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    // Anything returned must be a usable P-384 key.
    if (key instanceof PrivateKey k) {
      assertThat(PlaybackKeys.publicKeyOf(k).getParams().getCurve().getField().getFieldSize())
          .isEqualTo(384);
    } else {
      assertThat(PlaybackKeys.fingerprint((ECPublicKey) key)).hasSize(47);
    }
  }

  private static Path tempDir() {
    try {
      Path d = Files.createTempDirectory("pem-fuzz");
      d.toFile().deleteOnExit();
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
