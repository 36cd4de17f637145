package dev.ivsplayback.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ivs.IvsClient;

/**
 * The bundled model drives routing and validation; every served operation exists in it and in
 * IvsState.
 */
class ServiceModelTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void model_hasTheFortyOneOperations_andEverySdkOperationIsServed() {
    ServiceModel model = ServiceModel.get();
    Set<String> sdkOperations =
        Arrays.stream(IvsClient.class.getMethods())
            .filter(
                m ->
                    m.getParameterCount() == 1
                        && m.getParameterTypes()[0].getSimpleName().endsWith("Request"))
            .map(m -> m.getParameterTypes()[0].getSimpleName().replaceFirst("Request$", ""))
            .collect(Collectors.toSet());

    assertThat(model.operations()).hasSize(41);
    assertThat(sdkOperations).hasSize(35);
    assertThat(IvsHttpHandler.OPERATIONS)
        .containsAll(sdkOperations)
        .hasSize(41)
        .allSatisfy(op -> assertThat(model.operations()).containsKey(op));
  }

  @Test
  void everyServedOperation_isImplementedByTheState() {
    IvsState state = new IvsState("us-west-2", "123456789012", Clock.systemUTC());
    for (String op : IvsHttpHandler.OPERATIONS) {
      ObjectNode in =
          JSON.createObjectNode()
              .put("arn", "arn:aws:ivs:us-west-2:123456789012:channel/none")
              .put("channelArn", "arn:aws:ivs:us-west-2:123456789012:channel/none")
              .put("resourceArn", "arn:aws:ivs:us-west-2:123456789012:channel/none");
      try {
        state.execute(op, in);
      } catch (ApiException e) {
        assertThat(e.errorType()).as(op).isNotEqualTo("UnknownOperationException");
      } catch (RuntimeException e) {
        // Create* with an empty input may fail on missing members; that is the validator's job, not
        // routing.
        assertThat(op).startsWith("Create");
      }
    }
  }

  @Test
  void resourceArnPattern_acceptsRealArns() {
    ModelValidator v = new ModelValidator(ServiceModel.get());
    ObjectNode ok =
        JSON.createObjectNode()
            .put(
                "resourceArn",
                "arn:aws:ivs:us-west-2:123456789012:playback-restriction-policy/abc");

    v.validate("ListTagsForResourceRequest", ok);
    assertThatThrownBy(
            () ->
                v.validate(
                    "ListTagsForResourceRequest",
                    JSON.createObjectNode().put("resourceArn", "arn:aws:s3:::bucket")))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("resourceArn");
  }

  @Test
  void patterns_areAppliedToTheWholeValue() {
    ModelValidator v = new ModelValidator(ServiceModel.get());

    assertThatThrownBy(
            () ->
                v.validate(
                    "GetChannelRequest",
                    JSON.createObjectNode()
                        .put("arn", "xarn:aws:ivs:us-west-2:123456789012:channel/abc")))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("pattern");
  }
}
