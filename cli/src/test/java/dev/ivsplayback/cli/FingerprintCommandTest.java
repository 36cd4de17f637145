package dev.ivsplayback.cli;

import static dev.ivsplayback.cli.CliRunner.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ivsplayback.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintCommandTest {

  @TempDir Path dir;

  /**
   * MD5 of the DER SubjectPublicKeyInfo, colon-separated lower-case hex (computed here
   * independently).
   */
  static String expectedFingerprint(KeyPair pair) throws Exception {
    byte[] md5 = MessageDigest.getInstance("MD5").digest(pair.getPublic().getEncoded());
    return HexFormat.ofDelimiter(":").formatHex(md5);
  }

  @Test
  void fingerprint_ofPublicKey_printsIvsFingerprint() throws Exception {
    KeyPair pair = TestKeys.newP384();
    Path pub = KeyFiles.writePublic(dir, "k", pair);

    CliRunner.Result r = cli("fingerprint", "--key", pub.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().strip()).isEqualTo(expectedFingerprint(pair));
  }

  @Test
  void fingerprint_ofPrivateKey_isThatOfItsPublicKey() throws Exception {
    KeyPair pair = TestKeys.newP384();
    Path key = KeyFiles.writePrivate(dir, "k", pair);

    CliRunner.Result r = cli("fingerprint", "--key", key.toString(), "--output", "json");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().strip())
        .isEqualTo(
            "{\"fingerprint\":\""
                + expectedFingerprint(pair)
                + "\",\"keyType\":\"private\",\"file\":\""
                + key
                + "\"}");
    assertThat(r.out()).doesNotContain("PRIVATE");
  }

  @Test
  void fingerprint_whenFileMissing_exits2NamingTheFile() {
    CliRunner.Result r = cli("fingerprint", "--key", dir.resolve("nope.pem").toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--key").contains("nope.pem").contains("no such file");
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @Test
  void fingerprint_whenNotPem_exits2WithOneLine() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.pem"), "hello\n");

    CliRunner.Result r = cli("fingerprint", "--key", junk.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("junk.pem").doesNotContain("Exception:").doesNotContain("\tat ");
  }

  @Test
  void fingerprint_whenRsaKey_exits2() throws Exception {
    Path rsa =
        Files.writeString(
            dir.resolve("rsa.pub.pem"),
            TestKeys.pem("PUBLIC KEY", TestKeys.rsa().getPublic().getEncoded()));

    CliRunner.Result r = cli("fingerprint", "--key", rsa.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("rsa.pub.pem");
  }

  @Test
  void fingerprint_whenP256Key_exits2() throws Exception {
    Path p256 =
        Files.writeString(
            dir.resolve("p256.pub.pem"),
            TestKeys.pem("PUBLIC KEY", TestKeys.ec("secp256r1").getPublic().getEncoded()));

    CliRunner.Result r = cli("fingerprint", "--key", p256.toString());

    assertThat(r.exitCode()).isEqualTo(2);
  }

  @Test
  void fingerprint_withDebug_printsStackTrace() throws Exception {
    Path junk =
        Files.writeString(
            dir.resolve("junk.pem"),
            "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");

    CliRunner.Result r = cli("--debug", "fingerprint", "--key", junk.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("\tat ");
  }

  @Test
  void fingerprint_withoutKey_exits2WithUsageHint() {
    CliRunner.Result r = cli("fingerprint");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--key").contains("ivs-playback fingerprint --help");
  }
}
