package dev.ivsplayback.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * The claims of one Amazon IVS playback token. Immutable and thread-safe; build with {@link
 * #builder()}.
 *
 * <p>{@link Builder#build()} enforces the IVS rules: a channel ARN of the IVS form (any partition);
 * origins of the form {@code scheme://host[:port]} (host may begin with {@code *.}) or the bare
 * {@code *}; at most 5 origins with strict origin enforcement; a viewer id of 1..40 characters;
 * {@code exp} in whole Unix seconds, in the future, not plainly milliseconds, and at most 10
 * minutes ahead when a viewer id or single-use UUID is set. Every violation throws {@link
 * InvalidClaimException} naming the claim. The signed token must also fit the verifiers' default
 * limit of {@value PlaybackTokenVerifier#DEFAULT_MAX_TOKEN_LENGTH} characters (claim {@code
 * "payload"}).
 *
 * <p>The 10-minute rule is checked inclusively (an {@code exp} exactly 600 s ahead is accepted, as
 * IVS documents), but IVS judges it by its own clock at playback start: with any clock skew or
 * delivery delay a token minted right at the limit may be refused. Leave a margin, e.g. {@code
 * expiresIn(Duration.ofMinutes(9))} for bound tokens.
 *
 * <p>The viewer id's length is counted in Unicode code points, not UTF-16 {@code char}s: IVS
 * documents "40 characters" without saying how it counts, and counting code points never accepts
 * fewer characters than a user sees (an emoji is one character, not two). Keep viewer ids ASCII if
 * you need certainty.
 *
 * <pre>{@code
 * PlaybackClaims claims =
 *     PlaybackClaims.builder()
 *         .channelArn(channelArn)
 *         .viewerId("viewer-42")
 *         .expiresIn(Duration.ofMinutes(5))
 *         .build(); // validated: a broken rule is an InvalidClaimException naming the claim
 * }</pre>
 */
public final class PlaybackClaims {
  /** Wire name of the channel ARN claim. */
  public static final String CHANNEL_ARN = "aws:channel-arn";

  /** Wire name of the allowed-origins claim. */
  public static final String ACCESS_CONTROL_ALLOW_ORIGIN = "aws:access-control-allow-origin";

  /** Wire name of the strict-origin-enforcement claim. */
  public static final String STRICT_ORIGIN_ENFORCEMENT = "aws:strict-origin-enforcement";

  /** Wire name of the single-use UUID claim. */
  public static final String SINGLE_USE_UUID = "aws:single-use-uuid";

  /** Wire name of the viewer id claim. */
  public static final String VIEWER_ID = "aws:viewer-id";

  /** Wire name of the viewer session version claim. */
  public static final String VIEWER_SESSION_VERSION = "aws:viewer-session-version";

  /** Wire name of the maximum-resolution claim. */
  public static final String MAXIMUM_RESOLUTION = "aws:maximum-resolution";

  /** Wire name of the expiry claim. */
  public static final String EXP = "exp";

  /** IVS accepts at most this many origins when strict origin enforcement is on. */
  public static final int MAX_STRICT_ORIGINS = 5;

  /** Longest viewer id, in characters (Unicode code points). */
  public static final int MAX_VIEWER_ID_LENGTH = 40;

  /**
   * How far ahead {@code exp} may be when a viewer id or single-use UUID is set (inclusive). Mint
   * with a margin (e.g. 9 minutes): IVS checks against its own clock, so a token at exactly this
   * limit may be refused under skew.
   */
  public static final Duration MAX_BOUND_LIFETIME = Duration.ofMinutes(10);

  /**
   * The name {@link InvalidClaimException#claim()} gives when the claims as a whole make too large
   * a token.
   */
  public static final String PAYLOAD = "payload";

  /** An {@code exp} at or beyond this (the year 5138) is taken to be milliseconds. */
  static final long MILLISECONDS_THRESHOLD = 100_000_000_000L;

  private static final Set<String> RESERVED_REGISTERED =
      Set.of("exp", "iat", "nbf", "iss", "sub", "aud", "jti");

  private final String channelArn;
  private final List<String> allowedOrigins;
  private final boolean strictOriginEnforcement;
  private final UUID singleUseUuid;
  private final String viewerId;
  private final Long viewerSessionVersion;
  private final MaximumResolution maximumResolution;
  private final long exp;
  private final Map<String, Object> additionalClaims;

  private PlaybackClaims(Builder b, long exp) {
    this.channelArn = b.channelArn;
    this.allowedOrigins = List.copyOf(b.allowedOrigins);
    this.strictOriginEnforcement = b.strictOriginEnforcement;
    this.singleUseUuid = b.singleUseUuid;
    this.viewerId = b.viewerId;
    this.viewerSessionVersion = b.viewerSessionVersion;
    this.maximumResolution = b.maximumResolution;
    this.exp = exp;
    this.additionalClaims = Collections.unmodifiableMap(new LinkedHashMap<>(b.additionalClaims));
  }

  /**
   * A new builder with the system UTC clock.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these claims (and the system clock), for deriving a modified copy.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.channelArn = channelArn;
    b.allowedOrigins.addAll(allowedOrigins);
    b.strictOriginEnforcement = strictOriginEnforcement;
    b.singleUseUuid = singleUseUuid;
    b.viewerId = viewerId;
    b.viewerSessionVersion = viewerSessionVersion;
    b.maximumResolution = maximumResolution;
    b.expiresAt = Instant.ofEpochSecond(exp);
    b.additionalClaims.putAll(additionalClaims);
    return b;
  }

  /**
   * @return the {@code aws:channel-arn} claim
   */
  public String channelArn() {
    return channelArn;
  }

  /**
   * @return the allowed origins in order; empty means the claim is absent (all origins allowed)
   */
  public List<String> allowedOrigins() {
    return allowedOrigins;
  }

  /**
   * @return the {@code aws:strict-origin-enforcement} claim (false when absent)
   */
  public boolean strictOriginEnforcement() {
    return strictOriginEnforcement;
  }

  /**
   * @return the {@code aws:single-use-uuid} claim, if set
   */
  public Optional<UUID> singleUseUuid() {
    return Optional.ofNullable(singleUseUuid);
  }

  /**
   * @return the {@code aws:viewer-id} claim, if set
   */
  public Optional<String> viewerId() {
    return Optional.ofNullable(viewerId);
  }

  /**
   * @return the {@code aws:viewer-session-version} claim, if set
   */
  public OptionalLong viewerSessionVersion() {
    return viewerSessionVersion == null
        ? OptionalLong.empty()
        : OptionalLong.of(viewerSessionVersion);
  }

  /**
   * @return the {@code aws:maximum-resolution} claim, if set
   */
  public Optional<MaximumResolution> maximumResolution() {
    return Optional.ofNullable(maximumResolution);
  }

  /**
   * @return the expiry as an instant (whole seconds)
   */
  public Instant expiresAt() {
    return Instant.ofEpochSecond(exp);
  }

  /**
   * @return the {@code exp} claim in Unix seconds
   */
  public long exp() {
    return exp;
  }

  /**
   * Additional (non-IVS) claims, in the order they were added. Values are {@link String}, {@link
   * Boolean}, {@link Long} (integers are widened to Long) or {@code null}.
   *
   * @return an unmodifiable map
   */
  public Map<String, Object> additionalClaims() {
    return additionalClaims;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof PlaybackClaims other)) {
      return false;
    }
    return exp == other.exp && sameExceptExp(other);
  }

  /**
   * Equality of every claim but {@code exp}: the cache key of {@link ReusingPlaybackTokenSigner}.
   * {@link #equals} is defined through it, so a claim added here is never forgotten there (and the
   * other way round).
   */
  boolean sameExceptExp(PlaybackClaims other) {
    return strictOriginEnforcement == other.strictOriginEnforcement
        && channelArn.equals(other.channelArn)
        && allowedOrigins.equals(other.allowedOrigins)
        && Objects.equals(singleUseUuid, other.singleUseUuid)
        && Objects.equals(viewerId, other.viewerId)
        && Objects.equals(viewerSessionVersion, other.viewerSessionVersion)
        && maximumResolution == other.maximumResolution
        && additionalClaims.equals(other.additionalClaims);
  }

  /**
   * A hash of every claim but {@code exp}, consistent with {@link #sameExceptExp}; allocates
   * nothing.
   */
  int hashExceptExp() {
    int h = channelArn.hashCode();
    h = 31 * h + allowedOrigins.hashCode();
    h = 31 * h + Boolean.hashCode(strictOriginEnforcement);
    h = 31 * h + Objects.hashCode(singleUseUuid);
    h = 31 * h + Objects.hashCode(viewerId);
    h = 31 * h + Objects.hashCode(viewerSessionVersion);
    h = 31 * h + Objects.hashCode(maximumResolution);
    return 31 * h + (additionalClaims.isEmpty() ? 0 : additionalClaims.hashCode());
  }

  /** Whether {@code aws:single-use-uuid} is set, without allocating an Optional. */
  boolean hasSingleUseUuid() {
    return singleUseUuid != null;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        channelArn,
        allowedOrigins,
        strictOriginEnforcement,
        singleUseUuid,
        viewerId,
        viewerSessionVersion,
        maximumResolution,
        exp,
        additionalClaims);
  }

  @Override
  public String toString() {
    return "PlaybackClaims{channelArn="
        + channelArn
        + ", allowedOrigins="
        + allowedOrigins
        + ", strictOriginEnforcement="
        + strictOriginEnforcement
        + ", singleUseUuid="
        + singleUseUuid
        + ", viewerId="
        + viewerId
        + ", viewerSessionVersion="
        + viewerSessionVersion
        + ", maximumResolution="
        + maximumResolution
        + ", exp="
        + exp
        + ", additionalClaims="
        + additionalClaims
        + "}";
  }

  /**
   * Whether a name may not be used for an additional claim: the {@code aws:} namespace (any case),
   * the IVS {@code exp}, and the registered JWT claims {@code iat nbf iss sub aud jti} (IVS does
   * not document them, so their effect is unknown).
   *
   * @param name a claim name
   * @return true when reserved
   */
  public static boolean isReservedClaimName(String name) {
    return name.toLowerCase(Locale.ROOT).startsWith("aws:") || RESERVED_REGISTERED.contains(name);
  }

  /**
   * Builds {@link PlaybackClaims}. Not thread-safe. Every rule is checked in {@link #build()};
   * names and value types of additional claims are also checked when added.
   */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private String channelArn;
    private final List<String> allowedOrigins = new ArrayList<>();
    private boolean strictOriginEnforcement;
    private UUID singleUseUuid;
    private String viewerId;
    private Long viewerSessionVersion;
    private MaximumResolution maximumResolution;
    private Instant expiresAt;
    private Duration expiresIn;
    private final Map<String, Object> additionalClaims = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets {@code aws:channel-arn} (required), e.g. {@code
     * arn:aws:ivs:us-west-2:123456789012:channel/abcd}.
     *
     * @param channelArn the channel ARN
     * @return this builder
     */
    public Builder channelArn(String channelArn) {
      this.channelArn = channelArn;
      return this;
    }

    /**
     * Adds one allowed origin ({@code scheme://host[:port]}, host may begin with {@code *.}, or
     * {@code *}).
     *
     * @param origin the origin
     * @return this builder
     */
    public Builder allowedOrigin(String origin) {
      allowedOrigins.add(origin);
      return this;
    }

    /**
     * Replaces the allowed origins.
     *
     * @param origins the origins (an empty collection removes the claim)
     * @return this builder
     */
    public Builder allowedOrigins(Collection<String> origins) {
      allowedOrigins.clear();
      allowedOrigins.addAll(origins);
      return this;
    }

    /**
     * Sets {@code aws:strict-origin-enforcement}.
     *
     * @param strict true to make IVS check the Origin header of every playback request
     * @return this builder
     */
    public Builder strictOriginEnforcement(boolean strict) {
      this.strictOriginEnforcement = strict;
      return this;
    }

    /**
     * Sets {@code aws:single-use-uuid}.
     *
     * @param uuid the UUID, or null to remove it
     * @return this builder
     */
    public Builder singleUseUuid(UUID uuid) {
      this.singleUseUuid = uuid;
      return this;
    }

    /**
     * Sets {@code aws:single-use-uuid} to a fresh random (version 4) UUID.
     *
     * @return this builder
     */
    public Builder randomSingleUseUuid() {
      this.singleUseUuid = UUID.randomUUID();
      return this;
    }

    /**
     * Sets {@code aws:viewer-id} (1..40 characters, counted as Unicode code points; never personal
     * data). With a viewer id, {@code exp} may be at most 10 minutes ahead; leave a margin for
     * clock skew (e.g. 9 minutes).
     *
     * @param viewerId the viewer id, or null to remove it
     * @return this builder
     */
    public Builder viewerId(String viewerId) {
      this.viewerId = viewerId;
      return this;
    }

    /**
     * Sets {@code aws:viewer-session-version} (a signed 64-bit integer, written as a JSON number).
     * Note the revocation API only reaches versions 0..2^31-1.
     *
     * @param version the version
     * @return this builder
     */
    public Builder viewerSessionVersion(long version) {
      this.viewerSessionVersion = version;
      return this;
    }

    /**
     * Sets {@code aws:maximum-resolution}.
     *
     * @param resolution the resolution, or null to remove it
     * @return this builder
     */
    public Builder maximumResolution(MaximumResolution resolution) {
      this.maximumResolution = resolution;
      return this;
    }

    /**
     * Sets {@code exp} to an instant; a fractional second is dropped (the token expires no later
     * than asked).
     *
     * @param expiresAt the expiry
     * @return this builder
     */
    public Builder expiresAt(Instant expiresAt) {
      this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
      this.expiresIn = null;
      return this;
    }

    /**
     * Sets {@code exp} to this long after the builder's clock reads at {@link #build()}.
     *
     * @param lifetime the token lifetime (positive)
     * @return this builder
     */
    public Builder expiresIn(Duration lifetime) {
      this.expiresIn = Objects.requireNonNull(lifetime, "lifetime");
      this.expiresAt = null;
      return this;
    }

    /**
     * Sets the clock used for {@link #expiresIn} and for the time rules (default: system UTC).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Adds a non-IVS claim for forward compatibility. Reserved names ({@link #isReservedClaimName})
     * are refused.
     *
     * @param name the claim name (non-empty, not reserved)
     * @param value a {@link String}, {@link Boolean}, {@link Integer}/{@link Long}, or null
     * @return this builder
     * @throws InvalidClaimException for a reserved or empty name or an unsupported value type
     */
    public Builder additionalClaim(String name, Object value) {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty()) {
        throw new InvalidClaimException(
            name, "Additional claim name is empty; a claim needs a name");
      }
      if (isReservedClaimName(name)) {
        throw new InvalidClaimException(
            name,
            "Additional claim \""
                + name
                + "\" uses a reserved name;"
                + " the aws: namespace, exp, iat, nbf, iss, sub, aud and jti cannot be set as additional"
                + " claims (use the dedicated builder methods for IVS claims)");
      }
      ClaimRules.checkWellFormedUtf16(name, name, "name");
      Object normalized;
      if (value == null || value instanceof Boolean || value instanceof Long) {
        normalized = value;
      } else if (value instanceof Integer i) {
        normalized = i.longValue();
      } else if (value instanceof String s) {
        ClaimRules.checkWellFormedUtf16(name, s, "value");
        normalized = s;
      } else {
        throw new InvalidClaimException(
            name,
            "Additional claim \""
                + name
                + "\" has a value of type "
                + value.getClass().getName()
                + "; only String, Boolean, Integer, Long or null are allowed");
      }
      additionalClaims.put(name, normalized);
      return this;
    }

    /**
     * Validates every rule and builds the claims. Besides the IVS rules, the signed token must be
     * at most {@value PlaybackTokenVerifier#DEFAULT_MAX_TOKEN_LENGTH} characters, the default limit
     * of {@link PlaybackTokenVerifier} (IVS documents none); larger claims (many or long origins or
     * additional claims) are refused with claim {@code "payload"} rather than minted into tokens
     * verifiers reject.
     *
     * @return the claims
     * @throws InvalidClaimException naming the first claim that breaks a rule
     */
    public PlaybackClaims build() {
      long now = clock.instant().getEpochSecond();
      long exp = resolveExp();
      ClaimRules.checkContent(channelArn, allowedOrigins, strictOriginEnforcement, viewerId, exp);
      ClaimRules.checkLifetime(exp, now, viewerId != null, singleUseUuid != null);
      PlaybackClaims claims = new PlaybackClaims(this, exp);
      ClaimRules.checkTokenLength(claims);
      return claims;
    }

    /**
     * Builds without the time rules (for tokens already checked by the verifier against its own
     * clock).
     */
    PlaybackClaims buildWithoutTimeRules(long exp) {
      ClaimRules.checkContent(channelArn, allowedOrigins, strictOriginEnforcement, viewerId, exp);
      return new PlaybackClaims(this, exp);
    }

    private long resolveExp() {
      if (expiresIn != null) {
        if (expiresIn.isNegative() || expiresIn.isZero()) {
          throw new InvalidClaimException(
              EXP,
              "expiresIn "
                  + expiresIn
                  + " is not positive; a playback"
                  + " token must expire after it is minted");
        }
        try {
          return clock.instant().plus(expiresIn).getEpochSecond();
        } catch (ArithmeticException | java.time.DateTimeException e) {
          throw new InvalidClaimException(
              EXP,
              "expiresIn "
                  + expiresIn
                  + " puts exp beyond the latest"
                  + " representable time ("
                  + Instant.MAX
                  + "); a playback token must expire at a real"
                  + " date (IVS expects Unix seconds)");
        }
      }
      if (expiresAt == null) {
        throw new InvalidClaimException(
            EXP,
            "exp is missing; set expiresAt(Instant) or"
                + " expiresIn(Duration) (IVS requires an expiry)");
      }
      return expiresAt.getEpochSecond();
    }
  }
}
