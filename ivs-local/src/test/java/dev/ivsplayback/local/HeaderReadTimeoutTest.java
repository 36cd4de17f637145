package dev.ivsplayback.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Slow-header connections: a client that sends part of its request headers and stops is closed
 * after the header read timeout, so that as many stalled clients as the server has workers (64)
 * cannot stop it from serving others.
 */
class HeaderReadTimeoutTest {
  static final int WORKERS = 64;
  static final String PARTIAL_HEADERS = "GET /_local/info HTTP/1.1\r\nHost: 127.0.0.1\r\n";

  @Test
  void stalledHeaders_onEveryWorker_doNotStopAnotherClient() throws Exception {
    try (IvsLocal ivs =
        IvsLocal.builder().headerReadTimeout(Duration.ofMillis(300)).build().start()) {
      List<Socket> stalled = new ArrayList<>();
      try {
        for (int i = 0; i < WORKERS; i++) {
          stalled.add(stalledConnection(ivs));
        }
        awaitWorkerThreads(ivs, WORKERS);

        HttpResponse<String> r =
            RawHttp.send(
                HttpRequest.newBuilder(ivs.endpoint().resolve("/_local/info"))
                    .timeout(Duration.ofSeconds(20))
                    .GET()
                    .build());

        assertThat(r.statusCode()).isEqualTo(200);
        for (Socket s : stalled) {
          assertThat(closedByServer(s)).isTrue();
        }
      } finally {
        for (Socket s : stalled) {
          s.close();
        }
      }
    }
  }

  @Test
  void stalledHeaders_connectionIsClosedAfterTheTimeout_withoutAnAnswer() throws Exception {
    Duration timeout = Duration.ofMillis(200);
    try (IvsLocal ivs = IvsLocal.builder().headerReadTimeout(timeout).build().start();
        Socket s = new Socket(ivs.endpoint().getHost(), ivs.endpoint().getPort())) {
      long start = System.nanoTime();
      s.getOutputStream().write(PARTIAL_HEADERS.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();

      boolean closed = closedByServer(s);

      assertThat(closed).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(timeout);
      assertThat(
              RawHttp.send(HttpRequest.newBuilder(ivs.endpoint().resolve("/_local/info")).build())
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void slowBody_afterCompleteHeaders_isNotCutByTheHeaderTimeout() throws Exception {
    Duration timeout = Duration.ofMillis(100);
    try (IvsLocal ivs = IvsLocal.builder().headerReadTimeout(timeout).build().start();
        Socket s = new Socket(ivs.endpoint().getHost(), ivs.endpoint().getPort())) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /_local/info HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 2\r\nConnection: close\r\n\r\n{")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();

      // the connection stays open, unanswered, well past the header timeout while the body is
      // incomplete
      boolean quiet = nothingWithin(s, timeout.multipliedBy(4));
      out.write('}');
      out.flush();
      s.setSoTimeout(20_000);
      String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(quiet).isTrue();
      assertThat(response).startsWith("HTTP/1.1 200").contains("\"region\":\"us-west-2\"");
    }
  }

  @Test
  void defaultHeaderReadTimeout_isTenSeconds() {
    assertThat(IvsLocal.DEFAULT_HEADER_READ_TIMEOUT).isEqualTo(Duration.ofSeconds(10));
  }

  private static Socket stalledConnection(IvsLocal ivs) throws IOException {
    Socket s = new Socket(ivs.endpoint().getHost(), ivs.endpoint().getPort());
    s.getOutputStream().write(PARTIAL_HEADERS.getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    return s;
  }

  /**
   * Waits (bounded poll) until the server has started this many worker threads, i.e. every stalled
   * connection has reached a worker.
   */
  private static void awaitWorkerThreads(IvsLocal ivs, int count) throws InterruptedException {
    Pattern worker = Pattern.compile("ivs-local-" + ivs.port() + "-[0-9]+");
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (Thread.getAllStackTraces().keySet().stream()
                .filter(t -> worker.matcher(t.getName()).matches())
                .count()
            < count
        && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
  }

  /** True when the server neither answers nor closes the connection within {@code wait}. */
  private static boolean nothingWithin(Socket s, Duration wait) throws IOException {
    s.setSoTimeout((int) wait.toMillis());
    try {
      s.getInputStream().read();
      return false;
    } catch (SocketTimeoutException expected) {
      return true;
    } catch (SocketException reset) {
      return false;
    }
  }

  /** True when the server closes the connection (EOF or reset) within 20 s, having sent nothing. */
  private static boolean closedByServer(Socket s) throws IOException {
    s.setSoTimeout(20_000);
    InputStream in = s.getInputStream();
    try {
      return in.read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException reset) {
      return true;
    }
  }
}
