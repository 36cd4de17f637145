package dev.ivsplayback.cli;

import static dev.ivsplayback.cli.IvsTestSupport.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ivsplayback.local.IvsLocal;
import dev.ivsplayback.local.IvsLocalExtension;
import dev.ivsplayback.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ivs.IvsClient;
import software.amazon.awssdk.services.ivs.model.Channel;

class RotateAndStoreCommandTest {

  static {
    IvsTestSupport.init();
  }

  @RegisterExtension
  static final IvsLocalExtension IVS = new IvsLocalExtension().resetBeforeEachTest();

  @TempDir Path dir;

  Path store;
  MutableClock clock;
  CliRunner runner;

  @BeforeEach
  void setUp() {
    store = dir.resolve("store");
    clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    runner = new CliRunner().clock(clock).variable("STORE_PASS", "store-pass-Kq7");
  }

  IvsLocal local() {
    return IVS.ivsLocal();
  }

  CliRunner.Result rotate(String... extra) {
    String[] args = new String[extra.length + 5];
    args[0] = "rotate";
    args[1] = "--store";
    args[2] = store.toString();
    args[3] = "--passphrase-env";
    args[4] = "STORE_PASS";
    System.arraycopy(extra, 0, args, 5, extra.length);
    return runner.run(at(local(), args));
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> status() {
    CliRunner.Result r =
        runner.run(
            "keys",
            "status",
            "--store",
            store.toString(),
            "--passphrase-env",
            "STORE_PASS",
            "--output",
            "json");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return (List<Map<String, Object>>) Jwt.parseAny(r.out());
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> ivsKeys() {
    CliRunner.Result r = runner.run(at(local(), "keys", "list", "--output", "json"));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return (List<Map<String, Object>>) Jwt.parseAny(r.out());
  }

  @Test
  void rotate_fullLifecycle_createsRotatesAndDeletesRetiredKey() {
    CliRunner.Result first = rotate();
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out()).contains("GENERATED", "IMPORTED", "ACTIVE key ");
    List<Map<String, Object>> keys = status();
    assertThat(keys)
        .singleElement()
        .satisfies(
            k -> assertThat(k).containsEntry("state", "ACTIVE").containsKeys("arn", "fingerprint"));
    String firstFingerprint = (String) keys.get(0).get("fingerprint");
    assertThat(ivsKeys())
        .singleElement()
        .satisfies(
            k ->
                assertThat(k)
                    .containsEntry("fingerprint", firstFingerprint)
                    .containsEntry("managed", true));

    CliRunner.Result idle = rotate();
    assertThat(idle.exitCode()).as(idle.toString()).isZero();
    assertThat(idle.out()).contains("nothing to do");

    CliRunner.Result forced = rotate("--force");
    assertThat(forced.exitCode()).as(forced.toString()).isZero();
    assertThat(forced.out()).contains("pending key").contains("becomes ACTIVE");
    assertThat(status()).extracting(k -> k.get("state")).containsExactly("ACTIVE", "IMPORTED");
    assertThat(ivsKeys()).hasSize(2);

    clock.advance(Duration.ofMinutes(6)); // past the 5-minute propagation delay
    CliRunner.Result promoted = rotate();
    assertThat(promoted.exitCode()).as(promoted.toString()).isZero();
    assertThat(promoted.out()).contains("PROMOTED").contains("retiring key");
    assertThat(status()).extracting(k -> k.get("state")).containsExactly("RETIRING", "ACTIVE");

    clock.advance(Duration.ofMinutes(68)); // past the default grace: 1h max token TTL + 2m + 5m
    CliRunner.Result cleaned = rotate();
    assertThat(cleaned.exitCode()).as(cleaned.toString()).isZero();
    assertThat(cleaned.out()).contains("DELETED");
    assertThat(ivsKeys())
        .singleElement()
        .satisfies(k -> assertThat(k.get("fingerprint")).isNotEqualTo(firstFingerprint));
    assertThat(status())
        .filteredOn(k -> k.get("fingerprint").equals(firstFingerprint))
        .singleElement()
        .satisfies(k -> assertThat(k.get("state")).isIn("DELETED", "DESTROYED"));
  }

  @Test
  void rotate_afterLostImportResponse_nextRunRepairs() {
    local().control().dropResponseNext("ImportPlaybackKeyPair", 1);

    CliRunner.Result interrupted = rotate();
    CliRunner.Result repaired = rotate();

    assertThat(interrupted.exitCode()).isIn(0, 1);
    assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
    List<Map<String, Object>> keys = status();
    assertThat(keys)
        .filteredOn(k -> k.get("state").equals("ACTIVE"))
        .singleElement()
        .satisfies(
            active ->
                assertThat(ivsKeys())
                    .singleElement()
                    .satisfies(
                        pair ->
                            assertThat(pair)
                                .containsEntry("fingerprint", active.get("fingerprint"))));
  }

  @Test
  void rotate_json_listsEventsAndKeys() {
    CliRunner.Result r = rotate("--output", "json");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    Map<String, Object> json = Jwt.parseJson(r.out());
    assertThat((List<?>) json.get("events")).isNotEmpty();
    assertThat((List<?>) json.get("keys")).hasSize(1);
  }

  @Test
  void rotate_withoutPassphrase_exits2() {
    CliRunner.Result r = runner.run(at(local(), "rotate", "--store", store.toString()));

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--passphrase-file").contains("--passphrase-env");
  }

  @Test
  void rotate_withWrongPassphrase_exits2_andChangesNothing() {
    assertThat(rotate().exitCode()).isZero();
    long imports = local().control().callCount("ImportPlaybackKeyPair");

    CliRunner.Result r =
        new CliRunner()
            .clock(clock)
            .variable("STORE_PASS", "not-the-pass")
            .run(
                at(
                    local(),
                    "rotate",
                    "--store",
                    store.toString(),
                    "--passphrase-env",
                    "STORE_PASS",
                    "--force"));

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).doesNotContain("not-the-pass");
    assertThat(local().control().callCount("ImportPlaybackKeyPair")).isEqualTo(imports);
  }

