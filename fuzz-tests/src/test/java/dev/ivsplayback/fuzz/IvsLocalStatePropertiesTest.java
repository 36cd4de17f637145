package dev.ivsplayback.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivsplayback.local.IvsLocal;
import dev.ivsplayback.testing.LocalSdk;
import dev.ivsplayback.token.PlaybackKeys;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.services.ivs.IvsClient;
import software.amazon.awssdk.services.ivs.model.ChannelSummary;
import software.amazon.awssdk.services.ivs.model.IvsException;
import software.amazon.awssdk.services.ivs.model.PlaybackKeyPairSummary;

/**
 * ivs-local's invariants hold after any random sequence of API calls made through the real AWS SDK:
 * at most 3 playback key pairs, at most 1 stream key per channel, no channel pointing at a missing
 * recording configuration or playback restriction policy, at most 50 tags per resource, and no call
 * answered with a 5xx.
 */
class IvsLocalStatePropertiesTest {
  private static final List<KeyPair> KEYS =
      List.of(
          Fixtures.p384(11),
          Fixtures.p384(12),
          Fixtures.p384(13),
          Fixtures.p384(14),
          Fixtures.p384(15));
  private static IvsLocal ivs;
  private static IvsClient sdk;

  /** One step: which call, and numbers that pick its arguments. */
  record Step(int kind, int a, int b, int n) {}

  @BeforeContainer
  static void start() {
    ivs = IvsLocal.builder().build().start();
    sdk = LocalSdk.client(ivs.endpoint(), ivs.region());
  }

  @AfterContainer
  static void stop() {
    sdk.close();
    ivs.close();
  }

  @Property(tries = 40)
  void invariantsHold_afterAnySequenceOfCalls(@ForAll("steps") List<Step> steps) {
    ivs.control().reset();
    List<String> channels = new ArrayList<>();
    List<String> recordings = new ArrayList<>();
    List<String> policies = new ArrayList<>();
    List<String> streamKeys = new ArrayList<>();
    List<String> keyPairs = new ArrayList<>();
    for (Step s : steps) {
      try {
        apply(s, channels, recordings, policies, streamKeys, keyPairs);
      } catch (IvsException e) {
        assertThat(e.statusCode()).as("%s: %s", s, e.getMessage()).isBetween(400, 499);
      }
      assertInvariants();
    }
  }

