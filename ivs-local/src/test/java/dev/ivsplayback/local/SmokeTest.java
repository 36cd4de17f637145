package dev.ivsplayback.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ivs.IvsClient;
import software.amazon.awssdk.services.ivs.model.*;

class SmokeTest {
    @RegisterExtension
    static IvsLocalExtension ivs = new IvsLocalExtension().resetBeforeEachTest();

    @Test
    void smoke() {
        IvsClient c = Sdk.client(ivs.ivsLocal());
        CreateChannelResponse r = c.createChannel(b -> b.name("x").tags(java.util.Map.of("a", "b")));
        System.out.println(r);
        System.out.println(c.getChannel(b -> b.arn(r.channel().arn())));
        System.out.println(c.listTagsForResource(b -> b.resourceArn(r.channel().arn())));
        c.tagResource(b -> b.resourceArn(r.channel().arn()).tags(java.util.Map.of("c", "d")));
        c.untagResource(b -> b.resourceArn(r.channel().arn()).tagKeys("a", "c"));
        System.out.println(c.listTagsForResource(b -> b.resourceArn(r.channel().arn())));
        ImportPlaybackKeyPairResponse k = c.importPlaybackKeyPair(b -> b.publicKeyMaterial(Sdk.pem(Sdk.p384().getPublic())));
        System.out.println(k);
        assertThatThrownBy(() -> c.importPlaybackKeyPair(b -> b.publicKeyMaterial("garbage")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("publicKeyMaterial");
        ivs.ivsLocal().control().failNext("GetChannel", 1, "ThrottlingException", 429);
        assertThatThrownBy(() -> c.getChannel(b -> b.arn(r.channel().arn()))).isInstanceOf(ThrottlingException.class);
        ivs.ivsLocal().control().dropResponseNext("DeleteChannel", 1);
        assertThatThrownBy(() -> c.deleteChannel(b -> b.arn(r.channel().arn()))).isInstanceOf(SdkClientException.class)
                .satisfies(e -> System.out.println("drop: " + e));
        assertThatThrownBy(() -> c.getChannel(b -> b.arn(r.channel().arn()))).isInstanceOf(ResourceNotFoundException.class)
                .satisfies(e -> System.out.println("nf: " + e));
        try (IvsClient checked = Sdk.client(IvsLocal.builder().credentials(Sdk.ACCESS_KEY, Sdk.SECRET_KEY).build().start())) {
        }
        assertThat(ivs.ivsLocal().control().callCount("GetChannel")).isEqualTo(3);
    }
}
