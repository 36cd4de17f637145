package dev.ivsplayback.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ivs.IvsClient;

class OperationPolicyTest {

  @Test
  void coversExactlyTheOperationsOfTheSdkClientAndTheGeneratedAdClient() {
    Set<String> sdkOperations = operationsOf(IvsClient.class, "ivs.model");
    Set<String> adOperations =
        operationsOf(dev.ivsplayback.client.ads.IvsClient.class, "client.ads.model");
    Set<String> all = new HashSet<>(sdkOperations);
    all.addAll(adOperations);

    assertThat(sdkOperations).hasSize(35);
    assertThat(adOperations).hasSize(6).doesNotContainAnyElementsOf(sdkOperations);
    assertThat(OperationPolicy.operations()).containsExactlyInAnyOrderElementsOf(all).hasSize(41);
  }

  private static Set<String> operationsOf(Class<?> client, String modelPackageSuffix) {
    return Arrays.stream(client.getMethods())
        .filter(
            m ->
                m.getParameterCount() == 1
                    && m.getParameterTypes()[0].getName().endsWith("Request")
                    && m.getParameterTypes()[0].getPackageName().endsWith(modelPackageSuffix)
                    && !m.getName().endsWith("Paginator"))
        .map(m -> Character.toUpperCase(m.getName().charAt(0)) + m.getName().substring(1))
        .collect(Collectors.toSet());
  }

  @Test
  void adConfigurationCreatesAndAdBreaksAreNotIdempotent_theOtherAdOperationsAre() {
    assertThat(OperationPolicy.isIdempotent("CreateAdConfiguration")).isFalse();
    assertThat(OperationPolicy.isIdempotent("InsertAdBreak")).isFalse();
    assertThat(OperationPolicy.isIdempotent("GetAdConfiguration")).isTrue();
    assertThat(OperationPolicy.isIdempotent("ListAdConfigurations")).isTrue();
    assertThat(OperationPolicy.isIdempotent("UpdateAdConfiguration")).isTrue();
    assertThat(OperationPolicy.isIdempotent("DeleteAdConfiguration")).isTrue();
  }

  @Test
  void adOperationsHaveNoTpsQuotaBecauseIvsDocumentsNone() {
    assertThat(OperationPolicy.tps("CreateAdConfiguration")).isZero();
    assertThat(OperationPolicy.tps("InsertAdBreak")).isZero();
  }

  @Test
  void createsImportsAndMetadataAreNotIdempotent_readsUpdatesDeletesAndRevocationsAre() {
    assertThat(OperationPolicy.isIdempotent("CreateChannel")).isFalse();
    assertThat(OperationPolicy.isIdempotent("ImportPlaybackKeyPair")).isFalse();
    assertThat(OperationPolicy.isIdempotent("PutMetadata")).isFalse();
    assertThat(OperationPolicy.isIdempotent("GetChannel")).isTrue();
    assertThat(OperationPolicy.isIdempotent("UpdateChannel")).isTrue();
    assertThat(OperationPolicy.isIdempotent("DeleteChannel")).isTrue();
    assertThat(OperationPolicy.isIdempotent("StartViewerSessionRevocation")).isTrue();
    assertThat(OperationPolicy.isIdempotent("SomeFutureOperation")).isFalse();
    assertThat(OperationPolicy.isIdempotent(null)).isFalse();
  }

  @Test
  void quotasFollowTheSpecTable() {
    assertThat(OperationPolicy.tps("GetChannel")).isEqualTo(5);
    assertThat(OperationPolicy.tps("ImportPlaybackKeyPair")).isEqualTo(3);
    assertThat(OperationPolicy.tps("BatchStartViewerSessionRevocation")).isEqualTo(2);
    assertThat(OperationPolicy.tps("StartViewerSessionRevocation")).isEqualTo(10);
    assertThat(OperationPolicy.tps("TagResource")).isEqualTo(10);
    assertThat(OperationPolicy.tps("Unknown")).isZero();
  }
}
