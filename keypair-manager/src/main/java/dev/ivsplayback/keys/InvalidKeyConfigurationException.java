package dev.ivsplayback.keys;

/**
 * A builder was given a value that breaks a rule (a duration out of range, an inconsistent policy,
 * a bad manager id). {@link #field()} names the builder field.
 */
public class InvalidKeyConfigurationException extends PlaybackKeyException {
  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * Creates the exception.
   *
   * @param field the builder field at fault
   * @param message the value's problem and the rule it breaks
   */
  public InvalidKeyConfigurationException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  /**
   * The builder field at fault.
   *
   * @return the field name, e.g. {@code "maxTokenTtl"}
   */
  public String field() {
    return field;
  }
}
