package dev.ivsplayback.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ivs.model.CreateChannelResponse;
import software.amazon.awssdk.services.ivs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ivs.model.ValidationException;

/**
 * ListTagsForResource, TagResource, UntagResource (GET/POST/DELETE on /tags/{url-encoded ARN})
 * through the real SDK, with SigV4 verified for real so the encoded path and repeated tagKeys query
 * parameters are canonicalised correctly.
 */
class TagOperationsTest {
  @RegisterExtension
  static IvsLocalExtension ivs =
      new IvsLocalExtension(IvsLocal.builder().credentials(Sdk.ACCESS_KEY, Sdk.SECRET_KEY))
          .resetBeforeEachTest();

  @RegisterExtension static final Sdk.ClientExtension sdk = new Sdk.ClientExtension(ivs);

  @Test
  void tagResource_addsAndOverwrites_listTagsShowsThem() {
    String arn = sdk.client().createChannel(b -> b.tags(Map.of("a", "1"))).channel().arn();

    sdk.client().tagResource(b -> b.resourceArn(arn).tags(Map.of("a", "2", "b c", "x/y:z=+@.-_")));

    assertThat(sdk.client().listTagsForResource(b -> b.resourceArn(arn)).tags())
        .containsExactlyInAnyOrderEntriesOf(Map.of("a", "2", "b c", "x/y:z=+@.-_"));
    assertThat(sdk.client().getChannel(b -> b.arn(arn)).channel().tags()).containsEntry("a", "2");
  }

  @Test
  void untagResource_removesRepeatedTagKeys_withSpecialCharacters() {
    String arn =
        sdk.client()
            .createChannel(b -> b.tags(Map.of("keep", "1", "drop me", "2", "x:y/z+=@", "3")))
            .channel()
            .arn();

    sdk.client().untagResource(b -> b.resourceArn(arn).tagKeys("drop me", "x:y/z+=@", "absent"));

    assertThat(sdk.client().listTagsForResource(b -> b.resourceArn(arn)).tags())
        .containsExactlyEntriesOf(Map.of("keep", "1"));
  }

  @Test
  void tags_workOnEveryTaggableResourceType() {
    CreateChannelResponse ch = sdk.client().createChannel(b -> {});
    String keyPair =
        sdk.client()
            .importPlaybackKeyPair(b -> b.publicKeyMaterial(Sdk.pem(Sdk.p384().getPublic())))
            .keyPair()
            .arn();
    String recording =
        sdk.client()
            .createRecordingConfiguration(
                b -> b.destinationConfiguration(d -> d.s3(s -> s.bucketName("tagged-bucket"))))
            .recordingConfiguration()
            .arn();
    String policy =
        sdk.client().createPlaybackRestrictionPolicy(b -> {}).playbackRestrictionPolicy().arn();

    for (String arn :
        new String[] {ch.channel().arn(), ch.streamKey().arn(), keyPair, recording, policy}) {
      sdk.client().tagResource(b -> b.resourceArn(arn).tags(Map.of("owner", "ivs-local")));
      assertThat(sdk.client().listTagsForResource(b -> b.resourceArn(arn)).tags())
          .as(arn)
          .containsExactlyEntriesOf(Map.of("owner", "ivs-local"));
    }
    assertThat(sdk.client().getPlaybackKeyPair(b -> b.arn(keyPair)).keyPair().tags())
        .containsEntry("owner", "ivs-local");
  }

  @Test
  void tagResource_beyond50Tags_isValidationException_andNothingChanges() {
    Map<String, String> fifty = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      fifty.put("k" + i, "v");
    }
    String arn = sdk.client().createChannel(b -> b.tags(fifty)).channel().arn();

    assertThatThrownBy(
            () -> sdk.client().tagResource(b -> b.resourceArn(arn).tags(Map.of("one-more", "v"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("at most 50 tags");
    sdk.client().tagResource(b -> b.resourceArn(arn).tags(Map.of("k0", "overwrite")));
    assertThat(sdk.client().listTagsForResource(b -> b.resourceArn(arn)).tags())
        .hasSize(50)
        .containsEntry("k0", "overwrite");
  }

  @Test
  void tagOperations_onMissingResource_areNotFound() {
    String missing = "arn:aws:ivs:us-west-2:123456789012:channel/missing";

    assertThatThrownBy(() -> sdk.client().listTagsForResource(b -> b.resourceArn(missing)))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining(missing);
    assertThatThrownBy(
            () -> sdk.client().tagResource(b -> b.resourceArn(missing).tags(Map.of("a", "b"))))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> sdk.client().untagResource(b -> b.resourceArn(missing).tagKeys("a")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void tagOperations_withInvalidInput_areValidationExceptions() {
    String arn = sdk.client().createChannel(b -> {}).channel().arn();

    assertThatThrownBy(() -> sdk.client().listTagsForResource(b -> b.resourceArn("not-an-arn")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("resourceArn");
    assertThatThrownBy(
            () -> sdk.client().tagResource(b -> b.resourceArn(arn).tags(Map.of("bad#key", "v"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("tags key");
    assertThatThrownBy(
            () ->
                sdk.client().tagResource(b -> b.resourceArn(arn).tags(Map.of("aws:reserved", "v"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("aws:");
    assertThatThrownBy(() -> sdk.client().tagResource(b -> b.resourceArn(arn)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("tags")
        .hasMessageContaining("required");
  }
}
