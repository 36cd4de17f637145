package dev.ivsplayback.keys;

import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackTokenMinter;
import dev.ivsplayback.token.PlaybackTokenSigner;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Mints playback tokens with whatever key is ACTIVE right now. The manager swaps the key
 * atomically, so minting never waits for a rotation. Obtain it from {@link
 * PlaybackKeyManager#signer()}.
 *
 * <p>Two refusals keep the deletion rule of {@link RotationPolicy} sound: a token whose TTL exceeds
 * {@link #maxTokenTtl()} ({@link TokenTtlTooLongException}), and a token whose expiry would outlast
 * {@code confirmedAt + maxSnapshotAge + maxTokenTtl}, each the shorter of this process's {@link
 * RotationPolicy} and the {@link FleetTokenLimits} recorded in the store (other processes sharing
 * it may delete keys by those), where {@code confirmedAt} is when this process last read the store
 * and saw the key ACTIVE ({@link StaleKeyStateException}: the store has not been readable for too
 * long).
 *
 * <p>For token reuse, front it with {@link dev.ivsplayback.token.ReusingPlaybackTokenSigner}: as a
 * {@link PlaybackTokenMinter} it identifies each token's key by the ACTIVE key's signer object,
 * which changes when the key is rotated or revoked, so a reused token is always one of the key that
 * is ACTIVE now.
 *
 * <p>Thread-safe and lock-free.
 */
public final class RotatingPlaybackTokenSigner implements PlaybackTokenMinter {
  private final AtomicReference<ActiveSigner> current;
  private final Clock clock;
  private final RotationPolicy policy;

  RotatingPlaybackTokenSigner(
      AtomicReference<ActiveSigner> current, Clock clock, RotationPolicy policy) {
    this.current = current;
    this.clock = clock;
    this.policy = policy;
  }

  /**
   * Signs the claims with the ACTIVE key.
   *
   * @param claims the claims; their expiry must be within {@link #maxTokenTtl()} of now
   * @return the compact JWS
   * @throws NoActiveKeyException if no key is ACTIVE yet
   * @throws TokenTtlTooLongException if the TTL is longer than the maximum
   * @throws StaleKeyStateException if this process's view of the store is too old
   */
  public String sign(PlaybackClaims claims) {
    return mint(claims).token();
  }

  /**
   * Signs the claims with the ACTIVE key and says which key that was.
   *
   * @param claims the claims; their expiry must be within {@link #maxTokenTtl()} of now
   * @return the token with the signing key's id and fingerprint
   * @throws NoActiveKeyException if no key is ACTIVE yet
   * @throws TokenTtlTooLongException if the TTL is longer than the maximum
   * @throws StaleKeyStateException if this process's view of the store is too old
   */
  public MintedToken mint(PlaybackClaims claims) {
    ActiveSigner active = checked(claims);
    return new MintedToken(
        active.signer().sign(claims),
        active.key().keyId(),
        active.key().fingerprint(),
        claims.expiresAt());
  }

  /**
   * Checks, without signing, that the claims could be minted now (the same refusals as {@link
   * #mint}) and returns the identity of the ACTIVE key: an object that stays the same while that
   * key is ACTIVE and changes when another key is promoted or the key is revoked. For {@link
   * dev.ivsplayback.token.ReusingPlaybackTokenSigner}.
   *
   * @param claims the claims as requested
   * @return the ACTIVE key's identity
   * @throws NoActiveKeyException if no key is ACTIVE
   * @throws TokenTtlTooLongException if the TTL is longer than the maximum
   * @throws StaleKeyStateException if this process's view of the store is too old
   */
  @Override
  public Object signingKeyFor(PlaybackClaims claims) {
    return checked(claims).signer();
  }

  /**
   * Signs the claims with the ACTIVE key (as {@link #sign}) and returns the key's identity (as
   * {@link #signingKeyFor}).
   *
   * @param claims the claims
   * @return the token and the signing key's identity
   */
  @Override
  public SignedToken signWithKeyIdentity(PlaybackClaims claims) {
    PlaybackTokenSigner signer = checked(claims).signer();
    return new SignedToken(signer.sign(claims), signer);
  }

  private ActiveSigner checked(PlaybackClaims claims) {
    ActiveSigner active = current.get();
    if (active == null) {
      throw new NoActiveKeyException(
          "no ACTIVE playback key: the key manager has not started, or the leader has not"
              + " created the first key yet");
    }
    Instant now = clock.instant();
    Instant exp = claims.expiresAt();
    Duration ttl = Duration.between(now, exp);
    FleetTokenLimits limits = active.limits();
    Duration maxTtl = limits.maxTokenTtl();
    if (ttl.compareTo(maxTtl) > 0) {
      throw new TokenTtlTooLongException(
          ttl,
          maxTtl,
          maxTtl.compareTo(policy.maxTokenTtl()) < 0
              ? "the key store's recorded maxTokenTtl "
                  + maxTtl
                  + ", which is shorter than this process's maxTokenTtl "
                  + policy.maxTokenTtl()
                  + " (another process sharing the store rotates with it and deletes retired keys"
                  + " by it; the leader raises it only when its own policy is longer)"
              : "the key manager's maxTokenTtl " + maxTtl);
    }
    Instant limit = active.confirmedAt().plus(limits.maxSnapshotAge()).plus(maxTtl);
    if (exp.isAfter(limit)) {
      throw new StaleKeyStateException(
          "key "
              + active.key().keyId()
              + " was last confirmed ACTIVE at "
              + active.confirmedAt()
              + "; a token expiring at "
              + exp
              + " could outlive its deletion (limit "
              + limit
              + " = confirmation + maxSnapshotAge "
              + limits.maxSnapshotAge()
              + " + maxTokenTtl "
              + maxTtl
              + ", the shorter of this process's policy and the key store's recorded limits). The key store has not been"
              + " read successfully for too long");
    }
    return active;
  }

  /**
   * Signs the claims and appends the token to a playback URL as {@code ?token=} (or {@code
   * &token=}).
   *
   * @param playbackUrl the channel's playback URL
   * @param claims the claims
   * @return the URL with the token
   */
  public String playbackUrl(String playbackUrl, PlaybackClaims claims) {
    return PlaybackTokenSigner.appendToken(playbackUrl, sign(claims));
  }

  /**
   * The key tokens are signed with now.
   *
   * @return the ACTIVE key's record, if any
   */
  public Optional<PlaybackKeyRecord> currentKey() {
    return Optional.ofNullable(current.get()).map(ActiveSigner::key);
  }

  /**
   * The public half of the ACTIVE key.
   *
   * @return the public key, if any
   */
  public Optional<ECPublicKey> currentPublicKey() {
    return currentKey().map(PlaybackKeyRecord::publicKey);
  }

  /**
   * The longest TTL this signer accepts now: the shorter of the policy's maxTokenTtl and the one
   * recorded in the key store (by the fleet's leaders) as of this process's last read.
   *
   * @return the maximum token TTL in force
   */
  public Duration maxTokenTtl() {
    ActiveSigner active = current.get();
    return active == null ? policy.maxTokenTtl() : active.limits().maxTokenTtl();
  }
}
