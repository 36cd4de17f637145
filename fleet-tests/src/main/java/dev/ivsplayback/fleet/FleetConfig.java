package dev.ivsplayback.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one chaos run does: how long the chaos lasts, on which store, where its files go, and the
 * load. The numbers the run must reach scale with its length.
 *
 * @param length how long the chaos (kills, the pause, sampled load) lasts
 * @param storeKind file, postgresql or mariadb
 * @param workDir the run's directory: member logs and, for the file store, the store itself
 * @param members how many member processes
 * @param mintPerSecond tokens each member mints per second
 * @param sampleEvery each member reports every n-th token to the driver
 * @param seed seeds the kill moments and the play moments (printed, so a run can be repeated)
 */
record FleetConfig(
    Duration length,
    String storeKind,
    Path workDir,
    int members,
    int mintPerSecond,
    int sampleEvery,
    long seed) {
  private static final Pattern LENGTH = Pattern.compile("(\\d+)(ms|s|m|h)?");

  FleetConfig {
    Objects.requireNonNull(length, "length");
    Objects.requireNonNull(workDir, "workDir");
    if (!storeKind.equals("file")
        && !storeKind.equals("postgresql")
        && !storeKind.equals("mariadb")) {
      throw new IllegalArgumentException(
          "store must be file, postgresql or mariadb, not " + storeKind);
    }
    // Five rotations take about a minute at the fleet's policy (FleetPolicy).
    if (length.compareTo(Duration.ofSeconds(60)) < 0) {
      throw new IllegalArgumentException("length must be at least 60 s, was " + length);
    }
  }

  /** The defaults: 4 members, each minting 40 tokens/s and reporting every 4th (40/s in all). */
  static FleetConfig of(Duration length, String storeKind, Path workDir, long seed) {
    return new FleetConfig(length, storeKind, workDir, 4, 40, 4, seed);
  }

  /** Parses {@code 90}, {@code 90s}, {@code 10m}, {@code 1h} (seconds when no unit). */
  static Duration parseLength(String text) {
    Matcher m = LENGTH.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("a length looks like 60s, 10m or 1h, not " + text);
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  /** SIGKILLs of the lease holder: at least 10, and one per 6 s of a longer run. */
  int kills() {
    return (int) Math.max(10, length.toSeconds() / 6);
  }

  /**
   * Rotations the run must see: at least 5, and two thirds of what the rotation cycle allows in a
   * longer run (each kill of the leader can delay a step by a lease and the restart's CPU;
   * 10-minute runs measured a cycle of about 12 s against the 10.5 s minimum).
   */
  int requiredRotations() {
    long possible = length.toMillis() / FleetPolicy.minimumCycle().toMillis();
    return (int) Math.max(5, possible * 2 / 3);
  }

  /** The sampled tokens per second the fleet must report, across all members. */
  static final int MIN_SAMPLES_PER_SECOND = 20;
}
