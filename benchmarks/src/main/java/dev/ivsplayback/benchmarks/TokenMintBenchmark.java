package dev.ivsplayback.benchmarks;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackTokenSigner;
import dev.ivsplayback.token.SigningEngine;
import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
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
 * Tokens minted per second: our signer on each engine against Nimbus, jjwt and auth0 java-jwt on
 * their default JCA provider (SunEC), all minting the same claims ({@code aws:channel-arn}, {@code
 * aws:viewer-id}, {@code exp} five minutes ahead; claims built per token, as a server does per
 * viewer request). The {@code raw*} benchmarks sign a token-sized input with each engine's bare
 * primitive, to show what the signer adds on top. {@link OneThread} and {@link TwoThreads} run
 * every benchmark with 1 and 2 threads (one shared signer).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class TokenMintBenchmark {
  static final String CHANNEL_ARN = "arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh";
  static final String VIEWER_ID = "viewer-0123456789";

  /** Keys and signers, shared by all threads (as a server shares one signer). */
  @State(Scope.Benchmark)
  public static class Shared {
    KeyPair pair;
    PlaybackTokenSigner auto;
    PlaybackTokenSigner accp;
    PlaybackTokenSigner bouncyCastle;
    PlaybackTokenSigner jca;
    ECDSASigner nimbus;
    Algorithm auth0;
    byte[] signingInput;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp384r1"));
      pair = g.generateKeyPair();
      auto = PlaybackTokenSigner.create(pair.getPrivate());
      accp =
          SigningEngine.ACCP.isAvailable()
              ? PlaybackTokenSigner.builder()
                  .privateKey(pair.getPrivate())
                  .engine(SigningEngine.ACCP)
                  .build()
              : null;
      bouncyCastle =
          PlaybackTokenSigner.builder()
              .privateKey(pair.getPrivate())
              .engine(SigningEngine.BOUNCY_CASTLE)
              .build();
      jca =
          PlaybackTokenSigner.builder()
              .privateKey(pair.getPrivate())
              .engine(SigningEngine.JCA)
              .build();
      nimbus = new ECDSASigner((ECPrivateKey) pair.getPrivate());
      auth0 = Algorithm.ECDSA384(null, (ECPrivateKey) pair.getPrivate());
      String token = auto.sign(claims());
      signingInput = token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
      System.err.println("# auto engine: " + auto.engine() + "; token length " + token.length());
    }
  }

  /** Per-thread raw primitives (JCA Signature and BouncyCastle signers are not thread-safe). */
  @State(Scope.Thread)
  public static class Raw {
    Signature accp;
    Signature sunEc;
    org.bouncycastle.crypto.signers.ECDSASigner bc;
    SHA384Digest digest;
    byte[] hash = new byte[48];

    @Setup(Level.Trial)
    public void setUp(Shared shared) throws Exception {
      if (SigningEngine.ACCP.isAvailable()) {
        accp =
            Signature.getInstance(
                "SHA384withECDSAinP1363Format",
                com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.INSTANCE);
        accp.initSign(shared.pair.getPrivate());
      }
      sunEc = Signature.getInstance("SHA384withECDSAinP1363Format");
      sunEc.initSign(shared.pair.getPrivate());
      X9ECParameters x9 = CustomNamedCurves.getByName("secp384r1");
      ECDomainParameters domain =
          new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
      org.bouncycastle.math.ec.FixedPointUtil.precompute(domain.getG());
      bc =
          new org.bouncycastle.crypto.signers.ECDSASigner(
              new HMacDSAKCalculator(new SHA384Digest()));
      bc.init(
          true,
          new ECPrivateKeyParameters(((ECPrivateKey) shared.pair.getPrivate()).getS(), domain));
      digest = new SHA384Digest();
    }
  }

  static PlaybackClaims claims() {
    return PlaybackClaims.builder()
        .channelArn(CHANNEL_ARN)
        .viewerId(VIEWER_ID)
        .expiresIn(Duration.ofMinutes(5))
        .build();
  }

  @Benchmark
  public String ours_auto(Shared s) {
    return s.auto.sign(claims());
  }

  @Benchmark
  public String ours_accp(Shared s) {
    if (s.accp == null) {
      throw new IllegalStateException("ACCP is not available on this platform");
    }
    return s.accp.sign(claims());
  }

  @Benchmark
  public String ours_bouncyCastle(Shared s) {
    return s.bouncyCastle.sign(claims());
  }

  @Benchmark
  public String ours_jca(Shared s) {
    return s.jca.sign(claims());
  }

  @Benchmark
  public String nimbus(Shared s) throws Exception {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .claim("aws:channel-arn", CHANNEL_ARN)
            .claim("aws:viewer-id", VIEWER_ID)
            .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))))
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES384).type(JOSEObjectType.JWT).build(), claims);
    jwt.sign(s.nimbus);
    return jwt.serialize();
  }

  @Benchmark
  public String jjwt(Shared s) {
    return Jwts.builder()
        .header()
        .type("JWT")
        .and()
        .claim("aws:channel-arn", CHANNEL_ARN)
        .claim("aws:viewer-id", VIEWER_ID)
        .expiration(Date.from(Instant.now().plus(Duration.ofMinutes(5))))
        .signWith(s.pair.getPrivate(), Jwts.SIG.ES384)
        .compact();
  }

  @Benchmark
  public String auth0JavaJwt(Shared s) {
    return JWT.create()
        .withClaim("aws:channel-arn", CHANNEL_ARN)
        .withClaim("aws:viewer-id", VIEWER_ID)
        .withExpiresAt(Instant.now().plus(Duration.ofMinutes(5)))
        .sign(s.auth0);
  }

  @Benchmark
  public byte[] rawAccp(Shared s, Raw r) throws Exception {
    if (r.accp == null) {
      throw new IllegalStateException("ACCP is not available on this platform");
    }
    r.accp.update(s.signingInput);
    return r.accp.sign();
  }

  @Benchmark
  public java.math.BigInteger[] rawBouncyCastle(Shared s, Raw r) {
    r.digest.update(s.signingInput, 0, s.signingInput.length);
    r.digest.doFinal(r.hash, 0);
    return r.bc.generateSignature(r.hash);
  }

  @Benchmark
  public byte[] rawSunEc(Shared s, Raw r) throws Exception {
    r.sunEc.update(s.signingInput);
    return r.sunEc.sign();
  }

  /** Every benchmark with one thread. */
  @Threads(1)
  public static class OneThread extends TokenMintBenchmark {}

  /** Every benchmark with two threads sharing one signer. */
  @Threads(2)
  public static class TwoThreads extends TokenMintBenchmark {}
}
