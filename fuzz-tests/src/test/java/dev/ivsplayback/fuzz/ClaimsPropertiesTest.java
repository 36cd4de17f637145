package dev.ivsplayback.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ivsplayback.token.MaximumResolution;
import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackTokenSigner;
import dev.ivsplayback.token.PlaybackTokenVerifier;
import dev.ivsplayback.token.SigningEngine;
import dev.ivsplayback.token.VerificationRequest;
import dev.ivsplayback.token.VerificationResult;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of claims → token → verifier, on generated valid claims. */
class ClaimsPropertiesTest {
  private static final PlaybackTokenSigner SIGNER =
      PlaybackTokenSigner.builder()
          .privateKey(Fixtures.KEY.getPrivate())
          .engine(SigningEngine.BOUNCY_CASTLE)
          .build();
  private static final JsonMapper JACKSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(DeserializationFeature.USE_LONG_FOR_INTS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  @Property(tries = 300)
  void signThenVerify_givesBackTheSameClaims(@ForAll("validClaims") PlaybackClaims claims) {
    VerificationResult result = verifier().verify(SIGNER.sign(claims), requestFor(claims));
    assertThat(result).isInstanceOf(VerificationResult.Valid.class);
    assertThat(((VerificationResult.Valid) result).claims()).isEqualTo(claims);
    assertThat(((VerificationResult.Valid) result).key()).isEqualTo(Fixtures.KEY.getPublic());
  }

  @Property(tries = 300)
  void anySingleBitChange_isRejected(
      @ForAll("validClaims") PlaybackClaims claims,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int position) {
    byte[] token = SIGNER.sign(claims).getBytes(StandardCharsets.ISO_8859_1);
    int bit = position % (token.length * 8);
    token[bit / 8] ^= (byte) (1 << (bit % 8));
    String tampered = new String(token, StandardCharsets.ISO_8859_1);
    VerificationResult result = verifier().verify(tampered, requestFor(claims));
    assertThat(result.isValid()).as("token with bit %d flipped verified", bit).isFalse();
  }

  @Property(tries = 300)
  void payloadJson_parsesWithJacksonIntoExactlyTheValuesPutIn(
      @ForAll("validClaims") PlaybackClaims claims) throws Exception {
    String payload = SIGNER.sign(claims).split("\\.")[1];
    Map<String, Object> parsed =
        JACKSON.readValue(
            Base64.getUrlDecoder().decode(payload),
            JACKSON
                .getTypeFactory()
                .constructMapType(LinkedHashMap.class, String.class, Object.class));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put(PlaybackClaims.CHANNEL_ARN, claims.channelArn());
    if (!claims.allowedOrigins().isEmpty()) {
      expected.put(
          PlaybackClaims.ACCESS_CONTROL_ALLOW_ORIGIN, String.join(",", claims.allowedOrigins()));
    }
    if (claims.strictOriginEnforcement()) {
      expected.put(PlaybackClaims.STRICT_ORIGIN_ENFORCEMENT, true);
    }
    claims
        .singleUseUuid()
        .ifPresent(u -> expected.put(PlaybackClaims.SINGLE_USE_UUID, u.toString()));
    claims.viewerId().ifPresent(v -> expected.put(PlaybackClaims.VIEWER_ID, v));
    claims
        .viewerSessionVersion()
        .ifPresent(v -> expected.put(PlaybackClaims.VIEWER_SESSION_VERSION, v));
    claims
        .maximumResolution()
        .ifPresent(r -> expected.put(PlaybackClaims.MAXIMUM_RESOLUTION, r.name()));
    expected.put(PlaybackClaims.EXP, claims.exp());
    expected.putAll(claims.additionalClaims());
    assertThat(parsed).containsExactlyInAnyOrderEntriesOf(expected);
  }

  private static PlaybackTokenVerifier verifier() {
    // fresh per call: a single-use token must not be refused as replayed by an earlier try
    return PlaybackTokenVerifier.builder()
        .publicKeys(List.of(Fixtures.KEY.getPublic()))
        .clock(Fixtures.CLOCK)
        .build();
  }

  private static VerificationRequest requestFor(PlaybackClaims claims) {
    return VerificationRequest.forChannel(claims.channelArn())
        .withOrigin(
            claims.allowedOrigins().isEmpty()
                ? "https://viewer.example"
                : ClaimsBuilderFuzzTest.originMatching(claims.allowedOrigins().get(0)));
  }

  /** The optional IVS claims of one generated token. */
  record Binding(
      java.util.Optional<UUID> uuid,
      java.util.Optional<String> viewer,
      java.util.Optional<Long> version,
      java.util.Optional<MaximumResolution> resolution) {}

  @Provide
  Arbitrary<PlaybackClaims> validClaims() {
    Arbitrary<String> arn =
        Combinators.combine(
                Arbitraries.of("aws", "aws-cn", "aws-us-gov"),
                Arbitraries.of("us-west-2", "eu-west-1", "ap-northeast-1", "us-east-1"),
                Arbitraries.strings().numeric().ofLength(12),
                Arbitraries.strings()
                    .withCharRange('a', 'z')
                    .withCharRange('A', 'Z')
                    .withCharRange('0', '9')
                    .withChars('-')
                    .ofMinLength(1)
                    .ofMaxLength(40))
            .as((p, r, acct, id) -> "arn:" + p + ":ivs:" + r + ":" + acct + ":channel/" + id);
    Arbitrary<String> label =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('0', '9')
            .ofMinLength(1)
            .ofMaxLength(12);
    Arbitrary<String> origin =
        Combinators.combine(
                Arbitraries.of("https", "http", "app"),
                Arbitraries.of("", "*."),
                label.list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.integers().between(0, 65535))
            .as(
                (scheme, wildcard, labels, port) ->
                    scheme
                        + "://"
                        + wildcard
                        + String.join(".", labels)
                        + (port == 0 ? "" : ":" + port));
    Arbitrary<List<String>> origins =
        Arbitraries.oneOf(
            origin.list().ofMaxSize(5).uniqueElements(String::toLowerCase),
            Arbitraries.just(List.of("*")));
    // Any BMP text without surrogates, plus supplementary characters as proper pairs.
    Arbitrary<String> text =
        Arbitraries.strings()
            .withCharRange('\u0000', '\ud7ff')
            .withCharRange('\ue000', '\uffff')
            .withChars('"', '\\', '\n', '\u2028')
            .ofMaxLength(20)
            .map(s -> s.isEmpty() ? s : s + "\ud83d\ude00");
    Arbitrary<String> viewerId =
        text.filter(s -> !s.isEmpty() && s.codePointCount(0, s.length()) <= 40);
    Arbitrary<Object> claimValue =
        Arbitraries.oneOf(
            text.map(s -> (Object) s),
            Arbitraries.longs().map(l -> (Object) l),
            Arbitraries.of(true, false).map(b -> (Object) b),
            Arbitraries.just(null));
    Arbitrary<Map<String, Object>> additional =
        Arbitraries.maps(label.map(s -> "x-" + s), claimValue).ofMaxSize(4);
    Arbitrary<UUID> uuids =
        Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new);
    Arbitrary<Binding> binding =
        Combinators.combine(
                uuids.optional(0.3),
                viewerId.optional(0.5),
                Arbitraries.longs().optional(0.5),
                Arbitraries.of(MaximumResolution.class).optional(0.5))
            .as(Binding::new);
    return Combinators.combine(
            arn,
            origins,
            Arbitraries.of(true, false),
            binding,
            Arbitraries.longs().between(1, 600),
            additional)
        .as(
            (a, o, strict, bind, lifetime, extra) -> {
              PlaybackClaims.Builder b =
                  PlaybackClaims.builder()
                      .clock(Fixtures.CLOCK)
                      .channelArn(a)
                      .allowedOrigins(o)
                      .strictOriginEnforcement(strict);
              bind.uuid().ifPresent(b::singleUseUuid);
              bind.viewer().ifPresent(b::viewerId);
              bind.version().ifPresent(b::viewerSessionVersion);
              bind.resolution().ifPresent(b::maximumResolution);
              boolean bound = bind.uuid().isPresent() || bind.viewer().isPresent();
              b.expiresAt(Fixtures.NOW.plusSeconds(bound ? lifetime : lifetime * 1_000_000L));
              extra.forEach(b::additionalClaim);
              return b.build();
            });
  }
}
