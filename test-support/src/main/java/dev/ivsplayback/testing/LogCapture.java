package dev.ivsplayback.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.helpers.MessageFormatter;

/**
 * Records what the code under test logs through SLF4J, from every thread, at every level, while it
 * is open. Needs {@link CapturingSlf4jProvider} as the SLF4J provider of the test JVM (Surefire
 * system property {@code slf4j.provider}); {@link #start()} fails otherwise, so a test cannot pass
 * by capturing nothing.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) {
 *   store.write(...);
 *   assertThat(logs.entries("dev.ivsplayback.keys.FileSystemPlaybackKeyStore")).isNotEmpty();
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {
  private static final List<LogCapture> OPEN = new CopyOnWriteArrayList<>();

  private final List<Entry> entries = new CopyOnWriteArrayList<>();

  private LogCapture() {}

  /**
   * Starts capturing.
   *
   * @return the open capture; close it when done
   * @throws IllegalStateException if SLF4J is bound to another provider
   */
  public static LogCapture start() {
    Object factory = LoggerFactory.getILoggerFactory();
    if (!factory.getClass().getName().startsWith(CapturingSlf4jProvider.class.getName())) {
      throw new IllegalStateException(
          "SLF4J is bound to "
              + factory.getClass().getName()
              + ", not the capturing provider: set the system property slf4j.provider="
              + CapturingSlf4jProvider.class.getName()
              + " in this module's Surefire configuration");
    }
    LogCapture capture = new LogCapture();
    OPEN.add(capture);
    return capture;
  }

  static void publish(Entry entry) {
    for (LogCapture capture : OPEN) {
      capture.entries.add(entry);
    }
  }

  /**
   * Everything logged since {@link #start()}, in order.
   *
   * @return a snapshot of the entries
   */
  public List<Entry> entries() {
    return List.copyOf(entries);
  }

  /**
   * What one logger logged.
   *
   * @param loggerName the logger's name, e.g. a class's fully qualified name
   * @return a snapshot of that logger's entries
   */
  public List<Entry> entries(String loggerName) {
    return entries.stream().filter(e -> e.logger().equals(loggerName)).toList();
  }

  /**
   * Every entry as a log file would show it: level, logger, formatted message, and the throwable's
   * whole stack trace with causes.
   *
   * @return the text
   */
  public String text() {
    StringBuilder s = new StringBuilder();
    for (Entry e : entries) {
      s.append(e.render());
    }
    return s.toString();
  }

  /** Stops capturing; the entries stay readable. */
  @Override
  public void close() {
    OPEN.remove(this);
  }

  /**
   * One log call.
   *
   * @param level the level
   * @param logger the logger's name
   * @param pattern the message pattern, with {@code {}} placeholders
   * @param message the formatted message
   * @param arguments the arguments, as given (elements may be null)
   * @param throwable the throwable, or null
   */
  public record Entry(
      Level level,
      String logger,
      String pattern,
      String message,
      List<Object> arguments,
      Throwable throwable) {

    static Entry of(
        Level level, String logger, String pattern, Object[] arguments, Throwable throwable) {
      List<Object> args =
          arguments == null
              ? List.of()
              : Collections.unmodifiableList(new ArrayList<>(Arrays.asList(arguments)));
      String message = MessageFormatter.basicArrayFormat(pattern, arguments);
      return new Entry(level, logger, pattern, message, args, throwable);
    }

    /**
     * The entry as a log line, with the stack trace below it if there is a throwable.
     *
     * @return the text, ending with a line break
     */
    public String render() {
      StringWriter w = new StringWriter();
      w.append(level.toString()).append(' ').append(logger).append(" - ").append(message);
      w.append(System.lineSeparator());
      if (throwable != null) {
        throwable.printStackTrace(new PrintWriter(w));
      }
      return w.toString();
    }
  }
}
