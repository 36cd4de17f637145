package dev.ivsplayback.keys;

import dev.ivsplayback.token.IvsPlaybackException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * An error raised by the key manager, its signer, its IVS gateway, its stores, key files or the key
 * generator. Unchecked. Branch on {@link #reason()}; the key, IVS key pair or file concerned is
 * available as {@link #keyId()}, {@link #arn()} and {@link #file()} when there is one. Messages
 * name the key (by id, ARN or fingerprint), the field or the file and the rule that was broken;
 * they never contain private key material.
 *
 * <p>Subclasses exist only where callers branch on the type: {@link PlaybackKeyStoreException} (the
 * store failed; {@link StoreConflictException}: re-read and retry; {@link
 * CorruptKeyStoreException}: the stored data is damaged) and {@link TokenTtlTooLongException} (a
 * claim-level refusal carrying the requested and allowed TTL). Builders fail with token-core's
 * {@link dev.ivsplayback.token.InvalidConfigurationException} instead, and a malformed PEM key with
 * {@link dev.ivsplayback.token.KeyFormatException}.
 */
public class PlaybackKeyException extends IvsPlaybackException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, for callers that act on it (exit codes, retries, alerts). */
  public enum Reason {
    // ---- minting (RotatingPlaybackTokenSigner)
    /** No ACTIVE key is known yet (manager not started, or no first key); nothing can be minted. */
    NO_ACTIVE_KEY,
    /**
     * This process's view of the store is older than the maximum snapshot age; minting is refused
     * until it is refreshed.
     */
    STALE_KEY_STATE,
    /** A token's TTL is longer than the maximum ({@link TokenTtlTooLongException}). */
    TOKEN_TTL_TOO_LONG,

    // ---- lifecycle (PlaybackKeyManager)
    /**
     * The region's key pair quota (counting pairs this manager does not manage) or the manager's
     * own limit leaves no slot for a new key pair. Nothing was changed.
     */
    NO_FREE_KEY_SLOT,
    /** A rotation was requested while a new key is already waiting for promotion. */
    ROTATION_IN_PROGRESS,
    /**
     * A freshly imported key failed its self-test (sign, verify with the imported public key); it
     * never signs.
     */
    SELF_TEST_FAILED,
    /** No stored key has the given id, fingerprint or ARN. */
    UNKNOWN_KEY,
    /**
     * IVS refused an import (nothing changed), or its outcome could not be established (the key
     * stays GENERATED and reconciliation adopts or discards it).
     */
    KEY_IMPORT_FAILED,
    /**
     * A key pair could not be deleted from IVS (it stays RETIRING and deletion is retried), or a
     * deletion before the key's deletion time was refused.
     */
    KEY_DELETION_FAILED,
    /**
     * IVS reports a fingerprint that differs from the one computed locally; the key is quarantined
     * and never signs.
     */
    FINGERPRINT_MISMATCH,
    /** The manager was closed and cannot be started again. */
    MANAGER_CLOSED,

    // ---- IVS outcomes reported by a PlaybackKeyPairGateway
    /** IVS refused a call because the region's key pair quota is reached. */
    IVS_QUOTA_EXCEEDED,
    /** IVS does not hold the key pair named. */
    KEY_PAIR_NOT_FOUND,
    /** IVS, or the client's own rate limiter, throttled the call; nothing was done. */
    IVS_THROTTLED,
    /** IVS (or the client, before sending) refused the request as invalid; nothing was done. */
    IVS_REFUSED,
    /**
     * The call failed in a way that leaves its outcome unknown (transport failure, lost response,
     * server error); it may or may not have taken effect.
     */
    IVS_OUTCOME_UNKNOWN,

    // ---- key files and crypto (PlaybackKeyFiles, PlaybackKeyPem, PlaybackKeyGenerator)
    /** A key file was not written because the file already exists. */
    KEY_FILE_EXISTS,
    /** A private key file is readable or writable by the group or others, and is refused. */
    KEY_FILE_NOT_OWNER_ONLY,
    /** A key file is larger than any PEM key, and is refused without being read whole. */
    KEY_FILE_TOO_LARGE,
    /** A key file could not be read or written. */
    KEY_FILE_IO,
    /** The JVM lacks what key generation or encryption needs (DRBG, EC P-384, a cipher). */
    CRYPTO_UNAVAILABLE,

    // ---- store failures (PlaybackKeyStoreException)
    /** The store could not be read or written (I/O, permissions, size limit); nothing written. */
    STORE_IO,
    /** The store's lock could not be taken in time (another writer holds it); nothing written. */
    STORE_LOCK_TIMEOUT,
    /** The stored data is damaged or inconsistent ({@link CorruptKeyStoreException}). */
    STORE_CORRUPT,
    /** A stored private key could not be decrypted: wrong passphrase or key, or damaged data. */
    DECRYPTION_FAILED,
    /** The caller does not hold the store lease (another process holds it, or it expired). */
    LEASE_NOT_HELD,
    /**
     * A compare-and-set write lost: the store changed since it was read ({@link
     * StoreConflictException}); re-read and retry.
     */
    STORE_CONFLICT,
    /**
     * The store's server could not be reached or stopped answering (connection refused or lost, a
     * statement timed out); nothing written.
     */
    STORE_UNAVAILABLE,
    /** The store's server refused the credentials; nothing written. The message names the fix. */
    STORE_ACCESS_DENIED,
    /** The store's tables do not exist; nothing written. The message names the fix. */
    STORE_SCHEMA_MISSING,
    /**
     * A commit failed in a way that leaves its outcome open, and re-reading the store to settle it
     * failed too: the write may or may not have happened. The next read tells; never retry blindly.
     */
    STORE_OUTCOME_UNKNOWN;

    /**
     * Whether this reason is a failure of the key store, carried by a {@link
     * PlaybackKeyStoreException}.
     *
     * @return true for the STORE_*, DECRYPTION_FAILED and LEASE_NOT_HELD reasons
     */
    public boolean isStoreFailure() {
      return switch (this) {
        case STORE_IO,
            STORE_LOCK_TIMEOUT,
            STORE_CORRUPT,
            DECRYPTION_FAILED,
            LEASE_NOT_HELD,
            STORE_CONFLICT,
            STORE_UNAVAILABLE,
            STORE_ACCESS_DENIED,
            STORE_SCHEMA_MISSING,
            STORE_OUTCOME_UNKNOWN ->
            true;
        default -> false;
      };
    }
  }

  private final Reason reason;
  private final String keyId;
  private final String arn;
  private final String file;

  /**
   * Creates the exception.
   *
   * @param reason what went wrong
   * @param message what went wrong, naming the key, field or file; never key material
   */
  public PlaybackKeyException(Reason reason, String message) {
    this(reason, null, null, null, message, null);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param reason what went wrong
   * @param message what went wrong, naming the key, field or file; never key material
   * @param cause the underlying failure
   */
  public PlaybackKeyException(Reason reason, String message, Throwable cause) {
    this(reason, null, null, null, message, cause);
  }

  /**
   * Creates the exception about one managed key or IVS key pair.
   *
   * @param reason what went wrong
   * @param keyId the managed key's id, or null
   * @param arn the IVS key pair's ARN, or null
   * @param message what went wrong; never key material
   * @param cause the underlying failure, or null
   */
  public PlaybackKeyException(
      Reason reason, String keyId, String arn, String message, Throwable cause) {
    this(reason, keyId, arn, null, message, cause);
  }

  /**
   * Creates the exception about one file.
   *
   * @param reason what went wrong
   * @param file the file (or store directory), or null
   * @param message what went wrong; never key material
   * @param cause the underlying failure, or null
   */
  public PlaybackKeyException(Reason reason, Path file, String message, Throwable cause) {
    this(reason, null, null, file, message, cause);
  }

  /**
   * Creates the exception with every detail (for subclasses).
   *
   * @param reason what went wrong
   * @param keyId the managed key's id, or null
   * @param arn the IVS key pair's ARN, or null
   * @param file the file, or null
   * @param message what went wrong; never key material
   * @param cause the underlying failure, or null
   */
  protected PlaybackKeyException(
      Reason reason, String keyId, String arn, Path file, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.keyId = keyId;
    this.arn = arn;
    this.file = file == null ? null : file.toString();
  }

  /**
   * What went wrong.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * The managed key concerned.
   *
   * @return its key id, if the error is about one key
   */
  public Optional<String> keyId() {
    return Optional.ofNullable(keyId);
  }

  /**
   * The IVS key pair concerned.
   *
   * @return its ARN, if the error is about one key pair
   */
  public Optional<String> arn() {
    return Optional.ofNullable(arn);
  }

  /**
   * The file concerned.
   *
   * @return the key file or store file, if the error is about one
   */
  public Optional<Path> file() {
    return Optional.ofNullable(file).map(Path::of);
  }
}