  private static void apply(
      Step s,
      List<String> channels,
      List<String> recordings,
      List<String> policies,
      List<String> streamKeys,
      List<String> keyPairs) {
    switch (s.kind()) {
      case 0 -> {
        var r =
            sdk.createChannel(
                b ->
                    b.name("c" + s.n())
                        .recordingConfigurationArn(s.a() % 3 == 0 ? pick(recordings, s.b()) : null)
                        .playbackRestrictionPolicyArn(
                            s.a() % 2 == 0 ? pick(policies, s.b()) : null));
        channels.add(r.channel().arn());
        streamKeys.add(r.streamKey().arn());
      }
      case 1 -> sdk.deleteChannel(b -> b.arn(pick(channels, s.a())));
      case 2 ->
          sdk.updateChannel(
              b ->
                  b.arn(pick(channels, s.a()))
                      .recordingConfigurationArn(s.n() % 2 == 0 ? "" : pick(recordings, s.b()))
                      .playbackRestrictionPolicyArn(s.n() % 3 == 0 ? "" : pick(policies, s.b())));
      case 3 ->
          streamKeys.add(
              sdk.createStreamKey(b -> b.channelArn(pick(channels, s.a()))).streamKey().arn());
      case 4 -> sdk.deleteStreamKey(b -> b.arn(pick(streamKeys, s.a())));
      case 5 ->
          keyPairs.add(
              sdk.importPlaybackKeyPair(
                      b ->
                          b.publicKeyMaterial(
                              PlaybackKeys.toPublicKeyPem(
                                  KEYS.get(s.a() % KEYS.size()).getPublic())))
                  .keyPair()
                  .arn());
      case 6 -> sdk.deletePlaybackKeyPair(b -> b.arn(pick(keyPairs, s.a())));
      case 7 ->
          recordings.add(
              sdk.createRecordingConfiguration(
                      b ->
                          b.destinationConfiguration(
                              d -> d.s3(x -> x.bucketName("bucket-" + s.n()))))
                  .recordingConfiguration()
                  .arn());
      case 8 -> sdk.deleteRecordingConfiguration(b -> b.arn(pick(recordings, s.a())));
      case 9 ->
          policies.add(
              sdk.createPlaybackRestrictionPolicy(b -> b.name("p" + s.n()))
                  .playbackRestrictionPolicy()
                  .arn());
      case 10 -> sdk.deletePlaybackRestrictionPolicy(b -> b.arn(pick(policies, s.a())));
      case 11 -> {
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < s.n(); i++) {
          tags.put("k" + ((s.b() + i) % 70), "v" + i);
        }
        sdk.tagResource(
            b ->
                b.resourceArn(pickAny(s.a(), channels, recordings, policies, streamKeys, keyPairs))
                    .tags(tags));
      }
      case 12 ->
          sdk.untagResource(
              b ->
                  b.resourceArn(
                          pickAny(s.a(), channels, recordings, policies, streamKeys, keyPairs))
                      .tagKeys("k" + (s.b() % 70), "k" + (s.n() % 70)));
      case 13 -> {
        String arn = pick(channels, s.a());
        try {
          ivs.control().startStream(arn);
        } catch (RuntimeException e) {
          // not a channel, or already live: the control API refuses, state unchanged
        }
      }
      case 14 -> sdk.stopStream(b -> b.channelArn(pick(channels, s.a())));
      default ->
          sdk.putMetadata(
              b -> b.channelArn(pick(channels, s.a())).metadata("m".repeat(1 + s.n() * 30)));
    }
  }

  private static void assertInvariants() {
    List<PlaybackKeyPairSummary> pairs =
        sdk.listPlaybackKeyPairs(b -> b.maxResults(100)).keyPairs();
    assertThat(pairs).hasSizeLessThanOrEqualTo(3);
    Set<String> fingerprints = new HashSet<>();
    for (PlaybackKeyPairSummary p : pairs) {
      assertThat(
              fingerprints.add(sdk.getPlaybackKeyPair(b -> b.arn(p.arn())).keyPair().fingerprint()))
          .as("two key pairs share a public key")
          .isTrue();
      assertTagsWithinLimit(p.arn());
    }
    Set<String> recordings = new HashSet<>();
    sdk.listRecordingConfigurationsPaginator(b -> b.maxResults(100)).stream()
        .flatMap(p -> p.recordingConfigurations().stream())
        .forEach(r -> recordings.add(r.arn()));
    Set<String> policies = new HashSet<>();
    sdk.listPlaybackRestrictionPoliciesPaginator(b -> b.maxResults(100)).stream()
        .flatMap(page -> page.playbackRestrictionPolicies().stream())
        .forEach(p -> policies.add(p.arn()));
    for (ChannelSummary c :
        sdk.listChannelsPaginator(b -> b.maxResults(100)).stream()
            .flatMap(page -> page.channels().stream())
            .toList()) {
      var keys = sdk.listStreamKeys(b -> b.channelArn(c.arn()).maxResults(50)).streamKeys();
      assertThat(keys).as("stream keys of %s", c.arn()).hasSizeLessThanOrEqualTo(1);
      if (!c.recordingConfigurationArn().isEmpty()) {
        assertThat(recordings)
            .as("dangling recording configuration")
            .contains(c.recordingConfigurationArn());
      }
      if (!c.playbackRestrictionPolicyArn().isEmpty()) {
        assertThat(policies)
            .as("dangling restriction policy")
            .contains(c.playbackRestrictionPolicyArn());
      }
      assertTagsWithinLimit(c.arn());
      keys.forEach(k -> assertTagsWithinLimit(k.arn()));
    }
    recordings.forEach(IvsLocalStatePropertiesTest::assertTagsWithinLimit);
    policies.forEach(IvsLocalStatePropertiesTest::assertTagsWithinLimit);
  }

  private static void assertTagsWithinLimit(String arn) {
    assertThat(sdk.listTagsForResource(b -> b.resourceArn(arn)).tags())
        .hasSizeLessThanOrEqualTo(50);
  }

  /**
   * An existing ARN picked by index, or a well-formed ARN of nothing (exercising the not-found
   * paths).
   */
  private static String pick(List<String> arns, int index) {
    if (arns.isEmpty() || index % 7 == 6) {
      return "arn:aws:ivs:us-west-2:123456789012:channel/missing" + index;
    }
    return arns.get(index % arns.size());
  }

  @SafeVarargs
  private static String pickAny(int index, List<String>... lists) {
    return pick(lists[index % lists.length], index / lists.length);
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 15),
            Arbitraries.integers().between(0, 1000),
            Arbitraries.integers().between(0, 1000),
            Arbitraries.integers().between(0, 40))
        .as(Step::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(30);
  }
}
