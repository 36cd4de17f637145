package dev.ivsplayback.cli;

import static dev.ivsplayback.cli.CliRunner.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ivsplayback.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key and passphrase files on disk: a private key file others can access is refused (with the chmod
 * that fixes it), a passphrase file is read bounded, and a shared passphrase file is used with a
 * warning.
 */
class KeyFileSafetyTest {
  static final String CHANNEL = "arn:aws:ivs:us-west-2:123456789012:channel/abcdEFGH1234";

  @TempDir Path dir;

  private Path sharedPrivateKey(String permissions) throws Exception {
    Path key = KeyFiles.writePrivate(dir, "k", TestKeys.newP384());
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString(permissions));
    return key;
  }

  @Test
  void mint_whenPrivateKeyIsGroupReadable_exits2WithTheChmodThatFixesIt() throws Exception {
    Path key = sharedPrivateKey("rw-r-----");

    CliRunner.Result r = cli("mint", "--private-key", key.toString(), "--channel-arn", CHANNEL);

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("--private-key " + key)
        .contains("rw-r-----")
        .contains("chmod 600 " + key);
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @Test
  void fingerprint_whenPrivateKeyIsWorldReadable_exits2WithTheChmodThatFixesIt() throws Exception {
    Path key = sharedPrivateKey("rw-r--r--");

    CliRunner.Result r = cli("fingerprint", "--key", key.toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("--key " + key).contains("chmod 600 " + key);
  }

  @Test
  void verify_whenGivenAWorldReadablePrivateKey_exits2() throws Exception {
    Path key = sharedPrivateKey("rw-r--r--");

    CliRunner.Result r =
        cli("verify", "--public-key", key.toString(), "--channel-arn", CHANNEL, "a.b.c");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("--public-key " + key).contains("chmod 600");
  }

  @Test
  void mint_whenPrivateKeyIsOwnerOnly_signs() throws Exception {
    Path key = sharedPrivateKey("rw-------");

    CliRunner.Result r = cli("mint", "--private-key", key.toString(), "--channel-arn", CHANNEL);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("ey");
  }

  @Test
  void fingerprint_ofWorldReadablePublicKey_isFine() throws Exception {
    KeyPair pair = TestKeys.newP384();
    Path pub = KeyFiles.writePublic(dir, "k", pair);
    Files.setPosixFilePermissions(pub, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(cli("fingerprint", "--key", pub.toString()).exitCode()).isZero();
  }

  @Test
  void keygen_writesThroughPlaybackKeyFiles_ownerOnlyPrivateAndReadablePublic() throws Exception {
    Path out = dir.resolve("keys");

    CliRunner.Result r = cli("keygen", "--out", out.toString(), "--name", "web");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(out.resolve("web.key.pem"))))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(out.resolve("web.pub.pem"))))
        .isEqualTo("rw-r--r--");
    assertThat(cli("fingerprint", "--key", out.resolve("web.key.pem").toString()).out())
        .isEqualTo(r.out());
    try (var listing = Files.list(out)) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("web.key.pem", "web.pub.pem");
    }
  }

  @Test
  void passphraseFile_whenEndless_exits2WithoutReadingItWhole() {
    Path out = dir.resolve("keys");

    CliRunner.Result r = cli("keygen", "--out", out.toString(), "--passphrase-file", "/dev/zero");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err())
        .contains("--passphrase-file /dev/zero: too large for a passphrase (over 4 KiB)");
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(out).doesNotExist();
  }

  @Test
  void passphraseFile_whenOneByteOver4KiB_exits2_andAt4KiB_isRead() throws Exception {
    Path big = Files.writeString(dir.resolve("big.txt"), "x".repeat(4097));
    Path max = Files.writeString(dir.resolve("max.txt"), "y".repeat(4096));
    Files.setPosixFilePermissions(big, PosixFilePermissions.fromString("rw-------"));
    Files.setPosixFilePermissions(max, PosixFilePermissions.fromString("rw-------"));

    CliRunner.Result tooBig =
        cli("keygen", "--out", dir.resolve("a").toString(), "--passphrase-file", big.toString());
    // fingerprint reads the passphrase only for an encrypted key, so encrypt one with the 4 KiB
    // passphrase first
    CliRunner.Result atLimit =
        cli("keygen", "--out", dir.resolve("b").toString(), "--passphrase-file", max.toString());
    CliRunner.Result read =
        cli(
            "fingerprint",
            "--key",
            dir.resolve("b/playback.key.pem").toString(),
            "--passphrase-file",
            max.toString());

    assertThat(tooBig.exitCode()).isEqualTo(2);
    assertThat(tooBig.err())
        .contains("--passphrase-file " + big + ": too large for a passphrase (over 4 KiB)");
    assertThat(atLimit.exitCode()).as(atLimit.toString()).isZero();
    assertThat(atLimit.err()).doesNotContain("warning");
    assertThat(read.exitCode()).as(read.toString()).isZero();
    assertThat(read.out()).isEqualTo(atLimit.out());
  }

  @Test
  void passphraseFile_whenReadableByOthers_isUsedWithAWarningThatSaysHowToFixIt() throws Exception {
    Path pass = Files.writeString(dir.resolve("pass.txt"), "correct horse\n");
    Files.setPosixFilePermissions(pass, PosixFilePermissions.fromString("rw-r--r--"));

    CliRunner.Result r =
        cli(
            "keygen",
            "--out",
            dir.resolve("keys").toString(),
            "--passphrase-file",
            pass.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err())
        .contains("warning: --passphrase-file " + pass)
        .contains("chmod 600 " + pass)
        .doesNotContain("correct horse");
    assertThat(Files.readString(dir.resolve("keys/playback.key.pem")))
        .contains("ENCRYPTED PRIVATE KEY");
  }
}
