package dev.ivsplayback.local.internal;

import com.sun.net.httpserver.HttpHandler;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker threads of one ivs-local HttpServer, with a deadline for reading a request's headers.
 *
 * <p>Why: the JDK HttpServer hands a connection to its executor as soon as the first byte arrives,
 * and the worker then reads the request line and headers with a blocking read that has no timeout.
 * A client that sends part of its headers and stops (a slow-header attack, or a stuck client) so
 * holds a worker for ever, and {@code threads} of them stop the server. The JDK's own limits
 * ({@code sun.net.httpserver.maxReqTime}, {@code idleInterval}) are system properties read once per
 * JVM, so they would change every HttpServer of the application; this is per server instead.
 *
 * <p>How: each exchange task is tracked from the moment a worker starts it. The handler returned by
 * {@link #afterHeaders} marks the headers as read; if the deadline comes first, a timer thread
 * interrupts the worker, which closes the connection (the worker's socket channel is interruptible)
 * and frees the worker. The request body is read by ivs-local's handler after this point and is
 * bounded by its size limit, not by this deadline.
 *
 * <p>Thread-safe.
 */
public final class WorkerPool implements Executor {
  private final ThreadPoolExecutor workers;
  private final ScheduledThreadPoolExecutor timer;
  private final long timeoutNanos;
  private final ThreadLocal<Exchange> current = new ThreadLocal<>();

  /**
   * @param name the prefix of the threads' names
   * @param threads the number of workers
   * @param headerReadTimeout how long a worker waits for a request's headers
   */
  public WorkerPool(String name, int threads, Duration headerReadTimeout) {
    this.timeoutNanos = headerReadTimeout.toNanos();
    AtomicInteger n = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> daemon(r, name + "-" + n.incrementAndGet()));
    workers.allowCoreThreadTimeOut(true);
    this.timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, name + "-header-timeout"));
    timer.setRemoveOnCancelPolicy(true);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Runs an exchange of the HttpServer on a worker, under the header deadline. */
  @Override
  public void execute(Runnable exchange) {
    workers.execute(() -> run(exchange));
  }

  private void run(Runnable exchange) {
    Exchange e = new Exchange(Thread.currentThread());
    ScheduledFuture<?> deadline = timer.schedule(e::expire, timeoutNanos, TimeUnit.NANOSECONDS);
    current.set(e);
    try {
      exchange.run();
    } finally {
      deadline.cancel(false);
      current.remove();
      e.finish();
    }
  }

  /**
   * The handler to register with the HttpServer: it marks the headers of the current exchange as
   * read (stopping its deadline) and calls {@code handler}, or, if the deadline came first, closes
   * the exchange without an answer.
   */
  public HttpHandler afterHeaders(HttpHandler handler) {
    return ex -> {
      Exchange e = current.get();
      if (e != null && !e.headersRead()) {
        ex.close();
        return;
      }
      handler.handle(ex);
    };
  }

  /** Stops the workers (interrupting those still running) and the timer. */
  public void shutdownNow() {
    workers.shutdownNow();
    timer.shutdownNow();
  }

  /** One exchange on one worker: reading headers, then handling, or expired. */
  private static final class Exchange {
    private static final int READING = 0;
    private static final int HANDLING = 1;
    private static final int EXPIRED = 2;
    private static final int DONE = 3;

    private final Thread worker;
    private int state = READING;

    Exchange(Thread worker) {
      this.worker = worker;
    }

    /** On the timer: interrupt the worker if it is still reading this exchange's headers. */
    synchronized void expire() {
      if (state == READING) {
        state = EXPIRED;
        worker.interrupt();
      }
    }

    /** On the worker: true if the headers beat the deadline. */
    synchronized boolean headersRead() {
      if (state == READING) {
        state = HANDLING;
        return true;
      }
      return false;
    }

    /**
     * On the worker: the exchange is over. Under the lock, so no interrupt of this exchange can
     * arrive later; one that arrived is cleared, as it was meant for this exchange only.
     */
    synchronized void finish() {
      state = DONE;
      Thread.interrupted();
    }
  }
}
