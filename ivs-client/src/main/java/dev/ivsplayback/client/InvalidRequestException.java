package dev.ivsplayback.client;

/**
 * A request that ivs-client refuses before calling IVS because an argument breaks a documented IVS
 * rule. {@link #field()} names the offending argument (IVS's wire name where there is one, e.g.
 * {@code "metadata"}).
 */
public class InvalidRequestException extends IvsClientException {
  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * Creates the exception.
   *
   * @param field the argument at fault
   * @param message what is wrong with it and which rule it breaks
   */
  public InvalidRequestException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The argument at fault. */
  public String field() {
    return field;
  }
}
