package dev.ivsplayback.fleet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One incarnation of a fleet member: a real {@code java} child process running {@link FleetMember},
 * its stdout read line by line on a thread of its own. A restart is a new incarnation with a new
 * owner id ({@code m<index>-r<incarnation>}), so the store's lease owner always names exactly one
 * process.
 */
final class MemberProcess {
  /** What the driver does with a member's lines. */
  interface Sink {
    void ready(MemberProcess member);

    void token(MemberProcess member, String keyId, long exp, String jws);

    void event(MemberProcess member, String type, String keyId, String detail);
  }

  final int index;
  final int incarnation;
  final String ownerId;
  private final Process process;
  private final Thread reader;
  private volatile long minted;
  private volatile long sampled;
  private volatile String refusals = "-";

  private MemberProcess(int index, int incarnation, Process process, Sink sink) {
    this.index = index;
    this.incarnation = incarnation;
    this.ownerId = ownerId(index, incarnation);
    this.process = process;
    this.reader = new Thread(() -> read(sink), "fleet-member-" + ownerId);
    reader.setDaemon(true);
    reader.start();
  }

  static String ownerId(int index, int incarnation) {
    return "m" + index + "-r" + incarnation;
  }

  /**
   * Starts a member JVM with the current java binary and this JVM's classpath.
   *
   * @param args the member's {@code key=value} arguments, without {@code owner}
   * @param env extra environment (the store secret)
   * @param logFile where the member's stderr goes
   */
  static MemberProcess start(
      int index,
      int incarnation,
      List<String> args,
      Map<String, String> env,
      Path logFile,
      Sink sink)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Small, quick-starting JVMs: the fleet shares the machine with the driver and the database.
    command.addAll(
        List.of(
            "-Xmx128m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            FleetMember.class.getName(),
            "owner=" + ownerId(index, incarnation)));
    command.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    pb.environment().putAll(env);
    return new MemberProcess(index, incarnation, pb.start(), sink);
  }

  private void read(Sink sink) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("TOKEN ")) {
          String[] p = line.split(" ", 4);
          sink.token(this, p[1], Long.parseLong(p[2]), p[3]);
        } else if (line.startsWith("EVENT ")) {
          String[] p = line.split(" ", 4);
          sink.event(this, p[1], p[2], p.length > 3 ? p[3] : "");
        } else if (line.startsWith("STATS ")) {
          String[] p = line.split(" ", 4);
          minted = Long.parseLong(p[1]);
          sampled = Long.parseLong(p[2]);
          refusals = p[3];
        } else if (line.startsWith("READY ")) {
          sink.ready(this);
        }
      }
    } catch (IOException | RuntimeException e) {
      // The process died (a SIGKILL mid-line); what it reported before stands.
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Tokens minted, as of the last STATS line. */
  long minted() {
    return minted;
  }

  /** Tokens sampled for the driver, as of the last STATS line. */
  long sampled() {
    return sampled;
  }

  /** Mint refusals by reason, as of the last STATS line. */
  Map<String, Long> refusals() {
    Map<String, Long> m = new TreeMap<>();
    String r = refusals;
    if (!r.equals("-")) {
      for (String part : r.split(",")) {
        String[] kv = part.split("=", 2);
        m.put(kv[0], Long.parseLong(kv[1]));
      }
    }
    return m;
  }

  /** SIGKILL ({@link Process#destroyForcibly()} on Linux), then waits for the process to go. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
    reader.join(2_000);
  }

  /** SIGSTOP: the whole JVM freezes, its lease running out while it holds it. */
  void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT. */
  void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -" + name + " " + pid() + " failed");
    }
  }

  /**
   * Ends the member: closing its stdin makes it exit cleanly (releasing the lease); SIGKILL if it
   * has not within the grace period.
   */
  void stop(long graceMillis) throws InterruptedException {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // already gone
    }
    if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    reader.join(2_000);
  }

  /** For the shutdown hook: SIGKILL without waiting. */
  void destroyNow() {
    process.destroyForcibly();
  }

  @Override
  public String toString() {
    return ownerId + " (pid " + pid() + ")";
  }
}
