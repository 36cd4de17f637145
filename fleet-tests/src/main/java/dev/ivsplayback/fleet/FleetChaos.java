package dev.ivsplayback.fleet;

import dev.ivsplayback.client.IvsClientConfig;
import dev.ivsplayback.client.IvsPlaybackClient;
import dev.ivsplayback.keys.PlaybackKeyState;
import dev.ivsplayback.keys.StoreLease;
import dev.ivsplayback.local.IvsLocal;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ivs.model.Channel;

/**
 * The fleet chaos driver (issue 13, part 5). It starts one ivs-local, {@value #MEMBERS} member JVMs
 * ({@link FleetMember}) on one shared key store, plays a sample of every member's tokens, SIGKILLs
 * the store's lease holder at random moments (restarting it each time), pauses it once with SIGSTOP
 * past its lease, and checks the invariants throughout ({@link FleetMonitor}) and at the end.
 *
 * <p>Run it with {@code fleet-tests/fleet-chaos.sh 10m [file|postgresql|mariadb]}, or from a test
 * with {@link #run(FleetConfig, PrintStream)}. A run ends within its length plus about 30 s: setup
 * waits at most {@value #SETUP_SECONDS} s for the first key, the drain lasts one deletion delay,
 * and every child is killed in a finally block and by a shutdown hook.
 */
public final class FleetChaos {
  static final int MEMBERS = 4;
  static final int SETUP_SECONDS = 30;
  static final Duration SETTLE = Duration.ofSeconds(10);
  private static final long POLL_MILLIS = 200;
  private static final Set<String> QUIET =
      Set.of("ACTIVE_KEY_CHANGED", "SELF_TEST_PASSED", "TOKEN_LIMITS_RAISED", "DESTROYED");
  // Findings that mean the fleet went wrong, not that a crash was repaired.
  private static final Set<String> ALARMS =
      Set.of(
          "FINGERPRINT_MISMATCH",
          "ACTIVE_KEY_MISSING_REPLACED",
          "ORPHANED_KEY_PAIR",
          "ORPHAN_DELETED",
          "UNTAGGED_KEY_PAIR",
          "EMERGENCY_REVOKED");

  private final FleetConfig config;
  private final FleetLog log;
  private final Random random;
  private final List<MemberProcess> everyIncarnation = new CopyOnWriteArrayList<>();
  private final MemberProcess[] current = new MemberProcess[MEMBERS];
  private final Map<String, Long> startedAt = new ConcurrentHashMap<>();
  private final List<String> alarms = new CopyOnWriteArrayList<>();
  private final AtomicInteger rotatedEvents = new AtomicInteger();
  private volatile TokenPlayer player;
  private volatile boolean sampling;

  private FleetChaos(FleetConfig config, PrintStream out) {
    this.config = config;
    this.log = new FleetLog(out);
    this.random = new Random(config.seed());
  }

  /**
   * {@code FleetChaos LENGTH [file|postgresql|mariadb] [--dir DIR] [--seed N]}: runs the chaos
   * test, prints its log and summary, exits 0 if every invariant held, 1 if not, 2 on bad usage.
   *
   * @param args the arguments
   * @throws Exception if the run could not be set up
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println(
          "usage: FleetChaos LENGTH [file|postgresql|mariadb] [--dir DIR] [--seed N]");
      System.exit(2);
    }
    Duration length = FleetConfig.parseLength(args[0]);
    String store = "file";
    Path dir = null;
    long seed = new SecureRandom().nextLong();
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--dir" -> dir = Path.of(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        default -> store = args[i];
      }
    }
    if (dir == null) {
      dir = Files.createTempDirectory("fleet-chaos-");
    }
    FleetReport report = run(FleetConfig.of(length, store, dir, seed), System.out);
    System.out.println(report.summary());
    System.exit(report.passed() ? 0 : 1);
  }

  /**
   * Runs one chaos run and reports it; never throws for a broken invariant (see {@link
   * FleetReport#failures()}).
   *
   * @param config the run
   * @param out where the run's log goes
   * @return the report
   * @throws Exception if the run could not be set up (ivs-local, the store, a member JVM)
   */
  public static FleetReport run(FleetConfig config, PrintStream out) throws Exception {
    return new FleetChaos(config, out).run();
  }

