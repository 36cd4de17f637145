package dev.ivsplayback.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ivsplayback.token.PlaybackTokenSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays each sampled token through ivs-local's playback URL (an HTTP GET of the channel's
 * multivariant playlist with the token) at a random moment before its {@code exp}, and classifies
 * the answer:
 *
 * <ul>
 *   <li><b>played</b>: 200;
 *   <li><b>late</b>: refused as expired, answered at or after {@code exp} (the request was sent in
 *       time but the machine was slow; not the key manager's doing);
 *   <li><b>refused</b>: any other refusal, or an expiry refusal answered before {@code exp}: a
 *       violation of "zero tokens refused while within their exp";
 *   <li><b>error</b>: no HTTP answer or an unexpected status: a violation too, since the token was
 *       not shown to play.
 * </ul>
 *
 * <p>Tokens never appear in what it reports: only the signing key's id, the member and the times.
 */
final class TokenPlayer implements AutoCloseable {
  /** Latest play: this long before {@code exp}, so a busy machine still answers in time. */
  static final long MARGIN_MILLIS = 750;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One token reported by a member. */
  record Sampled(String owner, String keyId, long exp, String jws, long receivedAtMillis) {
    long expMillis() {
      return exp * 1000;
    }
  }

  private final String playbackUrl;
  private final FleetLog log;
  private final Random random;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final ScheduledThreadPoolExecutor executor;
  private final AtomicLong submitted = new AtomicLong();
  private final AtomicLong played = new AtomicLong();
  private final AtomicLong late = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong pending = new AtomicLong();
  private final List<String> failures = new ArrayList<>();

  TokenPlayer(String playbackUrl, int threads, FleetLog log, long seed) {
    this.playbackUrl = playbackUrl;
    this.log = log;
    this.random = new Random(seed);
    this.executor =
        new ScheduledThreadPoolExecutor(
            threads,
            r -> {
              Thread t = new Thread(r, "fleet-player");
              t.setDaemon(true);
              return t;
            });
  }

  /** Schedules a play at a random moment between now and {@code exp - MARGIN_MILLIS}. */
  void submit(Sampled t) {
    long now = System.currentTimeMillis();
    long window = t.expMillis() - MARGIN_MILLIS - now;
    long delay;
    synchronized (random) {
      delay = window <= 0 ? 0 : (long) (random.nextDouble() * window);
    }
    submitted.incrementAndGet();
    pending.incrementAndGet();
    executor.schedule(() -> play(t), delay, TimeUnit.MILLISECONDS);
  }

  private void play(Sampled t) {
    long sentAt = System.currentTimeMillis();
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(PlaybackTokenSigner.appendToken(playbackUrl, t.jws())))
                  .timeout(Duration.ofSeconds(5))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      long answeredAt = System.currentTimeMillis();
      if (r.statusCode() == 200) {
        played.incrementAndGet();
        return;
      }
      String error = errorText(r);
      if (r.statusCode() == 403
          && error.startsWith("the token expired")
          && answeredAt >= t.expMillis()) {
        late.incrementAndGet();
        return;
      }
      AtomicLong counter = r.statusCode() == 403 ? refused : errors;
      counter.incrementAndGet();
      fail(
          (r.statusCode() == 403 ? "REFUSED" : "PLAY ERROR")
              + " within exp: token of key "
              + t.keyId()
              + " minted by "
              + t.owner()
              + ", exp "
              + Instant.ofEpochSecond(t.exp())
              + ", sent "
              + (t.expMillis() - sentAt)
              + " ms before exp, status "
              + r.statusCode()
              + ": "
              + error);
    } catch (IOException e) {
      errors.incrementAndGet();
      fail(
          "PLAY ERROR: token of key "
              + t.keyId()
              + " minted by "
              + t.owner()
              + " could not be played: "
              + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      pending.decrementAndGet();
    }
  }

  private static String errorText(HttpResponse<String> r) {
    try {
      JsonNode body = JSON.readTree(r.body());
      if (body.isArray() && body.size() > 0) {
        return body.get(0).path("error").asText("");
      }
    } catch (IOException | RuntimeException e) {
      // not ivs-local's JSON error shape: show the start of the body instead
    }
    String b = r.body() == null ? "" : r.body();
    return b.length() > 200 ? b.substring(0, 200) : b;
  }

  private void fail(String message) {
    synchronized (failures) {
      failures.add(message);
    }
    log.log(message);
  }

  /** Waits until every submitted token was played, or the timeout passed. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pending.get() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  long submitted() {
    return submitted.get();
  }

  long played() {
    return played.get();
  }

  long late() {
    return late.get();
  }

  long refused() {
    return refused.get();
  }

  long errors() {
    return errors.get();
  }

  long pending() {
    return pending.get();
  }

  List<String> failures() {
    synchronized (failures) {
      return List.copyOf(failures);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
