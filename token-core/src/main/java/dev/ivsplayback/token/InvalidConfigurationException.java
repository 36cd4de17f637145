package dev.ivsplayback.token;

/**
 * A builder was given a setting it cannot work with (a negative leeway, a missing key source, ...).
 * The message starts with the setting's name, then says what is wrong and what the rule is.
 */
public class InvalidConfigurationException extends IvsPlaybackException {
  private static final long serialVersionUID = 1L;

  private final String setting;

  /**
   * Creates the exception.
   *
   * @param setting the name of the setting at fault
   * @param problem what is wrong with it and the rule it breaks
   */
  public InvalidConfigurationException(String setting, String problem) {
    super(setting + ": " + problem);
    this.setting = setting;
  }

  /**
   * The setting at fault.
   *
   * @return the builder method's name, e.g. {@code "leeway"}
   */
  public String setting() {
    return setting;
  }
}
