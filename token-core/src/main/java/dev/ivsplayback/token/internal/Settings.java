package dev.ivsplayback.token.internal;

import dev.ivsplayback.token.InvalidConfigurationException;
import java.time.Duration;

/**
 * The checks every module's builders make in {@code build()}, each failing with the one {@link
 * InvalidConfigurationException} that names the setting. Not a public API.
 */
public final class Settings {
  private Settings() {}

  /**
   * Requires a setting to be present.
   *
   * @param setting the setting's name
   * @param value its value
   * @param <T> its type
   * @return the value
   * @throws InvalidConfigurationException when it is null
   */
  public static <T> T required(String setting, T value) {
    if (value == null) {
      throw new InvalidConfigurationException(setting, "is required and was not set");
    }
    return value;
  }

  /**
   * Requires a duration to be present and positive.
   *
   * @param setting the setting's name
   * @param value its value
   * @return the value
   * @throws InvalidConfigurationException when it is null, zero or negative
   */
  public static Duration positive(String setting, Duration value) {
    required(setting, value);
    if (value.isZero() || value.isNegative()) {
      throw new InvalidConfigurationException(setting, value + " is not positive; it must be > 0");
    }
    return value;
  }

  /**
   * Requires a duration to be present and not negative.
   *
   * @param setting the setting's name
   * @param value its value
   * @return the value
   * @throws InvalidConfigurationException when it is null or negative
   */
  public static Duration notNegative(String setting, Duration value) {
    required(setting, value);
    if (value.isNegative()) {
      throw new InvalidConfigurationException(setting, value + " is negative; it must be >= 0");
    }
    return value;
  }
}
