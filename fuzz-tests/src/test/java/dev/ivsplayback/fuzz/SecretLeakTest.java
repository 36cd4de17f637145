package dev.ivsplayback.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivsplayback.cli.CliEnvironment;
import dev.ivsplayback.cli.IvsPlaybackCli;
import dev.ivsplayback.client.IvsClientConfig;
import dev.ivsplayback.client.IvsPlaybackClient;
import dev.ivsplayback.keys.FileSystemPlaybackKeyStore;
import dev.ivsplayback.keys.KeyEncryptionParameters;
import dev.ivsplayback.keys.KeyMaterialAccess;
import dev.ivsplayback.keys.PlaybackKeyFiles;
import dev.ivsplayback.keys.PlaybackKeyGenerator;
import dev.ivsplayback.keys.PlaybackKeyManager;
import dev.ivsplayback.keys.PlaybackKeyPem;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.RotationPolicy;
import dev.ivsplayback.local.IvsLocal;
import dev.ivsplayback.testing.LogCapture;
import dev.ivsplayback.testing.MutableClock;
import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackKeys;
import dev.ivsplayback.token.PlaybackTokenSigner;
import dev.ivsplayback.token.SigningEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Runs every key-handling path (generate, PEM write/read incl. encrypted and a wrong passphrase,
 * key files, the file key store and its wrong passphrase, the signer, the key manager against
 * ivs-local through rotation, deletion, emergency revocation and failures, and the CLI's keygen and
 * mint with {@code --output json}) while capturing every SLF4J log line at every level (with its
 * arguments and stack trace, through test-support's capturing provider), all java.util.logging
 * output, System.out and System.err, the CLI's own streams, every exception's message chain and
 * stack trace, and toString of every library object; then checks that no private key material
 * appears in any of it: no PEM body (or line of one), no {@code d} in decimal, hex, base64 or
 * base64url, and no passphrase.
 */
class SecretLeakTest {
  private static final KeyEncryptionParameters FAST = KeyEncryptionParameters.of(10, 1);
  private static final String PASSPHRASE = "correct horse battery staple 8";
  private static final String STORE_PASSPHRASE = "store passphrase 4711";

  private final StringBuilder captured = new StringBuilder();
  private final List<PrivateKey> secrets = new ArrayList<>();
  private final List<String> secretTexts = new ArrayList<>(List.of(PASSPHRASE, STORE_PASSPHRASE));

  @Test
  void noPrivateKeyMaterial_inLogsOutputExceptionsOrToString(@TempDir Path dir) throws Exception {
    Logger root = Logger.getLogger("");
    java.util.logging.Level rootLevel = root.getLevel();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            captured.append(r.getLoggerName()).append(' ').append(r.getMessage()).append(' ');
            if (r.getParameters() != null) {
              for (Object p : r.getParameters()) {
                captured.append(p).append(' ');
              }
            }
            if (r.getThrown() != null) {
              captureThrowable(r.getThrown());
            }
            captured.append('\n');
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    handler.setLevel(java.util.logging.Level.ALL);
    root.setLevel(java.util.logging.Level.ALL);
    root.addHandler(handler);
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    LogCapture logs = LogCapture.start();
    try {
      exercisePemAndFiles(dir);
      exerciseStoreAndManager(dir);
      exerciseCli(dir);
    } finally {
      logs.close();
      System.setOut(out);
      System.setErr(err);
      root.removeHandler(handler);
      root.setLevel(rootLevel);
    }
    captured
        .append(stdout.toString(StandardCharsets.UTF_8))
        .append(stderr.toString(StandardCharsets.UTF_8))
        .append(logs.text());
    for (LogCapture.Entry e : logs.entries()) {
      captured.append(e.pattern()).append(' ');
      e.arguments().forEach(a -> captured.append(a).append(' '));
      captured.append('\n');
    }
    assertLogged(logs, Level.INFO, PlaybackKeyManager.class, "ROTATED");
    assertLogged(logs, Level.INFO, PlaybackKeyManager.class, "DELETED");
    assertLogged(logs, Level.WARN, PlaybackKeyManager.class, "EMERGENCY_REVOKED");
    assertLogged(logs, Level.WARN, PlaybackKeyManager.class, "FAILURE");
    assertLogged(logs, Level.WARN, PlaybackKeyManager.class, "listener");
    assertLogged(logs, Level.DEBUG, FileSystemPlaybackKeyStore.class, "wrote key store");

    assertThat(secrets).as("keys whose material is looked for").hasSizeGreaterThanOrEqualTo(5);
    assertThat(captured.length()).as("captured text").isGreaterThan(1000);
    String text = captured.toString();
    for (String secret : secretForms()) {
      assertThat(text.contains(secret))
          .as(
              "a private-key or passphrase form (%d chars) appears in captured" + " output",
              secret.length())
          .isFalse();
    }
  }

  private void exercisePemAndFiles(Path dir) {
    KeyPair pair = PlaybackKeyGenerator.create().generate();
    secrets.add(pair.getPrivate());
    String pkcs8 = PlaybackKeyPem.privateKeyPem(pair.getPrivate());
    String encrypted =
        PlaybackKeyPem.encryptedPrivateKeyPem(pair.getPrivate(), PASSPHRASE.toCharArray(), FAST);
    captureToString(PlaybackKeyPem.readPrivateKey(pkcs8).getAlgorithm());
    captureToString(PlaybackKeyPem.readPrivateKey(encrypted, PASSPHRASE.toCharArray()).getFormat());
    expectFailure(() -> PlaybackKeyPem.readPrivateKey(encrypted, "wrong passphrase".toCharArray()));
    expectFailure(() -> PlaybackKeyPem.readPrivateKey(encrypted));
    expectFailure(
        () -> PlaybackKeyPem.readPublicKey(pkcs8)); // a private key where a public one belongs
    expectFailure(() -> PlaybackKeys.readPrivateKey(pkcs8.substring(0, pkcs8.length() - 40)));
    expectFailure(() -> PlaybackKeys.readPrivateKey(pkcs8.replace("\n-----END", "AAAA\n-----END")));
    expectFailure(() -> PlaybackKeys.readPrivateKey(pkcs8 + pkcs8));
    PlaybackKeyFiles.writePrivateKey(dir.resolve("plain.pem"), pair.getPrivate());
    PlaybackKeyFiles.writeEncryptedPrivateKey(
        dir.resolve("enc.pem"), pair.getPrivate(), PASSPHRASE.toCharArray(), FAST);
    expectFailure(
        () -> PlaybackKeyFiles.writePrivateKey(dir.resolve("plain.pem"), pair.getPrivate()));
    expectFailure(
        () -> PlaybackKeyFiles.readPrivateKey(dir.resolve("enc.pem"), "nope".toCharArray()));
    PlaybackKeyFiles.readPrivateKey(dir.resolve("plain.pem"), null);
    PlaybackTokenSigner signer =
        PlaybackTokenSigner.builder()
            .privateKey(pair.getPrivate())
            .engine(SigningEngine.BOUNCY_CASTLE)
            .build();
    captureToString(signer);
    for (SigningEngine engine : SigningEngine.values()) {
      if (engine.isAvailable()) {
        captureToString(
            PlaybackTokenSigner.builder().privateKey(pair.getPrivate()).engine(engine).build());
      }
    }
    captureToString(
        signer.sign(
            PlaybackClaims.builder()
                .channelArn(Fixtures.CHANNEL_ARN)
                .expiresIn(Duration.ofMinutes(5))
                .build()));
    expectFailure(() -> PlaybackTokenSigner.create(rsaKey()));
  }

  /**
   * The whole key lifecycle on a test clock, so that every event is logged: start (generate,
   * import, self-test, promote), a rotation through promotion, retirement, deletion and
   * destruction, an emergency revocation, a listener that throws, and failures (a tick on a closed
   * store, a manager and a read with the wrong store passphrase).
   */
  private void exerciseStoreAndManager(Path dir) throws Exception {
    Path storeDir = dir.resolve("store");
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    RotationPolicy policy = RotationPolicy.defaults();
    try (IvsLocal ivs = IvsLocal.builder().clock(clock).build().start();
        IvsPlaybackClient client =
            IvsPlaybackClient.create(
                IvsClientConfig.builder()
                    .region(ivs.region())
                    .endpointOverride(ivs.endpoint())
                    .credentialsProvider(
                        StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("AKIDLEAKTEST", "leak-test-secret")))
                    .maxAttempts(1)
                    .clientSideRateLimits(false)
                    .build())) {
      FileSystemPlaybackKeyStore store =
          FileSystemPlaybackKeyStore.builder()
              .directory(storeDir)
              .passphrase(STORE_PASSPHRASE.toCharArray())
              .encryptionParameters(FAST)
              .clock(clock)
              .build();
      PlaybackKeyManager manager =
          PlaybackKeyManager.builder()
              .managerId("leak")
              .store(store)
              .client(client)
              .policy(policy)
              .clock(clock)
              .automaticTicks(false)
              .listener(this::captureToString)
              .listener(
                  e -> {
                    throw new IllegalStateException("listener failure on " + e.type());
                  })
              .build();
      manager.start();
      captureToString(manager.rotate());
      clock.advance(policy.propagationDelay());
      manager.tick(); // promotes the new key, retires the old one
      clock.advance(policy.deletionDelay().plus(policy.refreshInterval()));
      manager.tick(); // deletes the retired key from IVS and destroys it
      captureToString(manager);
      captureToString(manager.signer());
      captureToString(manager.keys());
      captureToString(
          manager
              .signer()
              .mint(
                  PlaybackClaims.builder()
                      .channelArn(Fixtures.CHANNEL_ARN)
                      .clock(clock)
                      .expiresIn(Duration.ofMinutes(5))
                      .build()));
      captureToString(store);
      captureToString(store.read());
      for (PlaybackKeyRecord r : store.read().keys()) {
        r.privateKey(KeyMaterialAccess.forStore(store)).ifPresent(secrets::add);
        captureToString(r);
        captureToString(r.toBuilder());
      }
      String compromised = manager.activeKey().orElseThrow().keyId();
      captureToString(manager.emergencyRevoke(compromised, List.of()));
      for (PlaybackKeyRecord r : store.read().keys()) {
        r.privateKey(KeyMaterialAccess.forStore(store)).ifPresent(secrets::add);
      }
      captureToString(Files.readString(store.storeFile()));
      store.close();
      expectFailure(manager::tick); // the store's secret is erased: a FAILURE event, logged
      try {
        manager.close();
      } catch (RuntimeException e) {
        captureThrowable(e); // releasing the lease needs the store, which is closed
      }

      try (FileSystemPlaybackKeyStore wrong =
          FileSystemPlaybackKeyStore.builder()
              .directory(storeDir)
              .passphrase("not the store passphrase".toCharArray())
              .encryptionParameters(FAST)
              .clock(clock)
              .build()) {
        expectFailure(
            () ->
                wrong.read().keys().forEach(r -> r.privateKey(KeyMaterialAccess.forStore(wrong))));
        PlaybackKeyManager refused =
            PlaybackKeyManager.builder()
                .managerId("leak-wrong")
                .store(wrong)
                .client(client)
                .policy(policy)
                .clock(clock)
                .automaticTicks(false)
                .build();
        expectFailure(refused::start);
        refused.close();
      }
    }
  }

  private void exerciseCli(Path dir) throws Exception {
    Map<String, String> env = Map.of("IVS_PASSPHRASE", PASSPHRASE, "WRONG_PASSPHRASE", "wrong one");
    Path keys = dir.resolve("cli-keys");
    cli(env, "keygen", "--out", keys.toString(), "--name", "plain", "--output", "json");
    cli(
        env,
        "keygen",
        "--out",
        keys.toString(),
        "--name",
        "enc",
        "--passphrase-env",
        "IVS_PASSPHRASE",
        "--output",
        "json");
    cli(
        env,
        "--debug",
        "keygen",
        "--out",
        keys.toString(),
        "--name",
        "enc",
        "--output",
        "json"); // exists
    secrets.add(PlaybackKeyFiles.readPrivateKey(keys.resolve("plain.key.pem"), null));
    secrets.add(
        PlaybackKeyFiles.readPrivateKey(keys.resolve("enc.key.pem"), PASSPHRASE.toCharArray()));
    for (String name : List.of("plain", "enc")) {
      cli(
          env,
          "mint",
          "--private-key",
          keys.resolve(name + ".key.pem").toString(),
          "--passphrase-env",
          "IVS_PASSPHRASE",
          "--channel-arn",
          Fixtures.CHANNEL_ARN,
          "--ttl",
          "5m",
          "--output",
          "json");
      cli(
          env,
          "--debug",
          "mint",
          "--private-key",
          keys.resolve(name + ".key.pem").toString(),
          "--passphrase-env",
          "WRONG_PASSPHRASE",
          "--channel-arn",
          Fixtures.CHANNEL_ARN,
          "--output",
          "json");
    }
    cli(
        env,
        "--debug",
        "mint",
        "--private-key",
        keys.resolve("enc.key.pem").toString(),
        "--channel-arn",
        Fixtures.CHANNEL_ARN,
        "--output",
        "json"); // encrypted, no passphrase
    cli(env, "fingerprint", "--key", keys.resolve("plain.key.pem").toString(), "--output", "json");
    cli(env, "--debug", "fingerprint", "--key", keys.resolve("enc.key.pem").toString());
  }

  /** The capture must hold the messages it is checked for, or the check proves nothing. */
  private static void assertLogged(LogCapture logs, Level level, Class<?> logger, String text) {
    assertThat(logs.entries(logger.getName()))
        .as("%s lines of %s containing %s", level, logger.getSimpleName(), text)
        .anySatisfy(
            e -> {
              assertThat(e.level()).isEqualTo(level);
              assertThat(e.message()).contains(text);
            });
  }

  private void cli(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliEnvironment e =
        CliEnvironment.builder()
            .stdin(new ByteArrayInputStream(new byte[0]))
            .stdout(new PrintWriter(out))
            .stderr(new PrintWriter(err))
            .variables(env::get)
            .build();
    int code = IvsPlaybackCli.execute(e, args);
    captured
        .append("cli ")
        .append(String.join(" ", args))
        .append(" -> ")
        .append(code)
        .append('\n')
        .append(out)
        .append(err)
        .append('\n');
  }

  private void expectFailure(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      captureThrowable(e);
      return;
    }
    throw new AssertionError("expected the call to fail");
  }

  private void captureThrowable(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    captured.append(w).append('\n');
    for (Throwable c = t; c != null; c = c.getCause()) {
      captured
          .append(c)
          .append(' ')
          .append(c.getMessage())
          .append(' ')
          .append(c.getLocalizedMessage())
          .append('\n');
    }
  }

  private void captureToString(Object o) {
    captured.append(o).append('\n');
  }

  private static PrivateKey rsaKey() {
    try {
      java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
      g.initialize(1024);
      return g.generateKeyPair().getPrivate();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every encoding of every secret that must never be printed. */
  private List<String> secretForms() {
    List<String> forms = new ArrayList<>(secretTexts);
    for (PrivateKey key : secrets) {
      BigInteger d = ((ECPrivateKey) key).getS();
      byte[] fixed = new byte[48];
      byte[] raw = d.toByteArray();
      System.arraycopy(
          raw,
          Math.max(0, raw.length - 48),
          fixed,
          Math.max(0, 48 - raw.length),
          Math.min(48, raw.length));
      forms.add(d.toString());
      forms.add(d.toString(16));
      forms.add(HexFormat.of().formatHex(fixed));
      forms.add(HexFormat.of().withUpperCase().formatHex(fixed));
      forms.add(HexFormat.ofDelimiter(":").formatHex(fixed));
      for (byte[] b : List.of(fixed, raw)) {
        // a 48-byte value's base64 is unique well before its end: check a long prefix, unpadded
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(b).substring(0, 40));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(b).substring(0, 40));
      }
      String pem = PlaybackKeyPem.privateKeyPem(key);
      String body = pem.replaceAll("-----[A-Z ]+-----", "").replace("\n", "");
      forms.add(body);
      for (String line : pem.split("\n")) {
        if (!line.startsWith("-----") && line.length() >= 40) {
          forms.add(line);
        }
      }
      forms.add(Base64.getEncoder().encodeToString(key.getEncoded()).substring(0, 80));
    }
    return forms;
  }
}
