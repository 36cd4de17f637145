package dev.ivsplayback.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class LogCaptureTest {
  private static final Logger LOG = LoggerFactory.getLogger(LogCaptureTest.class);

  @Test
  void start_whenProviderConfigured_recordsEveryLevelFormattedWithThrowable() {
    IllegalStateException failure = new IllegalStateException("broken pipe");
    try (LogCapture logs = LogCapture.start()) {
      LOG.trace("trace {}", 1);
      LOG.debug("debug {} {}", "a", "b");
      LOG.info("info");
      LOG.warn("warn {}", "x", failure);
      LOG.error("error {} {} {}", 1, null, 3);

      assertThat(logs.entries())
          .extracting(LogCapture.Entry::level)
          .containsExactly(Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR);
      assertThat(logs.entries())
          .extracting(LogCapture.Entry::message)
          .containsExactly("trace 1", "debug a b", "info", "warn x", "error 1 null 3");
      LogCapture.Entry warn = logs.entries().get(3);
      assertThat(warn.pattern()).isEqualTo("warn {}");
      assertThat(warn.arguments()).containsExactly("x");
      assertThat(warn.throwable()).isSameAs(failure);
      assertThat(logs.entries(LogCaptureTest.class.getName())).hasSize(5);
      assertThat(logs.entries("other.Logger")).isEmpty();
      assertThat(logs.text())
          .contains("WARN " + LogCaptureTest.class.getName() + " - warn x")
          .contains("java.lang.IllegalStateException: broken pipe")
          .contains("at " + LogCaptureTest.class.getName());
    }
  }

  @Test
  void start_whenLoggedFromAnotherThread_records() {
    try (LogCapture logs = LogCapture.start()) {
      CompletableFuture.runAsync(() -> LOG.info("from {}", "elsewhere")).join();

      assertThat(logs.entries()).extracting(LogCapture.Entry::message).contains("from elsewhere");
    }
  }

  @Test
  void close_stopsRecordingButKeepsEntries() {
    LogCapture logs = LogCapture.start();
    LOG.info("before close");
    logs.close();
    LOG.info("after close");

    assertThat(logs.entries())
        .extracting(LogCapture.Entry::message)
        .containsExactly("before close");
  }
}
