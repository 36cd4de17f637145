package dev.ivsplayback.fuzz;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one fuzz input with a time bound, in regression and in fuzzing mode alike. (JUnit's
 * {@code @Timeout} on a {@code @FuzzTest} would bound the whole fuzzing session, not each input.) A
 * timeout fails the input, which Jazzer then reports and saves as a finding.
 */
final class Bounded {
  /** The bound for one input: far above any legitimate run, far below a hang. */
  static final Duration PER_INPUT = Duration.ofSeconds(10);

  private static ExecutorService executor = newExecutor();

  private Bounded() {}

  /** A piece of an input's work that may throw. */
  @FunctionalInterface
  interface Work {
    void run() throws Exception;
  }

  static synchronized void run(Work work) {
    Future<?> f =
        executor.submit(
            () -> {
              work.run();
              return null;
            });
    try {
      f.get(PER_INPUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      executor.shutdownNow();
      executor = newExecutor(); // the stuck thread may never come back
      fail("the input took longer than " + PER_INPUT + " (a hang or unbounded work)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  private static ExecutorService newExecutor() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "fuzz-input");
          t.setDaemon(true);
          return t;
        });
  }
}
