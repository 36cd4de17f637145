package dev.ivsplayback.cli;

import static dev.ivsplayback.cli.CliRunner.cli;
import static dev.ivsplayback.cli.IvsTestSupport.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ivsplayback.local.IvsLocal;
import dev.ivsplayback.local.IvsLocalExtension;
import dev.ivsplayback.testing.TestKeys;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ivs.IvsClient;
import software.amazon.awssdk.services.ivs.model.PlaybackKeyPair;

class ImportAndKeysCommandTest {

  static {
    IvsTestSupport.init();
  }

  @RegisterExtension
  static final IvsLocalExtension IVS = new IvsLocalExtension().resetBeforeEachTest();

  @TempDir Path dir;

  IvsLocal local() {
    return IVS.ivsLocal();
  }

  @Test
  void import_printsArnAndFingerprint_matchingWhatIvsStored() throws Exception {
    KeyPair pair = TestKeys.newP384();
    Path pub = KeyFiles.writePublic(dir, "k", pair);

    CliRunner.Result r =
        cli(at(local(), "import", "--public-key", pub.toString(), "--name", "web-1"));

    assertThat(r.exitCode()).as(r.toString()).isZero();
    String fingerprint = FingerprintCommandTest.expectedFingerprint(pair);
    assertThat(r.out())
        .startsWith("imported arn:aws:ivs:us-west-2:123456789012:playback-key/")
        .contains("fingerprint " + fingerprint);
    String arn = r.out().split(" ")[1];
    try (IvsClient sdk = IvsTestSupport.sdk(IVS.endpoint())) {
      PlaybackKeyPair stored = sdk.getPlaybackKeyPair(b -> b.arn(arn)).keyPair();
      assertThat(stored.fingerprint()).isEqualTo(fingerprint);
      assertThat(stored.name()).isEqualTo("web-1");
    }
  }

  @Test
  void import_json_withTags_andAgainReturnsTheSamePair() throws Exception {
    Path key =
        KeyFiles.writePrivate(
            dir, "k", TestKeys.newP384()); // a private key file: only its public half is sent

    CliRunner.Result first =
        cli(
            at(
                local(),
                "--output",
                "json",
                "import",
                "--public-key",
                key.toString(),
                "--tag",
                "team=video",
                "--tag",
                "env=prod"));
    CliRunner.Result again =
        cli(at(local(), "--output", "json", "import", "--public-key", key.toString()));

    assertThat(first.exitCode()).as(first.toString()).isZero();
    Map<String, Object> json = Jwt.parseJson(first.out());
    assertThat(json)
        .containsKeys("arn", "name", "fingerprint")
        .containsEntry("tags", Map.of("team", "video", "env", "prod"));
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(Jwt.parseJson(again.out()).get("arn")).isEqualTo(json.get("arn"));
  }

