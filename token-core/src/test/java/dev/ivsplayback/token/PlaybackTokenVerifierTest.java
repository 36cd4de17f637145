package dev.ivsplayback.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.testing.MutableClock;
import dev.ivsplayback.testing.TestKeys;
import dev.ivsplayback.token.internal.P384;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every test runs once per verifier engine available here (ACCP where it loads, BouncyCastle). */
@ParameterizedClass(name = "engine={0}")
@MethodSource("engines")
class PlaybackTokenVerifierTest {
  static final Instant NOW = PlaybackClaimsTest.NOW;
  static final String ARN = PlaybackClaimsTest.ARN;
  static final String HEADER = "{\"alg\":\"ES384\",\"typ\":\"JWT\"}";
  static final VerificationRequest REQUEST = VerificationRequest.forChannel(ARN);

  final MutableClock clock = new MutableClock(NOW);
  final KeyPair pair = TestKeys.p384();
  final PlaybackTokenSigner signer =
      PlaybackTokenSigner.builder()
          .privateKey(pair.getPrivate())
          .engine(SigningEngine.BOUNCY_CASTLE)
          .build();
  final SigningEngine engine;
  final PlaybackTokenVerifier verifier;

  PlaybackTokenVerifierTest(SigningEngine engine) {
    this.engine = engine;
    this.verifier = verifierBuilder().publicKeys(List.of(pair.getPublic())).clock(clock).build();
  }

  /** The verifier engines available here. */
  static List<SigningEngine> engines() {
    return SigningEngine.ACCP.isAvailable()
        ? List.of(SigningEngine.ACCP, SigningEngine.BOUNCY_CASTLE)
        : List.of(SigningEngine.BOUNCY_CASTLE);
  }

  /** A builder on this run's engine. */
  private PlaybackTokenVerifier.Builder verifierBuilder() {
    return PlaybackTokenVerifier.builder().engine(engine);
  }

  private PlaybackClaims.Builder claims() {
    return PlaybackClaims.builder().clock(clock).channelArn(ARN).expiresIn(Duration.ofMinutes(5));
  }

  private static String payload(String extraMembers) {
    return "{\"aws:channel-arn\":\""
        + ARN
        + "\",\"exp\":"
        + (NOW.getEpochSecond() + 300)
        + extraMembers
        + "}";
  }

  private String token(String header, String payload) {
    return TestTokens.sign(header, payload, pair.getPrivate());
  }

  private void assertRejected(
      String token, VerificationRequest request, RejectionReason reason, String messagePart) {
    VerificationResult result = verifier.verify(token, request);
    assertThat(result).isInstanceOf(VerificationResult.Invalid.class);
    VerificationResult.Invalid invalid = (VerificationResult.Invalid) result;
    assertThat(invalid.reason()).as(invalid.message()).isEqualTo(reason);
    assertThat(invalid.message()).contains(messagePart);
    assertThat(result.isValid()).isFalse();
  }

  private void assertRejected(String token, RejectionReason reason, String messagePart) {
    assertRejected(token, REQUEST, reason, messagePart);
  }

  // --- acceptance
  // -------------------------------------------------------------------------------------------

  @Test
  void verify_whenTokenValid_returnsClaimsAndMatchingKey() {
    PlaybackClaims c = claims().viewerId("v").allowedOrigin("https://a.com").build();
    VerificationResult result =
        verifier.verify(signer.sign(c), REQUEST.withOrigin("https://a.com"));
    assertThat(result.isValid()).isTrue();
    assertThat(((VerificationResult.Valid) result).claims()).isEqualTo(c);
    assertThat(((VerificationResult.Valid) result).key()).isSameAs(pair.getPublic());
  }

  @Test
  void engine_isTheOneTheBuilderChose() {
    assertThat(verifier.engine()).isEqualTo(engine);
  }

  @Test
  void verify_tokensOfTwoKeysInTurn_eachVerifiesUnderItsKey() {
    KeyPair other = TestKeys.otherP384();
    PlaybackTokenSigner otherSigner =
        PlaybackTokenSigner.builder()
            .privateKey(other.getPrivate())
            .engine(SigningEngine.BOUNCY_CASTLE)
            .build();
    PlaybackTokenVerifier v =
        verifierBuilder()
            .clock(clock)
            .publicKeys(List.of(other.getPublic(), pair.getPublic()))
            .build();
    for (int i = 0; i < 6; i++) {
      boolean mine = i % 2 == 0;
      String t = (mine ? signer : otherSigner).sign(claims().build());
      VerificationResult result = v.verify(t, REQUEST);
      assertThat(((VerificationResult.Valid) result).key())
          .isSameAs(mine ? pair.getPublic() : other.getPublic());
    }
  }