  @Test
  void rotate_graceShorterThanTokenTtl_exits2() {
    CliRunner.Result r = rotate("--max-token-ttl", "1h", "--grace", "30m");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--grace 30m").contains("1h");
  }

  @Test
  void rotate_timingsThatDoNotFit_exit2() {
    CliRunner.Result r = rotate("--interval", "10m");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--interval");
  }

  @Test
  void keysStatus_textAndMissingStore() {
    assertThat(rotate().exitCode()).isZero();

    CliRunner.Result text =
        runner.run("keys", "status", "--store", store.toString(), "--passphrase-env", "STORE_PASS");
    CliRunner.Result missing =
        runner.run(
            "keys",
            "status",
            "--store",
            dir.resolve("nope").toString(),
            "--passphrase-env",
            "STORE_PASS");

    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out().lines().toList().get(0))
        .startsWith("STATE")
        .contains("ARN", "FINGERPRINT");
    assertThat(text.out()).contains("ACTIVE");
    assertThat(text.out() + text.err()).doesNotContain("PRIVATE KEY");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("no key store");
    assertThat(Files.exists(dir.resolve("nope"))).isFalse();
  }

  @Test
  void mintWithStore_signsWithTheActiveKey_andPlays() throws Exception {
    assertThat(rotate().exitCode()).isZero();
    String activeFingerprint = (String) status().get(0).get("fingerprint");
    Channel channel;
    try (IvsClient sdk = IvsTestSupport.sdk(IVS.endpoint())) {
      channel = sdk.createChannel(b -> b.name("cli-store").authorized(true)).channel();
    }

    CliRunner.Result minted =
        runner.run(
            "mint",
            "--store",
            store.toString(),
            "--passphrase-env",
            "STORE_PASS",
            "--channel-arn",
            channel.arn(),
            "--ttl",
            "5m",
            "--playback-url",
            channel.playbackUrl(),
            "--output",
            "json");

    assertThat(minted.exitCode()).as(minted.toString()).isZero();
    Map<String, Object> json = Jwt.parseJson(minted.out());
    assertThat(json).containsEntry("keyFingerprint", activeFingerprint);
    HttpResponse<Void> played =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create((String) json.get("playbackUrl"))).build(),
                HttpResponse.BodyHandlers.discarding());
    assertThat(played.statusCode()).isEqualTo(200);
  }

  @Test
  void mintWithStore_tokenLongerThanMaxTtl_exits2() {
    assertThat(rotate().exitCode()).isZero();

    CliRunner.Result r =
        runner.run(
            "mint",
            "--store",
            store.toString(),
            "--passphrase-env",
            "STORE_PASS",
            "--channel-arn",
            MintCommandTest.CHANNEL,
            "--ttl",
            "2h");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("maximum token TTL 1h");
  }

  @Test
  void mintWithStore_whenStoreMissing_exits2() {
    CliRunner.Result r =
        runner.run(
            "mint",
            "--store",
            store.toString(),
            "--passphrase-env",
            "STORE_PASS",
            "--channel-arn",
            MintCommandTest.CHANNEL);

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("no key store");
  }

  @Test
  void keygen_writesOwnerOnlyPrivateKeyAndNeverOverwrites() throws Exception {
    Path out = dir.resolve("keys");

    CliRunner.Result r = runner.run("keygen", "--out", out.toString(), "--name", "web");
    CliRunner.Result again = runner.run("keygen", "--out", out.toString(), "--name", "web");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    Path priv = out.resolve("web.key.pem");
    Path pub = out.resolve("web.pub.pem");
    assertThat(Files.getPosixFilePermissions(priv))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    assertThat(Files.readString(pub)).startsWith("-----BEGIN PUBLIC KEY-----");
    String fingerprint = r.out().strip();
    assertThat(CliRunner.cli("fingerprint", "--key", pub.toString()).out().strip())
        .isEqualTo(fingerprint);
    assertThat(r.out() + r.err()).doesNotContain("PRIVATE KEY-----");
    String before = Files.readString(priv);
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("refusing to overwrite");
    assertThat(Files.readString(priv)).isEqualTo(before);
  }

  @Test
  void keygen_badName_exits2() {
    CliRunner.Result r = runner.run("keygen", "--out", dir.toString(), "--name", "../escape");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--name");
  }

  @Test
  void keygen_jsonOutput() {
    CliRunner.Result r =
        runner.run(
            "keygen",
            "--out",
            dir.resolve("j").toString(),
            "--output",
            "json",
            "--passphrase-env",
            "STORE_PASS");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(Jwt.parseJson(r.out()))
        .containsEntry("encrypted", true)
        .containsKeys("privateKey", "publicKey", "fingerprint");
  }
}
