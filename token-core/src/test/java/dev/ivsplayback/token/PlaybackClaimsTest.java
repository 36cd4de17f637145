package dev.ivsplayback.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlaybackClaimsTest {
  static final Instant NOW = Instant.parse("2026-11-26T05:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String ARN = "arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh";

  private static PlaybackClaims.Builder valid() {
    return PlaybackClaims.builder().clock(CLOCK).channelArn(ARN).expiresIn(Duration.ofHours(1));
  }

  private static void assertRejected(
      PlaybackClaims.Builder b, String claim, String... messageParts) {
    assertThatThrownBy(b::build)
        .isInstanceOf(InvalidClaimException.class)
        .satisfies(e -> assertThat(((InvalidClaimException) e).claim()).isEqualTo(claim))
        .hasMessageContainingAll(messageParts);
  }

  @Test
  void build_withEveryClaim_exposesThem() {
    UUID uuid = UUID.fromString("3f1e2d3c-4b5a-4697-8877-665544332211");
    PlaybackClaims c =
        PlaybackClaims.builder()
            .clock(CLOCK)
            .channelArn(ARN)
            .allowedOrigin("https://a.example.com")
            .allowedOrigin("https://*.example.org:8443")
            .strictOriginEnforcement(true)
            .singleUseUuid(uuid)
            .viewerId("viewer-1")
            .viewerSessionVersion(Long.MAX_VALUE)
            .maximumResolution(MaximumResolution.FULL_HD)
            .expiresIn(Duration.ofMinutes(10))
            .additionalClaim("tenant", "t1")
            .build();
    assertThat(c.channelArn()).isEqualTo(ARN);
    assertThat(c.allowedOrigins())
        .containsExactly("https://a.example.com", "https://*.example.org:8443");
    assertThat(c.strictOriginEnforcement()).isTrue();
    assertThat(c.singleUseUuid()).contains(uuid);
    assertThat(c.viewerId()).contains("viewer-1");
    assertThat(c.viewerSessionVersion()).hasValue(Long.MAX_VALUE);
    assertThat(c.maximumResolution()).contains(MaximumResolution.FULL_HD);
    assertThat(c.exp()).isEqualTo(NOW.getEpochSecond() + 600);
    assertThat(c.expiresAt()).isEqualTo(NOW.plusSeconds(600));
    assertThat(c.additionalClaims()).containsExactly(java.util.Map.entry("tenant", "t1"));
  }

  @Test
  void build_withOnlyRequiredClaims_leavesOptionalsEmpty() {
    PlaybackClaims c = valid().build();
    assertThat(c.allowedOrigins()).isEmpty();
    assertThat(c.strictOriginEnforcement()).isFalse();
    assertThat(c.singleUseUuid()).isEmpty();
    assertThat(c.viewerId()).isEmpty();
    assertThat(c.viewerSessionVersion()).isEmpty();
    assertThat(c.maximumResolution()).isEmpty();
    assertThat(c.additionalClaims()).isEmpty();
  }

  @Test
  void toBuilder_roundTripsToEqualClaims() {
    PlaybackClaims c =
        valid()
            .viewerId("v")
            .expiresIn(Duration.ofMinutes(5))
            .allowedOrigin("*")
            .randomSingleUseUuid()
            .additionalClaim("n", 3)
            .build();
    PlaybackClaims copy = c.toBuilder().clock(CLOCK).build();
    assertThat(copy).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(c.toBuilder().clock(CLOCK).viewerId("w").build()).isNotEqualTo(c);
  }

  @Test
  void randomSingleUseUuid_givesDistinctVersion4Uuids() {
    UUID a =
        valid()
            .expiresIn(Duration.ofMinutes(1))
            .randomSingleUseUuid()
            .build()
            .singleUseUuid()
            .orElseThrow();
    UUID b =
        valid()
            .expiresIn(Duration.ofMinutes(1))
            .randomSingleUseUuid()
            .build()
            .singleUseUuid()
            .orElseThrow();
    assertThat(a).isNotEqualTo(b);
    assertThat(a.version()).isEqualTo(4);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh",
        "arn:aws-cn:ivs:cn-north-1:123456789012:channel/abc-123",
        "arn:aws-us-gov:ivs:us-gov-west-1:123456789012:channel/x",
        "arn:aws-iso-b:ivs:us-isob-east-1:123456789012:channel/x"
      })
  void build_whenChannelArnInAnyPartition_accepts(String arn) {
    assertThat(valid().channelArn(arn).build().channelArn()).isEqualTo(arn);
  }

  @Test
  void build_whenChannelArnMissing_rejects() {
    assertRejected(valid().channelArn(null), "aws:channel-arn", "missing", "required");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "arn:aws:ivs:us-west-2:123456789012:stream-key/abc",
        "arn:aws:s3:::bucket",
        "arn:aws:ivs:us-west-2:123456789012:channel/",
        "arn:aws:ivs:us-west-2:12345:channel/a b",
        "ARN:aws:ivs:us-west-2:123456789012:channel/abc",
        "arn:aws:ivs:us-west-2:123456789012:channel/abc\n"
      })
  void build_whenChannelArnMalformed_rejects(String arn) {
    assertRejected(valid().channelArn(arn), "aws:channel-arn", "is not an IVS channel ARN");
  }

  @Test
  void build_whenChannelArnLongerThan128_rejects() {
    String arn = "arn:aws:ivs:us-west-2:123456789012:channel/" + "a".repeat(100);
    assertRejected(valid().channelArn(arn), "aws:channel-arn", "at most 128");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://example.com",
        "https://*.example.com",
        "http://localhost:8080",
        "https://a-b.c.example.co.uk:443",
        "*",
        "http://127.0.0.1:3000",
        "capacitor://localhost"
      })
  void build_whenOriginWellFormed_accepts(String origin) {
    assertThat(valid().allowedOrigin(origin).build().allowedOrigins()).containsExactly(origin);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://example.com/",
        "https://example.com/path",
        "example.com",
        "https://",
        "https://exa mple.com",
        "https://example.com,https://b.com",
        "https://*example.com",
        "https://a.*.example.com",
        "*.example.com",
        "https://example.com:0",
        "https://example.com:99999",
        "https://-bad.example.com",
        " https://example.com"
      })
  void build_whenOriginMalformed_rejects(String origin) {
    assertRejected(valid().allowedOrigin(origin), "aws:access-control-allow-origin", "entry");
  }

  @Test
  void build_whenStarCombinedWithOtherOrigins_rejects() {
    assertRejected(
        valid().allowedOrigins(List.of("*", "https://a.com")),
        "aws:access-control-allow-origin",
        "must stand alone");
  }

  @Test
  void build_whenOriginListedTwice_rejects() {
    assertRejected(
        valid().allowedOrigins(List.of("https://a.com", "https://A.com")),
        "aws:access-control-allow-origin",
        "twice");
  }

  @Test
  void build_whenStrictWithSixOrigins_rejects() {
    PlaybackClaims.Builder b = valid().strictOriginEnforcement(true);
    for (int i = 0; i < 6; i++) {
      b.allowedOrigin("https://o" + i + ".example.com");
    }
    assertRejected(b, "aws:access-control-allow-origin", "has 6 origins", "at most 5");
  }

  @Test
  void build_whenStrictWithFiveOrigins_accepts() {
    PlaybackClaims.Builder b = valid().strictOriginEnforcement(true);
    for (int i = 0; i < 5; i++) {
      b.allowedOrigin("https://o" + i + ".example.com");
    }
    assertThat(b.build().allowedOrigins()).hasSize(5);
  }

  @Test
  void build_whenNotStrictWithManyOrigins_accepts() {
    PlaybackClaims.Builder b = valid();
    for (int i = 0; i < 20; i++) {
      b.allowedOrigin("https://o" + i + ".example.com");
    }
    assertThat(b.build().allowedOrigins()).hasSize(20);
  }

  @Test
  void build_whenViewerIdEmpty_rejects() {
    assertRejected(
        valid().expiresIn(Duration.ofMinutes(5)).viewerId(""),
        "aws:viewer-id",
        "0 characters",
        "1..40");
  }

  @Test
  void build_whenViewerIdTooLong_rejects() {
    assertRejected(
        valid().expiresIn(Duration.ofMinutes(5)).viewerId("x".repeat(41)),
        "aws:viewer-id",
        "41 characters",
        "1..40");
  }

  @Test
  void build_whenViewerIdFortyCharacters_accepts() {
    assertThat(valid().expiresIn(Duration.ofMinutes(5)).viewerId("x".repeat(40)).build().viewerId())
        .contains("x".repeat(40));
  }

  @Test
  void build_whenViewerIdFortyNonBmpCharacters_countsCodePoints() {
    String forty = "\uD83D\uDE00".repeat(40);
    assertThat(valid().expiresIn(Duration.ofMinutes(5)).viewerId(forty).build().viewerId())
        .contains(forty);
  }

  @Test
  void build_whenViewerIdHasUnpairedSurrogate_rejects() {
    assertRejected(
        valid().expiresIn(Duration.ofMinutes(5)).viewerId("a\uD800b"), "aws:viewer-id", "unpaired");
  }

  @Test
  void build_whenExpMissing_rejects() {
    assertRejected(PlaybackClaims.builder().clock(CLOCK).channelArn(ARN), "exp", "missing");
  }

  @Test
  void build_whenExpInPast_rejects() {
    assertRejected(valid().expiresAt(NOW.minusSeconds(1)), "exp", "not in the future");
  }

  @Test
  void build_whenExpIsNow_rejects() {
    assertRejected(valid().expiresAt(NOW), "exp", "not in the future");
  }

  @Test
  void build_whenExpiresInNotPositive_rejects() {
    assertRejected(valid().expiresIn(Duration.ZERO), "exp", "not positive");
    assertRejected(valid().expiresIn(Duration.ofSeconds(-5)), "exp", "not positive");
  }

  @Test
  void build_whenExpIsMilliseconds_rejectsSayingSo() {
    long millis = NOW.toEpochMilli() + 60_000;
    assertRejected(
        valid().expiresAt(Instant.ofEpochSecond(millis)),
        "exp",
        "looks like milliseconds",
        "seconds");
  }

  @Test
  void build_whenExpHasFraction_dropsIt() {
    PlaybackClaims c = valid().expiresAt(NOW.plusSeconds(30).plusMillis(999)).build();
    assertThat(c.exp()).isEqualTo(NOW.getEpochSecond() + 30);
  }

  @Test
  void build_whenViewerIdAndExpBeyondTenMinutes_rejects() {
    assertRejected(
        valid().viewerId("v").expiresIn(Duration.ofSeconds(601)),
        "exp",
        "aws:viewer-id",
        "at most 600 s");
  }

  @Test
  void build_whenSingleUseUuidAndExpBeyondTenMinutes_rejects() {
    assertRejected(
        valid().randomSingleUseUuid().expiresIn(Duration.ofMinutes(11)),
        "exp",
        "aws:single-use-uuid",
        "10 minutes");
  }

  @Test
  void build_whenViewerIdAndExpExactlyTenMinutes_accepts() {
    assertThat(valid().viewerId("v").expiresIn(Duration.ofMinutes(10)).build().exp())
        .isEqualTo(NOW.getEpochSecond() + 600);
  }

  @Test
  void build_withoutViewerIdOrUuid_allowsLongLifetime() {
    assertThat(valid().expiresIn(Duration.ofDays(30)).build().exp())
        .isEqualTo(NOW.plus(Duration.ofDays(30)).getEpochSecond());
  }

  @Test
  void expiresIn_usesTheBuilderClockAtBuild() {
    MutableClock clock = new MutableClock(NOW);
    PlaybackClaims.Builder b =
        PlaybackClaims.builder().clock(clock).channelArn(ARN).expiresIn(Duration.ofMinutes(1));
    clock.advance(Duration.ofHours(2));
    assertThat(b.build().exp())
        .isEqualTo(NOW.plus(Duration.ofHours(2)).plusSeconds(60).getEpochSecond());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "aws:channel-arn",
        "aws:anything",
        "AWS:Viewer-Id",
        "exp",
        "iat",
        "nbf",
        "iss",
        "sub",
        "aud",
        "jti"
      })
  void additionalClaim_whenNameReserved_rejects(String name) {
    assertThatThrownBy(() -> valid().additionalClaim(name, "x"))
        .isInstanceOf(InvalidClaimException.class)
        .hasMessageContaining("reserved")
        .satisfies(e -> assertThat(((InvalidClaimException) e).claim()).isEqualTo(name));
  }

  @Test
  void additionalClaim_whenNameEmpty_rejects() {
    assertThatThrownBy(() -> valid().additionalClaim("", "x"))
        .isInstanceOf(InvalidClaimException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void additionalClaim_whenValueTypeUnsupported_rejects() {
    assertThatThrownBy(() -> valid().additionalClaim("d", 1.5))
        .isInstanceOf(InvalidClaimException.class)
        .hasMessageContaining("java.lang.Double")
        .hasMessageContaining("only String, Boolean");
    assertThatThrownBy(() -> valid().additionalClaim("l", List.of()))
        .isInstanceOf(InvalidClaimException.class);
  }

  @Test
  void additionalClaim_whenInteger_storesLong() {
    PlaybackClaims c =
        valid()
            .additionalClaim("i", 7)
            .additionalClaim("b", true)
            .additionalClaim("z", null)
            .build();
    assertThat(c.additionalClaims())
        .containsEntry("i", 7L)
        .containsEntry("b", true)
        .containsEntry("z", null);
  }

  @Test
  void accessors_returnUnmodifiableCollections() {
    PlaybackClaims c = valid().allowedOrigin("*").additionalClaim("a", "b").build();
    assertThatThrownBy(() -> c.allowedOrigins().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.additionalClaims().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void build_whenExpiresInOverflowsTheInstantRange_rejectsExp() {
    assertRejected(
        valid().expiresIn(Duration.ofSeconds(Long.MAX_VALUE)),
        "exp",
        "expiresIn",
        "beyond the latest representable time");
  }
}
