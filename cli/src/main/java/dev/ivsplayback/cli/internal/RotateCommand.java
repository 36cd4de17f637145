package dev.ivsplayback.cli.internal;

import dev.ivsplayback.client.IvsPlaybackClient;
import dev.ivsplayback.keys.PlaybackKeyEvent;
import dev.ivsplayback.keys.PlaybackKeyException;
import dev.ivsplayback.keys.PlaybackKeyManager;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.keys.RotationPolicy;
import dev.ivsplayback.token.InvalidConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rotate --store DIR}: one idempotent step of the key lifecycle, for cron jobs and runbooks.
 */
@Command(
    name = "rotate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Reconcile the key store with IVS, then rotate the playback key if due (or with --force).",
      "Reconciling repairs what an interrupted run left behind and deletes retired keys whose grace period has passed; a new key becomes ACTIVE on the first run after its propagation delay. Prints what it did. Safe to kill at any moment: the next run repairs. Run it from cron, e.g. every 10 minutes."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  ivs-playback rotate --store /var/lib/ivs-keys --passphrase-env IVS_STORE_PASSPHRASE --max-token-ttl 1h"
    })
final class RotateCommand extends AbstractCommand {

  @Option(
      names = "--store",
      required = true,
      paramLabel = "DIR|URL",
      description =
          "Key store: a directory, or a jdbc:postgresql:// or jdbc:mariadb:// URL (created if missing).")
  String store;

  @Mixin DatabaseOptions database;

  @Mixin PassphraseOptions passphrase;

  @Option(names = "--force", description = "Start a rotation now even if none is due.")
  boolean force;

  @Option(
      names = "--max-token-ttl",
      paramLabel = "D",
      converter = Durations.class,
      description = "Longest lifetime of any token signed with these keys (default 1h).")
  Duration maxTokenTtl;

  @Option(
      names = "--grace",
      paramLabel = "D",
      converter = Durations.class,
      description =
          "How long a retired key stays in IVS after a rotation (default: max token TTL + 7m); at least"
              + " max token TTL + 2m, so that no live token loses its key.")
  Duration grace;

  @Option(
      names = "--propagation-delay",
      paramLabel = "D",
      converter = Durations.class,
      description = "Wait between importing a key and signing with it (default 5m).")
  Duration propagationDelay;

  @Option(
      names = "--interval",
      paramLabel = "D",
      converter = Durations.class,
      description = "Rotate when the ACTIVE key is this old (default 30d).")
  Duration interval;

  @Option(
      names = "--manager-id",
      paramLabel = "ID",
      defaultValue = "ivs-playback",
      description =
          "Manager id tagged on the key pairs (default: ${DEFAULT-VALUE}); use the one your servers' key manager uses.")
  String managerId;

