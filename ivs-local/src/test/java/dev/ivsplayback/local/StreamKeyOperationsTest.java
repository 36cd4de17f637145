package dev.ivsplayback.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ivs.model.BatchGetStreamKeyResponse;
import software.amazon.awssdk.services.ivs.model.CreateChannelResponse;
import software.amazon.awssdk.services.ivs.model.ListStreamKeysResponse;
import software.amazon.awssdk.services.ivs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ivs.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.ivs.model.StreamKey;
import software.amazon.awssdk.services.ivs.model.ValidationException;

/**
 * CreateStreamKey, GetStreamKey, BatchGetStreamKey, ListStreamKeys, DeleteStreamKey through the
 * real SDK.
 */
class StreamKeyOperationsTest {
  @RegisterExtension static IvsLocalExtension ivs = new IvsLocalExtension().resetBeforeEachTest();

  @RegisterExtension static final Sdk.ClientExtension sdk = new Sdk.ClientExtension(ivs);

  @Test
  void createStreamKey_whenChannelHasOne_isServiceQuotaExceeded() {
    CreateChannelResponse ch = sdk.client().createChannel(b -> {});

    assertThatThrownBy(() -> sdk.client().createStreamKey(b -> b.channelArn(ch.channel().arn())))
        .isInstanceOf(ServiceQuotaExceededException.class)
        .hasMessageContaining("at most 1 stream key")
        .satisfies(
            e -> assertThat(((ServiceQuotaExceededException) e).statusCode()).isEqualTo(402));
    assertThat(sdk.client().listStreamKeys(b -> b.channelArn(ch.channel().arn())).streamKeys())
        .hasSize(1);
  }

  @Test
  void deleteStreamKey_thenCreateStreamKey_resetsTheKey() {
    CreateChannelResponse ch = sdk.client().createChannel(b -> {});

    sdk.client().deleteStreamKey(b -> b.arn(ch.streamKey().arn()));
    StreamKey fresh =
        sdk.client()
            .createStreamKey(b -> b.channelArn(ch.channel().arn()).tags(Map.of("env", "test")))
            .streamKey();

    assertThat(fresh.arn()).isNotEqualTo(ch.streamKey().arn());
    assertThat(fresh.value())
        .isNotEqualTo(ch.streamKey().value())
        .matches("sk_us-west-2_[a-zA-Z0-9]{12}_[a-zA-Z0-9]{30}");
    assertThat(fresh.channelArn()).isEqualTo(ch.channel().arn());
    assertThat(fresh.tags()).containsExactlyEntriesOf(Map.of("env", "test"));
    assertThatThrownBy(() -> sdk.client().getStreamKey(b -> b.arn(ch.streamKey().arn())))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void createStreamKey_forMissingChannel_isNotFound() {
    assertThatThrownBy(
            () ->
                sdk.client()
                    .createStreamKey(
                        b -> b.channelArn("arn:aws:ivs:us-west-2:123456789012:channel/missing")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("channel/missing");
  }

  @Test
  void getStreamKey_returnsValue() {
    CreateChannelResponse ch = sdk.client().createChannel(b -> {});

    StreamKey k = sdk.client().getStreamKey(b -> b.arn(ch.streamKey().arn())).streamKey();

    assertThat(k).isEqualTo(ch.streamKey());
    assertThat(k.value()).isEqualTo(ch.streamKey().value());
  }

  @Test
  void batchGetStreamKey_reportsMissingPerItem() {
    CreateChannelResponse ch = sdk.client().createChannel(b -> {});
    String missing = "arn:aws:ivs:us-west-2:123456789012:stream-key/missing";

    BatchGetStreamKeyResponse r =
        sdk.client().batchGetStreamKey(b -> b.arns(ch.streamKey().arn(), missing));

    assertThat(r.streamKeys()).containsExactly(ch.streamKey());
    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.arn()).isEqualTo(missing);
              assertThat(e.code()).isEqualTo("ResourceNotFoundException");
            });
  }

  @Test
  void batchGetStreamKey_withNoArns_isValidationException() {
    assertThatThrownBy(() -> sdk.client().batchGetStreamKey(b -> b.arns(java.util.List.of())))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("arns")
        .hasMessageContaining("minimum of 1");
  }

  @Test
  void listStreamKeys_defaultsToOneResultAndCarriesNoValue() {
    CreateChannelResponse ch = sdk.client().createChannel(b -> {});

    ListStreamKeysResponse r = sdk.client().listStreamKeys(b -> b.channelArn(ch.channel().arn()));

    assertThat(r.streamKeys())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.arn()).isEqualTo(ch.streamKey().arn());
              assertThat(s.channelArn()).isEqualTo(ch.channel().arn());
              assertThat(s.tags()).isEmpty();
            });
    assertThat(r.nextToken()).isNull();
  }

  @Test
  void listStreamKeys_maxResultsAbove50_isValidationException() {
    CreateChannelResponse ch = sdk.client().createChannel(b -> {});

    assertThatThrownBy(
            () -> sdk.client().listStreamKeys(b -> b.channelArn(ch.channel().arn()).maxResults(51)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("maxResults")
        .hasMessageContaining("maximum 50");
  }

  @Test
  void listStreamKeys_forMissingChannel_isNotFound() {
    assertThatThrownBy(
            () ->
                sdk.client()
                    .listStreamKeys(
                        b -> b.channelArn("arn:aws:ivs:us-west-2:123456789012:channel/missing")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void deleteStreamKey_missing_isNotFound() {
    assertThatThrownBy(
            () ->
                sdk.client()
                    .deleteStreamKey(b -> b.arn("arn:aws:ivs:us-west-2:123456789012:stream-key/x")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("stream-key/x");
  }
}
