package dev.ivsplayback.client;

import dev.ivsplayback.token.InvalidConfigurationException;
import dev.ivsplayback.token.internal.Settings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Everything {@link IvsPlaybackClient} needs to build its sync and async IVS clients, its retry
 * strategy, rate limiters and channel directory. Immutable; build with {@link #builder()}, change
 * with {@link #toBuilder()}.
 *
 * <p>Defaults: region and credentials from the SDK's default provider chains; connect timeout 2 s;
 * socket (read) timeout 10 s; connection acquisition timeout 10 s; 50 connections; API call attempt
 * timeout 10 s; API call timeout 30 s; 3 attempts with full-jitter exponential backoff (100 ms
 * base, 500 ms base for throttling, 20 s cap); client-side rate limits off; {@link
 * RateLimitMode#WAIT}; channel directory TTL 60 s, refresh after 30 s, 10 000 channels; system UTC
 * clock.
 *
 * <p>Retries: an operation that is not idempotent (CreateChannel, CreateStreamKey,
 * CreateRecordingConfiguration, CreatePlaybackRestrictionPolicy, ImportPlaybackKeyPair,
 * PutMetadata) is sent again only when the failed attempt certainly was not applied. Delete*
 * operations are retried even after an ambiguous failure (a lost response, a 5xx, an attempt
 * timeout), because their effect is idempotent; but the retry of a delete that the first attempt
 * already applied answers {@code ResourceNotFoundException}. Treat {@code
 * ResourceNotFoundException} from a delete as "already deleted".
 *
 * <pre>{@code
 * IvsClientConfig config =
 *     IvsClientConfig.builder()
 *         .region("eu-west-1")
 *         .maxAttempts(5)
 *         .clientSideRateLimits(true) // hold calls to IVS's per-account TPS quotas
 *         .build();
 * IvsPlaybackClient ivs = IvsPlaybackClient.create(config);
 * }</pre>
 */
public final class IvsClientConfig {
  private final Region region;
  private final AwsCredentialsProvider credentialsProvider;
  private final URI endpointOverride;
  private final int maxConnections;
  private final Duration connectTimeout;
  private final Duration socketTimeout;
  private final Duration connectionAcquisitionTimeout;
  private final Duration apiCallTimeout;
  private final Duration apiCallAttemptTimeout;
  private final int maxAttempts;
  private final Duration retryBaseDelay;
  private final Duration throttlingBaseDelay;
  private final Duration maxBackoff;
  private final boolean clientSideRateLimits;
  private final RateLimitMode rateLimitMode;
  private final Duration channelDirectoryTtl;
  private final Duration channelDirectoryRefreshAfter;
  private final long channelDirectoryMaximumSize;
  private final Executor channelDirectoryExecutor;
  private final Clock clock;
  private final Sleeper sleeper;

  private IvsClientConfig(Builder b, Region region) {
    this.region = region;
    this.credentialsProvider = b.credentialsProvider;
    this.endpointOverride = b.endpointOverride;
    this.maxConnections = b.maxConnections;
    this.connectTimeout = b.connectTimeout;
    this.socketTimeout = b.socketTimeout;
    this.connectionAcquisitionTimeout = b.connectionAcquisitionTimeout;
    this.apiCallTimeout = b.apiCallTimeout;
    this.apiCallAttemptTimeout = b.apiCallAttemptTimeout;
    this.maxAttempts = b.maxAttempts;
    this.retryBaseDelay = b.retryBaseDelay;
    this.throttlingBaseDelay = b.throttlingBaseDelay;
    this.maxBackoff = b.maxBackoff;
    this.clientSideRateLimits = b.clientSideRateLimits;
    this.rateLimitMode = b.rateLimitMode;
    this.channelDirectoryTtl = b.channelDirectoryTtl;
    this.channelDirectoryRefreshAfter = b.channelDirectoryRefreshAfter;
    this.channelDirectoryMaximumSize = b.channelDirectoryMaximumSize;
    this.channelDirectoryExecutor = b.channelDirectoryExecutor;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
  }

  /** A builder with the defaults listed on this class. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The region, if set; otherwise the SDK's default region provider chain decides. */
  public Optional<Region> region() {
    return Optional.ofNullable(region);
  }

  /** The credentials provider, if set; otherwise the SDK's default credentials provider chain. */
  public Optional<AwsCredentialsProvider> credentialsProvider() {
    return Optional.ofNullable(credentialsProvider);
  }

  /** The endpoint override (for example ivs-local's), if set. */
  public Optional<URI> endpointOverride() {
    return Optional.ofNullable(endpointOverride);
  }

  /** Maximum open connections per client (sync and async each). */
  public int maxConnections() {
    return maxConnections;
  }

  /** TCP connect timeout. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Time allowed between bytes of a response (read timeout). */
  public Duration socketTimeout() {
    return socketTimeout;
  }

  /** Time allowed to obtain a pooled connection. */
  public Duration connectionAcquisitionTimeout() {
    return connectionAcquisitionTimeout;
  }

  /** Time allowed for a whole call, retries and backoff included. */
  public Duration apiCallTimeout() {
    return apiCallTimeout;
  }

  /** Time allowed for one attempt. */
  public Duration apiCallAttemptTimeout() {
    return apiCallAttemptTimeout;
  }

  /**
   * Attempts per call including the first. A retried Delete* may answer {@code
   * ResourceNotFoundException} although an earlier attempt deleted the resource: treat it as
   * "already deleted" (see the class notes).
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Base of the full-jitter exponential backoff for 5xx and transport errors. */
  public Duration retryBaseDelay() {
    return retryBaseDelay;
  }

  /** Base of the full-jitter exponential backoff for throttling (429). */
  public Duration throttlingBaseDelay() {
    return throttlingBaseDelay;
  }

  /** Upper bound of any single backoff. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** Whether every call through the SDK clients is held to IVS's documented TPS quota. */
  public boolean clientSideRateLimits() {
    return clientSideRateLimits;
  }

  /** What the rate limiters do when a quota would be exceeded. */
  public RateLimitMode rateLimitMode() {
    return rateLimitMode;
  }

  /** How long a channel directory entry lives after it was loaded. */
  public Duration channelDirectoryTtl() {
    return channelDirectoryTtl;
  }

  /** Age after which a directory entry is reloaded in the background on its next lookup. */
  public Duration channelDirectoryRefreshAfter() {
    return channelDirectoryRefreshAfter;
  }

  /** Maximum number of channels the directory holds. */
  public long channelDirectoryMaximumSize() {
    return channelDirectoryMaximumSize;
  }

  /** Runs the directory's background refreshes. */
  public Executor channelDirectoryExecutor() {
    return channelDirectoryExecutor;
  }

  /** Time source for rate limits and the directory's TTLs. */
  public Clock clock() {
    return clock;
  }

  /** How the rate limiters wait. */
  public Sleeper sleeper() {
    return sleeper;
  }

  @Override
  public String toString() {
    return "IvsClientConfig[region="
        + region
        + ", endpointOverride="
        + endpointOverride
        + ", maxConnections="
        + maxConnections
        + ", connectTimeout="
        + connectTimeout
        + ", socketTimeout="
        + socketTimeout
        + ", apiCallTimeout="
        + apiCallTimeout
        + ", apiCallAttemptTimeout="
        + apiCallAttemptTimeout
        + ", maxAttempts="
        + maxAttempts
        + ", clientSideRateLimits="
        + clientSideRateLimits
        + ", rateLimitMode="
        + rateLimitMode
        + ", channelDirectoryTtl="
        + channelDirectoryTtl
        + "]";
  }

  /** Builder for {@link IvsClientConfig}; mutable, not thread-safe. */
  public static final class Builder {
    private Region region;
    private String regionId;
    private AwsCredentialsProvider credentialsProvider;
    private URI endpointOverride;
    private int maxConnections = 50;
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration socketTimeout = Duration.ofSeconds(10);
    private Duration connectionAcquisitionTimeout = Duration.ofSeconds(10);
    private Duration apiCallTimeout = Duration.ofSeconds(30);
    private Duration apiCallAttemptTimeout = Duration.ofSeconds(10);
    private int maxAttempts = 3;
    private Duration retryBaseDelay = Duration.ofMillis(100);
    private Duration throttlingBaseDelay = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(20);
    private boolean clientSideRateLimits;
    private RateLimitMode rateLimitMode = RateLimitMode.WAIT;
    private Duration channelDirectoryTtl = Duration.ofSeconds(60);
    private Duration channelDirectoryRefreshAfter = Duration.ofSeconds(30);
    private long channelDirectoryMaximumSize = 10_000;
    private Executor channelDirectoryExecutor = ForkJoinPool.commonPool();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.THREAD_SLEEP;

    private Builder() {}

    private Builder(IvsClientConfig c) {
      region = c.region;
      credentialsProvider = c.credentialsProvider;
      endpointOverride = c.endpointOverride;
      maxConnections = c.maxConnections;
      connectTimeout = c.connectTimeout;
      socketTimeout = c.socketTimeout;
      connectionAcquisitionTimeout = c.connectionAcquisitionTimeout;
      apiCallTimeout = c.apiCallTimeout;
      apiCallAttemptTimeout = c.apiCallAttemptTimeout;
      maxAttempts = c.maxAttempts;
      retryBaseDelay = c.retryBaseDelay;
      throttlingBaseDelay = c.throttlingBaseDelay;
      maxBackoff = c.maxBackoff;
      clientSideRateLimits = c.clientSideRateLimits;
      rateLimitMode = c.rateLimitMode;
      channelDirectoryTtl = c.channelDirectoryTtl;
      channelDirectoryRefreshAfter = c.channelDirectoryRefreshAfter;
      channelDirectoryMaximumSize = c.channelDirectoryMaximumSize;
      channelDirectoryExecutor = c.channelDirectoryExecutor;
      clock = c.clock;
      sleeper = c.sleeper;
    }

    /** The AWS region; null leaves it to the SDK's default region provider chain. */
    public Builder region(Region value) {
      this.region = value;
      this.regionId = null;
      return this;
    }

    /** The AWS region by id, e.g. {@code "us-west-2"}. */
    public Builder region(String value) {
      this.regionId = value;
      this.region = null;
      return this;
    }

    /** The credentials provider; null leaves it to the SDK's default credentials provider chain. */
    public Builder credentialsProvider(AwsCredentialsProvider value) {
      this.credentialsProvider = value;
      return this;
    }

    /** Sends every call to this endpoint instead of IVS's regional one (for ivs-local). */
    public Builder endpointOverride(URI value) {
      this.endpointOverride = value;
      return this;
    }

    /** Maximum open connections of each HTTP client; at least 1. */
    public Builder maxConnections(int value) {
      this.maxConnections = value;
      return this;
    }

    /** TCP connect timeout; positive. */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = value;
      return this;
    }

    /** Read timeout between response bytes; positive. */
    public Builder socketTimeout(Duration value) {
      this.socketTimeout = value;
      return this;
    }

    /** Time allowed to obtain a pooled connection; positive. */
    public Builder connectionAcquisitionTimeout(Duration value) {
      this.connectionAcquisitionTimeout = value;
      return this;
    }

    /** Time allowed for a whole call including retries; positive. */
    public Builder apiCallTimeout(Duration value) {
      this.apiCallTimeout = value;
      return this;
    }

    /** Time allowed for one attempt; positive. */
    public Builder apiCallAttemptTimeout(Duration value) {
      this.apiCallAttemptTimeout = value;
      return this;
    }

    /** Attempts per call including the first; 1 disables retries. Between 1 and 10. */
    public Builder maxAttempts(int value) {
      this.maxAttempts = value;
      return this;
    }

    /** Base delay of the backoff for 5xx and transport errors; positive. */
    public Builder retryBaseDelay(Duration value) {
      this.retryBaseDelay = value;
      return this;
    }

    /** Base delay of the backoff for throttling; positive. */
    public Builder throttlingBaseDelay(Duration value) {
      this.throttlingBaseDelay = value;
      return this;
    }

    /** Upper bound of a single backoff; positive. */
    public Builder maxBackoff(Duration value) {
      this.maxBackoff = value;
      return this;
    }

    /**
     * Holds every call through this client's SDK clients to IVS's documented per-account TPS quota
     * (and PutMetadata to 5 TPS per channel). Off by default. The limiters live in this client:
     * other clients and processes using the same account are not counted.
     */
    public Builder clientSideRateLimits(boolean value) {
      this.clientSideRateLimits = value;
      return this;
    }

    /**
     * Whether a call over a limit waits (default) or fails fast with {@link
     * RateLimitExceededException}.
     */
    public Builder rateLimitMode(RateLimitMode value) {
      this.rateLimitMode = value;
      return this;
    }

    /** How long a directory entry lives after loading; positive. */
    public Builder channelDirectoryTtl(Duration value) {
      this.channelDirectoryTtl = value;
      return this;
    }

    /**
     * Age after which an entry is reloaded in the background on its next lookup; positive, below
     * the TTL.
     */
    public Builder channelDirectoryRefreshAfter(Duration value) {
      this.channelDirectoryRefreshAfter = value;
      return this;
    }

    /** Maximum channels held by the directory; at least 1. */
    public Builder channelDirectoryMaximumSize(long value) {
      this.channelDirectoryMaximumSize = value;
      return this;
    }

    /** Executor for the directory's background refreshes (default: the common fork-join pool). */
    public Builder channelDirectoryExecutor(Executor value) {
      this.channelDirectoryExecutor = value;
      return this;
    }

    /** Time source for rate limits and directory TTLs (default: system UTC). */
    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    /** How the rate limiters wait (default: sleep the calling thread). */
    public Builder sleeper(Sleeper value) {
      this.sleeper = value;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     * @throws InvalidConfigurationException naming the setting whose value breaks its rule
     */
    public IvsClientConfig build() {
      Builder b = this; // read only: validation never changes the builder
      Region resolvedRegion = b.region;
      if (b.regionId != null) {
        if (b.regionId.isBlank()) {
          throw new InvalidConfigurationException(
              "region", "is blank; give a region id such as us-west-2");
        }
        resolvedRegion = Region.of(b.regionId);
      }
      if (b.endpointOverride != null
          && (b.endpointOverride.getScheme() == null || b.endpointOverride.getHost() == null)) {
        throw new InvalidConfigurationException(
            "endpointOverride", b.endpointOverride + " is not an absolute http(s) URI with a host");
      }
      atLeast("maxConnections", b.maxConnections, 1, Integer.MAX_VALUE);
      Settings.positive("connectTimeout", b.connectTimeout);
      Settings.positive("socketTimeout", b.socketTimeout);
      Settings.positive("connectionAcquisitionTimeout", b.connectionAcquisitionTimeout);
      Settings.positive("apiCallTimeout", b.apiCallTimeout);
      Settings.positive("apiCallAttemptTimeout", b.apiCallAttemptTimeout);
      atLeast("maxAttempts", b.maxAttempts, 1, 10);
      Settings.positive("retryBaseDelay", b.retryBaseDelay);
      Settings.positive("throttlingBaseDelay", b.throttlingBaseDelay);
      Settings.positive("maxBackoff", b.maxBackoff);
      Settings.required("rateLimitMode", b.rateLimitMode);
      Settings.positive("channelDirectoryTtl", b.channelDirectoryTtl);
      Settings.positive("channelDirectoryRefreshAfter", b.channelDirectoryRefreshAfter);
      atLeast("channelDirectoryMaximumSize", b.channelDirectoryMaximumSize, 1, Long.MAX_VALUE);
      Settings.required("channelDirectoryExecutor", b.channelDirectoryExecutor);
      Settings.required("clock", b.clock);
      Settings.required("sleeper", b.sleeper);
      if (b.channelDirectoryRefreshAfter.compareTo(b.channelDirectoryTtl) >= 0) {
        throw new InvalidConfigurationException(
            "channelDirectoryRefreshAfter",
            b.channelDirectoryRefreshAfter
                + " is not shorter than channelDirectoryTtl "
                + b.channelDirectoryTtl
                + "; an entry must be refreshed before it expires");
      }
      return new IvsClientConfig(b, resolvedRegion);
    }

    private static void atLeast(String setting, long value, long min, long max) {
      if (value < min || value > max) {
        throw new InvalidConfigurationException(
            setting,
            value
                + " is out of range; it must be "
                + (max == Integer.MAX_VALUE || max == Long.MAX_VALUE
                    ? "at least " + min
                    : "between " + min + " and " + max));
      }
    }
  }
}
