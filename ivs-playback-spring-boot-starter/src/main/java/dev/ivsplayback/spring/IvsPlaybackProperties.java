package dev.ivsplayback.spring;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code ivs.playback.*} settings. Every value is checked when the beans are built; a bad one
 * fails startup with a message naming the property (see {@link IvsPlaybackFailureAnalyzer}).
 *
 * <p>Not thread-safe: bound once at startup, then read only.
 */
@ConfigurationProperties(prefix = "ivs.playback")
public class IvsPlaybackProperties {
  /** The AWS region of the IVS channels, e.g. us-west-2 (default: the SDK's region chain). */
  private String region;

  /** An endpoint to call instead of IVS's (ivs-local, a proxy): an absolute http(s) URI. */
  private String endpoint;

  /** The key manager id shared by every process of the fleet; tags the key pairs it creates. */
  private String managerId;

  private final Credentials credentials = new Credentials();
  private final Store store = new Store();
  private final Rotation rotation = new Rotation();
  private final Reuse reuse = new Reuse();
  private final ChannelDirectory channelDirectory = new ChannelDirectory();
  private final Metrics metrics = new Metrics();

  /**
   * @return the region id, or null for the SDK default
   */
  public String getRegion() {
    return region;
  }

  /**
   * @param region the region id
   */
  public void setRegion(String region) {
    this.region = region;
  }

  /**
   * @return the endpoint override, or null
   */
  public String getEndpoint() {
    return endpoint;
  }

  /**
   * @param endpoint the endpoint override
   */
  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * @return the manager id
   */
  public String getManagerId() {
    return managerId;
  }

  /**
   * @param managerId the manager id
   */
  public void setManagerId(String managerId) {
    this.managerId = managerId;
  }

  /**
   * @return the credentials settings
   */
  public Credentials getCredentials() {
    return credentials;
  }

  /**
   * @return the key store settings
   */
  public Store getStore() {
    return store;
  }

  /**
   * @return the rotation policy settings
   */
  public Rotation getRotation() {
    return rotation;
  }

  /**
   * @return the token reuse settings
   */
  public Reuse getReuse() {
    return reuse;
  }

  /**
   * @return the channel directory settings
   */
  public ChannelDirectory getChannelDirectory() {
    return channelDirectory;
  }

  /**
   * @return the metrics settings
   */
  public Metrics getMetrics() {
    return metrics;
  }

  /**
   * Static credentials read from environment variables (their names, never the secrets, go in the
   * properties). Both unset: the AWS SDK's default credentials chain.
   */
  public static class Credentials {
    /** The name of the environment variable holding the access key id. */
    private String accessKeyIdEnv;

    /** The name of the environment variable holding the secret access key. */
    private String secretAccessKeyEnv;

    /**
     * @return the access key id variable's name
     */
    public String getAccessKeyIdEnv() {
      return accessKeyIdEnv;
    }

    /**
     * @param accessKeyIdEnv the access key id variable's name
     */
    public void setAccessKeyIdEnv(String accessKeyIdEnv) {
      this.accessKeyIdEnv = accessKeyIdEnv;
    }

    /**
     * @return the secret access key variable's name
     */
    public String getSecretAccessKeyEnv() {
      return secretAccessKeyEnv;
    }

    /**
     * @param secretAccessKeyEnv the secret access key variable's name
     */
    public void setSecretAccessKeyEnv(String secretAccessKeyEnv) {
      this.secretAccessKeyEnv = secretAccessKeyEnv;
    }
  }

  /** Where the key manager keeps its keys. */
  public static class Store {
    /**
     * file (one host: a directory), jdbc (a fleet across hosts: the application's DataSource, needs
     * keystore-jdbc) or memory (development only).
     */
    private StoreType type = StoreType.FILE;

    /** The JDBC store's id: managers sharing it are one fleet (letters, digits, . _ : -). */
    private String storeId = "default";

    /** Whether the JDBC store creates its tables at startup if they are missing. */
    private boolean createSchemaIfMissing;

    /** The file store's directory (owner-only permissions). */
    private Path directory;

    /** The name of the environment variable holding the store's passphrase (file or JDBC). */
    private String passphraseEnv;

    /** A file holding the store's passphrase (trailing newline ignored). */
    private Path passphraseFile;

    /**
     * @return the store type
     */
    public StoreType getType() {
      return type;
    }

    /**
     * @param type the store type
     */
    public void setType(StoreType type) {
      this.type = type;
    }

    /**
     * @return the JDBC store's id
     */
    public String getStoreId() {
      return storeId;
    }

    /**
     * @param storeId the JDBC store's id
     */
    public void setStoreId(String storeId) {
      this.storeId = storeId;
    }

    /**
     * @return whether the JDBC store creates missing tables
     */
    public boolean isCreateSchemaIfMissing() {
      return createSchemaIfMissing;
    }

    /**
     * @param createSchemaIfMissing whether the JDBC store creates missing tables
     */
    public void setCreateSchemaIfMissing(boolean createSchemaIfMissing) {
      this.createSchemaIfMissing = createSchemaIfMissing;
    }

    /**
     * @return the file store's directory
     */
    public Path getDirectory() {
      return directory;
    }

    /**
     * @param directory the file store's directory
     */
    public void setDirectory(Path directory) {
      this.directory = directory;
    }

