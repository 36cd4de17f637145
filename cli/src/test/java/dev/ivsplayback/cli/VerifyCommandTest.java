package dev.ivsplayback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivsplayback.testing.TestKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

  static final String CHANNEL = MintCommandTest.CHANNEL;
  static final String OTHER_CHANNEL = "arn:aws:ivs:us-west-2:123456789012:channel/otherOTHER12";
  static final Instant NOW = MintCommandTest.NOW;

  @TempDir Path dir;

  KeyPair pair;
  Path key;
  Path pub;
  CliRunner atNow;

  @BeforeEach
  void setUp() throws Exception {
    pair = TestKeys.newP384();
    key = KeyFiles.writePrivate(dir, "k", pair);
    pub = KeyFiles.writePublic(dir, "k", pair);
    atNow = new CliRunner().clock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  String mint(String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("mint", "--private-key", key.toString(), "--channel-arn", CHANNEL));
    args.addAll(List.of(extra));
    CliRunner.Result r = atNow.run(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r.out().strip();
  }

  @Test
  void verify_validToken_exits0WithClaimsJson() {
    String token = mint("--ttl", "2m", "--viewer-id", "v1");

    CliRunner.Result r =
        atNow.run("verify", "--public-key", pub.toString(), "--channel-arn", CHANNEL, token);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    Map<String, Object> claims = Jwt.parseJson(r.out());
    assertThat(claims)
        .containsEntry("aws:channel-arn", CHANNEL)
        .containsEntry("aws:viewer-id", "v1")
        .containsEntry("exp", NOW.getEpochSecond() + 120);
  }

  @Test
  void verify_acceptsAnyOfSeveralKeys() throws Exception {
    Path otherPub = KeyFiles.writePublic(dir, "other", TestKeys.newP384());
    String token = mint();

    CliRunner.Result r =
        atNow.run(
            "verify",
            "--public-key",
            otherPub.toString(),
            "--public-key",
            pub.toString(),
            "--channel-arn",
            CHANNEL,
            token);

    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  @Test
  void verify_tokenForAnotherChannel_exits1WithReason() {
    String token = mint();

    CliRunner.Result r =
        atNow.run("verify", "--public-key", pub.toString(), "--channel-arn", OTHER_CHANNEL, token);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).startsWith("INVALID CHANNEL_MISMATCH");
  }

  @Test
  void verify_expiredToken_exits1_unlessWithinLeeway() {
    String token = mint("--ttl", "1m");
    CliRunner later = new CliRunner().clock(Clock.fixed(NOW.plusSeconds(90), ZoneOffset.UTC));

    CliRunner.Result expired =
        later.run("verify", "--public-key", pub.toString(), "--channel-arn", CHANNEL, token);
    CliRunner.Result lenient =
        later.run(
            "verify",
            "--public-key",
            pub.toString(),
            "--channel-arn",
            CHANNEL,
            "--leeway",
            "1m",
            token);

    assertThat(expired.exitCode()).isEqualTo(1);
    assertThat(expired.out()).startsWith("INVALID EXPIRED");
    assertThat(lenient.exitCode()).as(lenient.toString()).isZero();
  }

  @Test
  void verify_tamperedToken_exits1BadSignature() {
    String token = mint();
    String[] parts = token.split("\\.");
    String payload =
        new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace(CHANNEL, OTHER_CHANNEL);
    String tampered =
        parts[0]
            + "."
            + java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];

    CliRunner.Result r =
        atNow.run(
            "verify", "--public-key", pub.toString(), "--channel-arn", OTHER_CHANNEL, tampered);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).startsWith("INVALID BAD_SIGNATURE");
  }

  @Test
  void verify_wrongOrigin_exits1() {
    String token = mint("--origin", "https://a.example.com", "--strict-origin");

    CliRunner.Result ok =
        atNow.run(
            "verify",
            "--public-key",
            pub.toString(),
            "--channel-arn",
            CHANNEL,
            "--origin",
            "https://a.example.com",
            token);
    CliRunner.Result bad =
        atNow.run(
            "verify",
            "--public-key",
            pub.toString(),
            "--channel-arn",
            CHANNEL,
            "--origin",
            "https://evil.example.net",
            token);

    assertThat(ok.exitCode()).as(ok.toString()).isZero();
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.out()).startsWith("INVALID ORIGIN_NOT_ALLOWED");
  }

  @Test
  void verify_dash_readsTokenFromStdin() {
    String token = mint();

    CliRunner.Result r =
        atNow
            .stdin(token + "\n")
            .run("verify", "--public-key", pub.toString(), "--channel-arn", CHANNEL, "-");

    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  @Test
  void verify_jsonOutput_reportsValidityAndReason() {
    String token = mint();

    CliRunner.Result valid =
        atNow.run(
            "verify",
            "--public-key",
            pub.toString(),
            "--channel-arn",
            CHANNEL,
            "--output",
            "json",
            token);
    CliRunner.Result invalid =
        atNow.run(
            "verify",
            "--output",
            "json",
            "--public-key",
            pub.toString(),
            "--channel-arn",
            OTHER_CHANNEL,
            token);

    assertThat(Jwt.parseJson(valid.out())).containsEntry("valid", true).containsKey("claims");
    assertThat(Jwt.parseJson(invalid.out()))
        .containsEntry("valid", false)
        .containsEntry("reason", "CHANNEL_MISMATCH");
    assertThat(invalid.exitCode()).isEqualTo(1);
  }

  @Test
  void verify_withoutToken_exits2() {
    CliRunner.Result r =
        atNow.run("verify", "--public-key", pub.toString(), "--channel-arn", CHANNEL);

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("TOKEN");
  }

  @Test
  void verify_batchAndToken_exits2() {
    CliRunner.Result r =
        atNow.run(
            "verify", "--batch", "--public-key", pub.toString(), "--channel-arn", CHANNEL, "x");

    assertThat(r.exitCode()).isEqualTo(2);
  }

  @Test
  void verify_batch_printsOneLinePerTokenInInputOrder() {
    String good1 = mint("--viewer-id", "first");
    String good2 = mint("--viewer-id", "second");
    String input =
        good1 + "\n" + "not-a-token\n" + "\n" + good2 + "\r\n" + "x".repeat(70_000) + "\n";

    CliRunner.Result r =
        atNow
            .stdin(input)
            .run("verify", "--batch", "--public-key", pub.toString(), "--channel-arn", CHANNEL);

    assertThat(r.exitCode()).isEqualTo(1);
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).startsWith("VALID {").contains("\"aws:viewer-id\":\"first\"");
    assertThat(lines.get(1)).startsWith("INVALID MALFORMED");
    assertThat(lines.get(2)).startsWith("INVALID MALFORMED");
    assertThat(lines.get(3)).startsWith("VALID {").contains("\"aws:viewer-id\":\"second\"");
    assertThat(lines.get(4)).startsWith("INVALID TOO_LARGE");
    assertThat(r.err()).contains("5 token(s): 2 valid, 3 invalid");
  }

  @Test
  void verify_batch_allValid_exits0() {
    String input = mint() + "\n" + mint("--viewer-id", "b") + "\n";

    CliRunner.Result r =
        atNow
            .stdin(input)
            .run("verify", "--public-key", pub.toString(), "--channel-arn", CHANNEL, "--batch");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().lines()).hasSize(2).allMatch(l -> l.startsWith("VALID "));
  }

  @Test
  void verify_batch_millionLines_streamsInConstantMemory() {
    // A generated stdin of 1,000,000 lines (never materialised) and an output that only counts
    // lines: if the command
    // collected its input or output, the check below that results flow out while input is still
    // being read would fail.
    String valid = mint();
    long total = 1_000_000;
    AtomicLong outputLines = new AtomicLong();
    AtomicLong outputSeenAtHalfway = new AtomicLong(-1);
    InputStream stdin =
        new InputStream() {
          long line;
          byte[] current = new byte[0];
          int pos;

          @Override
          public int read() {
            if (pos == current.length) {
              if (line == total) {
                return -1;
              }
              if (line == total / 2) {
                outputSeenAtHalfway.set(outputLines.get());
              }
              String text = (line % 100_000 == 0 ? valid : "garbage." + line + ".x") + "\n";
              current = text.getBytes(StandardCharsets.US_ASCII);
              pos = 0;
              line++;
            }
            return current[pos++];
          }
        };
    Writer counting =
        new Writer() {
          @Override
          public void write(char[] cbuf, int off, int len) {
            for (int i = off; i < off + len; i++) {
              if (cbuf[i] == '\n') {
                outputLines.incrementAndGet();
              }
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    java.io.StringWriter err = new java.io.StringWriter();
    CliEnvironment env =
        CliEnvironment.builder()
            .stdin(stdin)
            .stdout(new PrintWriter(counting))
            .stderr(new PrintWriter(err))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();

    int code =
        IvsPlaybackCli.execute(
            env, "verify", "--batch", "--public-key", pub.toString(), "--channel-arn", CHANNEL);

    assertThat(code).isEqualTo(1);
    assertThat(outputLines.get()).isEqualTo(total);
    assertThat(outputSeenAtHalfway.get()).isGreaterThan(total / 4);
    assertThat(err.toString()).contains("1000000 token(s): 10 valid, 999990 invalid");
  }

  @Test
  void verify_whenPublicKeyMissing_exits2() throws IOException {
    CliRunner.Result r =
        atNow.run(
            "verify",
            "--public-key",
            dir.resolve("missing.pem").toString(),
            "--channel-arn",
            CHANNEL,
            "abc");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("missing.pem");
  }
}
