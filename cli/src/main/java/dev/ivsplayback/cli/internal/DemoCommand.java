package dev.ivsplayback.cli.internal;

import dev.ivsplayback.client.ImportedKeyPair;
import dev.ivsplayback.client.IvsClientConfig;
import dev.ivsplayback.client.IvsPlaybackClient;
import dev.ivsplayback.keys.InMemoryPlaybackKeyStore;
import dev.ivsplayback.keys.PlaybackKeyManager;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.RotationPolicy;
import dev.ivsplayback.local.IvsLocal;
import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackKeys;
import dev.ivsplayback.token.PlaybackTokenSigner;
import dev.ivsplayback.token.PlaybackTokenVerifier;
import dev.ivsplayback.token.VerificationRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ivs.model.Channel;

/**
 * {@code demo}: the whole chain on an embedded ivs-local, over real HTTP with the real AWS SDK.
 * Time is a hand-driven clock shared by ivs-local and the key manager, so expiry and grace periods
 * pass instantly.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Walk through the whole chain on an embedded ivs-local (no AWS account needed).",
      "1 create an authorized channel; 2 generate a key pair and import it, fingerprint checked; 3 mint a token and play the channel (200); 4 a tampered token, a token for another channel and an expired token are refused (403); 5 rotate the key: old tokens play during the grace period, new tokens come from the new key, the retired key is deleted; 6 revoke a viewer session: its token is refused.",
      "Prints one line per outcome and exits 0 only if every outcome was the expected one. A hand-driven clock makes expiry and grace periods pass at once."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  ivs-playback demo",
      "  ivs-playback demo --store jdbc:postgresql://127.0.0.1:5432/test --db-user postgres"
          + " --store-id demo-1 --passphrase-env IVS_STORE_PASSPHRASE"
    })
final class DemoCommand extends AbstractCommand {

  @picocli.CommandLine.Option(
      names = "--store",
      paramLabel = "DIR|URL",
      description =
          "Keep the demo's keys in this store (a directory, or a jdbc:postgresql:// or"
              + " jdbc:mariadb:// URL) instead of in memory. It must be empty: the demo imports"
              + " its own keys into its embedded ivs-local.")
  String store;

  @picocli.CommandLine.Mixin PassphraseOptions passphrase;

  @picocli.CommandLine.Mixin DatabaseOptions database;

  /**
   * Short timings: the demo clock jumps over them. Tokens live at most 10 minutes, the grace period
   * is 13.
   */
  static RotationPolicy demoPolicy() {
    return RotationPolicy.builder()
        .rotationInterval(Duration.ofHours(1))
        .maxTokenTtl(Duration.ofMinutes(10))
        .clockSkew(Duration.ofMinutes(1))
        .maxSnapshotAge(Duration.ofMinutes(2))
        .refreshInterval(Duration.ofSeconds(30))
        .reconcileInterval(Duration.ofMinutes(5))
        .leaseDuration(Duration.ofMinutes(5))
        .propagationDelay(Duration.ofSeconds(30))
        .build();
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private int passed;
  private int failed;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    DemoClock clock = new DemoClock(env().clock().instant().truncatedTo(ChronoUnit.SECONDS));
    String region = globals().region();
    StoreSupport.OpenStore opened =
        store == null ? null : StoreSupport.open(store, passphrase, database, env(), false);
    try {
      if (opened != null && opened.store().read().version() != 0) {
        throw new BadInputException(
            "--store "
                + DatabaseOptions.redacted(store)
                + ": the demo needs an empty store (it imports its own keys into its embedded"
                + " ivs-local); use a new directory or --store-id");
      }
      return run(
          clock,
          region,
          opened == null ? InMemoryPlaybackKeyStore.create(clock) : opened.store(),
          started);
    } finally {
      if (opened != null) {
        opened.close();
      }
    }
  }

  private Integer run(
      DemoClock clock, String region, dev.ivsplayback.keys.PlaybackKeyStore keyStore, long started)
      throws Exception {
    try (IvsLocal local = IvsLocal.builder().region(region).clock(clock).build().start();
        IvsPlaybackClient ivs =
            IvsPlaybackClient.create(
                IvsClientConfig.builder()
                    .region(region)
                    .endpointOverride(local.endpoint())
                    .credentialsProvider(
                        StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("AKIDDEMO", "demo-secret")))
                    .clientSideRateLimits(
                        false) // ivs-local runs without throttling here; nothing to pace
                    .build());
        PlaybackKeyManager keys =
            PlaybackKeyManager.builder()
                .managerId("demo")
                .client(ivs)
                .store(keyStore)
                .policy(demoPolicy())
                .clock(clock)
                .automaticTicks(false)
                .build()) {
      info(
          "ivs-local started at "
              + local.endpoint()
              + " (region "
              + local.region()
              + "); AWS SDK client and key"
              + " manager point at it; demo clock starts at "
              + clock.instant());

      // 1. An authorized channel.
      Channel channel =
          ivs.sync().createChannel(b -> b.name("demo-private").authorized(true)).channel();
      Channel other =
          ivs.sync().createChannel(b -> b.name("demo-other").authorized(true)).channel();
      check(
          1,
          "created authorized channel " + channel.arn(),
          "authorized=true",
          "authorized=" + channel.authorized());
      check(1, "played it without a token", "403", play(channel.playbackUrl()));

      // 2. Generate and import a key pair; the fingerprint IVS computed must match ours.
      keys.start();
      PlaybackKeyRecord first =
          keys.activeKey().orElseThrow(() -> new CommandFailedException("no ACTIVE key"));
      String localFingerprint = PlaybackKeys.fingerprint(first.publicKey());
      Optional<ImportedKeyPair> inIvs = ivs.playbackKeyPairs().get(first.arn().orElseThrow());
      check(
          2,
          "generated P-384 key "
              + first.keyId()
              + ", imported it as "
              + first.arn().orElseThrow()
              + "; fingerprint IVS reports (local: "
              + localFingerprint
              + ")",
          localFingerprint,
          inIvs.map(ImportedKeyPair::fingerprint).orElse("(not in IVS)"));

      // 3. Mint for a viewer and play.
      String viewerUrl =
          keys.signer()
              .playbackUrl(
                  channel.playbackUrl(),
                  claims(clock, channel.arn())
                      .viewerId("viewer-1")
                      .viewerSessionVersion(1)
                      .expiresIn(Duration.ofMinutes(5))
                      .build());
      String engine = keys.signer().engine().name();
      check(
          3,
          "minted a 5-minute token for viewer-1 (signing engine " + engine + ") and played the URL",
          "200",
          play(viewerUrl));

      // 4. Refusals: tampered, another channel's token, expired.
      check(
          4,
          "played a tampered token (one claim changed after signing)",
          "403",
          play(tamper(viewerUrl)));
      String otherToken =
          keys.signer()
              .playbackUrl(
                  channel.playbackUrl(),
                  claims(clock, other.arn()).expiresIn(Duration.ofMinutes(5)).build());
      check(4, "played a token minted for another channel", "403", play(otherToken));
      String shortLived =
          keys.signer()
              .playbackUrl(
                  channel.playbackUrl(),
                  claims(clock, channel.arn()).expiresIn(Duration.ofMinutes(1)).build());
      check(4, "played a 1-minute token while fresh", "200", play(shortLived));
      clock.advance(Duration.ofMinutes(2));
      keys.tick();
      check(4, "played it again 2 minutes later (expired)", "403", play(shortLived));

      // 5. Rotation.
      // Kept to show that a token signed with the key after its deletion no longer plays.
      PlaybackTokenSigner oldSigner = first.newSigner();
      PlaybackKeyRecord next = keys.rotate();
      clock.advance(demoPolicy().propagationDelay().plusSeconds(1));
      keys.tick();
      PlaybackKeyRecord active = keys.activeKey().orElseThrow();
      PlaybackKeyRecord retiring = record(keys, first.keyId());
      check(
          5,
          "rotated: new key "
              + next.keyId()
              + " imported, ACTIVE after the propagation delay; old key "
              + first.keyId()
              + " "
              + retiring.state()
              + " until "
              + retiring.deletableAt().map(Instant::toString).orElse("?"),
          next.keyId() + " ACTIVE, " + first.keyId() + " RETIRING",
          active.keyId() + " " + active.state() + ", " + retiring.keyId() + " " + retiring.state());
      check(
          5,
          "played viewer-1's token signed by the old key during the grace period",
          "200",
          play(viewerUrl));
      String fresh =
          keys.signer().sign(claims(clock, channel.arn()).expiresIn(Duration.ofMinutes(5)).build());
      check(
          5,
          "a new token verifies with the new key only",
          "new key: valid, old key: invalid",
          "new key: "
              + (verifies(fresh, active, channel.arn(), clock) ? "valid" : "invalid")
              + ", old key: "
              + (verifies(fresh, retiring, channel.arn(), clock) ? "valid" : "invalid"));
      check(
          5,
          "played the new token",
          "200",
          play(PlaybackTokenSigner.appendToken(channel.playbackUrl(), fresh)));
      Duration grace = demoPolicy().deletionDelay();
      clock.advance(grace.plusSeconds(1));
      keys.tick();
      PlaybackKeyRecord deleted = record(keys, first.keyId());
      boolean goneFromIvs = ivs.playbackKeyPairs().get(first.arn().orElseThrow()).isEmpty();
      check(
          5,
          "after the "
              + Durations.format(grace)
              + " grace period, the retired key (now "
              + deleted.state()
              + ")",
          "deleted from IVS",
          goneFromIvs ? "deleted from IVS" : "still in IVS");
      String withDeletedKey =
          oldSigner.playbackUrl(
              channel.playbackUrl(),
              claims(clock, channel.arn()).expiresIn(Duration.ofMinutes(5)).build());
      check(5, "played a fresh token signed with the deleted key", "403", play(withDeletedKey));

      // 6. Viewer-session revocation.
      String viewer2 =
          keys.signer()
              .playbackUrl(
                  channel.playbackUrl(),
                  claims(clock, channel.arn())
                      .viewerId("viewer-2")
                      .viewerSessionVersion(1)
                      .expiresIn(Duration.ofMinutes(5))
                      .build());
      check(6, "played viewer-2's token (session version 1)", "200", play(viewer2));
      ivs.revokeViewer(channel.arn(), "viewer-2", 1);
      check(
          6,
          "revoked viewer-2's sessions up to version 1, then played the same token",
          "403",
          play(viewer2));
      String viewer2Next =
          keys.signer()
              .playbackUrl(
                  channel.playbackUrl(),
                  claims(clock, channel.arn())
                      .viewerId("viewer-2")
                      .viewerSessionVersion(2)
                      .expiresIn(Duration.ofMinutes(5))
                      .build());
      check(6, "played a new token for viewer-2 with session version 2", "200", play(viewer2Next));
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    String summary =
        String.format(
            java.util.Locale.ROOT,
            "%d of %d outcomes as expected in %.1f s",
            passed,
            passed + failed,
            seconds);
    if (json()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("passed", passed);
      m.put("failed", failed);
      m.put("seconds", Math.round(seconds * 10) / 10.0);
      out().println(Json.compact(m));
    } else {
      out().println((failed == 0 ? "demo passed: " : "demo FAILED: ") + summary);
    }
    out().flush();
    return failed == 0 ? 0 : 1;
  }

  private static PlaybackClaims.Builder claims(DemoClock clock, String channelArn) {
    return PlaybackClaims.builder().clock(clock).channelArn(channelArn);
  }

  private static PlaybackKeyRecord record(PlaybackKeyManager keys, String keyId) {
    return keys.keys().stream()
        .filter(k -> k.keyId().equals(keyId))
        .findFirst()
        .orElseThrow(() -> new CommandFailedException("key " + keyId + " vanished from the store"));
  }

  private static boolean verifies(
      String token, PlaybackKeyRecord key, String channelArn, DemoClock clock) {
    return PlaybackTokenVerifier.builder()
        .publicKeys(List.of(key.publicKey()))
        .clock(clock)
        .build()
        .verify(token, VerificationRequest.forChannel(channelArn))
        .isValid();
  }

  /**
   * Changes the viewer id inside the signed payload, keeping header and signature: the signature no
   * longer fits.
   */
  private static String tamper(String url) {
    int at = url.indexOf("token=") + "token=".length();
    String token = url.substring(at);
    String[] parts = token.split("\\.");
    String payload =
        new String(
                java.util.Base64.getUrlDecoder().decode(parts[1]),
                java.nio.charset.StandardCharsets.UTF_8)
            .replace("viewer-1", "viewer-9");
    String forged =
        parts[0]
            + "."
            + java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8))
            + "."
            + parts[2];
    return url.substring(0, at) + forged;
  }

  private String play(String url) throws IOException, InterruptedException {
    HttpResponse<Void> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.discarding());
    return Integer.toString(response.statusCode());
  }

  private void info(String text) {
    if (!json()) {
      out().println("      " + text);
      out().flush();
    }
  }

  private void check(int step, String what, String expected, String actual) {
    boolean ok = expected.equals(actual);
    if (ok) {
      passed++;
    } else {
      failed++;
    }
    if (json()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("step", step);
      m.put("outcome", what);
      m.put("expected", expected);
      m.put("actual", actual);
      m.put("ok", ok);
      out().println(Json.compact(m));
    } else {
      out()
          .println(
              "["
                  + step
                  + "/6] "
                  + what
                  + ": "
                  + actual
                  + (ok ? "  ok" : "  UNEXPECTED (expected " + expected + ")"));
    }
    out().flush();
  }
}
