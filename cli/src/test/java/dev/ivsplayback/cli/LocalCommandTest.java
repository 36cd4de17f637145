package dev.ivsplayback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ivs.IvsClient;
import software.amazon.awssdk.services.ivs.model.CreateChannelResponse;

class LocalCommandTest {

  static final Pattern ENDPOINT = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)");

  /** A writer that completes a future with the endpoint as soon as it is printed. */
  static final class EndpointWatcher extends Writer {
    final StringBuffer text = new StringBuffer();
    final CompletableFuture<URI> endpoint = new CompletableFuture<>();

    @Override
    public void write(char[] cbuf, int off, int len) {
      text.append(cbuf, off, len);
      Matcher m = ENDPOINT.matcher(text);
      if (m.find()) {
        endpoint.complete(URI.create(m.group()));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Test
  void local_servesTheRealSdkUntilAskedToStop() throws Exception {
    EndpointWatcher out = new EndpointWatcher();
    StringWriter err = new StringWriter();
    CountDownLatch stop = new CountDownLatch(1);
    CliEnvironment env =
        CliEnvironment.builder()
            .stdout(new PrintWriter(out))
            .stderr(new PrintWriter(err))
            .shutdownRequest(stop)
            .build();
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                IvsPlaybackCli.execute(
                    env, "local", "--account", "210987654321", "--region", "eu-west-1"));

    URI endpoint = out.endpoint.get(20, TimeUnit.SECONDS);
    try (IvsClient ivs =
        IvsClient.builder()
            .endpointOverride(endpoint)
            .region(Region.EU_WEST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "secret")))
            .build()) {
      CreateChannelResponse created = ivs.createChannel(b -> b.name("cli-local").authorized(true));
      assertThat(created.channel().arn()).startsWith("arn:aws:ivs:eu-west-1:210987654321:channel/");
    }
    assertThat(out.text.toString()).contains("region eu-west-1, account 210987654321");

    stop.countDown();
    assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
    assertThat(err.toString()).contains("ivs-local stopped");
    assertThat(portClosed(endpoint)).isTrue();
  }

  @Test
  void local_withCredentials_rejectsOtherSigners() throws Exception {
    EndpointWatcher out = new EndpointWatcher();
    CountDownLatch stop = new CountDownLatch(1);
    CliEnvironment env =
        CliEnvironment.builder()
            .stdout(new PrintWriter(out))
            .stderr(new PrintWriter(new StringWriter()))
            .shutdownRequest(stop)
            .build();
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                IvsPlaybackCli.execute(
                    env,
                    "local",
                    "--access-key",
                    "AKIDRIGHT",
                    "--secret-key",
                    "right-secret",
                    "--output",
                    "json"));
    try {
      URI endpoint = out.endpoint.get(20, TimeUnit.SECONDS);
      assertThat(Jwt.parseJson(out.text.toString().strip()))
          .containsEntry("sigv4Verified", true)
          .containsEntry("endpoint", endpoint.toString());
      assertOnlyRightSecretAccepted(
          endpoint, "AKIDWRONG", "wrong-secret", "AKIDRIGHT", "right-secret");
    } finally {
      stop.countDown();
    }
    assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void local_withSecretKeyEnv_verifiesSignaturesWithThatSecret() throws Exception {
    EndpointWatcher out = new EndpointWatcher();
    CountDownLatch stop = new CountDownLatch(1);
    CliEnvironment env =
        CliEnvironment.builder()
            .stdout(new PrintWriter(out))
            .stderr(new PrintWriter(new StringWriter()))
            .variables(java.util.Map.of("IVS_LOCAL_SECRET", "env-secret"))
            .shutdownRequest(stop)
            .build();
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                IvsPlaybackCli.execute(
                    env,
                    "local",
                    "--access-key",
                    "AKIDENV",
                    "--secret-key-env",
                    "IVS_LOCAL_SECRET"));
    try {
      URI endpoint = out.endpoint.get(20, TimeUnit.SECONDS);
      assertThat(out.text.toString()).contains("SigV4 verified");
      // The variable's name is not the secret; its value is.
      assertOnlyRightSecretAccepted(
          endpoint, "AKIDENV", "IVS_LOCAL_SECRET", "AKIDENV", "env-secret");
    } finally {
      stop.countDown();
    }
    assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void local_withSecretKeyEnvNotSet_exits2NamingTheVariable() {
    CliRunner.Result r =
        CliRunner.cli("local", "--access-key", "AKID", "--secret-key-env", "NO_SUCH_SECRET_VAR");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--secret-key-env NO_SUCH_SECRET_VAR").contains("not set");
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @Test
  void local_withBothSecretSourcesOrSecretWithoutAccessKey_exits2() {
    CliRunner.Result both =
        new CliRunner()
            .variable("S", "x")
            .run("local", "--access-key", "AKID", "--secret-key-env", "S", "--secret-key", "y");
    CliRunner.Result orphan =
        new CliRunner().variable("S", "x").run("local", "--secret-key-env", "S");

    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("not both");
    assertThat(orphan.exitCode()).isEqualTo(2);
    assertThat(orphan.err()).contains("--secret-key-env").contains("needs --access-key");
  }

  @Test
  void local_help_recommendsSecretKeyEnvAndWarnsThatSecretKeyShowsInPs() {
    CliRunner.Result r = CliRunner.cli("local", "--help");

    assertThat(r.exitCode()).isZero();
    String help = r.out().replaceAll("\\s+", " "); // picocli wraps long descriptions
    assertThat(help)
        .contains("--secret-key-env=VAR")
        .contains("(recommended)")
        .contains("visible to other users in 'ps'");
  }

  @Test
  void local_withAccessKeyButNoSecret_exits2() {
    CliRunner.Result r = CliRunner.cli("local", "--access-key", "AKID");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--secret-key");
  }

  @Test
  void local_withBadPortOrAccount_exits2() {
    assertThat(CliRunner.cli("local", "--port", "70000").exitCode()).isEqualTo(2);
    assertThat(CliRunner.cli("local", "--port", "http").exitCode()).isEqualTo(2);
    CliRunner.Result account = CliRunner.cli("local", "--account", "12");
    assertThat(account.exitCode()).isEqualTo(2);
    assertThat(account.err()).contains("12-digit");
  }

  /**
   * As a real process: SIGTERM (Process.destroy) or SIGINT (Ctrl-C) stops it cleanly with exit 0.
   */
  @ParameterizedTest
  @ValueSource(strings = {"TERM", "INT"})
  void local_asProcess_stopsCleanlyOnSignal(String signal) throws Exception {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                IvsPlaybackCli.class.getName(),
                "local")
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String first = lines.readLine();
      assertThat(first).isNotNull().contains("ivs-local listening on http://127.0.0.1:");
      Matcher m = ENDPOINT.matcher(first);
      assertThat(m.find()).isTrue();
      URI endpoint = URI.create(m.group());

      Process kill =
          new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
      assertThat(kill.waitFor()).isZero();

      assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
      StringBuilder rest = new StringBuilder();
      for (String l; (l = lines.readLine()) != null; ) {
        rest.append(l).append('\n');
      }
      assertThat(p.exitValue()).as(rest.toString()).isZero();
      assertThat(rest.toString()).contains("ivs-local stopped");
      assertThat(portClosed(endpoint)).isTrue();
    } finally {
      p.destroyForcibly();
    }
  }

  private static IvsClient client(URI endpoint, String key, String secret) {
    return IvsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_WEST_2)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
        .build();
  }

  private static boolean portClosed(URI endpoint) {
    try (Socket s = new Socket(endpoint.getHost(), endpoint.getPort())) {
      return !s.isConnected();
    } catch (ConnectException e) {
      return true;
    } catch (java.io.IOException e) {
      return true;
    }
  }

  /**
   * A request signed with the wrong secret is refused; one signed with the configured secret is
   * served.
   */
  private static void assertOnlyRightSecretAccepted(
      URI endpoint, String wrongKey, String wrongSecret, String rightKey, String rightSecret) {
    try (IvsClient wrong = client(endpoint, wrongKey, wrongSecret);
        IvsClient right = client(endpoint, rightKey, rightSecret)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> wrong.listChannels(b -> {}))
          .isInstanceOf(software.amazon.awssdk.awscore.exception.AwsServiceException.class);
      assertThat(right.listChannels(b -> {}).channels()).isEmpty();
    }
  }
}
