package dev.ivsplayback.keys;

import dev.ivsplayback.keys.internal.lifecycle.ActiveSigner;
import dev.ivsplayback.token.MintReadiness;
import dev.ivsplayback.token.MintedToken;
import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackTokenMinter;
import dev.ivsplayback.token.SignerDestroyedException;
import dev.ivsplayback.token.SigningEngine;
import dev.ivsplayback.token.SigningKeyHandle;
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
 * and saw the key ACTIVE ({@link PlaybackKeyException.Reason#STALE_KEY_STATE}: the store has not
 * been readable for too long).
 *
 * <p>For token reuse, front it with {@link dev.ivsplayback.token.ReusingPlaybackTokenSigner}: as a
 * {@link PlaybackTokenMinter} it names each token's key by the ACTIVE key's {@link
 * SigningKeyHandle}, which changes when the key is rotated or revoked, so a reused token is always
 * one of the key that is ACTIVE now.
 *
 * <p>Thread-safe and lock-free.
 *
 * <pre>{@code
 * RotatingPlaybackTokenSigner signer = keys.signer(); // keys: a started PlaybackKeyManager
 * MintReadiness readiness = signer.readiness(); // READY, or why not: NO_ACTIVE_KEY, KEY_VIEW_STALE
 * if (readiness.ready()) {
 *   MintedToken minted =
 *       signer.mint(
 *           PlaybackClaims.builder()
 *               .channelArn(channelArn)
 *               .viewerId("viewer-42")
 *               .expiresIn(Duration.ofMinutes(5))
 *               .build());
 *   log.info("minted with key {} on {}", minted.key(), signer.engine());
 * }
 * }</pre>
 */
public final class RotatingPlaybackTokenSigner implements PlaybackTokenMinter {
  private static final String NO_ACTIVE_KEY =
      "no ACTIVE playback key: the key manager has not started, or the leader has not created the"
          + " first key yet";

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
   * @throws PlaybackKeyException {@link PlaybackKeyException.Reason#NO_ACTIVE_KEY} if no key is
   *     ACTIVE yet; {@link PlaybackKeyException.Reason#STALE_KEY_STATE} if this process's view of
   *     the store is too old
   * @throws TokenTtlTooLongException if the TTL is longer than the maximum
   */
  @Override
  public String sign(PlaybackClaims claims) {
    for (; ; ) {
      ActiveSigner active = checked(claims);
      try {
        return active.signer().sign(claims);
      } catch (SignerDestroyedException e) {
        // Raced with a rotation that destroyed this key's signer: sign with the new ACTIVE key.
        if (current.get() == active) {
          throw e;
        }
      }
    }
  }

  /**
   * Signs the claims with the ACTIVE key and says which key that was.
   *
   * @param claims the claims; their expiry must be within {@link #maxTokenTtl()} of now
   * @return the token with the signing key's id and fingerprint
   * @throws PlaybackKeyException {@link PlaybackKeyException.Reason#NO_ACTIVE_KEY} if no key is
   *     ACTIVE yet; {@link PlaybackKeyException.Reason#STALE_KEY_STATE} if this process's view of
   *     the store is too old
   * @throws TokenTtlTooLongException if the TTL is longer than the maximum
   */
  @Override
  public MintedToken mint(PlaybackClaims claims) {
    for (; ; ) {
      ActiveSigner active = checked(claims);
      try {
        return active.signer().mint(claims);
      } catch (SignerDestroyedException e) {
        if (current.get() == active) {
          throw e;
        }
      }
    }
  }

  /**
   * Checks, without signing, that the claims could be minted now (the same refusals as {@link
   * #mint}) and returns the ACTIVE key's handle, which changes when another key is promoted or the
   * key is revoked. For {@link dev.ivsplayback.token.ReusingPlaybackTokenSigner}.
   *
   * @param claims the claims as requested
   * @return the ACTIVE key's handle
   * @throws PlaybackKeyException {@link PlaybackKeyException.Reason#NO_ACTIVE_KEY} if no key is
   *     ACTIVE; {@link PlaybackKeyException.Reason#STALE_KEY_STATE} if this process's view of the
   *     store is too old
   * @throws TokenTtlTooLongException if the TTL is longer than the maximum
   */
  @Override
  public SigningKeyHandle signingKeyFor(PlaybackClaims claims) {
    return checked(claims).signer().keyHandle();
  }

  /**
   * The engine of the ACTIVE key's signer, or the engine new keys will use when none is ACTIVE.
   *
   * @return the engine
   */
  @Override
  public SigningEngine engine() {
    ActiveSigner active = current.get();
    return active == null ? SigningEngine.fastestAvailable() : active.signer().engine();
  }

  /**
   * The ACTIVE key's handle.
   *
   * @return the handle, or empty when no key is ACTIVE
   */
  @Override
  public Optional<SigningKeyHandle> currentKey() {
    return Optional.ofNullable(current.get()).map(a -> a.signer().keyHandle());
  }

  /**
   * READY when a key is ACTIVE and was confirmed from the store within the max snapshot age;
   * NO_ACTIVE_KEY (every mint refused) or KEY_VIEW_STALE (only tokens that cannot outlive the key's
   * deletion) otherwise.
   *
   * @return the readiness
   */
  @Override
  public MintReadiness readiness() {
    ActiveSigner active = current.get();
    if (active == null) {
      return MintReadiness.notReady(MintReadiness.Status.NO_ACTIVE_KEY, NO_ACTIVE_KEY);
    }
    Instant staleAt = active.confirmedAt().plus(active.limits().maxSnapshotAge());
    if (clock.instant().isAfter(staleAt)) {
      return MintReadiness.notReady(
          MintReadiness.Status.KEY_VIEW_STALE,
          "key "
              + active.key().keyId()
              + " was last confirmed ACTIVE at "
              + active.confirmedAt()
              + ", longer ago than maxSnapshotAge "
              + active.limits().maxSnapshotAge()
              + ": the key store has not been read successfully since. Only tokens expiring by "
              + staleAt.plus(active.limits().maxTokenTtl())
              + " can be minted, none after that");
    }
    return MintReadiness.isReady();
  }

  private ActiveSigner checked(PlaybackClaims claims) {
    ActiveSigner active = current.get();
    if (active == null) {
      throw new PlaybackKeyException(PlaybackKeyException.Reason.NO_ACTIVE_KEY, NO_ACTIVE_KEY);
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
      throw new PlaybackKeyException(
          PlaybackKeyException.Reason.STALE_KEY_STATE,
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
   * The public half of the ACTIVE key.
   *
   * @return the public key, if any
   */
  public Optional<ECPublicKey> currentPublicKey() {
    return Optional.ofNullable(current.get()).map(a -> a.key().publicKey());
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
