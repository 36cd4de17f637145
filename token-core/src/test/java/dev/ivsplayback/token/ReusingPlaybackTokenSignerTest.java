package dev.ivsplayback.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.testing.MutableClock;
import dev.ivsplayback.testing.TestKeys;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ReusingPlaybackTokenSignerTest {
  /** A multiple of 10 s and of 60 s, so bucket arithmetic in the tests is easy to follow. */
  private static final Instant START = Instant.ofEpochSecond(1_900_000_200L);

  private static final String ARN = PlaybackClaimsTest.ARN;
  private static final Duration TTL = Duration.ofMinutes(5);

  private final MutableClock clock = new MutableClock(START);
  private final CountingMinter minter = new CountingMinter(TestKeys.p384());

  /**
   * A real {@link PlaybackTokenSigner} behind a minter that counts signatures and can switch keys.
   * Stands in for the key manager's rotating signer, which keypair-manager tests with the real
   * manager.
   */
  static final class CountingMinter implements PlaybackTokenMinter {
    final AtomicReference<PlaybackTokenSigner> signer = new AtomicReference<>();
    final AtomicInteger signatures = new AtomicInteger();
    final AtomicReference<String> refusal = new AtomicReference<>();

    CountingMinter(KeyPair pair) {
      use(pair);
    }

    void use(KeyPair pair) {
      signer.set(PlaybackTokenSigner.create(pair.getPrivate()));
    }

    @Override
    public SigningKeyHandle signingKeyFor(PlaybackClaims claims) {
      if (refusal.get() != null) {
        throw new IvsPlaybackException(refusal.get());
      }
      return signer.get().keyHandle();
    }

    @Override
    public MintedToken mint(PlaybackClaims claims) {
      PlaybackTokenSigner s = signer.get();
      signatures.incrementAndGet();
      return s.mint(claims);
    }

    @Override
    public SigningEngine engine() {
      return signer.get().engine();
    }

    @Override
    public java.util.Optional<SigningKeyHandle> currentKey() {
      return signer.get().currentKey();
    }

    @Override
    public MintReadiness readiness() {
      return refusal.get() == null
          ? MintReadiness.isReady()
          : MintReadiness.notReady(MintReadiness.Status.NO_ACTIVE_KEY, refusal.get());
    }
  }

  private ReusingPlaybackTokenSigner reusing() {
    return ReusingPlaybackTokenSigner.builder(minter).clock(clock).build();
  }

  private PlaybackClaims claims(UnaryOperator<PlaybackClaims.Builder> more) {
    return more.apply(PlaybackClaims.builder().clock(clock).channelArn(ARN).expiresIn(TTL)).build();
  }

  private PlaybackClaims claims() {
    return claims(b -> b);
  }

  private PlaybackClaims verified(String token, KeyPair pair) {
    VerificationResult r =
        PlaybackTokenVerifier.builder()
            .clock(clock)
            .publicKeys(List.of(pair.getPublic()))
            .build()
            .verify(token, VerificationRequest.forChannel(ARN));
    assertThat(r).isInstanceOf(VerificationResult.Valid.class);
    return ((VerificationResult.Valid) r).claims();
  }

  @Test
  void sign_sameClaimsWithinTheBucket_returnsTheIdenticalTokenWithoutSigning() {
    ReusingPlaybackTokenSigner tokens = reusing();
    String first = tokens.sign(claims());
    clock.advance(Duration.ofSeconds(9));
    String second = tokens.sign(claims());

    assertThat(second).isSameAs(first);
    assertThat(minter.signatures).hasValue(1);
    assertThat(tokens.stats()).isEqualTo(new ReusingPlaybackTokenSigner.Stats(1, 1, 0));
    assertThat(verified(second, TestKeys.p384()).exp()).isEqualTo(START.plus(TTL).getEpochSecond());
  }

  @Test
  void sign_claimsDifferingInAnyClaimButExp_getTheirOwnTokens() {
    ReusingPlaybackTokenSigner tokens = reusing();
    List<UnaryOperator<PlaybackClaims.Builder>> variants =
        List.of(
            b -> b,
            b -> b.channelArn(ARN + "x"),
            b -> b.allowedOrigin("https://a.example.com"),
            b -> b.allowedOrigin("https://a.example.com").strictOriginEnforcement(true),
            b -> b.viewerId("viewer-1"),
            b -> b.viewerId("viewer-2"),
            b -> b.viewerId("viewer-1").viewerSessionVersion(3),
            b -> b.maximumResolution(MaximumResolution.HD),
            b -> b.additionalClaim("plan", "gold"),
            b -> b.additionalClaim("plan", "silver"));
    Set<String> distinct = new HashSet<>();
    for (UnaryOperator<PlaybackClaims.Builder> v : variants) {
      distinct.add(tokens.sign(claims(v)));
    }
    for (UnaryOperator<PlaybackClaims.Builder> v : variants) {
      assertThat(distinct).contains(tokens.sign(claims(v)));
    }

    assertThat(distinct).hasSize(variants.size());
    assertThat(minter.signatures).hasValue(variants.size());
  }

  @Test
  void sign_singleUseToken_isNeverReusedNorCached() {
    ReusingPlaybackTokenSigner tokens = reusing();
    UUID uuid = UUID.randomUUID();
    String a = tokens.sign(claims(b -> b.singleUseUuid(uuid)));
    String b = tokens.sign(claims(c -> c.singleUseUuid(uuid)));
    tokens.sign(claims(c -> c.randomSingleUseUuid()));

    assertThat(minter.signatures).hasValue(3);
    assertThat(tokens.cachedTokens()).isZero();
    assertThat(tokens.stats().notReusable()).isEqualTo(3);
    // Signed as requested: the exp is not bucketed.
    assertThat(verified(a, TestKeys.p384()).singleUseUuid()).contains(uuid);
    assertThat(verified(b, TestKeys.p384()).exp()).isEqualTo(START.plus(TTL).getEpochSecond());
  }

  @Test
  void sign_expIsRoundedDownToTheBucket_andANewBucketSignsANewToken() {
    ReusingPlaybackTokenSigner tokens = reusing(); // 10 s buckets
    long boundary = START.plus(TTL).getEpochSecond(); // a multiple of 10
    clock.advance(Duration.ofSeconds(1));
    String inBucket = tokens.sign(claims()); // asks for boundary + 1
    assertThat(verified(inBucket, TestKeys.p384()).exp()).isEqualTo(boundary);

    clock.advance(Duration.ofSeconds(8)); // asks for boundary + 9: same bucket
    assertThat(tokens.sign(claims())).isSameAs(inBucket);

    clock.advance(
        Duration.ofSeconds(
            1)); // asks for boundary + 10: still servable, X <= E and enough life left
    assertThat(tokens.sign(claims())).isSameAs(inBucket);
    assertThat(minter.signatures).hasValue(1);

    // A request for a shorter life than the cached token has never gets the longer token.
    String shorter = tokens.sign(claims(b -> b.expiresAt(Instant.ofEpochSecond(boundary - 1))));
    assertThat(verified(shorter, TestKeys.p384()).exp()).isEqualTo(boundary - 10);
    assertThat(minter.signatures).hasValue(2);
  }

  @Test
  void sign_reusesOnlyWhileTheMinimumShareOfTheRequestedLifetimeRemains() {
    ReusingPlaybackTokenSigner tokens = reusing(); // share 0.5 of 300 s = 150 s
    String first = tokens.sign(claims()); // exp START + 300
    clock.advance(Duration.ofSeconds(150)); // 150 s left of a requested 300 s: exactly the share
    assertThat(tokens.sign(claims())).isSameAs(first);

    clock.advance(Duration.ofMillis(1)); // 149.999 s left < 150 s
    String next = tokens.sign(claims());
    assertThat(next).isNotEqualTo(first);
    assertThat(verified(next, TestKeys.p384()).exp())
        .isEqualTo(START.plusSeconds(450).getEpochSecond());
    assertThat(minter.signatures).hasValue(2);
  }

  @Test
  void sign_whenTheBucketIsCoarseForTheLifetime_keepsTheRequestedExp() {
    ReusingPlaybackTokenSigner tokens =
        ReusingPlaybackTokenSigner.builder(minter)
            .clock(clock)
            .expiryBucket(Duration.ofMinutes(1))
            .build();
    clock.advance(Duration.ofSeconds(50));
    // Asks for START + 110; rounding down gives START + 60, only 10 s of the requested 60 s: keep
    // START + 110.
    String token = tokens.sign(claims(b -> b.expiresIn(Duration.ofSeconds(60))));
    assertThat(verified(token, TestKeys.p384()).exp())
        .isEqualTo(START.plusSeconds(110).getEpochSecond());
    // With 5-minute tokens the same bucket rounds down: START + 300 leaves 250 s of the requested
    // 300 s.
    String longer = tokens.sign(claims(b -> b.viewerId("v").expiresIn(TTL)));
    assertThat(verified(longer, TestKeys.p384()).exp())
        .isEqualTo(START.plusSeconds(300).getEpochSecond());
  }

  @Test
  void sign_alreadyExpiredClaims_areSignedAsRequestedAndNotCached() {
    ReusingPlaybackTokenSigner tokens = reusing();
    PlaybackClaims claims = claims();
    clock.advance(TTL.plusSeconds(1));
    tokens.sign(claims);
    tokens.sign(claims);

    assertThat(minter.signatures).hasValue(2);
    assertThat(tokens.cachedTokens()).isZero();
  }

  @Test
  void sign_afterTheKeyChanges_neverReturnsATokenOfTheOldKey() {
    ReusingPlaybackTokenSigner tokens = reusing();
    String old = tokens.sign(claims());
    minter.use(TestKeys.otherP384());

    String fresh = tokens.sign(claims());
    assertThat(fresh).isNotEqualTo(old);
    verified(fresh, TestKeys.otherP384());
    assertThat(tokens.sign(claims())).isSameAs(fresh);
    assertThat(minter.signatures).hasValue(2);
  }

  @Test
  void sign_whenTheMinterRefusesTheClaims_aCachedTokenIsNotServedEither() {
    ReusingPlaybackTokenSigner tokens = reusing();
    tokens.sign(claims());
    minter.refusal.set("no key is usable");

    assertThatThrownBy(() -> tokens.sign(claims()))
        .isInstanceOf(IvsPlaybackException.class)
        .hasMessageContaining("no key is usable");
    assertThat(minter.signatures).hasValue(1);
  }

  @Test
  void cachedTokens_areDroppedAtTheirExp() {
    ReusingPlaybackTokenSigner tokens = reusing();
    tokens.sign(claims());
    tokens.sign(claims(b -> b.viewerId("v")));
    assertThat(tokens.cachedTokens()).isEqualTo(2);

    clock.advance(TTL);
    assertThat(tokens.cachedTokens()).isZero();
  }

  @Test
  void cache_isBoundedByMaximumSize() {
    ReusingPlaybackTokenSigner tokens =
        ReusingPlaybackTokenSigner.builder(minter).clock(clock).maximumSize(16).build();
    for (int i = 0; i < 500; i++) {
      int viewer = i;
      tokens.sign(claims(b -> b.viewerId("viewer-" + viewer)));
    }
    assertThat(tokens.cachedTokens()).isLessThanOrEqualTo(16);
    assertThat(minter.signatures).hasValue(500);
    // Whatever was kept is served again; whatever was evicted is signed again, and still correct.
    String again = tokens.sign(claims(b -> b.viewerId("viewer-3")));
    assertThat(verified(again, TestKeys.p384()).viewerId()).contains("viewer-3");
  }

  /** A worker's body; {@code thread} is its index. */
  @FunctionalInterface
  private interface ThreadBody {
    void run(int thread) throws Exception;
  }

  /** Runs the body on {@code n} threads, waits for all, and fails if any threw. */
  private static void inThreads(int n, ThreadBody body) throws InterruptedException {
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      int thread = t;
      Thread w =
          new Thread(
              () -> {
                try {
                  body.run(thread);
                } catch (Throwable e) {
                  errors.add(e);
                }
              });
      workers.add(w);
      w.start();
    }
    for (Thread w : workers) {
      w.join();
    }
    assertThat(errors).isEmpty();
  }

  @Test
  void sign_eightThreadsAtFirstUse_signOnce() throws Exception {
    // The first sign sees no key yet: threads racing there must not empty each other's cache.
    for (int trial = 0; trial < 300; trial++) {
      minter.signatures.set(0);
      ReusingPlaybackTokenSigner tokens = reusing();
      int threads = 8;
      CyclicBarrier start = new CyclicBarrier(threads);
      inThreads(
          threads,
          thread -> {
            start.await();
            for (int i = 0; i < 20; i++) {
              String viewer = "viewer-" + (i % 2);
              tokens.sign(claims(b -> b.viewerId(viewer)));
            }
          });
      assertThat(minter.signatures).as("trial %d", trial).hasValue(2);
    }
  }

  @Test
  void sign_eightThreadsHittingAndMissing_signOncePerClaimSetAndRound() throws Exception {
    ReusingPlaybackTokenSigner tokens = reusing();
    int threads = 8;
    int claimSets = 4;
    int rounds = 5;
    int perThreadPerRound = 200;
    CyclicBarrier barrier =
        new CyclicBarrier(threads, () -> clock.advance(Duration.ofSeconds(200)));
    Map<String, Set<String>> tokensByRoundAndSet = new ConcurrentHashMap<>();
    inThreads(
        threads,
        thread -> {
          for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < perThreadPerRound; i++) {
              int set = (i + thread) % claimSets;
              String token = tokens.sign(claims(b -> b.viewerId("viewer-" + set)));
              tokensByRoundAndSet
                  .computeIfAbsent(r + "/" + set, k -> ConcurrentHashMap.newKeySet())
                  .add(token);
            }
            // The last thread to arrive moves the clock 200 s: every token is stale.
            barrier.await();
          }
        });

    assertThat(minter.signatures).hasValue(rounds * claimSets);
    assertThat(tokensByRoundAndSet).hasSize(rounds * claimSets);
    assertThat(tokensByRoundAndSet.values()).allSatisfy(s -> assertThat(s).hasSize(1));
    ReusingPlaybackTokenSigner.Stats stats = tokens.stats();
    assertThat(stats.requests()).isEqualTo((long) threads * rounds * perThreadPerRound);
    assertThat(stats.signed()).isEqualTo(rounds * claimSets);
    // Each token carries the viewer it was cached for.
    for (Map.Entry<String, Set<String>> e : tokensByRoundAndSet.entrySet()) {
      if (e.getKey().startsWith((rounds - 1) + "/")) {
        String set = e.getKey().substring(e.getKey().indexOf('/') + 1);
        assertThat(verified(e.getValue().iterator().next(), TestKeys.p384()).viewerId())
            .contains("viewer-" + set);
      }
    }
  }

  @Test
  void build_whenExpiryBucketNotWholeSeconds_rejectsNamingTheSetting() {
    assertThatThrownBy(
            () ->
                ReusingPlaybackTokenSigner.builder(minter)
                    .expiryBucket(Duration.ofMillis(1500))
                    .build())
        .isInstanceOfSatisfying(
            InvalidConfigurationException.class,
            e -> assertThat(e.setting()).isEqualTo("expiryBucket"))
        .hasMessageContaining("whole number of seconds");
    assertThatThrownBy(
            () -> ReusingPlaybackTokenSigner.builder(minter).expiryBucket(Duration.ZERO).build())
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void build_whenShareOutsideZeroToOne_rejectsNamingTheRule() {
    for (double share : new double[] {0, 1.5, Double.NaN}) {
      assertThatThrownBy(
              () -> ReusingPlaybackTokenSigner.builder(minter).minimumRemainingShare(share).build())
          .isInstanceOf(InvalidConfigurationException.class)
          .hasMessageContaining("(0, 1]");
    }
  }

  @Test
  void build_whenMaximumSizeNotPositive_rejects() {
    assertThatThrownBy(() -> ReusingPlaybackTokenSigner.builder(minter).maximumSize(0).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("not positive");
  }

  @Test
  void build_afterARejectedSetting_leavesTheBuilderUsable() {
    ReusingPlaybackTokenSigner.Builder b =
        ReusingPlaybackTokenSigner.builder(minter).clock(clock).maximumSize(0);
    assertThatThrownBy(b::build).isInstanceOf(InvalidConfigurationException.class);
    assertThat(b.maximumSize(10).build().sign(claims())).isNotEmpty();
  }

  @Test
  void mint_whenTheMintersKeyChanges_dropsEveryCachedToken() {
    ReusingPlaybackTokenSigner tokens = reusing();
    tokens.sign(claims());
    tokens.sign(claims(b -> b.viewerId("v-1")));
    assertThat(tokens.cachedTokens()).isEqualTo(2);

    minter.use(TestKeys.otherP384());
    tokens.sign(claims());

    assertThat(tokens.cachedTokens()).as("only the new key's token").isEqualTo(1);
  }

  @Test
  void minterQuestions_areAnsweredByTheMinterBehind() {
    ReusingPlaybackTokenSigner tokens = reusing();
    assertThat(tokens.engine()).isEqualTo(minter.engine());
    assertThat(tokens.currentKey()).isEqualTo(minter.currentKey());
    minter.refusal.set("no key yet");
    assertThat(tokens.readiness().ready()).isFalse();
    assertThat(tokens.readiness().detail()).isEqualTo("no key yet");
  }
}