  private FleetReport run() throws Exception {
    Files.createDirectories(config.workDir());
    String runId = "fleet" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
    StoreSpec spec = storeSpec(runId);
    char[] secret = newSecret();
    log.log(
        "run "
            + runId
            + ": "
            + MEMBERS
            + " members on "
            + spec.redacted()
            + ", chaos for "
            + config.length().toSeconds()
            + " s, seed "
            + config.seed()
            + ", policy "
            + FleetPolicy.policy());
    Thread hook = new Thread(() -> everyIncarnation.forEach(MemberProcess::destroyNow));
    Runtime.getRuntime().addShutdownHook(hook);
    ScheduledExecutorService poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "fleet-monitor");
              t.setDaemon(true);
              return t;
            });
    try (IvsLocal ivsLocal = IvsLocal.builder().build().start();
        IvsPlaybackClient ivs = client(ivsLocal);
        StoreSpec.Opened observer = spec.open(secret, true)) {
      Channel channel =
          ivs.sync().createChannel(b -> b.name("fleet-chaos").authorized(true)).channel();
      FleetMonitor monitor =
          new FleetMonitor(observer.store, ivs.sync(), FleetPolicy.MANAGER_ID, log);
      player = new TokenPlayer(channel.playbackUrl(), 8, log, random.nextLong());
      List<String> memberArgs =
          List.of(
              "endpoint=" + ivsLocal.endpoint(),
              "region=" + ivsLocal.region(),
              "channel=" + channel.arn(),
              "storeId=" + spec.storeId(),
              "mintPerSecond=" + config.mintPerSecond(),
              "sampleEvery=" + config.sampleEvery());
      // The spec may carry database credentials: environment, not command line.
      Map<String, String> env =
          Map.of(FleetMember.SECRET_ENV, new String(secret), FleetMember.STORE_ENV, spec.spec());
      java.util.Arrays.fill(secret, '\0');
      for (int i = 0; i < MEMBERS; i++) {
        startMember(i, 0, memberArgs, env);
      }
      awaitFirstKey(monitor);
      poller.scheduleWithFixedDelay(monitor::poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
      sampling = true;
      Chaos chaos = chaos(observer, memberArgs, env);
      log.log("chaos over: " + chaos.kills + " kills, " + chaos.pauses + " pause");
      settle(monitor);
      sampling = false;
      log.log("draining " + player.pending() + " tokens still to play");
      // The drain lasts a deletion delay, so the key retired last is deleted (or due) while the
      // monitor still watches, and every sampled token has been played.
      long drainEnd =
          System.nanoTime() + FleetPolicy.policy().deletionDelay().toNanos() + 1_000_000_000L;
      if (!player.awaitIdle(FleetPolicy.MAX_TOKEN_TTL.plusSeconds(3))) {
        log.log("drain timed out with " + player.pending() + " tokens unplayed");
      }
      while (System.nanoTime() < drainEnd) {
        Thread.sleep(50);
      }
      poller.shutdown();
      poller.awaitTermination(10, TimeUnit.SECONDS);
      monitor.poll(); // the final check
      stopMembers();
      long minted = 0;
      Map<String, Long> refusals = new TreeMap<>();
      for (MemberProcess m : everyIncarnation) {
        minted += m.minted();
        m.refusals().forEach((reason, n) -> refusals.merge(reason, n, Long::sum));
        if (m.refusals().containsKey("STALE_KEY_STATE")) {
          log.log(
              m.ownerId
                  + " refused "
                  + m.refusals().get("STALE_KEY_STATE")
                  + " mints as STALE_KEY_STATE (its view of the store was too old)");
        }
      }
      List<String> violations = new ArrayList<>(monitor.violations());
      violations.addAll(alarms);
      violations.addAll(player.failures());
      FleetReport report =
          new FleetReport(
              spec.kind(),
              config.length(),
              config.seed(),
              chaos.kills,
              config.kills(),
              chaos.killsMidRotation,
              chaos.pauses,
              monitor.rotations(),
              config.requiredRotations(),
              rotatedEvents.get(),
              minted,
              refusals,
              player.submitted(),
              player.played(),
              player.late(),
              player.refused(),
              player.errors(),
              monitor.reads(),
              monitor.maxPairs(),
              monitor.maxManaged(),
              violations);
      log.log("run " + runId + " done");
      return report;
    } finally {
      poller.shutdownNow();
      if (player != null) {
        player.close();
      }
      for (MemberProcess m : everyIncarnation) {
        m.destroyNow();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: the hook runs anyway
      }
    }
  }

  /** A fresh store per run: its own directory, or its own store id in the shared tables. */
  private StoreSpec storeSpec(String runId) {
    return switch (config.storeKind()) {
      case "file" -> StoreSpec.file(config.workDir().resolve("store"));
      default -> new StoreSpec(StoreSpec.databaseUrl(config.storeKind()), runId);
    };
  }

  private static char[] newSecret() {
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b).toCharArray();
  }

  private static IvsPlaybackClient client(IvsLocal ivsLocal) {
    return IvsPlaybackClient.create(
        IvsClientConfig.builder()
            .region(ivsLocal.region())
            .endpointOverride(ivsLocal.endpoint())
            // ivs-local accepts any well-formed SigV4 credentials; these are not secrets.
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("FLEET", "fleet")))
            .maxAttempts(1)
            .build());
  }

  // ------------------------------------------------------------------ members

  private MemberProcess startMember(
      int index, int incarnation, List<String> args, Map<String, String> env) throws IOException {
    Path logFile = config.workDir().resolve("member-" + index + ".log");
    MemberProcess m = MemberProcess.start(index, incarnation, args, env, logFile, new Sink());
    everyIncarnation.add(m);
    current[index] = m;
    startedAt.put(m.ownerId, System.nanoTime());
    log.log("START " + m);
    return m;
  }

  private final class Sink implements MemberProcess.Sink {
    @Override
    public void ready(MemberProcess m) {
      Long t = startedAt.get(m.ownerId);
      log.log(
          "READY "
              + m.ownerId
              + (t == null ? "" : String.format(" after %.1f s", (System.nanoTime() - t) / 1e9)));
    }

    @Override
    public void token(MemberProcess m, String keyId, long exp, String jws) {
      if (sampling) {
        player.submit(
            new TokenPlayer.Sampled(m.ownerId, keyId, exp, jws, System.currentTimeMillis()));
      }
    }

    @Override
    public void event(MemberProcess m, String type, String keyId, String detail) {
      if (type.equals("ROTATED")) {
        rotatedEvents.incrementAndGet();
      }
      if (ALARMS.contains(type)) {
        alarms.add(m.ownerId + " reported " + type + " for key " + keyId + ": " + detail);
      }
      if (!QUIET.contains(type)) {
        log.log("  " + m.ownerId + " " + type + " " + keyId + " " + detail);
      }
    }
  }

  private void awaitFirstKey(FleetMonitor monitor) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETUP_SECONDS);
    while (!monitor.anyKeyActive()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "no ACTIVE key in the store " + SETUP_SECONDS + " s after starting the fleet");
      }
      monitor.poll();
      Thread.sleep(POLL_MILLIS);
    }
  }

  /**
   * If the rotations are still short of the required number when the chaos ends (a slow machine:
   * each kill of the leader can hold a rotation step back by a lease and a JVM start), the fleet
   * keeps running under load and checks, without kills, for at most {@link #SETTLE} more.
   */
  private void settle(FleetMonitor monitor) throws InterruptedException {
    int required = config.requiredRotations();
    if (monitor.rotations() >= required) {
      return;
    }
    log.log(
        "settling: "
            + monitor.rotations()
            + " of "
            + required
            + " rotations; load and checks go on without kills for at most "
            + SETTLE.toSeconds()
            + " s");
    long end = System.nanoTime() + SETTLE.toNanos();
    while (monitor.rotations() < required && System.nanoTime() < end) {
      Thread.sleep(100);
    }
  }

  private void stopMembers() throws InterruptedException {
    List<Thread> stopping = new ArrayList<>();
    for (MemberProcess m : current) {
      Thread t =
          new Thread(
              () -> {
                try {
                  m.stop(3_000);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      t.start();
      stopping.add(t);
    }
    for (Thread t : stopping) {
      t.join(15_000);
    }
  }

  // ------------------------------------------------------------------ chaos

  private record Chaos(int kills, int killsMidRotation, int pauses) {}

  /**
   * The chaos phase: one kill at a random moment in each of {@link FleetConfig#kills()} equal
   * slots, and one pause at a random moment in the middle third. Sequential, so the paused member
   * is never also killed.
   */
  private Chaos chaos(StoreSpec.Opened observer, List<String> args, Map<String, String> env)
      throws Exception {
    long start = System.nanoTime();
    long length = config.length().toNanos();
    long end = start + length;
    int slots = config.kills();
    long slot = length / slots;
    List<long[]> plan = new ArrayList<>(); // {at, 0 = kill / 1 = pause}
    for (int i = 0; i < slots; i++) {
      plan.add(
          new long[] {start + i * slot + (long) ((0.1 + 0.8 * random.nextDouble()) * slot), 0});
    }
    plan.add(new long[] {start + length / 3 + (long) (random.nextDouble() * length / 3), 1});
    plan.sort((a, b) -> Long.compare(a[0], b[0]));
    int kills = 0;
    int killsMidRotation = 0;
    int pauses = 0;
    long nextProgress = start + TimeUnit.SECONDS.toNanos(10);
    for (long[] step : plan) {
      while (System.nanoTime() < step[0]) {
        Thread.sleep(Math.min(100, Math.max(1, (step[0] - System.nanoTime()) / 1_000_000)));
        if (System.nanoTime() >= nextProgress) {
          progress(kills);
          nextProgress += TimeUnit.SECONDS.toNanos(10);
        }
      }
      // A step never runs past the end: a kill there could not be followed by a check.
      long deadline = Math.min(end, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
      MemberProcess holder = awaitLeaseHolder(observer, deadline);
      if (holder == null) {
        log.log("no live lease holder found for the " + (step[1] == 0 ? "kill" : "pause"));
        continue;
      }
      if (step[1] == 0) {
        String keys = keyStates(observer);
        log.log("KILL -9 " + holder + ": the lease holder; store " + keys);
        holder.kill();
        kills++;
        if (keys.contains("GENERATED") || keys.contains("IMPORTED")) {
          killsMidRotation++; // a new key was on its way: its successor must finish the rotation
        }
        startMember(holder.index, holder.incarnation + 1, args, env);
      } else {
        pauses += pause(observer, holder);
      }
    }
    while (System.nanoTime() < end) {
      Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
    }
    progress(kills);
    return new Chaos(kills, killsMidRotation, pauses);
  }

  private int pause(StoreSpec.Opened observer, MemberProcess holder) throws Exception {
    // Past its lease, and past maxSnapshotAge so its signer's view of the store goes stale too.
    Duration pause = FleetPolicy.LEASE_DURATION.plus(FleetPolicy.MAX_SNAPSHOT_AGE).plusSeconds(1);
    log.log("PAUSE (SIGSTOP) " + holder + ", the lease holder, for " + pause.toMillis() + " ms");
    holder.pause();
    try {
      Thread.sleep(pause.toMillis());
      Optional<StoreLease> lease = readLease(observer);
      log.log(
          "  while paused the lease is held by "
              + lease
                  .filter(l -> l.expiresAt().isAfter(Instant.now()))
                  .map(StoreLease::owner)
                  .orElse("nobody"));
    } finally {
      holder.resume();
    }
    log.log("RESUME (SIGCONT) " + holder);
    return 1;
  }

  /** The live member holding an unexpired lease, waiting for one until the deadline. */
  private MemberProcess awaitLeaseHolder(StoreSpec.Opened observer, long deadline)
      throws InterruptedException {
    while (true) {
      Optional<StoreLease> lease = readLease(observer);
      if (lease.isPresent() && lease.get().expiresAt().isAfter(Instant.now())) {
        for (MemberProcess m : current) {
          if (m.ownerId.equals(lease.get().owner()) && m.isAlive()) {
            return m;
          }
        }
      }
      if (System.nanoTime() >= deadline) {
        return null;
      }
      Thread.sleep(50);
    }
  }

  /** The store's keys as {@code keyId=STATE}, for the log. */
  private static String keyStates(StoreSpec.Opened observer) {
    try {
      return observer.store.read().keys().stream()
          .filter(k -> k.state() != PlaybackKeyState.DESTROYED)
          .map(k -> k.keyId() + "=" + k.state())
          .collect(Collectors.joining(", ", "[", "]"));
    } catch (RuntimeException e) {
      return "[unreadable]";
    }
  }

  private Optional<StoreLease> readLease(StoreSpec.Opened observer) {
    try {
      return observer.store.read().lease();
    } catch (RuntimeException e) {
      return Optional.empty(); // the monitor reports store failures
    }
  }

  private void progress(int kills) {
    log.log(
        String.format(
            "progress: kills %d, tokens sampled %d, played %d, refused %d, late %d, errors %d,"
                + " pending %d, ROTATED events %d",
            kills,
            player.submitted(),
            player.played(),
            player.refused(),
            player.late(),
            player.errors(),
            player.pending(),
            rotatedEvents.get()));
  }
}
