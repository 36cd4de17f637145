package dev.ivsplayback.fleet;

import java.io.PrintStream;

/** The driver's log: one line per fact, prefixed by the seconds since the run started. */
final class FleetLog {
  private final PrintStream out;
  private final long start = System.nanoTime();

  FleetLog(PrintStream out) {
    this.out = out;
  }

  double elapsedSeconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  synchronized void log(String message) {
    out.printf("[%7.2fs] %s%n", elapsedSeconds(), message);
    out.flush();
  }
}
