package dev.ivsplayback.examples.plain;

import dev.ivsplayback.client.IvsClientConfig;
import dev.ivsplayback.client.IvsPlaybackClient;
import dev.ivsplayback.keys.InMemoryPlaybackKeyStore;
import dev.ivsplayback.keys.PlaybackKeyManager;
import dev.ivsplayback.keys.RotationPolicy;
import dev.ivsplayback.local.IvsLocal;
import dev.ivsplayback.token.ReusingPlaybackTokenSigner;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The whole token service on one machine with no AWS account: an embedded ivs-local, the key
 * manager (in-memory store: development only), a private channel and the {@link TokenServer}. Run
 * it with {@code mvn -q -pl examples/plain-java-server -am exec:java} or from the IDE, then {@code
 * curl "$URL"} as printed.
 */
public final class LocalTokenServer implements AutoCloseable {
  private final IvsLocal local;
  private final IvsPlaybackClient ivs;
  private final PlaybackKeyManager keys;
  private final TokenServer server;
  private final String channelArn;

  private LocalTokenServer(int port) throws IOException {
    local = IvsLocal.builder().build().start();
    ivs =
        IvsPlaybackClient.create(
            IvsClientConfig.builder()
                .region(local.region())
                .endpointOverride(local.endpoint())
                .credentialsProvider( // ivs-local takes any key unless configured with one
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build());
    keys =
        PlaybackKeyManager.builder()
            .managerId("example")
            .client(ivs)
            .store(InMemoryPlaybackKeyStore.create())
            .policy(RotationPolicy.defaults())
            .build();
    keys.start(); // imports the first key pair into (local) IVS
    channelArn = ivs.sync().createChannel(b -> b.name("example").authorized(true)).channel().arn();
    ReusingPlaybackTokenSigner channelWide =
        ReusingPlaybackTokenSigner.builder(keys.signer()).build();
    server =
        new TokenServer(
            port, keys.signer(), channelWide, ivs.channelDirectory(), Duration.ofMinutes(5));
  }

  /**
   * Starts everything.
   *
   * @param port the token server's port (0: any free port)
   * @return the running service
   * @throws IOException if the port cannot be bound
   */
  public static LocalTokenServer start(int port) throws IOException {
    return new LocalTokenServer(port);
  }

  /** The token endpoint for the example channel, per viewer when {@code viewer} is not null. */
  public String tokenUrl(String viewer) {
    return server.endpoint()
        + "/token?channel="
        + channelArn
        + (viewer == null ? "" : "&viewer=" + viewer);
  }

  /** The private channel's ARN. */
  public String channelArn() {
    return channelArn;
  }

  /** The key manager. */
  public PlaybackKeyManager keys() {
    return keys;
  }

  @Override
  public void close() {
    server.close();
    keys.close();
    ivs.close();
    local.close();
  }

  /**
   * Runs until Ctrl-C.
   *
   * @param args optional port (default 8080)
   * @throws Exception on startup failure
   */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    CountDownLatch stop = new CountDownLatch(1);
    try (LocalTokenServer service = start(port)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      System.out.println("per viewer:   curl '" + service.tokenUrl("viewer-42") + "'");
      System.out.println("channel-wide: curl '" + service.tokenUrl(null) + "'");
      stop.await();
    }
  }
}
