package dev.ivsplayback.client;

/**
 * An {@link IvsClientConfig} setting outside its allowed range; {@link #field()} names the setting.
 */
public class InvalidConfigurationException extends IvsClientException {
  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * Creates the exception.
   *
   * @param field the builder setting at fault
   * @param message what is wrong and the rule
   */
  public InvalidConfigurationException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The builder setting at fault. */
  public String field() {
    return field;
  }
}
