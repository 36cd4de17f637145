package dev.ivsplayback.client;

import java.util.List;
import software.amazon.awssdk.services.ivs.model.BatchStartViewerSessionRevocationError;

/**
 * The merged outcome of a chunked BatchStartViewerSessionRevocation.
 *
 * @param submitted how many revocations were sent to IVS
 * @param errors the revocations IVS reported as failed (not exceptions); all others were started
 */
public record BatchRevocationResult(
    int submitted, List<BatchStartViewerSessionRevocationError> errors) {
  /** Copies the list. */
  public BatchRevocationResult {
    errors = List.copyOf(errors);
  }

  /** Whether IVS started every revocation. */
  public boolean allStarted() {
    return errors.isEmpty();
  }
}
