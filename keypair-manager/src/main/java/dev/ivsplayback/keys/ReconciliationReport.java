package dev.ivsplayback.keys;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one comparison of the store with IVS.
 *
 * @param at when it ran
 * @param keyPairsInIvs key pairs in the region, managed or not
 * @param managedKeyPairs key pairs carrying this manager's tag
 * @param unmanagedKeyPairs key pairs without it: counted against the quota, never touched
 * @param findings what differed and how it was repaired (also sent to the listeners)
 */
public record ReconciliationReport(
    Instant at,
    int keyPairsInIvs,
    int managedKeyPairs,
    int unmanagedKeyPairs,
    List<PlaybackKeyEvent> findings) {
  /** Copies the findings. */
  public ReconciliationReport {
    findings = List.copyOf(findings);
  }
}
