package dev.ivsplayback.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Attempt timeouts: the request reached the server, which may apply it, so only idempotent
 * operations are retried. ivs-local has no way to hold a response back, so a loopback HTTP endpoint
 * that never answers (until the test ends) stands in for a slow IVS; the real SDK clients talk to
 * it.
 */
class AttemptTimeoutTest {
  private HttpServer server;
  private ExecutorService executor;
  private final CountDownLatch release = new CountDownLatch(1);
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private IvsPlaybackClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          requests
              .computeIfAbsent(exchange.getRequestURI().getPath(), p -> new AtomicInteger())
              .incrementAndGet();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    server.start();
    client =
        IvsPlaybackClient.create(
            TestSupport.config(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .maxAttempts(3)
                .apiCallAttemptTimeout(Duration.ofMillis(300))
                .build());
  }

  @AfterEach
  void stop() {
    release.countDown();
    client.close();
    server.stop(0);
    executor.shutdownNow();
  }

  private int count(String operation) {
    return requests.getOrDefault("/" + operation, new AtomicInteger()).get();
  }

  @Test
  void createChannel_afterAttemptTimeout_isNotRetried() {
    assertThatThrownBy(() -> client.sync().createChannel(b -> b.name("slow")))
        .isInstanceOf(ApiCallAttemptTimeoutException.class)
        .satisfies(e -> assertThat(((SdkClientException) e).numAttempts()).isEqualTo(1));
    assertThat(count("CreateChannel")).isEqualTo(1);
  }

  @Test
  void createChannel_async_afterAttemptTimeout_isNotRetried() {
    assertThatThrownBy(() -> client.async().createChannel(b -> b.name("slow")).join())
        .cause()
        .isInstanceOf(ApiCallAttemptTimeoutException.class)
        .satisfies(e -> assertThat(((SdkClientException) e).numAttempts()).isEqualTo(1));
    // At most once: on a cold start Netty may still be connecting when the attempt times out.
    assertThat(count("CreateChannel")).isLessThanOrEqualTo(1);
  }

  @Test
  void getChannel_afterAttemptTimeouts_isRetriedUpToMaxAttempts() {
    assertThatThrownBy(
            () ->
                client
                    .sync()
                    .getChannel(b -> b.arn("arn:aws:ivs:us-west-2:123456789012:channel/x")))
        .isInstanceOf(ApiCallAttemptTimeoutException.class);
    assertThat(count("GetChannel")).isEqualTo(3);
  }

  @RepeatedTest(
      5) // the async client wraps the timeout differently from run to run; every form must be
  // retried
  void getChannel_async_afterAttemptTimeouts_isRetriedUpToMaxAttempts() {
    // Counted by the SDK, not at the endpoint: after a timed-out attempt Netty sometimes fails the
    // next attempt
    // on a closing connection before it reaches the endpoint (an I/O error, retried all the same).
    assertThatThrownBy(
            () ->
                client
                    .async()
                    .getChannel(b -> b.arn("arn:aws:ivs:us-west-2:123456789012:channel/x"))
                    .join())
        .cause()
        .isInstanceOf(SdkClientException.class) // the timeout, sometimes wrapped once more
        .satisfies(e -> assertThat(((SdkClientException) e).numAttempts()).isEqualTo(3));
    assertThat(count("GetChannel")).isBetween(1, 3);
  }

  @Test
  void insertAdBreak_afterAttemptTimeout_isNotRetried() {
    assertThatThrownBy(
            () ->
                client
                    .adConfigurations()
                    .insertAdBreak(
                        b ->
                            b.channelArn("arn:aws:ivs:us-west-2:123456789012:channel/x")
                                .durationSeconds(30)))
        .isInstanceOf(ApiCallAttemptTimeoutException.class)
        .satisfies(e -> assertThat(((SdkClientException) e).numAttempts()).isEqualTo(1));
    assertThat(count("InsertAdBreak")).isEqualTo(1);
  }

  @Test
  void getAdConfiguration_afterAttemptTimeouts_isRetriedUpToMaxAttempts() {
    assertThatThrownBy(
            () ->
                client
                    .adConfigurations()
                    .getAdConfiguration(
                        b -> b.arn("arn:aws:ivs:us-west-2:123456789012:ad-configuration/x")))
        .isInstanceOf(ApiCallAttemptTimeoutException.class);
    assertThat(count("GetAdConfiguration")).isEqualTo(3);
  }
}
