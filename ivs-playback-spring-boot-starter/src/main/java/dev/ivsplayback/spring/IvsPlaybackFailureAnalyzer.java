package dev.ivsplayback.spring;

import dev.ivsplayback.token.InvalidConfigurationException;
import java.util.Map;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a bad {@code ivs.playback.*} value into a startup report naming the property, what is wrong
 * with the value and the rule it breaks.
 */
public class IvsPlaybackFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidConfigurationException> {
  // The library's builder settings, by the property that sets them.
  private static final Map<String, String> PROPERTIES =
      Map.ofEntries(
          Map.entry("region", "ivs.playback.region"),
          Map.entry("endpointOverride", "ivs.playback.endpoint"),
          Map.entry("channelDirectoryTtl", "ivs.playback.channel-directory.ttl"),
          Map.entry("channelDirectoryRefreshAfter", "ivs.playback.channel-directory.ttl"),
          Map.entry("managerId", "ivs.playback.manager-id"),
          Map.entry("rotationInterval", "ivs.playback.rotation.interval"),
          Map.entry("maxTokenTtl", "ivs.playback.rotation.max-token-ttl"),
          Map.entry("propagationDelay", "ivs.playback.rotation.propagation-delay"),
          Map.entry("clockSkew", "ivs.playback.rotation.clock-skew"),
          Map.entry("maxSnapshotAge", "ivs.playback.rotation.max-snapshot-age"),
          Map.entry("refreshInterval", "ivs.playback.rotation.max-snapshot-age"),
          Map.entry("expiryBucket", "ivs.playback.reuse.bucket"),
          Map.entry("minimumRemainingShare", "ivs.playback.reuse.share"),
          Map.entry("maximumSize", "ivs.playback.reuse.size"),
          Map.entry("directory", "ivs.playback.store.directory"),
          Map.entry("passphrase", "ivs.playback.store.passphrase-env"));

  /** Creates the analyzer (Spring Boot instantiates it from {@code spring.factories}). */
  public IvsPlaybackFailureAnalyzer() {}

  /**
   * The property a setting came from.
   *
   * @param setting the exception's setting: a property name or a builder setting
   * @return the property name
   */
  static String property(String setting) {
    if (setting.startsWith("ivs.playback.")) {
      return setting;
    }
    return PROPERTIES.getOrDefault(setting, "ivs.playback.* (the library setting " + setting + ")");
  }

  @Override
  protected FailureAnalysis analyze(Throwable root, InvalidConfigurationException cause) {
    String property = property(cause.setting());
    String prefix = cause.setting() + ": ";
    String problem =
        cause.getMessage().startsWith(prefix)
            ? cause.getMessage().substring(prefix.length())
            : cause.getMessage();
    return new FailureAnalysis(
        "Invalid ivs-playback configuration: the property '"
            + property
            + "' "
            + problem
            + (property.equals(cause.setting())
                ? ""
                : " (library setting " + cause.setting() + ")"),
        "Fix '" + property + "' in the application's configuration (see the starter's README).",
        cause);
  }
}
