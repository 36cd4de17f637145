package dev.ivsplayback.keys;

import dev.ivsplayback.token.InvalidConfigurationException;
import dev.ivsplayback.token.PlaybackKeys;
import dev.ivsplayback.token.PlaybackTokenSigner;
import dev.ivsplayback.token.internal.Settings;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One managed key as held by a {@link PlaybackKeyStore}: its state, public key, fingerprint, IVS
 * ARN, lifecycle times and (until {@link PlaybackKeyState#DESTROYED}) its private key.
 *
 * <p>The private key sits behind a capability: {@link #newSigner()} signs with it without exposing
 * it, and only store implementations read it, through {@link #privateKey(KeyMaterialAccess)}. So a
 * record handed out by {@link PlaybackKeyManager#keys()} gives no access to secret material.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the private key.
 */
public final class PlaybackKeyRecord {
  private final String keyId;
  private final PlaybackKeyState state;
  private final ECPublicKey publicKey;
  private final String fingerprint;
  private final PrivateKey privateKey;
  private final String arn;
  private final Instant createdAt;
  private final Instant importedAt;
  private final Instant promotableAt;
  private final Instant activatedAt;
  private final Instant retiredAt;
  private final Instant deletableAt;
  private final Instant deletedAt;
  private final Instant destroyedAt;
  private final boolean quarantined;

  private PlaybackKeyRecord(Builder b) {
    this.keyId = b.keyId;
    this.state = b.state;
    this.publicKey = b.publicKey;
    this.fingerprint = b.fingerprint;
    this.createdAt = b.createdAt;
    this.privateKey = b.privateKey;
    this.arn = b.arn;
    this.importedAt = b.importedAt;
    this.promotableAt = b.promotableAt;
    this.activatedAt = b.activatedAt;
    this.retiredAt = b.retiredAt;
    this.deletableAt = b.deletableAt;
    this.deletedAt = b.deletedAt;
    this.destroyedAt = b.destroyedAt;
    this.quarantined = b.quarantined;
  }

  /**
   * A new builder.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this record's values.
   *
   * @return a pre-filled builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.keyId = keyId;
    b.state = state;
    b.publicKey = publicKey;
    b.fingerprint = fingerprint;
    b.privateKey = privateKey;
    b.arn = arn;
    b.createdAt = createdAt;
    b.importedAt = importedAt;
    b.promotableAt = promotableAt;
    b.activatedAt = activatedAt;
    b.retiredAt = retiredAt;
    b.deletableAt = deletableAt;
    b.deletedAt = deletedAt;
    b.destroyedAt = destroyedAt;
    b.quarantined = quarantined;
    return b;
  }

  /**
   * @return the manager's id for this key (lower-case alphanumerics), also used in the IVS key pair
   *     name and tags
   */
  public String keyId() {
    return keyId;
  }

  /**
   * @return the lifecycle state
   */
  public PlaybackKeyState state() {
    return state;
  }

  /**
   * @return the P-384 public key
   */
  public ECPublicKey publicKey() {
    return publicKey;
  }

  /**
   * @return the IVS fingerprint of the public key (MD5 of DER SPKI, colon-separated lower-case hex)
   */
  public String fingerprint() {
    return fingerprint;
  }

  /**
   * Whether the record still carries its private key.
   *
   * @return true until the key is DESTROYED
   */
  public boolean hasPrivateKey() {
    return privateKey != null;
  }

  /**
   * The private key, for a {@link PlaybackKeyStore} implementation that persists it. Everything
   * else signs through {@link #newSigner()}.
   *
   * @param access the capability, from {@link KeyMaterialAccess#forStore(PlaybackKeyStore)}
   * @return the private key; empty once DESTROYED
   */
  public Optional<PrivateKey> privateKey(KeyMaterialAccess access) {
    Objects.requireNonNull(access, "access");
    return Optional.ofNullable(privateKey);
  }

  /**
   * A new signer holding this key (its key id set to {@link #keyId()}); the private key itself is
   * never exposed. The caller destroys the signer when done ({@link
   * PlaybackTokenSigner#destroy()}). Whether the key may sign (state, quarantine) is the caller's
   * decision.
   *
   * @return the signer
   * @throws IllegalStateException if the key is DESTROYED (its private key is erased)
   */
  public PlaybackTokenSigner newSigner() {
    if (privateKey == null) {
      throw new IllegalStateException(
          "key " + keyId + " is " + state + ": its private key was erased and it cannot sign");
    }
    return PlaybackTokenSigner.builder().privateKey(privateKey).keyId(keyId).build();
  }

  /**
   * @return the IVS playback key pair ARN, once imported
   */
  public Optional<String> arn() {
    return Optional.ofNullable(arn);
  }

  /**
   * @return when the key was generated
   */
  public Instant createdAt() {
    return createdAt;
  }

  /**
   * @return when IVS confirmed the import
   */
  public Optional<Instant> importedAt() {
    return Optional.ofNullable(importedAt);
  }

  /**
   * @return the earliest time an IMPORTED key may be promoted (import time plus propagation delay)
   */
  public Optional<Instant> promotableAt() {
    return Optional.ofNullable(promotableAt);
  }

  /**
   * @return when the key became ACTIVE
   */
  public Optional<Instant> activatedAt() {
    return Optional.ofNullable(activatedAt);
  }

  /**
   * @return when the key stopped being ACTIVE
   */
  public Optional<Instant> retiredAt() {
    return Optional.ofNullable(retiredAt);
  }

  /**
   * @return the earliest time a RETIRING key may be deleted from IVS (every token it signed has
   *     expired by then)
   */
  public Optional<Instant> deletableAt() {
    return Optional.ofNullable(deletableAt);
  }

  /**
   * @return when the key pair was deleted from IVS
   */
  public Optional<Instant> deletedAt() {
    return Optional.ofNullable(deletedAt);
  }

  /**
   * @return when the private key was erased from the store
   */
  public Optional<Instant> destroyedAt() {
    return Optional.ofNullable(destroyedAt);
  }

  /**
   * Whether the key must never sign: it was revoked as compromised, or IVS reported a fingerprint
   * that does not match.
   *
   * @return true if quarantined
   */
  public boolean quarantined() {
    return quarantined;
  }

  @Override
  public String toString() {
    return "PlaybackKeyRecord{keyId="
        + keyId
        + ", state="
        + state
        + ", fingerprint="
        + fingerprint
        + ", arn="
        + arn
        + ", createdAt="
        + createdAt
        + ", importedAt="
        + importedAt
        + ", promotableAt="
        + promotableAt
        + ", activatedAt="
        + activatedAt
        + ", retiredAt="
        + retiredAt
        + ", deletableAt="
        + deletableAt
        + ", deletedAt="
        + deletedAt
        + ", destroyedAt="
        + destroyedAt
        + ", quarantined="
        + quarantined
        + ", privateKey="
        + (privateKey == null ? "none" : "<redacted>")
        + "}";
  }

  /** Builder for {@link PlaybackKeyRecord}; not thread-safe. */
  public static final class Builder {
    private String keyId;
    private PlaybackKeyState state;
    private ECPublicKey publicKey;
    private String fingerprint;
    private PrivateKey privateKey;
    private String arn;
    private Instant createdAt;
    private Instant importedAt;
    private Instant promotableAt;
    private Instant activatedAt;
    private Instant retiredAt;
    private Instant deletableAt;
    private Instant deletedAt;
    private Instant destroyedAt;
    private boolean quarantined;

    private Builder() {}

    /**
     * @param v key id @return this
     */
    public Builder keyId(String v) {
      keyId = v;
      return this;
    }

    /**
     * @param v state @return this
     */
    public Builder state(PlaybackKeyState v) {
      state = v;
      return this;
    }

    /**
     * @param v public key @return this
     */
    public Builder publicKey(ECPublicKey v) {
      publicKey = v;
      return this;
    }

    /**
     * @param v fingerprint @return this
     */
    public Builder fingerprint(String v) {
      fingerprint = v;
      return this;
    }

    /**
     * @param v private key, or null once destroyed @return this
     */
    public Builder privateKey(PrivateKey v) {
      privateKey = v;
      return this;
    }

    /**
     * @param v ARN @return this
     */
    public Builder arn(String v) {
      arn = v;
      return this;
    }

    /**
     * @param v creation time @return this
     */
    public Builder createdAt(Instant v) {
      createdAt = v;
      return this;
    }

    /**
     * @param v import time @return this
     */
    public Builder importedAt(Instant v) {
      importedAt = v;
      return this;
    }

    /**
     * @param v earliest promotion time @return this
     */
    public Builder promotableAt(Instant v) {
      promotableAt = v;
      return this;
    }

    /**
     * @param v activation time @return this
     */
    public Builder activatedAt(Instant v) {
      activatedAt = v;
      return this;
    }

    /**
     * @param v retirement time @return this
     */
    public Builder retiredAt(Instant v) {
      retiredAt = v;
      return this;
    }

    /**
     * @param v earliest deletion time @return this
     */
    public Builder deletableAt(Instant v) {
      deletableAt = v;
      return this;
    }

    /**
     * @param v deletion time @return this
     */
    public Builder deletedAt(Instant v) {
      deletedAt = v;
      return this;
    }

    /**
     * @param v destruction time @return this
     */
    public Builder destroyedAt(Instant v) {
      destroyedAt = v;
      return this;
    }

    /**
     * @param v whether the key must never sign @return this
     */
    public Builder quarantined(boolean v) {
      quarantined = v;
      return this;
    }

    /**
     * Validates and builds; the builder is left as it was.
     *
     * @return the record
     * @throws InvalidConfigurationException if a required field is missing or inconsistent with the
     *     state
     */
    public PlaybackKeyRecord build() {
      Settings.required("keyId", keyId);
      if (!keyId.matches("[a-z0-9]{1,32}")) {
        throw new InvalidConfigurationException(
            "keyId", "'" + keyId + "' must be 1..32 of [a-z0-9]");
      }
      Settings.required("state", state);
      PlaybackKeys.requireP384(Settings.required("publicKey", publicKey));
      Settings.required("fingerprint", fingerprint);
      Settings.required("createdAt", createdAt);
      if (state.hasPrivateKey() && privateKey == null) {
        throw new InvalidConfigurationException(
            "privateKey",
            "key "
                + keyId
                + " in state "
                + state
                + " must carry its private key (only DESTROYED keys have none)");
      }
      if (!state.hasPrivateKey() && privateKey != null) {
        throw new InvalidConfigurationException(
            "privateKey", "key " + keyId + " is DESTROYED and must not carry a private key");
      }
      if (privateKey != null) {
        PlaybackKeys.requireP384(privateKey);
      }
      if (state.isInIvs() && arn == null) {
        throw new InvalidConfigurationException(
            "arn", "key " + keyId + " in state " + state + " needs its ARN");
      }
      return new PlaybackKeyRecord(this);
    }
  }
}
