package dev.ivsplayback.fleet;

import dev.ivsplayback.client.IvsClientConfig;
import dev.ivsplayback.client.IvsPlaybackClient;
import dev.ivsplayback.keys.PlaybackKeyEvent;
import dev.ivsplayback.keys.PlaybackKeyException;
import dev.ivsplayback.keys.PlaybackKeyManager;
import dev.ivsplayback.token.MintedToken;
import dev.ivsplayback.token.PlaybackClaims;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * One member of the chaos fleet, run as its own JVM by {@link FleetChaos}: a {@link
 * PlaybackKeyManager} with its rotating signer on the shared store and the shared ivs-local,
 * minting per-viewer tokens continuously.
 *
 * <p>It talks to the driver over stdout, one line each (the driver never prints a token):
 *
 * <ul>
 *   <li>{@code READY <pid>} once the manager has started;
 *   <li>{@code EVENT <type> <keyId|-> <detail>} for each key manager event;
 *   <li>{@code TOKEN <keyId> <exp> <jws>} for every sampled token;
 *   <li>{@code STATS <minted> <sampled> <refusals>} once a second, refusals as {@code
 *       reason=n,...}.
 * </ul>
 *
 * <p>Arguments are {@code key=value}: {@code owner}, {@code endpoint}, {@code region}, {@code
 * channel}, {@code storeId}, {@code mintPerSecond}, {@code sampleEvery}. The store secret and the
 * store spec (a JDBC URL may carry credentials) come from the environment variables {@value
 * #SECRET_ENV} and {@value #STORE_ENV}, never the command line (which any local user can read). The
 * member exits when its stdin closes, so it never outlives a driver that died.
 */
public final class FleetMember {
  /** The environment variable carrying the store passphrase. */
  public static final String SECRET_ENV = "FLEET_STORE_SECRET";

  /** The environment variable carrying the store spec (a JDBC URL may hold credentials). */
  public static final String STORE_ENV = "FLEET_STORE";

  private static final PrintStream OUT =
      new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);

  private FleetMember() {}

  /**
   * Runs the member until stdin closes or the process is killed.
   *
   * @param args {@code key=value} arguments (see the class documentation)
   * @throws Exception if the member cannot start
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> a = parse(args);
    exitWhenStdinCloses();
    String secretText = System.getenv(SECRET_ENV);
    if (secretText == null || secretText.isEmpty()) {
      throw new IllegalStateException(SECRET_ENV + " is not set");
    }
    char[] secret = secretText.toCharArray();
    StoreSpec spec = new StoreSpec(System.getenv(STORE_ENV), a.get("storeId"));
    String owner = a.get("owner");
    StoreSpec.Opened store = spec.open(secret, false);
    java.util.Arrays.fill(secret, '\0');
    IvsPlaybackClient ivs =
        IvsPlaybackClient.create(
            IvsClientConfig.builder()
                .region(a.get("region"))
                .endpointOverride(URI.create(a.get("endpoint")))
                // ivs-local accepts any well-formed SigV4 credentials; these are not secrets.
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("FLEET", "fleet")))
                .apiCallTimeout(Duration.ofSeconds(5))
                .apiCallAttemptTimeout(Duration.ofSeconds(2))
                .build());
    PlaybackKeyManager manager =
        PlaybackKeyManager.builder()
            .managerId(FleetPolicy.MANAGER_ID)
            .ownerId(owner)
            .store(store.store)
            .client(ivs)
            .policy(FleetPolicy.policy())
            .listener(FleetMember::report)
            .build();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  manager.close(); // releases the lease, so a clean stop hands over at once
                  ivs.close();
                  store.close();
                }));
    try {
      manager.start();
    } catch (RuntimeException e) {
      // Already a FAILURE event; the scheduled ticks retry.
    }
    line("READY " + ProcessHandle.current().pid());
    mint(
        manager,
        a.get("channel"),
        Integer.parseInt(a.get("mintPerSecond")),
        Integer.parseInt(a.get("sampleEvery")));
  }

  private static void mint(
      PlaybackKeyManager manager, String channelArn, int perSecond, int sampleEvery) {
    long period = TimeUnit.SECONDS.toNanos(1) / perSecond;
    long next = System.nanoTime();
    long minted = 0;
    long sampled = 0;
    Map<String, Integer> refusals = new TreeMap<>();
    long nextStats = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (true) {
      // Per-viewer tokens with TTLs from 2 s up to the maximum: the longest ones are the ones the
      // deletion rule has to wait for.
      long ttlMillis = random.nextLong(2_000, FleetPolicy.MAX_TOKEN_TTL.toMillis() + 1);
      PlaybackClaims claims =
          PlaybackClaims.builder()
              .channelArn(channelArn)
              .viewerId("viewer-" + random.nextInt(1_000_000))
              .expiresIn(Duration.ofMillis(ttlMillis))
              .build();
      try {
        MintedToken token = manager.signer().mint(claims);
        minted++;
        if (minted % sampleEvery == 0) {
          sampled++;
          line(
              "TOKEN "
                  + token.key().keyId()
                  + " "
                  + token.expiresAt().getEpochSecond()
                  + " "
                  + token.token());
        }
      } catch (PlaybackKeyException e) {
        // NO_ACTIVE_KEY before the first key, STALE_KEY_STATE when the store was not read for
        // too long: the signer refusing is the safety rule working, so it is counted, not fatal.
        refusals.merge(e.reason().name(), 1, Integer::sum);
      }
      long now = System.nanoTime();
      if (now >= nextStats) {
        StringBuilder r = new StringBuilder();
        refusals.forEach((k, v) -> r.append(r.length() == 0 ? "" : ",").append(k + "=" + v));
        line("STATS " + minted + " " + sampled + " " + (r.length() == 0 ? "-" : r));
        nextStats = now + TimeUnit.SECONDS.toNanos(1);
      }
      next += period;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      } else if (wait < -TimeUnit.SECONDS.toNanos(1)) {
        next = System.nanoTime(); // fell behind (paused, or starved of CPU): do not burst
      }
    }
  }

  private static void report(PlaybackKeyEvent e) {
    String detail = e.detail().replace('\n', ' ');
    if (e.failure() != null && e.failure().getMessage() != null) {
      String cause = e.failure().getMessage().replace('\n', ' ');
      if (!detail.contains(cause)) {
        detail = detail + " [" + cause + "]";
      }
    }
    line("EVENT " + e.type() + " " + (e.keyId() == null ? "-" : e.keyId()) + " " + detail);
  }

  private static synchronized void line(String s) {
    OUT.println(s);
    OUT.flush();
  }

  /** The driver holds our stdin open; end of input means the driver is gone. */
  private static void exitWhenStdinCloses() {
    Thread t =
        new Thread(
            () -> {
              try (InputStream in = System.in) {
                while (in.read() >= 0) {
                  // nothing is sent; we only wait for the end
                }
              } catch (IOException e) {
                // treated as closed
              }
              System.exit(0);
            },
            "fleet-stdin-watch");
    t.setDaemon(true);
    t.start();
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> m = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected key=value, got " + arg);
      }
      m.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    for (String required :
        new String[] {
          "owner", "endpoint", "region", "channel", "storeId", "mintPerSecond", "sampleEvery"
        }) {
      if (!m.containsKey(required)) {
        throw new IllegalArgumentException("missing argument " + required + "=...");
      }
    }
    return m;
  }
}
