package dev.ivsplayback.spring.internal;

import dev.ivsplayback.client.IvsClientConfig;
import dev.ivsplayback.keys.FileSystemPlaybackKeyStore;
import dev.ivsplayback.keys.InMemoryPlaybackKeyStore;
import dev.ivsplayback.keys.PlaybackKeyStore;
import dev.ivsplayback.keys.RotationPolicy;
import dev.ivsplayback.spring.IvsPlaybackProperties;
import dev.ivsplayback.token.InvalidConfigurationException;
import dev.ivsplayback.token.PlaybackTokenMinter;
import dev.ivsplayback.token.ReusingPlaybackTokenSigner;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Turns {@link IvsPlaybackProperties} into the library's builders. Every problem is an {@link
 * InvalidConfigurationException} whose setting is the property's full name, or the builder's
 * setting name (mapped back to a property by the failure analyzer).
 */
public final class StarterSettings {
  private static final Logger LOG = LoggerFactory.getLogger(StarterSettings.class);
  private static final String P = "ivs.playback.";

  private StarterSettings() {}

  /**
   * The IVS client's configuration.
   *
   * @param p the properties
   * @param env looks up an environment variable (or property) by name; null when unset
   * @param clock the clock
   * @return the configuration
   */
  public static IvsClientConfig clientConfig(
      IvsPlaybackProperties p, Function<String, String> env, Clock clock) {
    IvsClientConfig.Builder b = IvsClientConfig.builder().clock(clock);
    if (p.getRegion() != null) {
      b.region(p.getRegion());
    }
    if (p.getEndpoint() != null) {
      b.endpointOverride(endpoint(p.getEndpoint()));
    }
    Duration ttl = p.getChannelDirectory().getTtl();
    if (ttl != null) {
      // Refreshed in the background at half its life, so a hot channel never waits on IVS.
      b.channelDirectoryTtl(ttl).channelDirectoryRefreshAfter(ttl.dividedBy(2));
    }
    IvsPlaybackProperties.Credentials c = p.getCredentials();
    if (c.getAccessKeyIdEnv() != null || c.getSecretAccessKeyEnv() != null) {
      requireName(P + "credentials.access-key-id-env", c.getAccessKeyIdEnv());
      requireName(P + "credentials.secret-access-key-env", c.getSecretAccessKeyEnv());
      String id = envValue(P + "credentials.access-key-id-env", c.getAccessKeyIdEnv(), env);
      String secret =
          envValue(P + "credentials.secret-access-key-env", c.getSecretAccessKeyEnv(), env);
      b.credentialsProvider(
          StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret)));
    }
    return b.build();
  }

  private static URI endpoint(String value) {
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      throw new InvalidConfigurationException(
          P + "endpoint",
          "'" + value + "' is not a URI (" + e.getReason() + "); give an absolute http(s) URI");
    }
  }

  private static void requireName(String property, String variable) {
    if (variable == null || variable.isBlank()) {
      throw new InvalidConfigurationException(
          property,
          "is not set; static credentials need both access-key-id-env and"
              + " secret-access-key-env (or neither, for the AWS SDK's default chain)");
    }
  }

  private static String envValue(String property, String variable, Function<String, String> env) {
    String value = env.apply(variable);
    if (value == null || value.isBlank()) {
      throw new InvalidConfigurationException(
          property,
          "names the environment variable "
              + variable
              + ", which is unset or empty; set it, or remove the property");
    }
    return value;
  }

  /**
   * The key store the properties describe.
   *
   * @param p the properties
   * @param env looks up an environment variable by name
   * @param clock the clock
   * @return the store (a file store is {@link AutoCloseable})
   */
  public static PlaybackKeyStore store(
      IvsPlaybackProperties p, Function<String, String> env, Clock clock) {
    return store(p, env, clock, () -> null);
  }

  /**
   * The key store the properties describe.
   *
   * @param p the properties
   * @param env looks up an environment variable by name
   * @param clock the clock
   * @param dataSource the application's data source, or null (for {@code store.type=jdbc})
   * @return the store (a file or JDBC store is {@link AutoCloseable})
   */
  public static PlaybackKeyStore store(
      IvsPlaybackProperties p,
      Function<String, String> env,
      Clock clock,
      java.util.function.Supplier<javax.sql.DataSource> dataSource) {
    IvsPlaybackProperties.Store s = p.getStore();
    if (s.getType() == null) {
      throw new InvalidConfigurationException(
          P + "store.type", "is empty; it must be file, memory or jdbc");
    }
    switch (s.getType()) {
      case MEMORY:
        LOG.warn(
            "ivs.playback.store.type=memory: DEVELOPMENT ONLY. Playback keys live in this JVM"
                + " and are lost on restart; every restart imports a new key pair into IVS, and"
                + " processes do not share keys. Use ivs.playback.store.type=file in production.");
        return InMemoryPlaybackKeyStore.create(clock);
      case JDBC:
        return jdbcStore(s, env, dataSource);
      case FILE:
      default:
        if (s.getDirectory() == null) {
          throw new InvalidConfigurationException(
              P + "store.directory", "is not set; the file store needs a directory");
        }
        char[] secret = passphrase(s, env);
        FileSystemPlaybackKeyStore.Builder builder =
            FileSystemPlaybackKeyStore.builder()
                .directory(s.getDirectory())
                .passphrase(secret)
                .clock(clock);
        try {
          return builder.build();
        } finally {
          builder.wipePassphrase(); // the store keeps its own copy
          Arrays.fill(secret, '\0');
        }
    }
  }

  private static PlaybackKeyStore jdbcStore(
      IvsPlaybackProperties.Store s,
      Function<String, String> env,
      java.util.function.Supplier<javax.sql.DataSource> dataSource) {
    if (!JdbcStores.available()) {
      throw new InvalidConfigurationException(
          P + "store.type",
          "is jdbc, but dev.ivsplayback:keystore-jdbc is not on the class path; add it (and a"
              + " PostgreSQL or MariaDB driver)");
    }
    javax.sql.DataSource ds = dataSource.get();
    if (ds == null) {
      throw new InvalidConfigurationException(
          P + "store.type",
          "is jdbc, but the application has no DataSource bean; add spring-boot-starter-jdbc and"
              + " spring.datasource.url (PostgreSQL or MariaDB/MySQL)");
    }
    char[] secret = passphrase(s, env);
    try {
      return JdbcStores.build(ds, s.getStoreId(), secret, s.isCreateSchemaIfMissing());
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  private static char[] passphrase(IvsPlaybackProperties.Store s, Function<String, String> env) {
    boolean fromEnv = s.getPassphraseEnv() != null;
    boolean fromFile = s.getPassphraseFile() != null;
    if (fromEnv == fromFile) {
      throw new InvalidConfigurationException(
          P + "store.passphrase-env",
          (fromEnv ? "is set together with passphrase-file" : "is not set, nor passphrase-file")
              + "; the store needs exactly one passphrase source");
    }
    if (fromEnv) {
      String value = env.apply(s.getPassphraseEnv());
      if (value == null || value.isEmpty()) {
        throw new InvalidConfigurationException(
            P + "store.passphrase-env",
            "names the environment variable "
                + s.getPassphraseEnv()
                + ", which is unset or empty; it must hold the store's passphrase");
      }
      return value.toCharArray();
    }
    try {
      String value = Files.readString(s.getPassphraseFile(), StandardCharsets.UTF_8).strip();
      if (value.isEmpty()) {
        throw new InvalidConfigurationException(
            P + "store.passphrase-file",
            s.getPassphraseFile() + " is empty; it must hold the store's passphrase");
      }
      return value.toCharArray();
    } catch (IOException e) {
      throw new InvalidConfigurationException(
          P + "store.passphrase-file",
          s.getPassphraseFile() + " cannot be read (" + e + "); it must be a readable file");
    }
  }

  /**
   * The rotation policy: the defaults with the properties that are set.
   *
   * @param p the properties
   * @return the policy
   */
  public static RotationPolicy policy(IvsPlaybackProperties p) {
    IvsPlaybackProperties.Rotation r = p.getRotation();
    RotationPolicy.Builder b = RotationPolicy.defaults().toBuilder();
    if (r.getInterval() != null) {
      b.rotationInterval(r.getInterval());
    }
    if (r.getMaxTokenTtl() != null) {
      b.maxTokenTtl(r.getMaxTokenTtl());
    }
    if (r.getPropagationDelay() != null) {
      b.propagationDelay(r.getPropagationDelay());
    }
    if (r.getClockSkew() != null) {
      b.clockSkew(r.getClockSkew());
    }
    if (r.getMaxSnapshotAge() != null) {
      b.maxSnapshotAge(r.getMaxSnapshotAge());
    }
    return b.build();
  }

  /**
   * The channel-wide reusing minter in front of {@code minter}.
   *
   * @param p the properties
   * @param minter the minter that signs on a miss
   * @param clock the clock
   * @return the reusing minter
   */
  public static ReusingPlaybackTokenSigner reusing(
      IvsPlaybackProperties p, PlaybackTokenMinter minter, Clock clock) {
    IvsPlaybackProperties.Reuse r = p.getReuse();
    ReusingPlaybackTokenSigner.Builder b = ReusingPlaybackTokenSigner.builder(minter).clock(clock);
    if (r.getBucket() != null) {
      b.expiryBucket(r.getBucket());
    }
    if (r.getShare() != null) {
      b.minimumRemainingShare(r.getShare());
    }
    if (r.getSize() != null) {
      b.maximumSize(r.getSize());
    }
    return b.build();
  }

  /**
   * The manager id, required.
   *
   * @param p the properties
   * @return the id
   */
  public static String managerId(IvsPlaybackProperties p) {
    String id = p.getManagerId();
    if (id == null || id.isBlank()) {
      throw new InvalidConfigurationException(
          P + "manager-id",
          "is not set; every process of one fleet must use the same manager id (it tags the key"
              + " pairs the manager creates in IVS)");
    }
    return id;
  }
}
