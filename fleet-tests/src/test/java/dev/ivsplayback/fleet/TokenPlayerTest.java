package dev.ivsplayback.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivsplayback.client.IvsClientConfig;
import dev.ivsplayback.client.IvsPlaybackClient;
import dev.ivsplayback.keys.PlaybackKeyGenerator;
import dev.ivsplayback.local.IvsLocal;
import dev.ivsplayback.testing.MutableClock;
import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackKeys;
import dev.ivsplayback.token.PlaybackTokenSigner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ivs.model.Channel;

/**
 * The driver's player against the real ivs-local: it must tell a token that plays from one refused
 * within its exp (the violation the chaos test looks for), and never print a token.
 */
class TokenPlayerTest {
  private static IvsLocal ivsLocal;
  private static IvsPlaybackClient client;
  private static Channel channel;
  private static PlaybackTokenSigner imported;
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final FleetLog log = new FleetLog(new PrintStream(output, true, StandardCharsets.UTF_8));

  @BeforeAll
  static void startIvs() {
    ivsLocal = IvsLocal.builder().build().start();
    client =
        IvsPlaybackClient.create(
            IvsClientConfig.builder()
                .region(ivsLocal.region())
                .endpointOverride(ivsLocal.endpoint())
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("TEST", "test")))
                .build());
    KeyPair pair = PlaybackKeyGenerator.create().generate();
    client
        .sync()
        .importPlaybackKeyPair(
            b -> b.name("player").publicKeyMaterial(PlaybackKeys.toPublicKeyPem(pair.getPublic())));
    imported = PlaybackTokenSigner.builder().privateKey(pair.getPrivate()).keyId("in-ivs").build();
    channel = client.sync().createChannel(b -> b.name("player").authorized(true)).channel();
  }

  @AfterAll
  static void stopIvs() {
    client.close();
    ivsLocal.close();
  }

  private static TokenPlayer.Sampled sampled(
      PlaybackTokenSigner signer, String keyId, Clock clock) {
    PlaybackClaims claims =
        PlaybackClaims.builder()
            .channelArn(channel.arn())
            .viewerId("v1")
            .clock(clock)
            .expiresIn(Duration.ofSeconds(3))
            .build();
    return new TokenPlayer.Sampled(
        "m0-r0", keyId, claims.exp(), signer.sign(claims), System.currentTimeMillis());
  }

  @Test
  void aTokenOfAKeyInIvs_plays() throws Exception {
    try (TokenPlayer player = new TokenPlayer(channel.playbackUrl(), 2, log, 1)) {
      player.submit(sampled(imported, "in-ivs", Clock.systemUTC()));

      assertThat(player.awaitIdle(Duration.ofSeconds(10))).isTrue();
      assertThat(player.played()).isEqualTo(1);
      assertThat(player.refused() + player.late() + player.errors()).isZero();
      assertThat(player.failures()).isEmpty();
    }
  }

  @Test
  void aTokenOfAKeyNotInIvs_isARefusalWithinExp_namedByKeyNotByToken() throws Exception {
    PlaybackTokenSigner unknown =
        PlaybackTokenSigner.builder()
            .privateKey(PlaybackKeyGenerator.create().generate().getPrivate())
            .keyId("gone")
            .build();
    TokenPlayer.Sampled t = sampled(unknown, "gone", Clock.systemUTC());
    try (TokenPlayer player = new TokenPlayer(channel.playbackUrl(), 2, log, 2)) {
      player.submit(t);

      assertThat(player.awaitIdle(Duration.ofSeconds(10))).isTrue();
      assertThat(player.refused()).isEqualTo(1);
      assertThat(player.played()).isZero();
      assertThat(player.failures())
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .startsWith("REFUSED within exp")
          .contains("key gone", "m0-r0", "status 403")
          .doesNotContain(t.jws());
      assertThat(output.toString(StandardCharsets.UTF_8))
          .contains("REFUSED")
          .doesNotContain(t.jws());
    }
  }

  @Test
  void anExpiredTokenAnsweredAfterItsExp_isLate_notARefusal() throws Exception {
    // Minted 10 s ago with a 3 s lifetime: ivs-local refuses it as expired, and rightly so.
    MutableClock past = new MutableClock(Instant.now().minusSeconds(10));
    try (TokenPlayer player = new TokenPlayer(channel.playbackUrl(), 2, log, 3)) {
      player.submit(sampled(imported, "in-ivs", past));

      assertThat(player.awaitIdle(Duration.ofSeconds(10))).isTrue();
      assertThat(player.late()).isEqualTo(1);
      assertThat(player.refused() + player.errors()).isZero();
    }
  }
}
