package dev.ivsplayback.token;

import java.util.Objects;
import java.util.Optional;

/**
 * Something that mints playback tokens with one current key: {@link PlaybackTokenSigner} (a fixed
 * key), the key manager's rotating signer (whatever key is ACTIVE), or {@link
 * ReusingPlaybackTokenSigner} in front of either. Every minter answers the same questions: which
 * engine signs ({@link #engine()}), which key is current ({@link #currentKey()}), and whether it
 * can mint now and why not ({@link #readiness()}).
 *
 * <pre>{@code
 * PlaybackTokenMinter minter = keyManager.signer();           // or PlaybackTokenSigner.create(key)
 * String url = minter.playbackUrl(channel.playbackUrl(), claims);
 * log.info("engine {} key {} {}", minter.engine(), minter.currentKey(), minter.readiness());
 * }</pre>
 *
 * <p>Implementations are thread-safe.
 */
public interface PlaybackTokenMinter {

  /**
   * Mints a token and says which key signed it.
   *
   * @param claims the claims (validated by their builder)
   * @return the token, the handle of the key that signed it and its expiry
   * @throws IvsPlaybackException when the token cannot be minted now
   */
  MintedToken mint(PlaybackClaims claims);

  /**
   * Mints a token.
   *
   * @param claims the claims
   * @return the compact JWS
   * @throws IvsPlaybackException when the token cannot be minted now
   */
  default String sign(PlaybackClaims claims) {
    return mint(claims).token();
  }

  /**
   * Mints a token and appends it to a channel's playback URL ({@link
   * PlaybackTokenSigner#appendToken}).
   *
   * @param playbackUrl the channel's playback URL
   * @param claims the claims
   * @return the URL with {@code ?token=} or {@code &token=}
   * @throws IvsPlaybackException when the token cannot be minted now
   */
  default String playbackUrl(String playbackUrl, PlaybackClaims claims) {
    Objects.requireNonNull(playbackUrl, "playbackUrl");
    return PlaybackTokenSigner.appendToken(playbackUrl, sign(claims));
  }

  /**
   * Checks, without signing, that these claims could be minted now, and returns the handle of the
   * key that would sign them. Called on every reused token, so it must be cheap (a field read and
   * the checks a mint would make).
   *
   * @param claims the claims as requested
   * @return the current signing key's handle, never null
   * @throws IvsPlaybackException exactly what minting these claims would throw now
   */
  SigningKeyHandle signingKeyFor(PlaybackClaims claims);

  /**
   * The engine that signs now (for a rotating minter with no key yet: the engine its keys will
   * use).
   *
   * @return the engine
   */
  SigningEngine engine();

  /**
   * The key that signs now.
   *
   * @return its handle, or empty when no key is in use
   */
  Optional<SigningKeyHandle> currentKey();

  /**
   * Whether this minter can mint now and, if not, why. A claims-specific refusal (a TTL too long)
   * is not covered: this is about the minter's state.
   *
   * @return the readiness
   */
  MintReadiness readiness();
}
