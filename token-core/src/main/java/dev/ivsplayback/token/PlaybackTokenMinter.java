package dev.ivsplayback.token;

/**
 * Something that mints playback tokens with one current key: {@link PlaybackTokenSigner} (a fixed
 * key) or the key manager's rotating signer (whatever key is ACTIVE). {@link
 * ReusingPlaybackTokenSigner} fronts one and needs to know which key signed each token, so that it
 * never hands out a token of a key that is no longer in use.
 *
 * <p>Implementations are thread-safe.
 */
public interface PlaybackTokenMinter {

  /**
   * Checks, without signing, that these claims could be minted now, and returns the identity of the
   * key that would sign them. The identity is compared by reference: an implementation returns the
   * same object for as long as the same key stays in use, and a different one as soon as the key
   * changes, is retired or revoked. Called on every reused token, so it must be cheap (a field read
   * and the checks a mint would make).
   *
   * @param claims the claims as requested
   * @return the current signing key's identity, never null
   * @throws IvsPlaybackException exactly what minting these claims would throw now (for example, no
   *     key is usable)
   */
  Object signingKeyFor(PlaybackClaims claims);

  /**
   * Mints a token and says which key signed it.
   *
   * @param claims the claims
   * @return the token and the identity (as returned by {@link #signingKeyFor}) of the key that
   *     signed it
   * @throws IvsPlaybackException when the token cannot be minted
   */
  SignedToken signWithKeyIdentity(PlaybackClaims claims);

  /**
   * A token and the identity of the key that signed it.
   *
   * @param token the compact JWS
   * @param signingKey the key's identity, compared by reference
   */
  record SignedToken(String token, Object signingKey) {
    /**
     * Checks both parts are present.
     *
     * @param token the token
     * @param signingKey the key identity
     */
    public SignedToken {
      java.util.Objects.requireNonNull(token, "token");
      java.util.Objects.requireNonNull(signingKey, "signingKey");
    }

    @Override
    public String toString() {
      // The token is a bearer credential: keep it out of logs.
      return "SignedToken{signingKey=" + signingKey + "}";
    }
  }
}