  @Test
  void verify_triesEveryKeyAndReportsTheOneThatMatched() {
    KeyPair other = TestKeys.otherP384();
    PlaybackTokenVerifier v =
        verifierBuilder()
            .clock(clock)
            .publicKeys(List.of(other.getPublic(), pair.getPublic()))
            .build();
    VerificationResult result = v.verify(signer.sign(claims().build()), REQUEST);
    assertThat(((VerificationResult.Valid) result).key()).isSameAs(pair.getPublic());
  }

  @Test
  void verify_withExtraHeaderKid_ignoresIt() {
    String t = token("{\"alg\":\"ES384\",\"typ\":\"JWT\",\"kid\":\"arn:aws:ivs:x\"}", payload(""));
    assertThat(verifier.verify(t, REQUEST).isValid()).isTrue();
  }

  @Test
  void verify_whenViewerSessionVersionIsString_acceptsIt() {
    String t = token(HEADER, payload(",\"aws:viewer-session-version\":\"42\""));
    VerificationResult result = verifier.verify(t, REQUEST);
    assertThat(((VerificationResult.Valid) result).claims().viewerSessionVersion()).hasValue(42);
  }

  @Test
  void verify_withIgnoredRegisteredClaims_acceptsAndDropsThem() {
    String t = token(HEADER, payload(",\"iat\":1,\"jti\":\"j\",\"sub\":\"s\",\"x-app\":\"kept\""));
    VerificationResult result = verifier.verify(t, REQUEST);
    assertThat(((VerificationResult.Valid) result).claims().additionalClaims())
        .containsExactly(java.util.Map.entry("x-app", "kept"));
  }

  // --- MALFORMED
  // --------------------------------------------------------------------------------------------

