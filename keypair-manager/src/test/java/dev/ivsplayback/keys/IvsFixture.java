package dev.ivsplayback.keys;

import dev.ivsplayback.client.IvsClientConfig;
import dev.ivsplayback.client.IvsPlaybackClient;
import dev.ivsplayback.local.IvsLocal;
import dev.ivsplayback.testing.MutableClock;
import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackKeys;
import dev.ivsplayback.token.PlaybackTokenSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ivs.model.Channel;
import software.amazon.awssdk.services.ivs.model.PlaybackKeyPairSummary;

/**
 * The real ivs-local over real HTTP, driven by a test clock, plus the real AWS SDK through
 * ivs-client. One per test class, as a JUnit 5 extension that stops it after the class:
 *
 * <pre>{@code @RegisterExtension static final IvsFixture ivs = new IvsFixture(1);}</pre>
 *
 * <p>{@link #reset()} between tests. Also usable on its own in try-with-resources.
 */
final class IvsFixture implements AutoCloseable, AfterAllCallback {
  static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  final MutableClock clock = new MutableClock(START);
  final IvsLocal ivsLocal;
  final IvsPlaybackClient client;
  private final HttpClient http = HttpClient.newHttpClient();
  Channel channel;

  IvsFixture(int maxAttempts) {
    ivsLocal = IvsLocal.builder().clock(clock).build().start();
    client =
        IvsPlaybackClient.create(
            IvsClientConfig.builder()
                .region(ivsLocal.region())
                .endpointOverride(ivsLocal.endpoint())
                .credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDTEST", "secret")))
                .maxAttempts(maxAttempts)
                .clientSideRateLimits(false)
                .build());
  }

  /** Empties ivs-local, rewinds the clock and creates one private (authorized) channel. */
  void reset() {
    ivsLocal.control().reset();
    clock.set(START);
    channel = client.sync().createChannel(b -> b.name("keys-test").authorized(true)).channel();
  }

  /** Imports a key pair the manager does not own (no manager tag). */
  String importUnmanagedPair() {
    KeyPair kp = PlaybackKeyGenerator.create().generate();
    return client
        .sync()
        .importPlaybackKeyPair(
            b ->
                b.name("someone-else")
                    .publicKeyMaterial(PlaybackKeys.toPublicKeyPem(kp.getPublic())))
        .keyPair()
        .arn();
  }

  List<PlaybackKeyPairSummary> pairs() {
    return client.sync().listPlaybackKeyPairs(b -> {}).keyPairs();
  }

  long managedPairs(String managerId) {
    return pairs().stream()
        .filter(p -> managerId.equals(p.tags().get(PlaybackKeyManager.MANAGER_TAG)))
        .count();
  }

  PlaybackClaims claims(java.time.Duration ttl) {
    return PlaybackClaims.builder().channelArn(channel.arn()).clock(clock).expiresIn(ttl).build();
  }

  /**
   * GETs the channel's playback URL with the token; returns the HTTP status (200 plays, 403
   * refused).
   */
  int play(String token) {
    String url = PlaybackTokenSigner.appendToken(channel.playbackUrl(), token);
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(url)).GET().build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Map<String, String> tagsOf(PlaybackKeyPairSummary p) {
    return p.tags();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    client.close();
    ivsLocal.close();
  }
}
