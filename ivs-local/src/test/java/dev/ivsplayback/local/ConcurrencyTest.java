package dev.ivsplayback.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ivs.IvsClient;
import software.amazon.awssdk.services.ivs.model.ChannelSummary;
import software.amazon.awssdk.services.ivs.model.CreateChannelResponse;
import software.amazon.awssdk.services.ivs.model.ServiceQuotaExceededException;

/**
 * 32 concurrent SDK clients on real threads: no errors, no lost or corrupted state, quotas hold
 * under races.
 */
class ConcurrencyTest {
  static final int CLIENTS = 32;

  @RegisterExtension
  static IvsLocalExtension ivs =
      new IvsLocalExtension(IvsLocal.builder().credentials(Sdk.ACCESS_KEY, Sdk.SECRET_KEY))
          .resetBeforeEachTest();

  private static <T> List<T> runConcurrently(Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void thirtyTwoClients_createTagListAndDelete_withoutErrorsOrLostUpdates() throws Exception {
    List<String> kept =
        runConcurrently(
            () -> {
              try (IvsClient client = Sdk.client(ivs.ivsLocal())) {
                String thread = Thread.currentThread().getName().replaceAll("[^a-zA-Z0-9-]", "-");
                List<String> mine = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                  CreateChannelResponse r =
                      client.createChannel(b -> b.name(thread).tags(Map.of("t", thread)));
                  assertThat(
                          client
                              .getStreamKey(b -> b.arn(r.streamKey().arn()))
                              .streamKey()
                              .channelArn())
                      .isEqualTo(r.channel().arn());
                  mine.add(r.channel().arn());
                }
                client.tagResource(b -> b.resourceArn(mine.get(0)).tags(Map.of("extra", "1")));
                client.untagResource(b -> b.resourceArn(mine.get(0)).tagKeys("t"));
                client.deleteChannel(b -> b.arn(mine.get(2)));
                assertThat(client.listChannels(b -> b.filterByName(thread)).channels())
                    .extracting(ChannelSummary::arn)
                    .containsExactly(mine.get(0), mine.get(1));
                return mine.get(0);
              }
            });

    try (IvsClient client = Sdk.client(ivs.ivsLocal())) {
      List<ChannelSummary> all = new ArrayList<>();
      client.listChannelsPaginator(b -> b.maxResults(7)).forEach(p -> all.addAll(p.channels()));
      assertThat(all).hasSize(CLIENTS * 2);
      assertThat(all).extracting(ChannelSummary::arn).doesNotHaveDuplicates();
      for (String arn : kept) {
        assertThat(client.listTagsForResource(b -> b.resourceArn(arn)).tags())
            .containsExactlyEntriesOf(Map.of("extra", "1"));
      }
    }
    assertThat(ivs.ivsLocal().control().callCount("CreateChannel")).isEqualTo(CLIENTS * 3);
  }

  @Test
  void thirtyTwoConcurrentImports_admitExactlyThreeKeyPairs() throws Exception {
    List<String> outcomes =
        runConcurrently(
            () -> {
              try (IvsClient client = Sdk.client(ivs.ivsLocal())) {
                client.importPlaybackKeyPair(
                    b -> b.publicKeyMaterial(Sdk.pem(Sdk.p384().getPublic())));
                return "imported";
              } catch (ServiceQuotaExceededException e) {
                return "quota";
              }
            });

    assertThat(outcomes).filteredOn("imported"::equals).hasSize(3);
    assertThat(outcomes).filteredOn("quota"::equals).hasSize(CLIENTS - 3);
    try (IvsClient client = Sdk.client(ivs.ivsLocal())) {
      assertThat(client.listPlaybackKeyPairs(b -> {}).keyPairs()).hasSize(3);
    }
  }
}
