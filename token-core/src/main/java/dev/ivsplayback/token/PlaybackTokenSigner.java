package dev.ivsplayback.token;

import dev.ivsplayback.token.internal.Accp;
import dev.ivsplayback.token.internal.Base64Url;
import dev.ivsplayback.token.internal.BouncyCastleEngine;
import dev.ivsplayback.token.internal.ByteSink;
import dev.ivsplayback.token.internal.EcdsaEngine;
import dev.ivsplayback.token.internal.JcaEngine;
import dev.ivsplayback.token.internal.JsonWriter;
import dev.ivsplayback.token.internal.P384;
import dev.ivsplayback.token.internal.Settings;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Mints Amazon IVS playback tokens: compact ES384 JWS with the header exactly {@code
 * {"alg":"ES384","typ":"JWT"}}, the claims in a fixed order (IVS claims, {@code exp}, then
 * additional claims in insertion order), base64url without padding, and a 96-byte R‖S signature.
 *
 * <p>Thread-safe: share one instance across threads; per-thread buffers and signature state keep
 * the hot path free of locks. The per-thread signature state holds the private key: {@link
 * #destroy()} erases it in every thread when the key leaves use. The key is checked at construction
 * (EC P-384 only).
 *
 * <pre>{@code
 * PlaybackTokenSigner signer = PlaybackTokenSigner.create(PlaybackKeys.readPrivateKey(pem));
 * String url = signer.playbackUrl(channel.playbackUrl(), PlaybackClaims.builder()
 *         .channelArn(channelArn).viewerId("viewer-42").expiresIn(Duration.ofMinutes(5)).build());
 * }</pre>
 */
public final class PlaybackTokenSigner implements PlaybackTokenMinter {
  private static final byte[] HEADER_B64 =
      Base64Url.encode("{\"alg\":\"ES384\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.US_ASCII))
          .getBytes(StandardCharsets.US_ASCII);

  /** Length of the encoded header, which never changes. */
  static final int HEADER_B64_LENGTH = HEADER_B64.length;

  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  private final SigningEngine engine;
  private final ECPublicKey publicKey;
  private final SigningKeyHandle handle;
  // The only path to the private key; null once destroyed, so nothing reachable holds the key.
  private volatile EcdsaEngine ecdsa;

  private PlaybackTokenSigner(ECPrivateKey key, SigningEngine engine, String keyId) {
    this.engine = engine;
    this.publicKey = PlaybackKeys.publicKeyOf(key);
    String fingerprint = PlaybackKeys.fingerprint(publicKey);
    this.handle = new SigningKeyHandle(keyId == null ? fingerprint : keyId, fingerprint);
    try {
      this.ecdsa =
          switch (engine) {
            case ACCP -> new JcaEngine(key, Accp.provider());
            case BOUNCY_CASTLE -> new BouncyCastleEngine(P384.privateParameters(key));
            case JCA -> new JcaEngine(key, null);
          };
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IvsPlaybackException(
          "Signing engine "
              + engine
              + " cannot use this P-384 key: "
              + e.getClass().getSimpleName(),
          e);
    }
  }

  /**
   * A signer on the fastest engine available here ({@link SigningEngine#fastestAvailable()}).
   *
   * @param privateKey an EC P-384 private key
   * @return the signer
   * @throws KeyFormatException when the key is not EC P-384 (the message names what was found)
   */
  public static PlaybackTokenSigner create(PrivateKey privateKey) {
    return builder().privateKey(privateKey).build();
  }

  /**
   * A builder, to choose the engine.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Drops this signer's private key for good: its per-thread signing state is erased in every
   * thread and its last reference to the key is released, so once the caller drops its own
   * references the key can be collected. Afterwards {@link #sign} throws {@link
   * SignerDestroyedException}. Call it when the key leaves use (the key manager does when a key
   * stops being ACTIVE or is revoked). A call that was already signing when destroy ran finishes.
   */
  public void destroy() {
    EcdsaEngine e = ecdsa;
    ecdsa = null;
    if (e != null) {
      e.perThreadState().destroy();
    }
  }

  /**
   * Whether {@link #destroy()} was called.
   *
   * @return true once destroyed
   */
  public boolean isDestroyed() {
    return ecdsa == null;
  }

  /**
   * How many threads hold cached signing state for this signer right now (zero after {@link
   * #destroy()}).
   *
   * @return the number of threads
   */
  int threadsWithSigningState() {
    EcdsaEngine e = ecdsa;
    return e == null ? 0 : e.perThreadState().cachedThreads();
  }

  /**
   * The engine this signer runs on.
   *
   * @return the engine
   */
  @Override
  public SigningEngine engine() {
    return engine;
  }

  /**
   * This signer's key: present until {@link #destroy()}.
   *
   * @return the key's handle, or empty once destroyed
   */
  @Override
  public Optional<SigningKeyHandle> currentKey() {
    return isDestroyed() ? Optional.empty() : Optional.of(handle);
  }

  /**
   * The key's handle, whether or not the signer was destroyed.
   *
   * @return the handle (key id and fingerprint)
   */
  public SigningKeyHandle keyHandle() {
    return handle;
  }

  /**
   * Ready until {@link #destroy()}.
   *
   * @return READY, or DESTROYED
   */
  @Override
  public MintReadiness readiness() {
    return isDestroyed()
        ? MintReadiness.notReady(
            MintReadiness.Status.DESTROYED,
            "the signer of key " + handle.keyId() + " was destroyed")
        : MintReadiness.isReady();
  }

  /**
   * @return the public key matching the signer's private key
   */
  public ECPublicKey publicKey() {
    return publicKey;
  }

  /**
   * Mints a token.
   *
   * @param claims the claims (already validated by their builder)
   * @return the compact JWS
   * @throws SignerDestroyedException after {@link #destroy()}
   */
  @Override
  public String sign(PlaybackClaims claims) {
    Objects.requireNonNull(claims, "claims");
    EcdsaEngine e = ecdsa;
    if (e == null) {
      throw new SignerDestroyedException(handle);
    }
    Buffers b = BUFFERS.get();
    ByteSink json = b.json;
    json.reset();
    writeClaims(claims, json);
    int payloadChars = Base64Url.encodedLength(json.length());
    byte[] t = b.token(HEADER_B64.length + 1 + payloadChars + 1 + 128);
    System.arraycopy(HEADER_B64, 0, t, 0, HEADER_B64.length);
    int p = HEADER_B64.length;
    t[p++] = '.';
    p = Base64Url.encode(json.array(), 0, json.length(), t, p);
    e.sign(t, p, b.signature, 0);
    t[p++] = '.';
    p = Base64Url.encode(b.signature, 0, P384.SIGNATURE_BYTES, t, p);
    return new String(t, 0, p, StandardCharsets.ISO_8859_1);
  }

  /**
   * This signer's key never changes: its handle, while the signer is not destroyed.
   *
   * @param claims the claims (not inspected: any validated claims can be signed)
   * @return the key's handle
   * @throws SignerDestroyedException after {@link #destroy()}
   */
  @Override
  public SigningKeyHandle signingKeyFor(PlaybackClaims claims) {
    if (isDestroyed()) {
      throw new SignerDestroyedException(handle);
    }
    return handle;
  }

  /**
   * Mints a token with this signer's key.
   *
   * @param claims the claims
   * @return the token, this signer's key handle and the token's expiry
   * @throws SignerDestroyedException after {@link #destroy()}
   */
  @Override
  public MintedToken mint(PlaybackClaims claims) {
    return new MintedToken(sign(claims), handle, claims.expiresAt());
  }

  /**
   * Appends a token to a playback URL: {@code ?token=} when the URL has no query, {@code &token=}
   * when it has one; a fragment stays at the end. The token is URL-safe as is.
   *
   * @param playbackUrl the URL
   * @param token the token
   * @return the new URL
   * @throws IvsPlaybackException when the URL already carries a token parameter
   */
  public static String appendToken(String playbackUrl, String token) {
    Objects.requireNonNull(playbackUrl, "playbackUrl");
    Objects.requireNonNull(token, "token");
    int hash = playbackUrl.indexOf('#');
    String base = hash < 0 ? playbackUrl : playbackUrl.substring(0, hash);
    String fragment = hash < 0 ? "" : playbackUrl.substring(hash);
    int q = base.indexOf('?');
    if (q >= 0) {
      for (String param : base.substring(q + 1).split("&")) {
        if (param.equals("token") || param.startsWith("token=")) {
          throw new IvsPlaybackException(
              "Playback URL already has a token parameter; refusing to add" + " a second one");
        }
      }
    }
    String separator = q < 0 ? "?" : (base.endsWith("?") || base.endsWith("&") ? "" : "&");
    return base + separator + "token=" + token + fragment;
  }

  static void writeClaims(PlaybackClaims c, ByteSink out) {
    JsonWriter w = new JsonWriter(out);
    w.nameAscii(PlaybackClaims.CHANNEL_ARN).string(c.channelArn());
    if (!c.allowedOrigins().isEmpty()) {
      w.nameAscii(PlaybackClaims.ACCESS_CONTROL_ALLOW_ORIGIN)
          .string(String.join(",", c.allowedOrigins()));
    }
    if (c.strictOriginEnforcement()) {
      w.nameAscii(PlaybackClaims.STRICT_ORIGIN_ENFORCEMENT).bool(true);
    }
    if (c.singleUseUuid().isPresent()) {
      w.nameAscii(PlaybackClaims.SINGLE_USE_UUID).stringAscii(c.singleUseUuid().get().toString());
    }
    if (c.viewerId().isPresent()) {
      w.nameAscii(PlaybackClaims.VIEWER_ID).string(c.viewerId().get());
    }
    if (c.viewerSessionVersion().isPresent()) {
      w.nameAscii(PlaybackClaims.VIEWER_SESSION_VERSION)
          .number(c.viewerSessionVersion().getAsLong());
    }
    if (c.maximumResolution().isPresent()) {
      w.nameAscii(PlaybackClaims.MAXIMUM_RESOLUTION)
          .stringAscii(c.maximumResolution().get().name());
    }
    w.nameAscii(PlaybackClaims.EXP).number(c.exp());
    for (Map.Entry<String, Object> e : c.additionalClaims().entrySet()) {
      w.name(e.getKey());
      Object v = e.getValue();
      if (v == null) {
        w.nullValue();
      } else if (v instanceof String s) {
        w.string(s);
      } else if (v instanceof Boolean bool) {
        w.bool(bool);
      } else {
        w.number((Long) v);
      }
    }
    w.end();
  }

  @Override
  public String toString() {
    return "PlaybackTokenSigner{engine="
        + engine
        + ", key="
        + handle
        + (isDestroyed() ? ", destroyed" : "")
        + "}";
  }

  private static final class Buffers {
    final ByteSink json = new ByteSink(512);
    final byte[] signature = new byte[P384.SIGNATURE_BYTES];
    byte[] token = new byte[1024];

    byte[] token(int size) {
      if (token.length < size) {
        token = new byte[Math.max(size, token.length * 2)];
      }
      return token;
    }
  }

  /** Builds a {@link PlaybackTokenSigner}. Not thread-safe. */
  public static final class Builder {
    private PrivateKey privateKey;
    private SigningEngine engine;
    private String keyId;

    private Builder() {}

    /**
     * Names the key in this signer's {@link SigningKeyHandle} (default: the key's fingerprint).
     *
     * @param keyId the owner's id of the key, 1..128 characters
     * @return this builder
     */
    public Builder keyId(String keyId) {
      this.keyId = keyId;
      return this;
    }

    /**
     * Sets the EC P-384 private key (required).
     *
     * @param privateKey the key
     * @return this builder
     */
    public Builder privateKey(PrivateKey privateKey) {
      this.privateKey = privateKey;
      return this;
    }

    /**
     * Chooses the engine (default: {@link SigningEngine#fastestAvailable()}).
     *
     * @param engine the engine
     * @return this builder
     */
    public Builder engine(SigningEngine engine) {
      this.engine = engine;
      return this;
    }

    /**
     * Builds the signer.
     *
     * @return the signer
     * @throws KeyFormatException when the key is not EC P-384
     * @throws InvalidConfigurationException when the key is missing, the key id is empty or too
     *     long, or the chosen engine is not available here
     */
    public PlaybackTokenSigner build() {
      Settings.required("privateKey", privateKey);
      if (keyId != null && (keyId.isEmpty() || keyId.length() > 128)) {
        throw new InvalidConfigurationException(
            "keyId", "has " + keyId.length() + " characters; a key id has 1..128");
      }
      ECPrivateKey key = PlaybackKeys.requireP384(privateKey);
      SigningEngine chosen = engine == null ? SigningEngine.fastestAvailable() : engine;
      if (!chosen.isAvailable()) {
        throw new InvalidConfigurationException(
            "engine",
            chosen
                + " is not available on this platform"
                + (chosen == SigningEngine.ACCP ? " (ACCP's native library did not load)" : "")
                + "; leave the engine unset to get the fastest available one");
      }
      return new PlaybackTokenSigner(key, chosen, keyId);
    }
  }
}
