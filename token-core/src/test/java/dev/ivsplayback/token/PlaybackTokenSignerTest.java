package dev.ivsplayback.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ivsplayback.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PlaybackTokenSignerTest {
  static final String ARN = PlaybackClaimsTest.ARN;
  final KeyPair pair = TestKeys.p384();

  private static PlaybackClaims claims() {
    return PlaybackClaims.builder().channelArn(ARN).expiresIn(Duration.ofMinutes(5)).build();
  }

  private static String decode(String segment) {
    return new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
  }

  @Test
  void sign_writesExactHeader() {
    String token = PlaybackTokenSigner.create(pair.getPrivate()).sign(claims());
    String[] parts = token.split("\\.", -1);
    assertThat(parts).hasSize(3);
    assertThat(decode(parts[0])).isEqualTo("{\"alg\":\"ES384\",\"typ\":\"JWT\"}");
  }

  @Test
  void sign_writesClaimsInFixedOrder() {
    PlaybackClaims c =
        PlaybackClaims.builder()
            .channelArn(ARN)
            .additionalClaim("z-extra", "e")
            .additionalClaim("n", 5)
            .additionalClaim("b", false)
            .additionalClaim("nul", null)
            .maximumResolution(MaximumResolution.HD)
            .viewerSessionVersion(-3)
            .viewerId("v1")
            .singleUseUuid(UUID.fromString("00000000-0000-4000-8000-000000000001"))
            .strictOriginEnforcement(true)
            .allowedOrigin("https://a.com")
            .allowedOrigin("https://*.b.com:8443")
            .expiresAt(
                java.time.Instant.now()
                    .plusSeconds(100)
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
            .build();
    String token = PlaybackTokenSigner.create(pair.getPrivate()).sign(c);
    assertThat(decode(token.split("\\.")[1]))
        .isEqualTo(
            "{\"aws:channel-arn\":\""
                + ARN
                + "\","
                + "\"aws:access-control-allow-origin\":\"https://a.com,https://*.b.com:8443\","
                + "\"aws:strict-origin-enforcement\":true,"
                + "\"aws:single-use-uuid\":\"00000000-0000-4000-8000-000000000001\","
                + "\"aws:viewer-id\":\"v1\",\"aws:viewer-session-version\":-3,\"aws:maximum-resolution\":\"HD\","
                + "\"exp\":"
                + c.exp()
                + ",\"z-extra\":\"e\",\"n\":5,\"b\":false,\"nul\":null}");
  }

  @Test
  void sign_escapesJsonSpecialCharacters() {
    PlaybackClaims c =
        PlaybackClaims.builder()
            .channelArn(ARN)
            .expiresIn(Duration.ofMinutes(5))
            .viewerId("q\"b\\n\n\t\u0000\u001f\u007fé€\uD83D\uDE00")
            .build();
    String token = PlaybackTokenSigner.create(pair.getPrivate()).sign(c);
    assertThat(decode(token.split("\\.")[1]))
        .contains("\"aws:viewer-id\":\"q\\\"b\\\\n\\n\\t\\u0000\\u001f\u007fé€\uD83D\uDE00\"");
  }

  @Test
  void sign_usesBase64UrlWithoutPaddingAnd96ByteSignature() {
    PlaybackTokenSigner signer = PlaybackTokenSigner.create(pair.getPrivate());
    for (int i = 0; i < 20; i++) {
      String token =
          signer.sign(claims().toBuilder().additionalClaim("pad", "x".repeat(i)).build());
      assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
      assertThat(TestTokens.signatureOf(token)).hasSize(96);
    }
  }

  @Test
  void sign_withBouncyCastleEngine_isDeterministic() {
    PlaybackTokenSigner signer =
        PlaybackTokenSigner.builder()
            .privateKey(pair.getPrivate())
            .engine(SigningEngine.BOUNCY_CASTLE)
            .build();
    PlaybackClaims c = claims();
    assertThat(signer.sign(c)).isEqualTo(signer.sign(c));
  }

  @Test
  void create_choosesFastestAvailableEngineAndSaysSo() {
    assertThat(PlaybackTokenSigner.create(pair.getPrivate()).engine())
        .isEqualTo(SigningEngine.fastestAvailable());
    assertThat(SigningEngine.fastestAvailable().isAvailable()).isTrue();
    assertThat(SigningEngine.BOUNCY_CASTLE.isAvailable()).isTrue();
  }

  @Test
  void builder_whenEngineChosen_usesIt() {
    for (SigningEngine e : SigningEngine.values()) {
      if (e.isAvailable()) {
        assertThat(
                PlaybackTokenSigner.builder()
                    .privateKey(pair.getPrivate())
                    .engine(e)
                    .build()
                    .engine())
            .isEqualTo(e);
      }
    }
  }

  @Test
  void publicKey_matchesThePrivateKey() {
    assertThat(PlaybackTokenSigner.create(pair.getPrivate()).publicKey().getW())
        .isEqualTo(((java.security.interfaces.ECPublicKey) pair.getPublic()).getW());
  }

  @Test
  void create_whenKeyIsRsa_rejectsNamingIt() {
    assertThatThrownBy(() -> PlaybackTokenSigner.create(TestKeys.rsa().getPrivate()))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("RSA")
        .hasMessageContaining("P-384");
  }

  @Test
  void create_whenKeyIsP256_rejectsNamingIt() {
    assertThatThrownBy(() -> PlaybackTokenSigner.create(TestKeys.ec("secp256r1").getPrivate()))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("256-bit curve")
        .hasMessageContaining("P-384");
  }

  @Test
  void create_whenKeyIsEd25519_rejectsNamingIt() {
    assertThatThrownBy(() -> PlaybackTokenSigner.create(TestKeys.ed25519().getPrivate()))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("EdDSA");
  }

  @Test
  void toString_showsEngineAndFingerprintOnly() {
    PlaybackTokenSigner signer = PlaybackTokenSigner.create(pair.getPrivate());
    String s = signer.toString();
    String d = ((java.security.interfaces.ECPrivateKey) pair.getPrivate()).getS().toString(16);
    assertThat(s)
        .contains(signer.engine().name())
        .contains(PlaybackKeys.fingerprint(pair.getPublic()))
        .doesNotContain(d);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://x.live-video.net/api/video/v1/a.m3u8|https://x.live-video.net/api/video/v1/a.m3u8?token=T",
        "https://x/a.m3u8?foo=1|https://x/a.m3u8?foo=1&token=T",
        "https://x/a.m3u8?|https://x/a.m3u8?token=T",
        "https://x/a.m3u8?foo=1&|https://x/a.m3u8?foo=1&token=T",
        "https://x/a.m3u8#frag|https://x/a.m3u8?token=T#frag",
        "https://x/a.m3u8?tokens=1|https://x/a.m3u8?tokens=1&token=T"
      })
  void appendToken_choosesSeparator(String url, String expected) {
    assertThat(PlaybackTokenSigner.appendToken(url, "T")).isEqualTo(expected);
  }

  @Test
  void appendToken_whenUrlAlreadyHasToken_rejects() {
    assertThatThrownBy(() -> PlaybackTokenSigner.appendToken("https://x/a.m3u8?a=1&token=old", "T"))
        .isInstanceOf(IvsPlaybackException.class)
        .hasMessageContaining("already has a token");
  }

  @Test
  void playbackUrl_appendsAFreshToken() {
    PlaybackTokenSigner signer = PlaybackTokenSigner.create(pair.getPrivate());
    String url = signer.playbackUrl("https://x/a.m3u8", claims());
    assertThat(url).startsWith("https://x/a.m3u8?token=eyJhbGciOiJFUzM4NCIsInR5cCI6IkpXVCJ9.");
    String token = url.substring(url.indexOf("token=") + 6);
    assertThat(
            PlaybackTokenVerifier.builder()
                .publicKeys(java.util.List.of(pair.getPublic()))
                .build()
                .verify(token, VerificationRequest.forChannel(ARN))
                .isValid())
        .isTrue();
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(
      value = SigningEngine.class,
      names = {"BOUNCY_CASTLE", "JCA"})
  void destroy_erasesEveryThreadsSigningState_andTheSignerRefusesToSign(SigningEngine engine)
      throws Exception {
    PlaybackTokenSigner signer =
        PlaybackTokenSigner.builder().privateKey(pair.getPrivate()).engine(engine).build();
    PlaybackTokenVerifier verifier =
        PlaybackTokenVerifier.builder().publicKeys(java.util.List.of(pair.getPublic())).build();
    int threads = 3;
    java.util.concurrent.CyclicBarrier signed = new java.util.concurrent.CyclicBarrier(threads + 1);
    java.util.concurrent.CyclicBarrier destroyed =
        new java.util.concurrent.CyclicBarrier(threads + 1);
    java.util.List<String> afterDestroy = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.List<Thread> workers = new java.util.ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w =
          new Thread(
              () -> {
                try {
                  signer.sign(claims());
                  signed.await();
                  destroyed.await();
                  try {
                    signer.sign(claims());
                  } catch (SignerDestroyedException refused) {
                    afterDestroy.add(refused.key().fingerprint());
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      w.start();
      workers.add(w);
    }
    signed.await(); // every worker signed once and is still alive, holding its state
    assertThat(signer.threadsWithSigningState()).isEqualTo(threads);
    signer.destroy();
    assertThat(signer.isDestroyed()).isTrue();
    assertThat(signer.threadsWithSigningState()).isZero();
    destroyed.await();
    for (Thread w : workers) {
      w.join();
    }
    assertThat(afterDestroy)
        .as("every thread's later sign() was refused, naming the key")
        .hasSize(threads)
        .containsOnly(PlaybackKeys.fingerprint(pair.getPublic()));
    assertThat(signer.threadsWithSigningState())
        .as("state is not cached again after destroy")
        .isZero();
  }

  @ParameterizedTest
  @EnumSource(
      value = SigningEngine.class,
      names = {"ACCP", "BOUNCY_CASTLE", "JCA"})
  void destroy_releasesThePrivateKey_soNothingReachableHoldsIt(SigningEngine engine)
      throws Exception {
    assumeTrue(engine.isAvailable(), "engine not available on this platform");
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
    g.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
    KeyPair pair = g.generateKeyPair();
    PlaybackTokenSigner signer =
        PlaybackTokenSigner.builder().privateKey(pair.getPrivate()).engine(engine).build();
    signer.sign(claims()); // builds per-thread state in this thread
    java.lang.ref.WeakReference<java.security.PrivateKey> key =
        new java.lang.ref.WeakReference<>(pair.getPrivate());
    // The engine holds the key material in every engine's own form (BouncyCastle keeps the scalar).
    java.lang.reflect.Field ecdsa = PlaybackTokenSigner.class.getDeclaredField("ecdsa");
    ecdsa.setAccessible(true);
    java.lang.ref.WeakReference<Object> material =
        new java.lang.ref.WeakReference<>(ecdsa.get(signer));
    pair = null; // the test drops its own reference: only the signer could still hold the key

    signer.destroy();

    for (int i = 0; i < 50 && (key.get() != null || material.get() != null); i++) {
      System.gc();
      Thread.onSpinWait();
    }
    assertThat(key.get()).as("the private key was collected").isNull();
    assertThat(material.get()).as("the engine holding the key material was collected").isNull();
    assertThat(signer.readiness().status()).isEqualTo(MintReadiness.Status.DESTROYED);
    assertThatThrownBy(() -> signer.sign(claims())).isInstanceOf(SignerDestroyedException.class);
  }
}
