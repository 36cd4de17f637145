package dev.ivsplayback.benchmarks;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackTokenSigner;
import dev.ivsplayback.token.PlaybackTokenVerifier;
import dev.ivsplayback.token.SigningEngine;
import dev.ivsplayback.token.VerificationRequest;
import dev.ivsplayback.token.VerificationResult;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Tokens verified per second: our {@link PlaybackTokenVerifier} (every IVS check) on its default
 * engine (ACCP where it loads), on ACCP and on BouncyCastle, against Nimbus's {@code ECDSAVerifier}
 * on SunEC with an expiry and channel check, and the bare signature check of each engine (ACCP,
 * BouncyCastle, SunEC) on the same token. All verify one token minted by our signer with the claims
 * of {@link TokenMintBenchmark} ({@code exp} 10 minutes ahead, so it stays valid for the run).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class TokenVerifyBenchmark {

  /** The token, its key and the verifiers, shared by all threads. */
  @State(Scope.Benchmark)
  public static class Shared {
    KeyPair pair;
    String token;
    byte[] signingInput;
    byte[] signatureP1363;
    PlaybackTokenVerifier verifier;
    PlaybackTokenVerifier verifierAccp;
    PlaybackTokenVerifier verifierBouncyCastle;
    VerificationRequest request;
    ECDSAVerifier nimbus;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp384r1"));
      pair = g.generateKeyPair();
      token =
          PlaybackTokenSigner.create(pair.getPrivate())
              .sign(
                  PlaybackClaims.builder()
                      .channelArn(TokenMintBenchmark.CHANNEL_ARN)
                      .viewerId(TokenMintBenchmark.VIEWER_ID)
                      .expiresIn(Duration.ofMinutes(10))
                      .build());
      int dot = token.lastIndexOf('.');
      signingInput = token.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
      signatureP1363 = Base64.getUrlDecoder().decode(token.substring(dot + 1));
      verifier = PlaybackTokenVerifier.builder().publicKeys(List.of(pair.getPublic())).build();
      verifierBouncyCastle =
          PlaybackTokenVerifier.builder()
              .publicKeys(List.of(pair.getPublic()))
              .engine(SigningEngine.BOUNCY_CASTLE)
              .build();
      if (SigningEngine.ACCP.isAvailable()) {
        verifierAccp =
            PlaybackTokenVerifier.builder()
                .publicKeys(List.of(pair.getPublic()))
                .engine(SigningEngine.ACCP)
                .build();
      }
      request = VerificationRequest.forChannel(TokenMintBenchmark.CHANNEL_ARN);
      nimbus = new ECDSAVerifier((ECPublicKey) pair.getPublic());
      if (!verifier.verify(token, request).isValid() || !SignedJWT.parse(token).verify(nimbus)) {
        throw new IllegalStateException("benchmark token does not verify");
      }
    }
  }

  /** Per-thread bare verifiers (JCA Signature and BouncyCastle signers are not thread-safe). */
  @State(Scope.Thread)
  public static class Raw {
    Signature accp;
    Signature sunEc;
    ECDSASigner bc;
    SHA384Digest digest = new SHA384Digest();
    byte[] hash = new byte[48];
    BigInteger r;
    BigInteger s;

    @Setup(Level.Trial)
    public void setUp(Shared shared) throws Exception {
      if (SigningEngine.ACCP.isAvailable()) {
        accp =
            Signature.getInstance(
                "SHA384withECDSAinP1363Format",
                com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.INSTANCE);
        accp.initVerify(shared.pair.getPublic());
      }
      sunEc = Signature.getInstance("SHA384withECDSAinP1363Format");
      sunEc.initVerify(shared.pair.getPublic());
      X9ECParameters x9 = CustomNamedCurves.getByName("secp384r1");
      ECDomainParameters domain =
          new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
      java.security.spec.ECPoint w = ((ECPublicKey) shared.pair.getPublic()).getW();
      bc = new ECDSASigner();
      bc.init(
          false,
          new ECPublicKeyParameters(
              x9.getCurve().createPoint(w.getAffineX(), w.getAffineY()), domain));
      r = new BigInteger(1, Arrays.copyOfRange(shared.signatureP1363, 0, 48));
      s = new BigInteger(1, Arrays.copyOfRange(shared.signatureP1363, 48, 96));
    }
  }

  /**
   * Our verifier on its default engine (ACCP where it loads, else BouncyCastle): every check IVS
   * makes at playback start (signature, header, claims, expiry, channel).
   */
  @Benchmark
  public boolean ours_verifier(Shared s) {
    return valid(s.verifier.verify(s.token, s.request));
  }

  /** Our verifier with the ACCP engine chosen explicitly. */
  @Benchmark
  public boolean ours_verifierAccp(Shared s) {
    if (s.verifierAccp == null) {
      throw new IllegalStateException("ACCP is not available on this platform");
    }
    return valid(s.verifierAccp.verify(s.token, s.request));
  }

  /** Our verifier with the BouncyCastle engine chosen explicitly. */
  @Benchmark
  public boolean ours_verifierBouncyCastle(Shared s) {
    return valid(s.verifierBouncyCastle.verify(s.token, s.request));
  }

  private static boolean valid(VerificationResult r) {
    if (!r.isValid()) {
      throw new IllegalStateException(r.toString());
    }
    return true;
  }

  /**
   * Nimbus on SunEC: parse, verify the signature, then check expiry and channel as an IVS gate
   * must.
   */
  @Benchmark
  public boolean nimbus_verify(Shared s) throws Exception {
    SignedJWT jwt = SignedJWT.parse(s.token);
    if (!jwt.verify(s.nimbus)) {
      throw new IllegalStateException("bad signature");
    }
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    if (!claims.getExpirationTime().after(new Date())
        || !TokenMintBenchmark.CHANNEL_ARN.equals(claims.getStringClaim("aws:channel-arn"))) {
      throw new IllegalStateException("claims rejected");
    }
    return true;
  }

  @Benchmark
  public boolean rawVerifyAccp(Shared s, Raw r) throws Exception {
    if (r.accp == null) {
      throw new IllegalStateException("ACCP is not available on this platform");
    }
    r.accp.update(s.signingInput);
    return check(r.accp.verify(s.signatureP1363));
  }

  @Benchmark
  public boolean rawVerifyBouncyCastle(Shared s, Raw r) {
    r.digest.update(s.signingInput, 0, s.signingInput.length);
    r.digest.doFinal(r.hash, 0);
    return check(r.bc.verifySignature(r.hash, r.r, r.s));
  }

  @Benchmark
  public boolean rawVerifySunEc(Shared s, Raw r) throws Exception {
    r.sunEc.update(s.signingInput);
    return check(r.sunEc.verify(s.signatureP1363));
  }

  private static boolean check(boolean ok) {
    if (!ok) {
      throw new IllegalStateException("signature did not verify");
    }
    return true;
  }

  /** Every benchmark with one thread. */
  @Threads(1)
  public static class OneThread extends TokenVerifyBenchmark {}

  /** Every benchmark with two threads sharing one verifier. */
  @Threads(2)
  public static class TwoThreads extends TokenVerifyBenchmark {}
}
