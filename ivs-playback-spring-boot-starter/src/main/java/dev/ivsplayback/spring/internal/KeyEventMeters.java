package dev.ivsplayback.spring.internal;

import dev.ivsplayback.keys.PlaybackKeyEvent;
import dev.ivsplayback.keys.PlaybackKeyListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the key manager's events: {@code ivs.playback.keys.rotations}, {@code .imports}, {@code
 * .promotions}, {@code .deletions}, {@code ivs.playback.keys.reconciliation.findings} by type, and
 * {@code ivs.playback.failures} by exception type (source key-manager). Tags are event types and
 * class names only. Thread-safe (Micrometer's registry is).
 */
public final class KeyEventMeters implements PlaybackKeyListener {
  private final MeterRegistry registry;
  private final Counter rotations;
  private final Counter imports;
  private final Counter promotions;
  private final Counter deletions;

  /**
   * Registers the counters.
   *
   * @param registry the registry
   */
  public KeyEventMeters(MeterRegistry registry) {
    this.registry = registry;
    rotations = counter("ivs.playback.keys.rotations", "Completed key rotations");
    imports = counter("ivs.playback.keys.imports", "Key pairs imported into IVS");
    promotions = counter("ivs.playback.keys.promotions", "Keys that became ACTIVE");
    deletions = counter("ivs.playback.keys.deletions", "Key pairs deleted from IVS");
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  @Override
  public void onEvent(PlaybackKeyEvent event) {
    switch (event.type()) {
      case ROTATED -> rotations.increment();
      case IMPORTED -> imports.increment();
      case PROMOTED -> promotions.increment();
      case DELETED -> deletions.increment();
      case FAILURE ->
          Counter.builder("ivs.playback.failures")
              .description("Failures by exception type")
              .tag("source", "key-manager")
              .tag("type", event.error().map(e -> e.getClass().getSimpleName()).orElse("unknown"))
              .register(registry)
              .increment();
      default -> {}
    }
    if (event.type().isReconciliationFinding()) {
      Counter.builder("ivs.playback.keys.reconciliation.findings")
          .description("Differences between the key store and IVS, by type")
          .tag("type", event.type().name())
          .register(registry)
          .increment();
    }
  }
}
