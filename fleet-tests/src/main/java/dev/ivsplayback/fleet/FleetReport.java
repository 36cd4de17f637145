package dev.ivsplayback.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one chaos run: what was done, what was measured, and every broken invariant.
 *
 * @param storeKind file, postgresql or mariadb
 * @param length the chaos phase's length
 * @param seed the run's seed
 * @param kills SIGKILLs of the lease holder
 * @param requiredKills the kills the run had to make
 * @param killsMidRotation kills while a new key was GENERATED or IMPORTED (a rotation in flight)
 * @param pauses SIGSTOP/SIGCONT pauses of the lease holder past its lease
 * @param rotations rotations seen in the store (distinct ACTIVE keys minus the first)
 * @param requiredRotations the rotations the run had to see
 * @param rotatedEvents ROTATED events the members reported (a killed leader may not have)
 * @param minted tokens minted across every member incarnation
 * @param mintRefusals mints the signers refused, by reason (NO_ACTIVE_KEY before the first key,
 *     STALE_KEY_STATE when a member had not read the store for too long: the safety rule working)
 * @param sampled tokens sampled and played (accepted for play during the chaos phase)
 * @param played tokens that played (200)
 * @param late tokens refused as expired, answered after their exp (sent in time)
 * @param refused tokens refused while within their exp
 * @param playErrors plays with no answer or an unexpected status
 * @param storeReads store reads by the driver's invariant checks
 * @param maxPairs the most key pairs seen in IVS at once
 * @param maxManaged the most managed key pairs seen in IVS at once
 * @param violations every broken invariant and every failed play, in order
 */
record FleetReport(
    String storeKind,
    Duration length,
    long seed,
    int kills,
    int requiredKills,
    int killsMidRotation,
    int pauses,
    int rotations,
    int requiredRotations,
    int rotatedEvents,
    long minted,
    Map<String, Long> mintRefusals,
    long sampled,
    long played,
    long late,
    long refused,
    long playErrors,
    long storeReads,
    int maxPairs,
    int maxManaged,
    List<String> violations) {

  /** Every reason the run failed; empty if it passed. */
  List<String> failures() {
    List<String> f = new ArrayList<>(violations);
    if (kills < requiredKills) {
      f.add("only " + kills + " kills of the lease holder, " + requiredKills + " required");
    }
    if (pauses != 1) {
      f.add(pauses + " pauses past the lease, 1 required");
    }
    if (rotations < requiredRotations) {
      f.add("only " + rotations + " rotations, " + requiredRotations + " required");
    }
    long perSecond = sampled / Math.max(1, length.toSeconds());
    if (perSecond < FleetConfig.MIN_SAMPLES_PER_SECOND) {
      f.add(
          "only "
              + sampled
              + " tokens sampled ("
              + perSecond
              + "/s), at least "
              + FleetConfig.MIN_SAMPLES_PER_SECOND
              + "/s required");
    }
    if (played + late + refused + playErrors != sampled) {
      f.add((sampled - played - late - refused - playErrors) + " sampled tokens were never played");
    }
    return f;
  }

  boolean passed() {
    return failures().isEmpty();
  }

  String summary() {
    StringBuilder s = new StringBuilder();
    s.append("fleet chaos on ")
        .append(storeKind)
        .append(", ")
        .append(length.toSeconds())
        .append(" s, seed ")
        .append(seed)
        .append(": ")
        .append(passed() ? "PASSED" : "FAILED")
        .append('\n');
    s.append(
        String.format(
            "  kills %d (required %d; %d with a rotation in flight), pauses %d, rotations %d"
                + " (required %d; ROTATED events %d)%n",
            kills,
            requiredKills,
            killsMidRotation,
            pauses,
            rotations,
            requiredRotations,
            rotatedEvents));
    s.append(
        String.format(
            "  tokens minted %d (mints refused by the signers: %s), sampled %d, played %d, refused"
                + " within exp %d, late %d, play errors %d%n",
            minted,
            mintRefusals.isEmpty() ? "none" : mintRefusals,
            sampled,
            played,
            refused,
            late,
            playErrors));
    s.append(
        String.format(
            "  store reads %d, most pairs in IVS %d, most managed %d%n",
            storeReads, maxPairs, maxManaged));
    for (String failure : failures()) {
      s.append("  FAILURE: ").append(failure).append('\n');
    }
    return s.toString();
  }
}
