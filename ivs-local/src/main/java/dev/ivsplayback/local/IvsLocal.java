package dev.ivsplayback.local;

import com.sun.net.httpserver.HttpServer;
import dev.ivsplayback.local.internal.ApiException;
import dev.ivsplayback.local.internal.Faults;
import dev.ivsplayback.local.internal.IvsHttpHandler;
import dev.ivsplayback.local.internal.IvsState;
import dev.ivsplayback.local.internal.PlaybackAuthorizer;
import dev.ivsplayback.local.internal.SigV4Verifier;
import dev.ivsplayback.local.internal.Throttle;
import dev.ivsplayback.local.internal.WorkerPool;
import dev.ivsplayback.token.InvalidConfigurationException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A local, IVS-compatible HTTP endpoint on 127.0.0.1 that the unmodified AWS SDK (IvsClient,
 * IvsAsyncClient), the AWS CLI and other SDKs talk to with an endpoint override. It implements the
 * 35 operations of the Java SDK with IVS's wire protocol, SigV4 checks, model-driven validation,
 * quotas and conflicts, and serves each channel's playback URL with real playback-token
 * verification.
 *
 * <pre>{@code
 * try (IvsLocal ivs = IvsLocal.builder().build().start()) {
 *     IvsClient client = IvsClient.builder().endpointOverride(ivs.endpoint()).region(Region.of(ivs.region()))
 *             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AK", "SK"))).build();
 * }
 * }</pre>
 *
 * <p>Thread-safe: any number of clients may call it concurrently.
 */
public final class IvsLocal implements AutoCloseable {

  static {
    // The JDK HttpServer leaves Nagle's algorithm on, so each response's body waits ~40 ms for the
    // client's delayed ACK of the headers. The switch is read once, when the first HttpServer of
    // the
    // JVM is created; an explicit setting by the application wins.
    System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
  }

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
  private static final int THREADS = 64;

  /** The default of {@link Builder#headerReadTimeout(Duration)}. */
  public static final Duration DEFAULT_HEADER_READ_TIMEOUT = Duration.ofSeconds(10);

  private final int requestedPort;
  private final String region;
  private final String accountId;
  private final String accessKeyId;
  private final String secretAccessKey;
  private final boolean throttling;
  private final Clock clock;
  private final Duration headerReadTimeout;
  private final IvsState state;
  private final Faults faults = new Faults();
  private final Throttle throttle;
  private final Control control = new Control();
  private final Object lifecycle = new Object();
  private HttpServer server;
  private WorkerPool workers;
  private IvsHttpHandler handler;
  private volatile URI endpoint;
  private boolean closed;

  private IvsLocal(Builder b) {
    this.requestedPort = b.port;
    this.region = b.region;
    this.accountId = b.accountId;
    this.accessKeyId = b.accessKeyId;
    this.secretAccessKey = b.secretAccessKey;
    this.throttling = b.throttling;
    this.clock = b.clock;
    this.headerReadTimeout = b.headerReadTimeout;
    this.state = new IvsState(region, accountId, clock);
    this.throttle = new Throttle(clock);
  }

