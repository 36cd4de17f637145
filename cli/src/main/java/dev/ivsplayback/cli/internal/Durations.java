package dev.ivsplayback.cli.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses operator durations: {@code 90s}, {@code 5m}, {@code 1h}, {@code 2d}, {@code 500ms},
 * combinations such as {@code 1h30m}, and ISO-8601 ({@code PT5M}). Negative values are rejected.
 */
public final class Durations implements ITypeConverter<Duration> {

  private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
  private static final Pattern WHOLE = Pattern.compile("(?:\\d{1,9}(?:ms|s|m|h|d))+");

  /** Converter for picocli options. */
  @Override
  public Duration convert(String value) {
    try {
      return parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException naming the value and the accepted forms
   */
  public static Duration parse(String value) {
    String v = value == null ? "" : value.trim();
    if (v.regionMatches(true, 0, "PT", 0, 2)
        || v.regionMatches(true, 0, "P", 0, 1)
            && v.length() > 1
            && Character.isDigit(v.charAt(1))) {
      try {
        Duration d = Duration.parse(v);
        if (d.isNegative()) {
          throw new IllegalArgumentException(
              "invalid duration '" + value + "': must not be negative");
        }
        return d;
      } catch (DateTimeParseException e) {
        throw invalid(value);
      }
    }
    if (!WHOLE.matcher(v).matches()) {
      throw invalid(value);
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(v);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
              });
    }
    return total;
  }

  /** Formats a duration the way operators write it (e.g. 1h30m, 90s). */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long days = d.toDays();
    if (days > 0) sb.append(days).append('d');
    if (d.toHoursPart() > 0) sb.append(d.toHoursPart()).append('h');
    if (d.toMinutesPart() > 0) sb.append(d.toMinutesPart()).append('m');
    if (d.toSecondsPart() > 0) sb.append(d.toSecondsPart()).append('s');
    if (d.toMillisPart() > 0) sb.append(d.toMillisPart()).append("ms");
    return sb.toString();
  }

  private static IllegalArgumentException invalid(String value) {
    return new IllegalArgumentException(
        "invalid duration '"
            + value
            + "': write a whole number followed by a unit (ms, s, m, h or d), e.g. 90s, 5m, 1h or 1h30m");
  }
}
