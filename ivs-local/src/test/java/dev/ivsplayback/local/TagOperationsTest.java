package dev.ivsplayback.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ivs.IvsClient;
import software.amazon.awssdk.services.ivs.model.CreateChannelResponse;
import software.amazon.awssdk.services.ivs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ivs.model.ValidationException;

/**
 * ListTagsForResource, TagResource, UntagResource (GET/POST/DELETE on /tags/{url-encoded ARN}) through the real SDK,
 * with SigV4 verified for real so the encoded path and repeated tagKeys query parameters are canonicalised correctly.
 */
class TagOperationsTest {
    @RegisterExtension
    static IvsLocalExtension ivs = new IvsLocalExtension(IvsLocal.builder().credentials(Sdk.ACCESS_KEY, Sdk.SECRET_KEY))
            .resetBeforeEachTest();

    static IvsClient client;

    @BeforeAll
    static void client() {
        client = Sdk.client(ivs.ivsLocal());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void tagResource_addsAndOverwrites_listTagsShowsThem() {
        String arn = client.createChannel(b -> b.tags(Map.of("a", "1"))).channel().arn();

        client.tagResource(b -> b.resourceArn(arn).tags(Map.of("a", "2", "b c", "x/y:z=+@.-_")));

        assertThat(client.listTagsForResource(b -> b.resourceArn(arn)).tags())
                .containsExactlyInAnyOrderEntriesOf(Map.of("a", "2", "b c", "x/y:z=+@.-_"));
        assertThat(client.getChannel(b -> b.arn(arn)).channel().tags()).containsEntry("a", "2");
    }

    @Test
    void untagResource_removesRepeatedTagKeys_withSpecialCharacters() {
        String arn = client.createChannel(b -> b.tags(Map.of("keep", "1", "drop me", "2", "x:y/z+=@", "3"))).channel()
                .arn();

        client.untagResource(b -> b.resourceArn(arn).tagKeys("drop me", "x:y/z+=@", "absent"));

        assertThat(client.listTagsForResource(b -> b.resourceArn(arn)).tags())
                .containsExactlyEntriesOf(Map.of("keep", "1"));
    }

    @Test
    void tags_workOnEveryTaggableResourceType() {
        CreateChannelResponse ch = client.createChannel(b -> { });
        String keyPair = client.importPlaybackKeyPair(b -> b.publicKeyMaterial(Sdk.pem(Sdk.p384().getPublic())))
                .keyPair().arn();
        String recording = client.createRecordingConfiguration(b -> b.destinationConfiguration(d -> d.s3(s -> s
                .bucketName("tagged-bucket")))).recordingConfiguration().arn();
        String policy = client.createPlaybackRestrictionPolicy(b -> { }).playbackRestrictionPolicy().arn();

        for (String arn : new String[] {ch.channel().arn(), ch.streamKey().arn(), keyPair, recording, policy}) {
            client.tagResource(b -> b.resourceArn(arn).tags(Map.of("owner", "ivs-local")));
            assertThat(client.listTagsForResource(b -> b.resourceArn(arn)).tags())
                    .as(arn).containsExactlyEntriesOf(Map.of("owner", "ivs-local"));
        }
        assertThat(client.getPlaybackKeyPair(b -> b.arn(keyPair)).keyPair().tags()).containsEntry("owner", "ivs-local");
    }

    @Test
    void tagResource_beyond50Tags_isValidationException_andNothingChanges() {
        Map<String, String> fifty = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("k" + i, "v");
        }
        String arn = client.createChannel(b -> b.tags(fifty)).channel().arn();

        assertThatThrownBy(() -> client.tagResource(b -> b.resourceArn(arn).tags(Map.of("one-more", "v"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("at most 50 tags");
        client.tagResource(b -> b.resourceArn(arn).tags(Map.of("k0", "overwrite")));
        assertThat(client.listTagsForResource(b -> b.resourceArn(arn)).tags()).hasSize(50).containsEntry("k0",
                "overwrite");
    }

    @Test
    void tagOperations_onMissingResource_areNotFound() {
        String missing = "arn:aws:ivs:us-west-2:123456789012:channel/missing";

        assertThatThrownBy(() -> client.listTagsForResource(b -> b.resourceArn(missing)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(missing);
        assertThatThrownBy(() -> client.tagResource(b -> b.resourceArn(missing).tags(Map.of("a", "b"))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.untagResource(b -> b.resourceArn(missing).tagKeys("a")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void tagOperations_withInvalidInput_areValidationExceptions() {
        String arn = client.createChannel(b -> { }).channel().arn();

        assertThatThrownBy(() -> client.listTagsForResource(b -> b.resourceArn("not-an-arn")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("resourceArn");
        assertThatThrownBy(() -> client.tagResource(b -> b.resourceArn(arn).tags(Map.of("bad#key", "v"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("tags key");
        assertThatThrownBy(() -> client.tagResource(b -> b.resourceArn(arn).tags(Map.of("aws:reserved", "v"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("aws:");
        assertThatThrownBy(() -> client.tagResource(b -> b.resourceArn(arn)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("tags").hasMessageContaining("required");
    }
}