  /**
   * A builder with the defaults: free port, region us-west-2, account 123456789012, any credentials
   * accepted.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds 127.0.0.1 and starts serving.
   *
   * @return this
   * @throws IvsLocalException if the port cannot be bound, or this instance was already started or
   *     closed
   */
  public IvsLocal start() {
    synchronized (lifecycle) {
      if (closed) {
        throw new IvsLocalException("IvsLocal was closed; build a new one");
      }
      if (server != null) {
        throw new IvsLocalException("IvsLocal is already started at " + endpoint);
      }
      HttpServer s;
      try {
        s =
            HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 256);
      } catch (IOException e) {
        throw new IvsLocalException(
            "cannot bind 127.0.0.1:" + requestedPort + ": " + e.getMessage(), e);
      }
      int port = s.getAddress().getPort();
      URI uri = URI.create("http://127.0.0.1:" + port);
      state.playbackBase(uri.toString());
      SigV4Verifier verifier =
          new SigV4Verifier(region, accessKeyId, secretAccessKey, Clock.systemUTC());
      PlaybackAuthorizer authorizer = PlaybackGate.create(state, clock);
      handler =
          new IvsHttpHandler(
              state,
              verifier,
              throttle,
              throttling,
              faults,
              authorizer,
              region,
              accountId,
              new ControlOverHttp(this, accessKeyId != null));
      WorkerPool pool = new WorkerPool("ivs-local-" + port, THREADS, headerReadTimeout);
      workers = pool;
      s.setExecutor(pool);
      s.createContext("/", pool.afterHeaders(handler));
      s.start();
      server = s;
      endpoint = uri;
      return this;
    }
  }

  /**
   * The endpoint to give the SDK's {@code endpointOverride}: {@code http://127.0.0.1:PORT}.
   *
   * @throws IvsLocalException if not started
   */
  public URI endpoint() {
    URI e = endpoint;
    if (e == null) {
      throw new IvsLocalException("IvsLocal is not started; call start() first");
    }
    return e;
  }

  /** The port served, once started. */
  public int port() {
    return endpoint().getPort();
  }

  /**
   * The region this endpoint serves (ARNs, playback URLs and the SigV4 credential scope use it).
   */
  public String region() {
    return region;
  }

  /** The account id in every ARN and playback URL. */
  public String accountId() {
    return accountId;
  }

  /** The test controls (simulated broadcasts, faults, metadata, call counts). */
  public IvsLocalControl control() {
    return control;
  }

  /** Stops serving and releases the port. Idempotent. */
  @Override
  public void close() {
    synchronized (lifecycle) {
      closed = true;
      if (server != null) {
        server.stop(0);
        workers.shutdownNow();
        server = null;
      }
    }
  }

  @Override
  public String toString() {
    return "IvsLocal["
        + (endpoint == null ? "not started" : endpoint)
        + ", region="
        + region
        + ", account="
        + accountId
        + ", sigv4="
        + (accessKeyId == null ? "format only" : "verified")
        + "]";
  }

  // ------------------------------------------------------------------ control

  private final class Control implements IvsLocalControl {
    @Override
    public LiveStream startStream(String channelArn) {
      return call(() -> toLive(state.startStream(require(channelArn, "channelArn"))));
    }

    @Override
    public void endStream(String channelArn) {
      call(
          () -> {
            state.endStream(require(channelArn, "channelArn"));
            return null;
          });
    }

    @Override
    public LiveStream updateStream(String channelArn, StreamHealth health, long viewerCount) {
      Objects.requireNonNull(health, "health");
      return call(
          () ->
              toLive(
                  state.updateStream(
                      require(channelArn, "channelArn"), health.name(), viewerCount)));
    }

    @Override
    public void failNext(String operation, int count, String errorType, int httpStatus) {
      checkOperation(operation);
      checkCount(count);
      if (errorType == null || !errorType.matches("[A-Za-z][A-Za-z0-9]*")) {
        throw new IvsLocalException(
            "errorType must be a wire error type name such as ThrottlingException, not "
                + errorType);
      }
      if (httpStatus < 400 || httpStatus > 599) {
        throw new IvsLocalException(
            "httpStatus must be an error status from 400 to 599, not " + httpStatus);
      }
      faults.add(
          operation,
          count,
          new Faults.Fault(
              new ApiException(
                  errorType,
                  httpStatus,
                  "Injected by ivs-local: " + errorType + " for " + operation + ".")));
    }

    @Override
    public void dropResponseNext(String operation, int count) {
      checkOperation(operation);
      checkCount(count);
      faults.add(operation, count, new Faults.Fault(null));
    }

    @Override
    public List<String> metadata(String channelArn) {
      return state.metadata(require(channelArn, "channelArn"));
    }

    @Override
    public long callCount(String operation) {
      checkOperation(operation);
      return faults.calls(operation);
    }

    @Override
    public void throttling(boolean enabled) {
      IvsHttpHandler h;
      synchronized (lifecycle) {
        h = handler;
      }
      if (h == null) {
        throw new IvsLocalException("IvsLocal is not started; call start() first");
      }
      h.throttling(enabled);
    }

    @Override
    public void reset() {
      state.reset();
      faults.reset();
      throttle.reset();
    }

    private LiveStream toLive(IvsState.LiveSnapshot s) {
      return new LiveStream(
          s.channelArn(),
          s.streamId(),
          s.startTime(),
          StreamHealth.valueOf(s.health()),
          s.viewerCount(),
          s.playbackUrl());
    }
  }

  private interface Call<T> {
    T run();
  }

  private static <T> T call(Call<T> c) {
    try {
      return c.run();
    } catch (ApiException e) {
      throw new IvsLocalException(e.getMessage());
    }
  }

  private static String require(String value, String name) {
    if (value == null || value.isEmpty()) {
      throw new IvsLocalException(name + " is required");
    }
    return value;
  }

  private static void checkOperation(String operation) {
    if (operation == null || !IvsHttpHandler.OPERATIONS.contains(operation)) {
      throw new IvsLocalException(
          "operation must be an IVS operation name such as ImportPlaybackKeyPair, not "
              + operation);
    }
  }

  private static void checkCount(int count) {
    if (count < 1) {
      throw new IvsLocalException("count must be at least 1, not " + count);
    }
  }

  // ------------------------------------------------------------------ builder

  /**
   * Builds an {@link IvsLocal}. The setters only record values; {@link #build()} checks them all
   * and names the first bad setting. Not thread-safe.
   */
  public static final class Builder {
    private int port;
    private String region = "us-west-2";
    private String accountId = "123456789012";
    private String accessKeyId;
    private String secretAccessKey;
    private boolean credentialsSet;
    private boolean throttling;
    private Clock clock = Clock.systemUTC();
    private Duration headerReadTimeout = DEFAULT_HEADER_READ_TIMEOUT;

    private Builder() {}

    /** The port to bind on 127.0.0.1: 0 (the default) picks a free port, else 1 to 65535. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * The region served (default us-west-2), shaped like an AWS region name; clients must sign for
     * it.
     */
    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /** The 12-digit account id used in ARNs and playback URLs (default 123456789012). */
    public Builder accountId(String accountId) {
      this.accountId = accountId;
      return this;
    }

    /**
     * The only credentials accepted (both non-empty); SigV4 signatures are then verified for real.
     * Without this, any access key is accepted as long as the Authorization header is a well-formed
     * SigV4 header for service ivs.
     */
    public Builder credentials(String accessKeyId, String secretAccessKey) {
      this.accessKeyId = accessKeyId;
      this.secretAccessKey = secretAccessKey;
      this.credentialsSet = true;
      return this;
    }

    /**
     * Enforce IVS's per-operation request-rate quotas (429 ThrottlingException beyond them).
     * Default off.
     */
    public Builder throttling(boolean throttling) {
      this.throttling = throttling;
      return this;
    }

    /**
     * The clock for timestamps, token expiry and throttling windows (default the system UTC clock;
     * not null).
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * How long a connection may take to send a request's headers once it has sent the first byte
     * (default 10 s; from 1 ms to 1 hour). A connection that is slower is closed, so that stalled
     * clients cannot hold the server's 64 worker threads.
     */
    public Builder headerReadTimeout(Duration headerReadTimeout) {
      this.headerReadTimeout = headerReadTimeout;
      return this;
    }

    /**
     * Builds a stopped IvsLocal; call {@link IvsLocal#start()}.
     *
     * @throws InvalidConfigurationException naming the first setting that breaks its rule (the
     *     builder is left as it was)
     */
    public IvsLocal build() {
      if (port < 0 || port > 65535) {
        throw new InvalidConfigurationException(
            "port", "is " + port + "; it must be 0 (any free port) or 1 to 65535");
      }
      if (region == null || !REGION.matcher(region).matches()) {
        throw new InvalidConfigurationException(
            "region",
            "is " + quoted(region) + "; it must look like an AWS region name such as us-west-2");
      }
      if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
        throw new InvalidConfigurationException(
            "accountId", "is " + quoted(accountId) + "; it must be 12 digits");
      }
      if (credentialsSet) {
        // the values are never echoed: the secret must not reach a log
        String missing =
            accessKeyId == null || accessKeyId.isEmpty()
                ? "the access key id"
                : secretAccessKey == null || secretAccessKey.isEmpty()
                    ? "the secret access key"
                    : null;
        if (missing != null) {
          throw new InvalidConfigurationException(
              "credentials",
              missing
                  + " is empty; both the access key id and the secret access key must be"
                  + " non-empty");
        }
      }
      if (clock == null) {
        throw new InvalidConfigurationException("clock", "is null; a clock is required");
      }
      if (headerReadTimeout == null
          || headerReadTimeout.compareTo(Duration.ofMillis(1)) < 0
          || headerReadTimeout.compareTo(Duration.ofHours(1)) > 0) {
        throw new InvalidConfigurationException(
            "headerReadTimeout",
            "is " + headerReadTimeout + "; it must be from 1 millisecond (PT0.001S) to 1 hour");
      }
      return new IvsLocal(this);
    }

    private static String quoted(String value) {
      return value == null ? "null" : "'" + value + "'";
    }
  }
}