    /**
     * @return the passphrase variable's name
     */
    public String getPassphraseEnv() {
      return passphraseEnv;
    }

    /**
     * @param passphraseEnv the passphrase variable's name
     */
    public void setPassphraseEnv(String passphraseEnv) {
      this.passphraseEnv = passphraseEnv;
    }

    /**
     * @return the passphrase file
     */
    public Path getPassphraseFile() {
      return passphraseFile;
    }

    /**
     * @param passphraseFile the passphrase file
     */
    public void setPassphraseFile(Path passphraseFile) {
      this.passphraseFile = passphraseFile;
    }
  }

  /** The kinds of key store. */
  public enum StoreType {
    /** {@code FileSystemPlaybackKeyStore}: keys encrypted at rest in one directory. */
    FILE,
    /** {@code InMemoryPlaybackKeyStore}: keys die with the JVM; development and tests only. */
    MEMORY,
    /**
     * {@code JdbcPlaybackKeyStore} on the application's DataSource (PostgreSQL or MariaDB/MySQL): a
     * fleet across hosts; needs {@code dev.ivsplayback:keystore-jdbc}.
     */
    JDBC
  }

  /** The rotation policy (unset values: {@code RotationPolicy.defaults()}). */
  public static class Rotation {
    /** How often a new key becomes ACTIVE. */
    private Duration interval;

    /** The longest token TTL the minter accepts. */
    private Duration maxTokenTtl;

    /** How long a new key waits, imported, before it signs (every process sees it first). */
    private Duration propagationDelay;

    /** The clock skew allowed between this fleet and IVS (grace before deleting a key). */
    private Duration clockSkew;

    /** How long the minter keeps signing without confirming its key from the store. */
    private Duration maxSnapshotAge;

    /**
     * @return the rotation interval
     */
    public Duration getInterval() {
      return interval;
    }

    /**
     * @param interval the rotation interval
     */
    public void setInterval(Duration interval) {
      this.interval = interval;
    }

    /**
     * @return the maximum token TTL
     */
    public Duration getMaxTokenTtl() {
      return maxTokenTtl;
    }

    /**
     * @param maxTokenTtl the maximum token TTL
     */
    public void setMaxTokenTtl(Duration maxTokenTtl) {
      this.maxTokenTtl = maxTokenTtl;
    }

    /**
     * @return the propagation delay
     */
    public Duration getPropagationDelay() {
      return propagationDelay;
    }

    /**
     * @param propagationDelay the propagation delay
     */
    public void setPropagationDelay(Duration propagationDelay) {
      this.propagationDelay = propagationDelay;
    }

    /**
     * @return the clock skew
     */
    public Duration getClockSkew() {
      return clockSkew;
    }

    /**
     * @param clockSkew the clock skew
     */
    public void setClockSkew(Duration clockSkew) {
      this.clockSkew = clockSkew;
    }

    /**
     * @return the maximum snapshot age
     */
    public Duration getMaxSnapshotAge() {
      return maxSnapshotAge;
    }

    /**
     * @param maxSnapshotAge the maximum snapshot age
     */
    public void setMaxSnapshotAge(Duration maxSnapshotAge) {
      this.maxSnapshotAge = maxSnapshotAge;
    }
  }

  /** The channel-wide token cache ({@code ReusingPlaybackTokenSigner}). */
  public static class Reuse {
    /** Whether a {@code @ChannelWide} reusing minter is defined. */
    private boolean enabled = true;

    /** Expiries are rounded to this bucket so requests share a token. */
    private Duration bucket;

    /** A token is reused while at least this share of its lifetime remains (0..1). */
    private Double share;

    /** The most tokens cached. */
    private Long size;

    /**
     * @return whether reuse is enabled
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * @param enabled whether reuse is enabled
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * @return the expiry bucket
     */
    public Duration getBucket() {
      return bucket;
    }

    /**
     * @param bucket the expiry bucket
     */
    public void setBucket(Duration bucket) {
      this.bucket = bucket;
    }

    /**
     * @return the minimum remaining share
     */
    public Double getShare() {
      return share;
    }

    /**
     * @param share the minimum remaining share
     */
    public void setShare(Double share) {
      this.share = share;
    }

    /**
     * @return the cache size
     */
    public Long getSize() {
      return size;
    }

    /**
     * @param size the cache size
     */
    public void setSize(Long size) {
      this.size = size;
    }
  }

  /** The cache of channels (authorized flag and playback URL). */
  public static class ChannelDirectory {
    /** How long a channel's entry is kept (refreshed in the background at half of it). */
    private Duration ttl;

    /**
     * @return the TTL
     */
    public Duration getTtl() {
      return ttl;
    }

    /**
     * @param ttl the TTL
     */
    public void setTtl(Duration ttl) {
      this.ttl = ttl;
    }
  }

  /** Metrics options. */
  public static class Metrics {
    /** Whether to time every mint (a Timer {@code ivs.playback.tokens.mint.latency}). */
    private boolean mintLatency = false;

    /**
     * @return whether mint latency is timed
     */
    public boolean isMintLatency() {
      return mintLatency;
    }

    /**
     * @param mintLatency whether mint latency is timed
     */
    public void setMintLatency(boolean mintLatency) {
      this.mintLatency = mintLatency;
    }
  }
}
