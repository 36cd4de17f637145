package dev.ivsplayback.token;

/**
 * A signer was asked to sign after its key was destroyed ({@link PlaybackTokenSigner#destroy()}). A
 * rotating minter that raced with a rotation catches it and signs with the new key; anyone else has
 * kept a signer past its key's life.
 */
public class SignerDestroyedException extends IvsPlaybackException {
  private static final long serialVersionUID = 1L;

  private final transient SigningKeyHandle key;

  /**
   * Creates the exception.
   *
   * @param key the destroyed key's handle
   */
  public SignerDestroyedException(SigningKeyHandle key) {
    super(
        "the signer of key "
            + key.keyId()
            + " ("
            + key.fingerprint()
            + ") was destroyed; its key no longer signs");
    this.key = key;
  }

  /**
   * The destroyed key.
   *
   * @return its handle
   */
  public SigningKeyHandle key() {
    return key;
  }
}
