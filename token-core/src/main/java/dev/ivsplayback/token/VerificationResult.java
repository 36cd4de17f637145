package dev.ivsplayback.token;

import java.security.PublicKey;
import java.util.Objects;

/** The outcome of {@link PlaybackTokenVerifier#verify}: either {@link Valid} or {@link Invalid}. */
public sealed interface VerificationResult
    permits VerificationResult.Valid, VerificationResult.Invalid {

  /**
   * Whether the token was accepted.
   *
   * @return true for {@link Valid}
   */
  boolean isValid();

  /**
   * The token was accepted.
   *
   * @param claims the token's claims
   * @param key the public key whose signature check succeeded
   */
  record Valid(PlaybackClaims claims, PublicKey key) implements VerificationResult {
    /** Checks both parts are present. */
    public Valid {
      Objects.requireNonNull(claims, "claims");
      Objects.requireNonNull(key, "key");
    }

    @Override
    public boolean isValid() {
      return true;
    }
  }

  /**
   * The token was refused.
   *
   * @param reason the category
   * @param message a human-readable explanation (never contains key material)
   */
  record Invalid(RejectionReason reason, String message) implements VerificationResult {
    /** Checks both parts are present. */
    public Invalid {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public boolean isValid() {
      return false;
    }
  }
}