  @Override
  public Integer call() {
    RotationPolicy policy = policy();
    List<PlaybackKeyEvent> events = new ArrayList<>();
    boolean leader;
    String note = null;
    try (StoreSupport.OpenStore keyStore =
            StoreSupport.open(store, passphrase, database, env(), false);
        IvsPlaybackClient client = connect();
        PlaybackKeyManager manager =
            PlaybackKeyManager.builder()
                .managerId(managerId)
                .client(client)
                .store(keyStore.store())
                .policy(policy)
                .clock(env().clock())
                .automaticTicks(false)
                .listener(
                    e -> {
                      events.add(e);
                      if (!json() && isAction(e)) {
                        out().println(line(e));
                        out().flush();
                      }
                    })
                .build()) {
      manager.reconcile();
      leader = manager.tick();
      if (!leader) {
        throw new CommandFailedException(
            "another process holds the key store lease; nothing was changed (try again"
                + " after it finishes)");
      }
      if (force && events.stream().noneMatch(e -> e.type() == PlaybackKeyEvent.Type.GENERATED)) {
        try {
          manager.rotate();
        } catch (PlaybackKeyException e) {
          if (e.reason() != PlaybackKeyException.Reason.ROTATION_IN_PROGRESS) {
            throw e;
          }
          note = "a rotation is already in progress: " + e.getMessage();
        }
      }
      List<PlaybackKeyRecord> keys = manager.keys();
      if (json()) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> ev = new ArrayList<>();
        for (PlaybackKeyEvent e : events) {
          Map<String, Object> j = new LinkedHashMap<>();
          j.put("type", e.type().name());
          j.put("at", e.at());
          j.put("keyId", e.keyId());
          j.put("arn", e.arn());
          j.put("fingerprint", e.fingerprint());
          j.put("detail", e.detail());
          ev.add(j);
        }
        m.put("events", ev);
        if (note != null) {
          m.put("note", note);
        }
        List<Object> ks = new ArrayList<>();
        keys.forEach(k -> ks.add(StoreSupport.toJson(k)));
        m.put("keys", ks);
        out().println(Json.compact(m));
      } else {
        if (note != null) {
          out().println(note);
        }
        if (events.stream().noneMatch(RotateCommand::isAction)) {
          out().println("nothing to do: no rotation is due");
        }
        manager
            .activeKey()
            .ifPresent(
                k ->
                    out()
                        .println(
                            "ACTIVE key "
                                + k.keyId()
                                + " "
                                + k.fingerprint()
                                + " "
                                + k.arn().orElse("")));
        for (PlaybackKeyRecord k : keys) {
          switch (k.state()) {
            case IMPORTED ->
                out()
                    .println(
                        "pending key "
                            + k.keyId()
                            + " "
                            + k.fingerprint()
                            + k.promotableAt()
                                .map(t -> " becomes ACTIVE on the first run after " + t)
                                .orElse(""));
            case RETIRING ->
                out()
                    .println(
                        "retiring key "
                            + k.keyId()
                            + " "
                            + k.fingerprint()
                            + k.deletableAt()
                                .map(t -> " is deleted from IVS on the first run after " + t)
                                .orElse(""));
            default -> {}
          }
        }
      }
    }
    return 0;
  }

  private RotationPolicy policy() {
    RotationPolicy defaults = RotationPolicy.defaults();
    RotationPolicy.Builder b = defaults.toBuilder();
    Duration ttl = maxTokenTtl != null ? maxTokenTtl : defaults.maxTokenTtl();
    if (maxTokenTtl != null) {
      b.maxTokenTtl(maxTokenTtl);
    }
    if (propagationDelay != null) {
      b.propagationDelay(propagationDelay);
    }
    if (interval != null) {
      b.rotationInterval(interval);
    }
    if (grace != null) {
      Duration minimum = ttl.plus(defaults.maxSnapshotAge());
      if (grace.compareTo(minimum) < 0) {
        throw new BadInputException(
            "--grace "
                + Durations.format(grace)
                + ": must be at least the maximum token TTL "
                + Durations.format(ttl)
                + " plus "
                + Durations.format(defaults.maxSnapshotAge())
                + " (a signer's longest stale view of the store), i.e. "
                + Durations.format(minimum)
                + ", or a live token could lose its key");
      }
      b.clockSkew(grace.minus(minimum));
    }
    try {
      return b.build();
    } catch (InvalidConfigurationException e) {
      throw new BadInputException(
          "the rotation timings do not fit together: "
              + e.getMessage()
              + " (adjust --interval, --max-token-ttl, --grace or --propagation-delay)",
          e);
    }
  }

  /**
   * Events that change or repair something; leases and the signer's view are bookkeeping of this
   * short run.
   */
  private static boolean isAction(PlaybackKeyEvent e) {
    return switch (e.type()) {
      case FAILURE, ACTIVE_KEY_CHANGED, LEASE_ACQUIRED, LEASE_LOST -> false;
      default -> true;
    };
  }

  private static String line(PlaybackKeyEvent e) {
    StringBuilder sb = new StringBuilder(e.type().name());
    if (e.keyId() != null) {
      sb.append(" key ").append(e.keyId());
    }
    if (e.arn() != null) {
      sb.append(' ').append(e.arn());
    }
    if (e.fingerprint() != null) {
      sb.append(' ').append(e.fingerprint());
    }
    sb.append(": ").append(ErrorHandler.oneLine(e.detail()));
    return sb.toString();
  }
}
