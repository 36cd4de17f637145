package dev.ivsplayback.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.ivsplayback.token.internal.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hands out the same token again for requests whose claims are equal except for {@code exp},
 * instead of signing each one: when a popular stream starts, thousands of viewers ask for the same
 * channel-wide token within seconds. A reused token costs a cache lookup and no signature.
 *
 * <h2>The rule, exactly</h2>
 *
 * For a request with claims {@code C} and expiry {@code E} ({@code C.exp()}) at time {@code now}
 * (this signer's clock), with expiry bucket {@code B} (whole seconds) and minimum remaining share
 * {@code s}:
 *
 * <ol>
 *   <li>{@code C} carries {@code aws:single-use-uuid}: never reused, never cached; signed as
 *       requested.
 *   <li>{@code E <= now}: nothing can be reused; signed as requested and not cached.
 *   <li>A token {@code T} cached for claims equal to {@code C} in everything but {@code exp}, with
 *       expiry {@code X}, is returned when all of these hold:
 *       <ul>
 *         <li>{@code X <= E}: a reused token never expires later than the caller asked;
 *         <li>{@code X - now >= s * (E - now)}: it still has at least the share {@code s} of the
 *             lifetime the caller asked for (with {@code s = 0.5} and 5-minute tokens, a token is
 *             reused until 2.5 minutes are left);
 *         <li>the key that signed {@code T} is the minter's current key ({@link
 *             PlaybackTokenMinter#signingKeyFor}, compared on every hit): after a rotation or an
 *             emergency revocation, no token of the old key is handed out again, and the first
 *             request that sees the new key drops every cached token.
 *       </ul>
 *       The minter's checks for {@code C} run on every request, hit or miss, so a request that
 *       would be refused when minted is refused when reused too.
 *   <li>Otherwise a new token is signed and cached (replacing the old one) with {@code exp} rounded
 *       down to the bucket, {@code X = floor(E / B) * B}, so that every request whose {@code E}
 *       falls in {@code [X, X + B)} can get this same token. When rounding down would leave less
 *       than the share {@code s} of the requested lifetime ({@code X - now < s * (E - now)}, i.e.
 *       the bucket is coarse for so short a lifetime), the token keeps {@code X = E} instead.
 *       Either way {@code now < X <= E}: never later than asked, never already expired.
 * </ol>
 *
 * A cached token is dropped at its {@code exp}, and the least recently used are evicted beyond
 * {@link Builder#maximumSize}. Concurrent misses for the same claims sign once (the others wait for
 * that signature and reuse it); misses for different claims sign in parallel.
 *
 * <p>Reuse helps only where many requests carry identical claims (a channel-wide token, or one
 * viewer reloading). Tokens with a per-viewer {@code aws:viewer-id} are reused only for that same
 * viewer.
 *
 * <p>Key rotation: reuse never lengthens a token's life, and the minter validated {@code exp} when
 * it signed, so a reused token expires before its key may be deleted, exactly as if it had been
 * minted for that request; and since the signing key is checked on every hit, tokens of a retired
 * or revoked key are not handed out at all.
 *
 * <pre>{@code
 * ReusingPlaybackTokenSigner tokens = ReusingPlaybackTokenSigner.builder(signer)   // or keyManager.signer()
 *         .expiryBucket(Duration.ofSeconds(10)).minimumRemainingShare(0.5).maximumSize(10_000).build();
 * String token = tokens.sign(PlaybackClaims.builder().channelArn(arn).expiresIn(Duration.ofMinutes(5)).build());
 * }</pre>
 *
 * <p>Thread-safe: share one instance.
 */
public final class ReusingPlaybackTokenSigner implements PlaybackTokenMinter {
  /** Default expiry bucket: 10 seconds. */
  public static final Duration DEFAULT_EXPIRY_BUCKET = Duration.ofSeconds(10);

  /** Default minimum remaining share of the requested lifetime: one half. */
  public static final double DEFAULT_MINIMUM_REMAINING_SHARE = 0.5;

  /** Default number of distinct claim sets remembered. */
  public static final long DEFAULT_MAXIMUM_SIZE = 10_000L;

  private final PlaybackTokenMinter minter;
  private final Clock clock;
  private final long bucketSeconds;
  private final double share;
  private final Cache<ReuseKey, Entry> cache;
  private final LongAdder hits = new LongAdder();
  private final LongAdder signed = new LongAdder();
  private final LongAdder notReusable = new LongAdder();
  // The key the cached tokens were signed with; a different current key empties the cache.
  private volatile SigningKeyHandle cachedKey;
  private final Object keyLock = new Object();

  private ReusingPlaybackTokenSigner(Builder b) {
    this.minter = b.minter;
    this.clock = b.clock;
    this.bucketSeconds = b.expiryBucket.getSeconds();
    this.share = b.minimumRemainingShare;
    Clock c = b.clock;
    Ticker ticker =
        () -> {
          Instant now = c.instant();
          return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(b.maximumSize)
            .ticker(ticker)
            .executor(Runnable::run)
            .expireAfter(
                new Expiry<ReuseKey, Entry>() {
                  @Override
                  public long expireAfterCreate(ReuseKey key, Entry entry, long currentTime) {
                    return Math.max(1, entry.expSeconds * 1_000_000_000L - currentTime);
                  }

                  @Override
                  public long expireAfterUpdate(
                      ReuseKey key, Entry entry, long currentTime, long currentDuration) {
                    return expireAfterCreate(key, entry, currentTime);
                  }

                  @Override
                  public long expireAfterRead(
                      ReuseKey key, Entry entry, long currentTime, long currentDuration) {
                    return currentDuration;
                  }
                })
            .build();
  }

  /**
   * A builder fronting a minter.
   *
   * @param minter a {@link PlaybackTokenSigner}, the key manager's rotating signer, or another
   *     minter
   * @return the builder
   */
  public static Builder builder(PlaybackTokenMinter minter) {
    return new Builder(Objects.requireNonNull(minter, "minter"));
  }

  /**
   * A token for these claims: a reused one when the rule in the class description allows, else a
   * new one.
   *
   * @param claims the claims as requested
   * @return the compact JWS; its {@code exp} is at most {@code claims.exp()}
   * @throws IvsPlaybackException whatever the minter throws for these claims
   */
  @Override
  public String sign(PlaybackClaims claims) {
    return mint(claims).token();
  }

  /**
   * A token for these claims, as {@link #sign}, with its key and its real expiry (which may be
   * earlier than {@code claims.exp()}).
   *
   * @param claims the claims as requested
   * @return the token, its signing key and its expiry
   * @throws IvsPlaybackException whatever the minter throws for these claims
   */
  @Override
  public MintedToken mint(PlaybackClaims claims) {
    Objects.requireNonNull(claims, "claims");
    if (claims.hasSingleUseUuid()) {
      notReusable.increment();
      return minter.mint(claims);
    }
    long nowMillis = clock.millis();
    long exp = claims.exp();
    long requestedMillis = exp * 1000 - nowMillis;
    if (requestedMillis <= 0) {
      notReusable.increment();
      return minter.mint(claims);
    }
    SigningKeyHandle key = minter.signingKeyFor(claims);
    if (!key.equals(cachedKey)) {
      keyChanged(key);
    }
    double minimumMillis = share * requestedMillis;
    ReuseKey cacheKey = new ReuseKey(claims);
    Entry cached = cache.getIfPresent(cacheKey);
    if (cached != null && cached.servable(key, exp, nowMillis, minimumMillis)) {
      hits.increment();
      return cached.minted;
    }
    return cache
        .asMap()
        .compute(
            cacheKey,
            (k, old) -> {
              if (old != null && old.servable(key, exp, nowMillis, minimumMillis)) {
                hits.increment(); // another thread signed these claims meanwhile
                return old;
              }
              return mint(claims, exp, nowMillis, minimumMillis);
            })
        .minted;
  }

  // The minter's key changed: no cached token may be served again, so drop them all, once. Without
  // the lock, threads that all saw the old key would each empty the cache, one of them after
  // another had already cached a token under the new key (signed again: seen with 8 threads).
  private void keyChanged(SigningKeyHandle key) {
    synchronized (keyLock) {
      if (!key.equals(cachedKey)) {
        cache.invalidateAll();
        cachedKey = key; // volatile, written after the cache is empty
      }
    }
  }

  /**
   * The minter's key check, unchanged: a reused token is always one of the minter's current key.
   *
   * @param claims the claims as requested
   * @return the minter's current key handle
   */
  @Override
  public SigningKeyHandle signingKeyFor(PlaybackClaims claims) {
    return minter.signingKeyFor(claims);
  }

  /**
   * The engine of the minter in front of which this cache sits.
   *
   * @return the minter's engine
   */
  @Override
  public SigningEngine engine() {
    return minter.engine();
  }

  /**
   * The minter's current key.
   *
   * @return the minter's current key handle, if any
   */
  @Override
  public Optional<SigningKeyHandle> currentKey() {
    return minter.currentKey();
  }

  /**
   * The minter's readiness (reuse never mints where the minter would refuse).
   *
   * @return the minter's readiness
   */
  @Override
  public MintReadiness readiness() {
    return minter.readiness();
  }

  /**
   * Counters since creation, for metrics.
   *
   * @return reused, newly signed and never-reusable (single-use or already expired) requests
   */
  public Stats stats() {
    return new Stats(hits.sum(), signed.sum(), notReusable.sum());
  }

  /**
   * How many claim sets have a cached token now (after dropping expired ones and applying the size
   * bound).
   *
   * @return the number of cached tokens
   */
  public long cachedTokens() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /** Drops every cached token (the next request for each claim set signs again). */
  public void invalidateAll() {
    cache.invalidateAll();
  }

  private Entry mint(PlaybackClaims claims, long exp, long nowMillis, double minimumMillis) {
    long bucketed = Math.floorDiv(exp, bucketSeconds) * bucketSeconds;
    long x = bucketed * 1000 - nowMillis >= minimumMillis ? bucketed : exp;
    PlaybackClaims toSign =
        x == exp
            ? claims
            : claims.toBuilder().clock(clock).expiresAt(Instant.ofEpochSecond(x)).build();
    MintedToken t = minter.mint(toSign);
    signed.increment();
    return new Entry(t, x);
  }

  @Override
  public String toString() {
    return "ReusingPlaybackTokenSigner{minter="
        + minter
        + ", expiryBucket="
        + bucketSeconds
        + "s, share="
        + share
        + ", cached="
        + cache.estimatedSize()
        + "}";
  }

  /**
   * Request counters.
   *
   * @param reused requests answered with a cached token (no signature)
   * @param signed requests that signed a new, cached token
   * @param notReusable requests signed as requested and not cached (single-use, or already expired)
   */
  public record Stats(long reused, long signed, long notReusable) {
    /**
     * @return all requests counted
     */
    public long requests() {
      return reused + signed + notReusable;
    }
  }

  /**
   * Claims compared and hashed without {@code exp}; wraps the request's claims, copying nothing.
   */
  private static final class ReuseKey {
    private final PlaybackClaims claims;
    private final int hash;

    ReuseKey(PlaybackClaims claims) {
      this.claims = claims;
      this.hash = claims.hashExceptExp();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ReuseKey other
          && hash == other.hash
          && claims.sameExceptExp(other.claims);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private static final class Entry {
    final MintedToken minted;
    final long expSeconds;

    Entry(MintedToken minted, long expSeconds) {
      this.minted = minted;
      this.expSeconds = expSeconds;
    }

    boolean servable(
        SigningKeyHandle currentKey, long requestedExp, long nowMillis, double minimumMillis) {
      return minted.key().equals(currentKey)
          && expSeconds <= requestedExp
          && expSeconds * 1000 - nowMillis >= minimumMillis;
    }
  }

  /** Builds a {@link ReusingPlaybackTokenSigner}. Not thread-safe. */
  public static final class Builder {
    private final PlaybackTokenMinter minter;
    private Clock clock = Clock.systemUTC();
    private Duration expiryBucket = DEFAULT_EXPIRY_BUCKET;
    private double minimumRemainingShare = DEFAULT_MINIMUM_REMAINING_SHARE;
    private long maximumSize = DEFAULT_MAXIMUM_SIZE;

    private Builder(PlaybackTokenMinter minter) {
      this.minter = minter;
    }

    /**
     * The clock for "now" and for dropping expired tokens (default: system UTC). Use the same clock
     * as the claims builder and the key manager.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * The width of an {@code exp} bucket: new tokens expire at a multiple of it (rounded down), so
     * requests within one bucket get the same token (default 10 s). Whole seconds, at least 1 s, at
     * most 1 hour.
     *
     * @param bucket the bucket width
     * @return this builder
     */
    public Builder expiryBucket(Duration bucket) {
      this.expiryBucket = bucket;
      return this;
    }

    /**
     * The least share of the requested lifetime a returned token must still have (default 0.5): a
     * token is reused only while {@code exp - now >= share * (requested exp - now)}.
     *
     * @param share a number in (0, 1]; 1 reuses only tokens expiring exactly when requested
     * @return this builder
     */
    public Builder minimumRemainingShare(double share) {
      this.minimumRemainingShare = share;
      return this;
    }

    /**
     * How many distinct claim sets to remember (default 10,000); beyond it the least recently used
     * are dropped. Each entry holds one token (~450 bytes) and its claims.
     *
     * @param maximumSize a positive size
     * @return this builder
     */
    public Builder maximumSize(long maximumSize) {
      this.maximumSize = maximumSize;
      return this;
    }

    /**
     * Builds the signer.
     *
     * @return the signer
     * @throws InvalidConfigurationException naming the setting whose value breaks its rule
     */
    public ReusingPlaybackTokenSigner build() {
      Settings.required("clock", clock);
      Settings.required("expiryBucket", expiryBucket);
      if (expiryBucket.getNano() != 0
          || expiryBucket.getSeconds() < 1
          || expiryBucket.getSeconds() > 3600) {
        throw new InvalidConfigurationException(
            "expiryBucket",
            expiryBucket
                + " is not a whole number of seconds between 1 s and 1 h; exp is in whole seconds");
      }
      if (!(minimumRemainingShare > 0 && minimumRemainingShare <= 1)) {
        throw new InvalidConfigurationException(
            "minimumRemainingShare",
            minimumRemainingShare
                + " is outside (0, 1]; a reused token must keep a positive share of the requested"
                + " lifetime");
      }
      if (maximumSize <= 0) {
        throw new InvalidConfigurationException(
            "maximumSize", maximumSize + " is not positive; the cache needs room for one token");
      }
      return new ReusingPlaybackTokenSigner(this);
    }
  }
}
