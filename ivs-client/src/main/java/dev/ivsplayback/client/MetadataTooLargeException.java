package dev.ivsplayback.client;

/**
 * Timed metadata whose UTF-8 encoding is larger than IVS's per-request limit; raised before any
 * call is made.
 */
public class MetadataTooLargeException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  private final int sizeBytes;
  private final int limitBytes;

  /**
   * Creates the exception.
   *
   * @param sizeBytes the UTF-8 size of the rejected metadata
   * @param limitBytes the limit it exceeds
   */
  public MetadataTooLargeException(int sizeBytes, int limitBytes) {
    super(
        "metadata",
        "metadata is "
            + sizeBytes
            + " bytes in UTF-8; PutMetadata accepts at most "
            + limitBytes
            + " bytes (IVS documents \"1 KB\" without saying 1000 or 1024, so the smaller is enforced)");
    this.sizeBytes = sizeBytes;
    this.limitBytes = limitBytes;
  }

  /** UTF-8 size of the rejected metadata in bytes. */
  public int sizeBytes() {
    return sizeBytes;
  }

  /** The enforced limit in bytes. */
  public int limitBytes() {
    return limitBytes;
  }
}
