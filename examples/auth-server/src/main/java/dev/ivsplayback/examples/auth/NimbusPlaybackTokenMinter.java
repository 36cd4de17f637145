package dev.ivsplayback.examples.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ivsplayback.token.MintReadiness;
import dev.ivsplayback.token.MintedToken;
import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackTokenMinter;
import dev.ivsplayback.token.SigningEngine;
import dev.ivsplayback.token.SigningKeyHandle;
import java.security.interfaces.ECPrivateKey;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;

/**
 * The baseline of the load test ({@code benchmarks/http-load.sh}), not for production: a playback
 * token minted the way a hand-written server does it, with Nimbus JOSE+JWT's {@link ECDSASigner}
 * (ES384) on the JDK's default provider (SunEC), one fixed key. It writes the same claims and
 * header as the library's signer ({@code aws:channel-arn}, {@code aws:viewer-id}, {@code exp};
 * {@code {"alg":"ES384","typ":"JWT"}}), as {@code TokenMintBenchmark.nimbus} does, and refuses
 * claims it does not write rather than dropping them. No rotation, no reuse of its own.
 *
 * <p>Thread-safe: {@link ECDSASigner} takes a new JCA {@code Signature} per token.
 */
public final class NimbusPlaybackTokenMinter implements PlaybackTokenMinter {
  private static final JWSHeader HEADER =
      new JWSHeader.Builder(JWSAlgorithm.ES384).type(JOSEObjectType.JWT).build();
  private final ECDSASigner signer;
  private final SigningKeyHandle key;

  /**
   * A minter for one key.
   *
   * @param privateKey the P-384 private key (its public half imported into IVS)
   * @param fingerprint the key's IVS fingerprint (also its id here)
   */
  public NimbusPlaybackTokenMinter(ECPrivateKey privateKey, String fingerprint) {
    try {
      this.signer = new ECDSASigner(Objects.requireNonNull(privateKey, "privateKey"));
    } catch (JOSEException e) {
      throw new IllegalArgumentException("not a P-384 key: " + e.getMessage(), e);
    }
    this.key = new SigningKeyHandle(fingerprint, fingerprint);
  }

  @Override
  public MintedToken mint(PlaybackClaims claims) {
    check(claims);
    JWTClaimsSet.Builder set =
        new JWTClaimsSet.Builder()
            .claim("aws:channel-arn", claims.channelArn())
            .expirationTime(Date.from(claims.expiresAt()));
    claims.viewerId().ifPresent(v -> set.claim("aws:viewer-id", v));
    SignedJWT jwt = new SignedJWT(HEADER, set.build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("Nimbus could not sign: " + e.getMessage(), e);
    }
    return new MintedToken(jwt.serialize(), key, claims.expiresAt());
  }

  /** Only the claims this baseline writes. */
  private static void check(PlaybackClaims claims) {
    if (!claims.allowedOrigins().isEmpty()
        || claims.strictOriginEnforcement()
        || claims.singleUseUuid().isPresent()
        || claims.viewerSessionVersion().isPresent()
        || claims.maximumResolution().isPresent()
        || !claims.additionalClaims().isEmpty()) {
      throw new IllegalArgumentException(
          "the Nimbus baseline writes only aws:channel-arn, aws:viewer-id and exp");
    }
  }

  @Override
  public SigningKeyHandle signingKeyFor(PlaybackClaims claims) {
    check(claims);
    return key;
  }

  /**
   * @return {@link SigningEngine#JCA}: Nimbus signs with the JDK's {@code SHA384withECDSA}
   */
  @Override
  public SigningEngine engine() {
    return SigningEngine.JCA;
  }

  @Override
  public Optional<SigningKeyHandle> currentKey() {
    return Optional.of(key);
  }

  @Override
  public MintReadiness readiness() {
    return MintReadiness.isReady();
  }

  @Override
  public String toString() {
    return "NimbusPlaybackTokenMinter{key=" + key + "}";
  }
}
