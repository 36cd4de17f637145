package dev.ivsplayback.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.ivsplayback.local.internal.ApiException;
import dev.ivsplayback.local.internal.Faults;
import dev.ivsplayback.local.internal.IvsHttpHandler;
import dev.ivsplayback.local.internal.IvsState;
import dev.ivsplayback.local.internal.PlaybackAuthorizer;
import dev.ivsplayback.local.internal.SigV4Verifier;
import dev.ivsplayback.local.internal.Throttle;
import dev.ivsplayback.token.InvalidConfigurationException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    // client's delayed
    // ACK of the headers. The switch is read once, when the first HttpServer of the JVM is created;
    // an explicit
    // setting by the application wins.
    System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
  }

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
  private static final int THREADS = 64;

  private final int requestedPort;
  private final String region;
  private final String accountId;
  private final String accessKeyId;
  private final String secretAccessKey;
  private final boolean throttling;
  private final Clock clock;
  private final IvsState state;
  private final Faults faults = new Faults();
  private final Throttle throttle;
  private final Control control = new Control();
  private final Object lifecycle = new Object();
  private HttpServer server;
  private ExecutorService executor;
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
              this::controlOverHttp);
      AtomicInteger n = new AtomicInteger();
      ThreadPoolExecutor pool =
          new ThreadPoolExecutor(
              THREADS,
              THREADS,
              30,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              r -> {
                Thread t = new Thread(r, "ivs-local-" + port + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      pool.allowCoreThreadTimeOut(true);
      executor = pool;
      s.setExecutor(pool);
      s.createContext("/", handler);
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
        executor.shutdownNow();
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

  /**
   * The /_local/ HTTP control API: the same controls as {@link IvsLocalControl}, with JSON in and
   * out.
   */
  private JsonNode controlOverHttp(String action, Map<String, List<String>> query, JsonNode body) {
    ObjectMapper json = new ObjectMapper();
    try {
      switch (action) {
        case "streams/start":
          return json.valueToTree(
              new LiveStreamJson(control.startStream(body.path("channelArn").asText(null))));
        case "streams/end":
          control.endStream(body.path("channelArn").asText(null));
          return null;
        case "streams/update":
          {
            LiveStream l =
                control.updateStream(
                    body.path("channelArn").asText(null),
                    StreamHealth.valueOf(body.path("health").asText("HEALTHY")),
                    body.path("viewerCount").asLong(0));
            return json.valueToTree(new LiveStreamJson(l));
          }
        case "failNext":
          control.failNext(
              body.path("operation").asText(null),
              body.path("count").asInt(1),
              body.path("errorType").asText(null),
              body.path("httpStatus").asInt(0));
          return null;
        case "dropResponseNext":
          control.dropResponseNext(
              body.path("operation").asText(null), body.path("count").asInt(1));
          return null;
        case "metadata":
          {
            String arn = first(query, "channelArn", body.path("channelArn").asText(null));
            ObjectNode out = json.createObjectNode();
            ArrayNode arr = out.putArray("metadata");
            control.metadata(arn).forEach(arr::add);
            return out;
          }
        case "callCount":
          {
            String op = first(query, "operation", body.path("operation").asText(null));
            return json.createObjectNode().put("operation", op).put("count", control.callCount(op));
          }
        case "throttling":
          control.throttling(body.path("enabled").asBoolean(true));
          return null;
        case "reset":
          control.reset();
          return null;
        case "info":
          return json.createObjectNode()
              .put("endpoint", endpoint().toString())
              .put("region", region)
              .put("accountId", accountId)
              .put("sigv4Verified", accessKeyId != null);
        default:
          throw new ApiException(
              "UnknownOperationException",
              404,
              "No ivs-local control action "
                  + action
                  + "; see the module notes for /_local/ actions.");
      }
    } catch (IvsLocalException | IllegalArgumentException e) {
      throw new ApiException("ValidationException", 400, e.getMessage());
    }
  }

  private static String first(Map<String, List<String>> query, String name, String fallback) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? fallback : v.get(0);
  }

  /** JSON view of a LiveStream for the HTTP control API (timestamps as ISO-8601 strings). */
  private record LiveStreamJson(
      String channelArn,
      String streamId,
      String startTime,
      String health,
      long viewerCount,
      String playbackUrl) {
    LiveStreamJson(LiveStream l) {
      this(
          l.channelArn(),
          l.streamId(),
          l.startTime().toString(),
          l.health().name(),
          l.viewerCount(),
          l.playbackUrl());
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
      return new IvsLocal(this);
    }

    private static String quoted(String value) {
      return value == null ? "null" : "'" + value + "'";
    }
  }
}
