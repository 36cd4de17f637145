package dev.ivsplayback.spring;

import dev.ivsplayback.keys.PlaybackKeyManager;
import dev.ivsplayback.keys.PlaybackKeyRecord;
import dev.ivsplayback.spring.internal.KeyManagerState;
import dev.ivsplayback.token.MintReadiness;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP only when the minter can mint: an ACTIVE key confirmed from the store within the maximum
 * snapshot age ({@code signer().readiness()}) and no unresolved fingerprint alarm. DOWN otherwise,
 * with a {@code reason}: {@code no-active-key}, {@code stale-store} or {@code store-unreachable}
 * (stale, and the last tick failed), {@code fingerprint-alarm}, {@code destroyed}. Details name the
 * key (id, fingerprint, state, age) and whether this process holds the store lease; never key
 * material. Never blocks on the manager's lock. Thread-safe.
 */
public class PlaybackKeyHealthIndicator implements HealthIndicator {
  private final PlaybackKeyManager manager;
  private final KeyManagerState state;
  private final Clock clock;

  /**
   * Creates the indicator.
   *
   * @param manager the key manager
   * @param state what the manager last reported
   * @param clock the clock for ages
   */
  public PlaybackKeyHealthIndicator(
      PlaybackKeyManager manager, KeyManagerState state, Clock clock) {
    this.manager = manager;
    this.state = state;
    this.clock = clock;
  }

  @Override
  public Health health() {
    MintReadiness readiness = manager.signer().readiness();
    Health.Builder b;
    if (state.fingerprintAlarm().isPresent()) {
      b = Health.down().withDetail("reason", "fingerprint-alarm");
      b.withDetail("alarm", state.fingerprintAlarm().get().detail());
    } else if (readiness.ready()) {
      b = Health.up();
    } else {
      b = Health.down().withDetail("reason", reason(readiness));
      state.lastFailure().ifPresent(f -> b.withDetail("lastFailure", f.detail()));
    }
    b.withDetail("readiness", readiness.status().name())
        .withDetail("detail", readiness.detail())
        .withDetail("managerId", manager.managerId())
        .withDetail("leaseHolder", state.leader() ? manager.ownerId() : "another process");
    Optional<PlaybackKeyRecord> active = manager.activeKey();
    active.ifPresent(
        k -> {
          b.withDetail("keyId", k.keyId())
              .withDetail("fingerprint", k.fingerprint())
              .withDetail("state", k.state().name());
          k.activatedAt()
              .ifPresent(t -> b.withDetail("activeFor", Duration.between(t, clock.instant())));
        });
    state
        .storeLastConfirmed()
        .ifPresent(t -> b.withDetail("storeConfirmedAgo", Duration.between(t, clock.instant())));
    return b.build();
  }

  private String reason(MintReadiness readiness) {
    return switch (readiness.status()) {
      case NO_ACTIVE_KEY -> "no-active-key";
      case KEY_VIEW_STALE -> state.lastFailure().isPresent() ? "store-unreachable" : "stale-store";
      case DESTROYED -> "destroyed";
      case READY -> "ready";
    };
  }
}