  @Test
  void import_whenIvsRefuses_exits1WithOneLine() throws Exception {
    Path pub = KeyFiles.writePublic(dir, "k", TestKeys.newP384());
    local().control().failNext("ImportPlaybackKeyPair", 1, "ServiceQuotaExceededException", 402);

    CliRunner.Result r = cli(at(local(), "import", "--public-key", pub.toString()));

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("ServiceQuotaExceededException");
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @Test
  void import_whenIvsRejectsTheInput_exits2() throws Exception {
    Path pub = KeyFiles.writePublic(dir, "k", TestKeys.newP384());
    local().control().failNext("ImportPlaybackKeyPair", 1, "ValidationException", 400);

    CliRunner.Result r = cli(at(local(), "import", "--public-key", pub.toString()));

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("ValidationException");
  }

  @Test
  void import_whenKeyFileIsNotAKey_exits2() throws Exception {
    Path junk = Files.writeString(dir.resolve("x.pem"), "not a key");

    CliRunner.Result r = cli(at(local(), "import", "--public-key", junk.toString()));

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(local().control().callCount("ImportPlaybackKeyPair")).isZero();
  }

  @Test
  void import_whenNameBreaksIvsRules_exits2() throws Exception {
    Path pub = KeyFiles.writePublic(dir, "k", TestKeys.newP384());

    CliRunner.Result r =
        cli(at(local(), "import", "--public-key", pub.toString(), "--name", "no spaces allowed"));

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("name");
    assertThat(local().control().callCount("ImportPlaybackKeyPair")).isZero();
  }

  /**
   * IVS reporting a fingerprint that differs from the key's own cannot be produced by ivs-local (it
   * computes them correctly), so this one test answers ImportPlaybackKeyPair from a minimal fake
   * endpoint.
   */
  @Test
  void import_whenIvsReportsAnotherFingerprint_exits1() throws Exception {
    HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    fake.createContext(
        "/",
        exchange -> {
          byte[] body =
              (exchange.getRequestURI().getPath().equals("/ImportPlaybackKeyPair")
                      ? "{\"keyPair\":{\"arn\":\"arn:aws:ivs:us-west-2:123456789012:playback-key/abcd1234efgh\",\"name\":\"\","
                          + "\"fingerprint\":\"00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff\",\"tags\":{}}}"
                      : "{}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    fake.start();
    try {
      Path pub = KeyFiles.writePublic(dir, "k", TestKeys.newP384());

      CliRunner.Result r =
          cli(
              "import",
              "--public-key",
              pub.toString(),
              "--endpoint-url",
              "http://127.0.0.1:" + fake.getAddress().getPort());

      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.err()).contains("00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff");
    } finally {
      fake.stop(0);
    }
  }

  @Test
  void import_whenEndpointUnreachable_exits1() throws Exception {
    Path pub = KeyFiles.writePublic(dir, "k", TestKeys.newP384());
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }

    CliRunner.Result r =
        cli(
            "import",
            "--public-key",
            pub.toString(),
            "--endpoint-url",
            "http://127.0.0.1:" + closedPort);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @Test
  void keysList_showsManagedAndUnmanagedPairs() throws Exception {
    KeyPair a = TestKeys.newP384();
    KeyPair b = TestKeys.newP384();
    assertThat(
            cli(at(
                    local(),
                    "import",
                    "--public-key",
                    KeyFiles.writePublic(dir, "a", a).toString(),
                    "--name",
                    "plain"))
                .exitCode())
        .isZero();
    assertThat(
            cli(at(
                    local(),
                    "import",
                    "--public-key",
                    KeyFiles.writePublic(dir, "b", b).toString(),
                    "--name",
                    "ops",
                    "--tag",
                    "ivs-playback:manager=ops"))
                .exitCode())
        .isZero();

    CliRunner.Result text = cli(at(local(), "keys", "list"));
    CliRunner.Result json = cli(at(local(), "keys", "list", "--output", "json"));

    assertThat(text.exitCode()).as(text.toString()).isZero();
    List<String> lines = text.out().lines().toList();
    assertThat(lines.get(0)).startsWith("ARN").contains("NAME", "FINGERPRINT", "MANAGED");
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("plain", FingerprintCommandTest.expectedFingerprint(a))
                    .endsWith("unmanaged"));
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("ops", FingerprintCommandTest.expectedFingerprint(b))
                    .endsWith(" managed"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> array = (List<Map<String, Object>>) Jwt.parseAny(json.out());
    assertThat(array)
        .hasSize(2)
        .allSatisfy(m -> assertThat(m).containsKeys("arn", "name", "fingerprint", "managed"));
    assertThat(array)
        .filteredOn(m -> m.get("name").equals("ops"))
        .singleElement()
        .satisfies(
            m -> assertThat(m).containsEntry("managed", true).containsEntry("manager", "ops"));
    assertThat(array)
        .filteredOn(m -> m.get("name").equals("plain"))
        .singleElement()
        .satisfies(m -> assertThat(m).containsEntry("managed", false));
  }

  @Test
  void keysList_whenEmpty_printsEmptyArrayOrNote() {
    CliRunner.Result text = cli(at(local(), "keys", "list"));
    CliRunner.Result json = cli(at(local(), "keys", "list", "--output", "json"));

    assertThat(text.exitCode()).isZero();
    assertThat(text.err()).contains("no playback key pairs");
    assertThat(json.out().strip()).isEqualTo("[]");
  }

  @Test
  void keysDelete_removesThePair_andUnknownArnExits1() throws Exception {
    CliRunner.Result imported =
        cli(
            at(
                local(),
                "--output",
                "json",
                "import",
                "--public-key",
                KeyFiles.writePublic(dir, "a", TestKeys.newP384()).toString()));
    String arn = (String) Jwt.parseJson(imported.out()).get("arn");

    CliRunner.Result deleted = cli(at(local(), "keys", "delete", arn));
    CliRunner.Result again = cli(at(local(), "keys", "delete", arn));

    assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
    assertThat(deleted.out()).contains("deleted " + arn);
    assertThat(cli(at(local(), "keys", "list", "--output", "json")).out().strip()).isEqualTo("[]");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("ResourceNotFound");
    assertThat(again.err().strip().lines()).hasSize(1);
  }

  @Test
  void keysDelete_malformedArn_exits2() {
    CliRunner.Result r =
        cli(at(local(), "keys", "delete", "arn:aws:ivs:us-west-2:123456789012:channel/abc"));

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("playback-key");
  }

  @Test
  void keys_withoutSubcommand_exits2() {
    CliRunner.Result r = cli("keys");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("list, delete or status");
  }

  @Test
  void profile_fromSharedCredentialsFile_isUsed() throws Exception {
    // ivs-local verifying SigV4 for real: only the profile's keys are accepted.
    try (IvsLocal strict =
        IvsLocal.builder().credentials("AKIDPROFILE", "profile-secret").build().start()) {
      Path credentials =
          Files.writeString(
              dir.resolve("credentials"),
              "[ops]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profile-secret\n");
      String previous = System.getProperty("aws.sharedCredentialsFile");
      System.setProperty("aws.sharedCredentialsFile", credentials.toString());
      try {
        CliRunner.Result withProfile =
            cli(at(strict, "keys", "list", "--profile", "ops", "--output", "json"));
        CliRunner.Result withDefault = cli(at(strict, "keys", "list"));

        assertThat(withProfile.exitCode()).as(withProfile.toString()).isZero();
        assertThat(withProfile.out().strip()).isEqualTo("[]");
        assertThat(withDefault.exitCode()).isEqualTo(1);
        assertThat(withDefault.err().strip().lines()).hasSize(1);
      } finally {
        if (previous == null) {
          System.clearProperty("aws.sharedCredentialsFile");
        } else {
          System.setProperty("aws.sharedCredentialsFile", previous);
        }
      }
    }
  }
}
