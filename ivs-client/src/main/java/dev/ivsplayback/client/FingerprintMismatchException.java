package dev.ivsplayback.client;

/**
 * IVS reported a fingerprint for an imported key pair that differs from the one computed locally
 * (MD5 of the DER SubjectPublicKeyInfo). The imported pair would not verify the tokens this
 * application signs.
 */
public class FingerprintMismatchException extends IvsClientException {
  private static final long serialVersionUID = 1L;

  private final String arn;
  private final String expected;
  private final String actual;

  /**
   * Creates the exception.
   *
   * @param arn the ARN of the key pair IVS returned
   * @param expected the locally computed fingerprint
   * @param actual the fingerprint IVS returned
   */
  public FingerprintMismatchException(String arn, String expected, String actual) {
    super(
        "IVS returned fingerprint "
            + actual
            + " for playback key pair "
            + arn
            + " but the public key's fingerprint is "
            + expected);
    this.arn = arn;
    this.expected = expected;
    this.actual = actual;
  }

  /** ARN of the key pair IVS returned. */
  public String arn() {
    return arn;
  }

  /** The locally computed fingerprint. */
  public String expected() {
    return expected;
  }

  /** The fingerprint IVS returned. */
  public String actual() {
    return actual;
  }
}
