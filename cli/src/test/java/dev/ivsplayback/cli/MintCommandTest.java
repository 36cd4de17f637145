package dev.ivsplayback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivsplayback.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MintCommandTest {

  static final String CHANNEL = "arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh";
  static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  @TempDir Path dir;

  KeyPair pair;
  Path key;
  CliRunner runner;

  @BeforeEach
  void setUp() throws Exception {
    pair = TestKeys.newP384();
    key = KeyFiles.writePrivate(dir, "k", pair);
    runner = new CliRunner().clock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void mint_printsSignedTokenWithRequestedClaims() throws Exception {
    CliRunner.Result r =
        runner.run(
            "mint",
            "--private-key",
            key.toString(),
            "--channel-arn",
            CHANNEL,
            "--ttl",
            "90s",
            "--viewer-id",
            "viewer-7",
            "--viewer-session-version",
            "3",
            "--origin",
            "https://a.example.com",
            "--origin",
            "https://*.b.example.com",
            "--strict-origin",
            "--max-resolution",
            "hd");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    String token = r.out().strip();
    assertThat(Jwt.signatureValid(token, pair.getPublic())).isTrue();
    assertThat(Jwt.header(token)).isEqualTo(Map.of("alg", "ES384", "typ", "JWT"));
    Map<String, Object> claims = Jwt.payload(token);
    assertThat(claims)
        .containsEntry("aws:channel-arn", CHANNEL)
        .containsEntry("exp", NOW.getEpochSecond() + 90)
        .containsEntry("aws:viewer-id", "viewer-7")
        .containsEntry("aws:viewer-session-version", 3L)
        .containsEntry(
            "aws:access-control-allow-origin", "https://a.example.com,https://*.b.example.com")
        .containsEntry("aws:strict-origin-enforcement", true)
        .containsEntry("aws:maximum-resolution", "HD");
  }

  @Test
  void mint_defaultTtlIsFiveMinutes() {
    CliRunner.Result r =
        runner.run("mint", "--private-key", key.toString(), "--channel-arn", CHANNEL);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(Jwt.payload(r.out().strip())).containsEntry("exp", NOW.getEpochSecond() + 300);
  }

  @Test
  void mint_singleUse_addsUuid() {
    CliRunner.Result r =
        runner.run(
            "mint",
            "--private-key",
            key.toString(),
            "--channel-arn",
            CHANNEL,
            "--single-use",
            "--ttl",
            "5m");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    Object uuid = Jwt.payload(r.out().strip()).get("aws:single-use-uuid");
    assertThat(UUID.fromString((String) uuid)).isNotNull();
  }

  @Test
  void mint_expiresAt_setsExp() {
    CliRunner.Result r =
        runner.run(
            "mint",
            "--private-key",
            key.toString(),
            "--channel-arn",
            CHANNEL,
            "--expires-at",
            "2026-11-26T12:00:00+01:00");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(Jwt.payload(r.out().strip()))
        .containsEntry("exp", Instant.parse("2026-11-26T11:00:00Z").getEpochSecond());
  }

  @Test
  void mint_withPlaybackUrl_printsUrlCarryingToken() {
    String url =
        "https://abc.us-west-2.playback.live-video.net/api/video/v1/us-west-2.123456789012.channel.abcdABCDefgh.m3u8";
    CliRunner.Result r =
        runner.run(
            "mint",
            "--private-key",
            key.toString(),
            "--channel-arn",
            CHANNEL,
            "--playback-url",
            url);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().strip()).startsWith(url + "?token=ey");
  }

  @Test
  void mint_jsonOutput_hasTokenExpiryAndKeyFingerprint() throws Exception {
    CliRunner.Result r =
        runner.run(
            "--output",
            "json",
            "mint",
            "--private-key",
            key.toString(),
            "--channel-arn",
            CHANNEL,
            "--ttl",
            "1m");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    Map<String, Object> json = Jwt.parseJson(r.out());
    assertThat((String) json.get("token")).startsWith("ey");
    assertThat(json)
        .containsEntry("expiresAt", "2026-11-26T10:01:00Z")
        .containsEntry("keyFingerprint", FingerprintCommandTest.expectedFingerprint(pair));
  }

  @Test
  void mint_whenViewerTokenLivesOverTenMinutes_exits2NamingTheRule() {
    CliRunner.Result r =
        runner.run(
            "mint",
            "--private-key",
            key.toString(),
            "--channel-arn",
            CHANNEL,
            "--viewer-id",
            "v1",
            "--ttl",
            "11m");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("10");
  }

  @Test
  void mint_whenViewerIdTooLong_exits2() {
    CliRunner.Result r =
        runner.run(
            "mint",
            "--private-key",
            key.toString(),
            "--channel-arn",
            CHANNEL,
            "--viewer-id",
            "x".repeat(41));

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("aws:viewer-id");
  }

  @Test
  void mint_whenDurationUnreadable_exits2WithExamples() {
    CliRunner.Result r =
        runner.run(
            "mint", "--private-key", key.toString(), "--channel-arn", CHANNEL, "--ttl", "5x");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--ttl").contains("'5x'").contains("90s, 5m, 1h");
  }

  @Test
  void mint_whenTtlAndExpiresAtBothGiven_exits2() {
    CliRunner.Result r =
        runner.run(
            "mint",
            "--private-key",
            key.toString(),
            "--channel-arn",
            CHANNEL,
            "--ttl",
            "1m",
            "--expires-at",
            "2026-11-26T10:05:00Z");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--ttl").contains("--expires-at");
  }

  @Test
  void mint_whenBothKeySourcesGiven_exits2() {
    CliRunner.Result r =
        runner.run(
            "mint",
            "--private-key",
            key.toString(),
            "--store",
            dir.toString(),
            "--channel-arn",
            CHANNEL);

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--private-key").contains("--store");
  }

  @Test
  void mint_whenChannelArnMissing_exits2() {
    CliRunner.Result r = runner.run("mint", "--private-key", key.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--channel-arn");
  }

  @Test
  void mint_whenKeyIsPublic_exits2() throws Exception {
    Path pub = KeyFiles.writePublic(dir, "k", pair);

    CliRunner.Result r =
        runner.run("mint", "--private-key", pub.toString(), "--channel-arn", CHANNEL);

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("holds no private key");
  }

  @Test
  void mint_withEncryptedKey_readsPassphraseFromEnvironment() throws Exception {
    CliRunner.Result gen =
        new CliRunner()
            .variable("PASS", "correct horse")
            .run("keygen", "--out", dir.resolve("enc").toString(), "--passphrase-env", "PASS");
    assertThat(gen.exitCode()).as(gen.toString()).isZero();
    Path encrypted = dir.resolve("enc/playback.key.pem");
    assertThat(Files.readString(encrypted)).contains("ENCRYPTED PRIVATE KEY");

    CliRunner.Result noPass =
        runner.run("mint", "--private-key", encrypted.toString(), "--channel-arn", CHANNEL);
    assertThat(noPass.exitCode()).isEqualTo(2);
    assertThat(noPass.err()).contains("encrypted").contains("--passphrase-file");

    CliRunner.Result unset =
        runner.run(
            "mint",
            "--private-key",
            encrypted.toString(),
            "--channel-arn",
            CHANNEL,
            "--passphrase-env",
            "PASS");
    assertThat(unset.exitCode()).isEqualTo(2);
    assertThat(unset.err()).contains("PASS").contains("not set");

    CliRunner.Result wrong =
        runner
            .variable("PASS", "Zebra-Quartz-991")
            .run(
                "mint",
                "--private-key",
                encrypted.toString(),
                "--channel-arn",
                CHANNEL,
                "--passphrase-env",
                "PASS");
    assertThat(wrong.exitCode()).isEqualTo(2);
    assertThat(wrong.err()).doesNotContain("Zebra-Quartz-991").contains("--private-key");

    Path passFile = Files.writeString(dir.resolve("pass.txt"), "correct horse\n");
    CliRunner.Result ok =
        runner.run(
            "mint",
            "--private-key",
            encrypted.toString(),
            "--channel-arn",
            CHANNEL,
            "--passphrase-file",
            passFile.toString());
    assertThat(ok.exitCode()).as(ok.toString()).isZero();
    assertThat(ok.out().strip()).startsWith("ey");
    assertThat(ok.out() + ok.err()).doesNotContain("correct horse");
  }
}
