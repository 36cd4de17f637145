package dev.ivsplayback.client.internal;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Per-operation facts ivs-client needs: whether a repeat of a request that may already have been
 * applied is harmless, and IVS's documented TPS quota (ivs-spec §3.5, "API rate quotas", per
 * account per region, not adjustable).
 */
public final class OperationPolicy {

  /**
   * Operations whose repetition changes the outcome: a second CreateChannel makes a second channel,
   * a second PutMetadata shows viewers the cue twice, a second InsertAdBreak inserts a second ad
   * break, a second CreateStreamKey or ImportPlaybackKeyPair fails with an error although the first
   * succeeded. These are not retried once the request may have reached IVS. Anything not in {@link
   * #operations()} is treated the same way (an operation added to IVS later).
   */
  private static final Set<String> NOT_IDEMPOTENT =
      Set.of(
          "CreateChannel",
          "CreateStreamKey",
          "CreateRecordingConfiguration",
          "CreatePlaybackRestrictionPolicy",
          "CreateAdConfiguration",
          "ImportPlaybackKeyPair",
          "PutMetadata",
          "InsertAdBreak");

  /**
   * The six ad-configuration operations, which ivs-client generates because SDK 2.40.2 lacks them.
   * IVS documents no TPS quota for them (ivs-spec §3.5: NOT FOUND), so they have none here.
   */
  private static final Set<String> AD_OPERATIONS =
      Set.of(
          "CreateAdConfiguration",
          "GetAdConfiguration",
          "UpdateAdConfiguration",
          "DeleteAdConfiguration",
          "ListAdConfigurations",
          "InsertAdBreak");

  /**
   * IVS's documented TPS quota of each of the 35 operations of SDK 2.40.2 (none is documented for
   * the six ad-configuration operations).
   */
  private static final Map<String, Integer> TPS =
      Map.ofEntries(
          Map.entry("BatchGetChannel", 5),
          Map.entry("CreateChannel", 5),
          Map.entry("DeleteChannel", 5),
          Map.entry("GetChannel", 5),
          Map.entry("ListChannels", 5),
          Map.entry("UpdateChannel", 5),
          Map.entry("CreatePlaybackRestrictionPolicy", 5),
          Map.entry("DeletePlaybackRestrictionPolicy", 5),
          Map.entry("GetPlaybackRestrictionPolicy", 5),
          Map.entry("UpdatePlaybackRestrictionPolicy", 5),
          Map.entry("ListPlaybackRestrictionPolicies", 5),
          Map.entry("DeletePlaybackKeyPair", 3),
          Map.entry("GetPlaybackKeyPair", 3),
          Map.entry("ImportPlaybackKeyPair", 3),
          Map.entry("ListPlaybackKeyPairs", 3),
          Map.entry("BatchStartViewerSessionRevocation", 2),
          Map.entry("StartViewerSessionRevocation", 10),
          Map.entry("CreateRecordingConfiguration", 3),
          Map.entry("DeleteRecordingConfiguration", 3),
          Map.entry("GetRecordingConfiguration", 3),
          Map.entry("ListRecordingConfigurations", 3),
          Map.entry("GetStream", 5),
          Map.entry("GetStreamSession", 5),
          Map.entry("ListStreams", 5),
          Map.entry("ListStreamSessions", 5),
          Map.entry("StopStream", 5),
          Map.entry("PutMetadata", 155),
          Map.entry("BatchGetStreamKey", 5),
          Map.entry("CreateStreamKey", 5),
          Map.entry("DeleteStreamKey", 5),
          Map.entry("GetStreamKey", 5),
          Map.entry("ListStreamKeys", 5),
          Map.entry("ListTagsForResource", 10),
          Map.entry("TagResource", 10),
          Map.entry("UntagResource", 10));

  /** All 41 operations of the IVS service model. */
  private static final Set<String> OPERATIONS = union(TPS.keySet(), AD_OPERATIONS);

  /** PutMetadata's per-channel quota. */
  public static final int PUT_METADATA_TPS_PER_CHANNEL = 5;

  private OperationPolicy() {}

  /**
   * Whether sending the request again is harmless even if IVS already applied the first attempt.
   * Unknown or null operation names are not. Delete* operations are: their effect is the same
   * however often they are applied, but their answer is not; a repeat of a delete that was applied
   * answers ResourceNotFoundException, which callers are told (IvsClientConfig, README) to treat as
   * "already deleted".
   */
  public static boolean isIdempotent(String operation) {
    return operation != null
        && OPERATIONS.contains(operation)
        && !NOT_IDEMPOTENT.contains(operation);
  }

  /** IVS's per-account TPS quota for the operation, or 0 when none is documented. */
  public static int tps(String operation) {
    return operation == null ? 0 : TPS.getOrDefault(operation, 0);
  }

  /**
   * The 41 operation names this policy knows: the 35 of SDK 2.40.2 and the six ad-configuration
   * operations.
   */
  public static Set<String> operations() {
    return OPERATIONS;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
