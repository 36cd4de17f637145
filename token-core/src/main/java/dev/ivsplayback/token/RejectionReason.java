package dev.ivsplayback.token;

/**
 * Why {@link PlaybackTokenVerifier} refused a token. Each reason is a distinct, stable category.
 */
public enum RejectionReason {
  /**
   * Not a compact JWS: wrong segment count, bad or padded base64url, invalid UTF-8 or JSON,
   * duplicate members.
   */
  MALFORMED,
  /** The token is longer than the verifier's size limit; it was not decoded at all. */
  TOO_LARGE,
  /** The header's {@code alg} is not {@code ES384}. */
  UNSUPPORTED_ALGORITHM,
  /**
   * The header carries something the verifier will not honour ({@code crit}, {@code b64}, a wrong
   * {@code typ}).
   */
  UNSUPPORTED_HEADER,
  /** The signature is not 96 bytes, has r or s outside [1, n-1], or matches none of the keys. */
  BAD_SIGNATURE,
  /** The key source returned no keys. */
  NO_KEYS,
  /** The payload has no {@code exp}. */
  MISSING_EXPIRY,
  /** {@code exp} is in the past (beyond the leeway). */
  EXPIRED,
  /**
   * {@code exp} is more than 10 minutes ahead while {@code aws:viewer-id} or {@code
   * aws:single-use-uuid} is set.
   */
  EXPIRY_TOO_FAR,
  /** {@code aws:channel-arn} is not the channel that was requested. */
  CHANNEL_MISMATCH,
  /** The token demands strict origin enforcement and the request carries no origin. */
  ORIGIN_REQUIRED,
  /** The request's origin is not among the token's allowed origins. */
  ORIGIN_NOT_ALLOWED,
  /** The token's single-use UUID was already used. */
  REPLAYED_SINGLE_USE,
  /**
   * Too many live single-use tokens: the verifier already remembers {@link
   * PlaybackTokenVerifier.Builder#singleUseCacheMaximumSize(long) singleUseCacheMaximumSize}
   * unexpired single-use UUIDs, so it refuses new single-use tokens (rather than forget one and
   * allow a replay) until some expire. Raise singleUseCacheMaximumSize.
   */
  SINGLE_USE_CAPACITY,
  /**
   * A claim has the wrong type or breaks an IVS rule (e.g. a 41-character viewer id, exp in
   * milliseconds).
   */
  INVALID_CLAIM
}