  @Test
  void verify_whenTokenNull_rejectsMalformed() {
    assertRejected(null, RejectionReason.MALFORMED, "null");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "a.b", "a.b.c.d", "a.b.c.d.e"})
  void verify_whenSegmentCountWrong_rejectsMalformed(String token) {
    assertRejected(token, RejectionReason.MALFORMED, "a JWS has exactly 3");
  }

  @Test
  void verify_whenSegmentPadded_rejectsMalformed() {
    String t = signer.sign(claims().build());
    String[] p = t.split("\\.");
    String padded = p[0] + "=." + p[1] + "." + p[2];
    assertRejected(padded, RejectionReason.MALFORMED, "header segment is not canonical base64url");
    assertRejected(
        p[0] + "." + p[1] + "." + p[2] + "==", RejectionReason.MALFORMED, "signature segment");
  }

  @Test
  void verify_whenSegmentHasStandardBase64Characters_rejectsMalformed() {
    String t = signer.sign(claims().build());
    String[] p = t.split("\\.");
    String plus = p[0] + "." + p[1].substring(0, p[1].length() - 1) + "+" + "." + p[2];
    assertRejected(plus, RejectionReason.MALFORMED, "payload segment is not canonical base64url");
    assertRejected(p[0] + "." + p[1] + " ." + p[2], RejectionReason.MALFORMED, "payload segment");
  }

  @Test
  void verify_whenBase64HasNonZeroTrailingBits_rejectsMalformed() {
    // Changing the last character's unused low bits keeps the bytes the same but makes the encoding
    // non-canonical.
    String header =
        TestTokens.b64("{\"alg\":\"ES384\",\"typ\":\"JWT\" }"); // 28 bytes: 4 unused bits
    assertThat(header.length() % 4).isNotZero();
    char last = header.charAt(header.length() - 1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    String tweaked =
        header.substring(0, header.length() - 1) + alphabet.charAt(alphabet.indexOf(last) + 1);
    String t = TestTokens.signRaw(tweaked + "." + TestTokens.b64(payload("")), pair.getPrivate());
    assertRejected(t, RejectionReason.MALFORMED, "header segment is not canonical");
  }

  @Test
  void verify_whenHeaderNotJson_rejectsMalformed() {
    assertRejected(
        token("{alg:ES384}", payload("")),
        RejectionReason.MALFORMED,
        "the header is not valid JSON");
    assertRejected(
        token("[\"ES384\"]", payload("")),
        RejectionReason.MALFORMED,
        "the header is not a JSON object");
    assertRejected(token(HEADER + "{}", payload("")), RejectionReason.MALFORMED, "content after");
  }

  @Test
  void verify_whenHeaderHasDuplicateMember_rejectsMalformed() {
    assertRejected(
        token("{\"alg\":\"ES384\",\"alg\":\"none\"}", payload("")),
        RejectionReason.MALFORMED,
        "duplicate member");
  }

  @Test
  void verify_whenPayloadHasDuplicateMember_rejectsMalformed() {
    assertRejected(
        token(HEADER, payload(",\"aws:channel-arn\":\"arn:aws:ivs:us-west-2:1:channel/other\"")),
        RejectionReason.MALFORMED,
        "the payload has a duplicate member");
  }

  @Test
  void verify_whenNestedObjectHasDuplicateMember_rejectsMalformed() {
    assertRejected(
        token(HEADER, payload(",\"x\":{\"a\":1,\"a\":2}")), RejectionReason.MALFORMED, "duplicate");
  }

  @Test
  void verify_whenPayloadNotUtf8_rejectsMalformed() {
    String p =
        dev.ivsplayback.token.internal.Base64Url.encode(
            new byte[] {'{', '"', (byte) 0xc3, '"', ':', '1', '}'});
    String t = TestTokens.signRaw(TestTokens.b64(HEADER) + "." + p, pair.getPrivate());
    assertRejected(t, RejectionReason.MALFORMED, "not valid UTF-8");
  }

  // --- TOO_LARGE
  // --------------------------------------------------------------------------------------------

  @Test
  void verify_whenTokenTooLarge_rejectsBeforeDecoding() {
    String huge = "!".repeat(PlaybackTokenVerifier.DEFAULT_MAX_TOKEN_LENGTH + 1); // not even base64
    assertRejected(huge, RejectionReason.TOO_LARGE, "limit is 8192");
  }

  @Test
  void verify_whenMaxTokenLengthConfigured_usesIt() {
    PlaybackTokenVerifier small =
        verifierBuilder()
            .publicKeys(List.of(pair.getPublic()))
            .clock(clock)
            .maxTokenLength(100)
            .build();
    VerificationResult r = small.verify(signer.sign(claims().build()), REQUEST);
    assertThat(((VerificationResult.Invalid) r).reason()).isEqualTo(RejectionReason.TOO_LARGE);
  }

  // --- UNSUPPORTED_ALGORITHM / UNSUPPORTED_HEADER
  // ----------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"none", "ES256", "ES512", "RS384", "HS384", "es384"})
  void verify_whenAlgNotEs384_rejectsUnsupportedAlgorithm(String alg) {
    assertRejected(
        token("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}", payload("")),
        RejectionReason.UNSUPPORTED_ALGORITHM,
        "only ES384");
  }

  @Test
  void verify_whenAlgMissing_rejectsUnsupportedAlgorithm() {
    assertRejected(
        token("{\"typ\":\"JWT\"}", payload("")), RejectionReason.UNSUPPORTED_ALGORITHM, "no alg");
  }

  @Test
  void verify_whenAlgNotAString_rejectsUnsupportedAlgorithm() {
    assertRejected(
        token("{\"alg\":384}", payload("")),
        RejectionReason.UNSUPPORTED_ALGORITHM,
        "not supported");
  }

  @Test
  void verify_whenHeaderHasCrit_rejectsUnsupportedHeader() {
    assertRejected(
        token("{\"alg\":\"ES384\",\"crit\":[\"exp\"],\"exp\":1}", payload("")),
        RejectionReason.UNSUPPORTED_HEADER,
        "crit");
  }

  @Test
  void verify_whenHeaderHasB64_rejectsUnsupportedHeader() {
    assertRejected(
        token("{\"alg\":\"ES384\",\"b64\":false}", payload("")),
        RejectionReason.UNSUPPORTED_HEADER,
        "b64");
  }

  @Test
  void verify_whenTypNotJwt_rejectsUnsupportedHeader() {
    assertRejected(
        token("{\"alg\":\"ES384\",\"typ\":\"at+jwt\"}", payload("")),
        RejectionReason.UNSUPPORTED_HEADER,
        "is not JWT");
  }

  // --- BAD_SIGNATURE
  // ----------------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(ints = {0, 64, 95, 97, 104, 132})
  void verify_whenSignatureNot96Bytes_rejectsBadSignature(int length) {
    String t = signer.sign(claims().build());
    byte[] sig = Arrays.copyOf(TestTokens.signatureOf(t), length);
    assertRejected(
        TestTokens.withSignature(t, sig), RejectionReason.BAD_SIGNATURE, "is " + length + " bytes");
  }

  @Test
  void verify_whenSignatureIsDer_rejectsBadSignature() throws Exception {
    String t = signer.sign(claims().build());
    byte[] der = CrossEngineTest.toDer(TestTokens.signatureOf(t));
    assertRejected(TestTokens.withSignature(t, der), RejectionReason.BAD_SIGNATURE, "exactly 96");
  }

  private static byte[] rs(BigInteger r, BigInteger s) {
    byte[] out = new byte[96];
    P384.writeP1363(r, s, out, 0);
    return out;
  }

  @Test
  void verify_whenRIsZero_rejectsBadSignature() {
    String t = signer.sign(claims().build());
    assertRejected(
        TestTokens.withSignature(t, rs(BigInteger.ZERO, BigInteger.ONE)),
        RejectionReason.BAD_SIGNATURE,
        "outside [1, n-1]");
  }

  @Test
  void verify_whenSIsZero_rejectsBadSignature() {
    String t = signer.sign(claims().build());
    assertRejected(
        TestTokens.withSignature(t, rs(BigInteger.ONE, BigInteger.ZERO)),
        RejectionReason.BAD_SIGNATURE,
        "outside [1, n-1]");
  }

  @Test
  void verify_whenRIsN_rejectsBadSignature() {
    String t = signer.sign(claims().build());
    byte[] sig = TestTokens.signatureOf(t);
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 48, 96));
    assertRejected(
        TestTokens.withSignature(t, rs(P384.N, s)),
        RejectionReason.BAD_SIGNATURE,
        "outside [1, n-1]");
  }

  @Test
  void verify_whenSIsN_rejectsBadSignature() {
    // s = n is 0 mod n; a verifier that reduced s first would miss it.
    String t = signer.sign(claims().build());
    byte[] sig = TestTokens.signatureOf(t);
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, 48));
    assertRejected(
        TestTokens.withSignature(t, rs(r, P384.N)),
        RejectionReason.BAD_SIGNATURE,
        "outside [1, n-1]");
  }

  @Test
  void verify_whenPayloadTampered_rejectsBadSignature() {
    String t = signer.sign(claims().build());
    String[] p = t.split("\\.");
    String forged = p[0] + "." + TestTokens.b64(payload(",\"x\":1")) + "." + p[2];
    assertRejected(forged, RejectionReason.BAD_SIGNATURE, "matches none of the 1 key(s)");
  }

  @Test
  void verify_whenSignedByUnknownKey_rejectsBadSignature() {
    String t = TestTokens.sign(HEADER, payload(""), TestKeys.otherP384().getPrivate());
    assertRejected(t, RejectionReason.BAD_SIGNATURE, "matches none");
  }

  @Test
  void verify_whenSignatureIsHighS_acceptsLikeIvs() {
    // ECDSA signatures are malleable: (r, n - s) is also valid. JWS does not forbid it, so it
    // verifies.
    String t = signer.sign(claims().build());
    byte[] sig = TestTokens.signatureOf(t);
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, 48));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 48, 96));
    assertThat(
            verifier
                .verify(TestTokens.withSignature(t, rs(r, P384.N.subtract(s))), REQUEST)
                .isValid())
        .isTrue();
  }

  // --- NO_KEYS / key source
  // ---------------------------------------------------------------------------------

  @Test
  void verify_whenKeySourceEmpty_rejectsNoKeys() {
    PlaybackTokenVerifier v = verifierBuilder().keySource(List::of).clock(clock).build();
    VerificationResult r = v.verify(signer.sign(claims().build()), REQUEST);
    assertThat(((VerificationResult.Invalid) r).reason()).isEqualTo(RejectionReason.NO_KEYS);
  }

  @Test
  void verify_asksKeySourceEveryTime_soADeletedKeyStopsAtOnce() {
    List<PublicKey> keys = new CopyOnWriteArrayList<>(List.of(pair.getPublic()));
    AtomicInteger asked = new AtomicInteger();
    PlaybackTokenVerifier v =
        verifierBuilder()
            .clock(clock)
            .keySource(
                () -> {
                  asked.incrementAndGet();
                  return keys;
                })
            .build();
    String t = signer.sign(claims().build());
    assertThat(v.verify(t, REQUEST).isValid()).isTrue();
    keys.clear();
    keys.add(TestKeys.otherP384().getPublic());
    VerificationResult r = v.verify(t, REQUEST);
    assertThat(((VerificationResult.Invalid) r).reason()).isEqualTo(RejectionReason.BAD_SIGNATURE);
    assertThat(asked).hasValue(2);
  }

  @Test
  void verify_whenKeySourceSuppliesRsaKey_throwsKeyFormatException() {
    PlaybackTokenVerifier v =
        verifierBuilder().clock(clock).keySource(() -> List.of(TestKeys.rsa().getPublic())).build();
    String t = signer.sign(claims().build());
    assertThatThrownBy(() -> v.verify(t, REQUEST))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("RSA");
  }

  @Test
  void build_whenPublicKeyIsP256_rejects() {
    assertThatThrownBy(
            () -> verifierBuilder().publicKeys(List.of(TestKeys.ec("secp256r1").getPublic())))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("256-bit");
  }

  @Test
  void build_withoutKeys_rejects() {
    assertThatThrownBy(() -> PlaybackTokenVerifier.builder().build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("publicKeys: ");
  }

  // --- expiry
  // -----------------------------------------------------------------------------------------------

  @Test
  void verify_whenExpMissing_rejectsMissingExpiry() {
    assertRejected(
        token(HEADER, "{\"aws:channel-arn\":\"" + ARN + "\"}"),
        RejectionReason.MISSING_EXPIRY,
        "no exp");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"1795670000\"",
        "1795670000.0",
        "1.7e9",
        "true",
        "null",
        "{}",
        "99999999999999999999"
      })
  void verify_whenExpNotAnInteger_rejectsInvalidClaim(String exp) {
    assertRejected(
        token(HEADER, "{\"aws:channel-arn\":\"" + ARN + "\",\"exp\":" + exp + "}"),
        RejectionReason.INVALID_CLAIM,
        "integer");
  }

  @Test
  void verify_whenExpInMilliseconds_rejectsInvalidClaimSayingSo() {
    assertRejected(
        token(
            HEADER,
            "{\"aws:channel-arn\":\"" + ARN + "\",\"exp\":" + (NOW.toEpochMilli() + 60_000) + "}"),
        RejectionReason.INVALID_CLAIM,
        "looks like milliseconds");
  }

  @Test
  void verify_whenExpired_rejectsExpired() {
    String t = signer.sign(claims().build());
    clock.advance(Duration.ofMinutes(5));
    assertRejected(t, RejectionReason.EXPIRED, "expired at");
  }

  @Test
  void verify_justBeforeExpiry_accepts() {
    String t = signer.sign(claims().build());
    clock.advance(Duration.ofMinutes(5).minusMillis(1));
    assertThat(verifier.verify(t, REQUEST).isValid()).isTrue();
  }

  @Test
  void verify_whenExpiredWithinLeeway_accepts() {
    PlaybackTokenVerifier lenient =
        verifierBuilder()
            .publicKeys(List.of(pair.getPublic()))
            .clock(clock)
            .leeway(Duration.ofSeconds(30))
            .build();
    String t = signer.sign(claims().build());
    clock.advance(Duration.ofMinutes(5).plusSeconds(29));
    assertThat(lenient.verify(t, REQUEST).isValid()).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(((VerificationResult.Invalid) lenient.verify(t, REQUEST)).reason())
        .isEqualTo(RejectionReason.EXPIRED);
  }

  @Test
  void verify_whenViewerIdAndExpTooFar_rejectsExpiryTooFar() {
    String t =
        token(
            HEADER,
            "{\"aws:channel-arn\":\""
                + ARN
                + "\",\"aws:viewer-id\":\"v\",\"exp\":"
                + (NOW.getEpochSecond() + 601)
                + "}");
    assertRejected(t, RejectionReason.EXPIRY_TOO_FAR, "more than 10 minutes");
  }

  @Test
  void verify_whenSingleUseUuidAndExpTooFar_rejectsExpiryTooFar() {
    String t =
        token(
            HEADER,
            "{\"aws:channel-arn\":\""
                + ARN
                + "\",\"aws:single-use-uuid\":\""
                + UUID.randomUUID()
                + "\",\"exp\":"
                + (NOW.getEpochSecond() + 3600)
                + "}");
    assertRejected(t, RejectionReason.EXPIRY_TOO_FAR, "single-use");
  }

  @Test
  void verify_whenNbfInFuture_rejectsInvalidClaim() {
    assertRejected(
        token(HEADER, payload(",\"nbf\":" + (NOW.getEpochSecond() + 60))),
        RejectionReason.INVALID_CLAIM,
        "not valid before");
  }

  // --- claims
  // -----------------------------------------------------------------------------------------------

  @Test
  void verify_whenViewerIdTooLong_rejectsInvalidClaim() {
    assertRejected(
        token(HEADER, payload(",\"aws:viewer-id\":\"" + "x".repeat(41) + "\"")),
        RejectionReason.INVALID_CLAIM,
        "1..40");
  }

  @Test
  void verify_whenUnknownAwsClaim_rejectsInvalidClaim() {
    assertRejected(
        token(HEADER, payload(",\"aws:future-restriction\":\"x\"")),
        RejectionReason.INVALID_CLAIM,
        "unknown IVS claim");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ",\"aws:single-use-uuid\":\"not-a-uuid\"",
        ",\"aws:strict-origin-enforcement\":\"true\"",
        ",\"aws:maximum-resolution\":\"4K\"",
        ",\"aws:viewer-id\":7",
        ",\"aws:access-control-allow-origin\":[\"*\"]",
        ",\"aws:access-control-allow-origin\":\"https://a.com,\"",
        ",\"aws:viewer-session-version\":1.5",
        ",\"x\":1.5",
        ",\"x\":[1]"
      })
  void verify_whenClaimHasWrongTypeOrValue_rejectsInvalidClaim(String member) {
    assertRejected(token(HEADER, payload(member)), RejectionReason.INVALID_CLAIM, "");
  }

  @Test
  void verify_whenChannelArnMissing_rejectsInvalidClaim() {
    assertRejected(
        token(HEADER, "{\"exp\":" + (NOW.getEpochSecond() + 60) + "}"),
        RejectionReason.INVALID_CLAIM,
        "aws:channel-arn is missing");
  }

  @Test
  void verify_whenChannelDiffers_rejectsChannelMismatch() {
    String t = signer.sign(claims().build());
    assertRejected(
        t,
        VerificationRequest.forChannel("arn:aws:ivs:us-west-2:123456789012:channel/other"),
        RejectionReason.CHANNEL_MISMATCH,
        "not arn:aws:ivs:us-west-2:123456789012:channel/other");
  }

  // --- origins
  // ----------------------------------------------------------------------------------------------

  @Test
  void verify_whenStrictAndNoOrigin_rejectsOriginRequired() {
    String t =
        signer.sign(claims().strictOriginEnforcement(true).allowedOrigin("https://a.com").build());
    assertRejected(t, RejectionReason.ORIGIN_REQUIRED, "no Origin");
  }

  @Test
  void verify_whenNotStrictAndNoOrigin_accepts() {
    String t = signer.sign(claims().allowedOrigin("https://a.com").build());
    assertThat(verifier.verify(t, REQUEST).isValid()).isTrue();
  }

  @Test
  void verify_whenOriginNotAllowed_rejectsOriginNotAllowed() {
    String t =
        signer.sign(claims().allowedOrigin("https://a.com").allowedOrigin("https://b.com").build());
    assertRejected(
        t,
        REQUEST.withOrigin("https://evil.com"),
        RejectionReason.ORIGIN_NOT_ALLOWED,
        "origin https://evil.com is not among");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://www.example.com",
        "https://a.b.example.com",
        "HTTPS://WWW.EXAMPLE.COM",
        "https://www.example.com:443"
      })
  void verify_whenOriginMatchesWildcard_accepts(String origin) {
    String t = signer.sign(claims().allowedOrigin("https://*.example.com").build());
    assertThat(verifier.verify(t, REQUEST.withOrigin(origin)).isValid()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://example.com",
        "http://www.example.com",
        "https://www.example.com:8443",
        "https://wwwexample.com",
        "https://www.example.com.evil.com",
        "null",
        "https://www.example.com/"
      })
  void verify_whenOriginDoesNotMatchWildcard_rejectsOriginNotAllowed(String origin) {
    String t = signer.sign(claims().allowedOrigin("https://*.example.com").build());
    assertRejected(
        t, REQUEST.withOrigin(origin), RejectionReason.ORIGIN_NOT_ALLOWED, "is not among");
  }

  @Test
  void verify_whenAllowedOriginIsStar_acceptsAnyOrigin() {
    String t = signer.sign(claims().allowedOrigin("*").strictOriginEnforcement(true).build());
    assertThat(verifier.verify(t, REQUEST.withOrigin("https://anything.test")).isValid()).isTrue();
    assertThat(verifier.verify(t, REQUEST.withOrigin("null")).isValid()).isTrue();
  }

  @Test
  void verify_whenOriginListHasSpacesAfterCommas_trimsThem() {
    String t =
        token(
            HEADER,
            payload(",\"aws:access-control-allow-origin\":\"https://a.com, https://b.com\""));
    VerificationResult r = verifier.verify(t, REQUEST.withOrigin("https://b.com"));
    assertThat(((VerificationResult.Valid) r).claims().allowedOrigins())
        .containsExactly("https://a.com", "https://b.com");
  }

  // --- single use
  // -------------------------------------------------------------------------------------------

  @Test
  void verify_whenSingleUseTokenReplayed_rejectsReplayed() {
    String t = signer.sign(claims().randomSingleUseUuid().build());
    assertThat(verifier.verify(t, REQUEST).isValid()).isTrue();
    assertRejected(t, RejectionReason.REPLAYED_SINGLE_USE, "already used");
  }

  @Test
  void verify_whenSingleUseTokenFailsOtherCheck_doesNotConsumeIt() {
    String t = signer.sign(claims().randomSingleUseUuid().build());
    assertRejected(
        t,
        VerificationRequest.forChannel("arn:aws:ivs:us-west-2:123456789012:channel/other"),
        RejectionReason.CHANNEL_MISMATCH,
        "not");
    assertThat(verifier.verify(t, REQUEST).isValid()).isTrue();
  }

  @Test
  void verify_singleUseUuidIsForgottenWhenItsTokenExpires() {
    UUID uuid = UUID.randomUUID();
    String first =
        signer.sign(claims().singleUseUuid(uuid).expiresIn(Duration.ofMinutes(1)).build());
    assertThat(verifier.verify(first, REQUEST).isValid()).isTrue();
    clock.advance(Duration.ofMinutes(2));
    // A new token reusing the UUID after the first one expired is accepted once more, then refused.
    String second =
        signer.sign(claims().singleUseUuid(uuid).expiresIn(Duration.ofMinutes(1)).build());
    assertThat(verifier.verify(second, REQUEST).isValid()).isTrue();
    assertRejected(second, RejectionReason.REPLAYED_SINGLE_USE, "already used");
  }

  @Test
  void verify_concurrentReplays_acceptExactlyOne() throws Exception {
    String t = signer.sign(claims().randomSingleUseUuid().build());
    List<java.util.concurrent.Callable<Boolean>> tasks = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      tasks.add(() -> verifier.verify(t, REQUEST).isValid());
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      long accepted = 0;
      for (java.util.concurrent.Future<Boolean> f : pool.invokeAll(tasks)) {
        accepted += f.get() ? 1 : 0;
      }
      assertThat(accepted).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void build_rejectsNonPositiveSizesAndNegativeLeeway() {
    assertThatThrownBy(() -> PlaybackTokenVerifier.builder().singleUseCacheMaximumSize(0).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("singleUseCacheMaximumSize: is 0; it must be positive");
    assertThatThrownBy(() -> PlaybackTokenVerifier.builder().leeway(Duration.ofSeconds(-1)).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("leeway: ")
        .hasMessageContaining("is negative");
    assertThatThrownBy(() -> PlaybackTokenVerifier.builder().maxTokenLength(0).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("maxTokenLength: ");
  }

  @Test
  void build_afterARejectedSetting_leavesTheBuilderUsable() {
    PlaybackTokenVerifier.Builder b =
        PlaybackTokenVerifier.builder()
            .publicKeys(java.util.List.of(TestKeys.p384().getPublic()))
            .maxTokenLength(0);
    assertThatThrownBy(b::build).isInstanceOf(InvalidConfigurationException.class);
    assertThat(b.maxTokenLength(8192).build()).isNotNull();
  }

  @Test
  void verify_whenSingleUseReplayCrossesExpiryDuringTheCheck_rejects() {
    String token = signer.sign(claims().singleUseUuid(UUID.randomUUID()).build());
    Instant exp = NOW.plus(Duration.ofMinutes(5));
    // The first clock read (the expiry check) still sees the token as live; every later read (the
    // replay cache's
    // ticker) is past its expiry, as when the thread was descheduled between the two.
    AtomicInteger reads = new AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean stepAfterFirstRead =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.time.Clock stepping =
        new java.time.Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
          }

          @Override
          public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            boolean later = reads.getAndIncrement() > 0;
            return stepAfterFirstRead.get() && later ? exp.plusSeconds(1) : clock.instant();
          }
        };
    PlaybackTokenVerifier verifier =
        verifierBuilder().publicKeys(List.of(pair.getPublic())).clock(stepping).build();
    clock.advance(Duration.ofMinutes(5).minusSeconds(1));
    assertThat(verifier.verify(token, REQUEST).isValid()).isTrue();

    reads.set(0);
    stepAfterFirstRead.set(true);
    VerificationResult replay = verifier.verify(token, REQUEST);
    assertThat(replay.isValid()).isFalse();
    assertThat(((VerificationResult.Invalid) replay).reason())
        .isIn(RejectionReason.EXPIRED, RejectionReason.REPLAYED_SINGLE_USE);
  }

  @Test
  void verify_whenSingleUseCapacityReached_refusesNewTokensAndStillRefusesReplays() {
    PlaybackTokenVerifier small =
        verifierBuilder()
            .publicKeys(List.of(pair.getPublic()))
            .clock(clock)
            .singleUseCacheMaximumSize(3)
            .build();
    List<String> used = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String t = signer.sign(claims().singleUseUuid(UUID.randomUUID()).build());
      assertThat(small.verify(t, REQUEST).isValid()).isTrue();
      used.add(t);
    }
    String fresh = signer.sign(claims().singleUseUuid(UUID.randomUUID()).build());
    VerificationResult full = small.verify(fresh, REQUEST);
    assertThat(full).isInstanceOf(VerificationResult.Invalid.class);
    assertThat(((VerificationResult.Invalid) full).reason())
        .isEqualTo(RejectionReason.SINGLE_USE_CAPACITY);
    assertThat(((VerificationResult.Invalid) full).message())
        .contains("singleUseCacheMaximumSize 3");
    for (String t : used) {
      VerificationResult replay = small.verify(t, REQUEST);
      assertThat(((VerificationResult.Invalid) replay).reason())
          .isEqualTo(RejectionReason.REPLAYED_SINGLE_USE);
    }
    // A token without a single-use UUID is not affected by the limit.
    assertThat(small.verify(signer.sign(claims().build()), REQUEST).isValid()).isTrue();

    // Every remembered token has expired, and the one-minute retention margin has passed too.
    clock.advance(Duration.ofMinutes(6).plusSeconds(1));
    String later = signer.sign(claims().singleUseUuid(UUID.randomUUID()).build());
    assertThat(small.verify(later, REQUEST).isValid()).isTrue();
    assertThat(((VerificationResult.Invalid) small.verify(later, REQUEST)).reason())
        .isEqualTo(RejectionReason.REPLAYED_SINGLE_USE);
  }

  @Test
  void verify_whenExpBeforeTheEarliestInstant_rejectsInvalidClaim() {
    String t =
        token(HEADER, "{\"aws:channel-arn\":\"" + ARN + "\",\"exp\":" + Long.MIN_VALUE + "}");
    assertRejected(t, RejectionReason.INVALID_CLAIM, "before the earliest representable time");
  }

  @Test
  void verify_whenNbfBeyondTheLatestInstant_rejectsInvalidClaim() {
    String t = token(HEADER, payload(",\"nbf\":" + Long.MAX_VALUE));
    assertRejected(
        t, RejectionReason.INVALID_CLAIM, "not valid before " + Long.MAX_VALUE + " Unix seconds");
  }
}
