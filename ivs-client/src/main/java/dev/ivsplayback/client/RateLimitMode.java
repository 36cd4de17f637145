package dev.ivsplayback.client;

/** What ivs-client's rate limiter does with a request that would exceed an IVS TPS quota. */
public enum RateLimitMode {
  /** Block the calling thread until a slot is free, then send. */
  WAIT,
  /** Throw {@link RateLimitExceededException} at once; nothing is sent. */
  FAIL_FAST
}
