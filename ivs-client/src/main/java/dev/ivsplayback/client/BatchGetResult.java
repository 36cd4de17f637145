package dev.ivsplayback.client;

import java.util.List;
import software.amazon.awssdk.services.ivs.model.BatchError;

/**
 * The merged outcome of a chunked BatchGetChannel or BatchGetStreamKey.
 *
 * @param items the resources IVS returned, in the order of the chunks
 * @param errors per-ARN failures IVS reported (not exceptions), in the order of the chunks
 * @param <T> {@code Channel} or {@code StreamKey}
 */
public record BatchGetResult<T>(List<T> items, List<BatchError> errors) {
  /** Copies both lists. */
  public BatchGetResult {
    items = List.copyOf(items);
    errors = List.copyOf(errors);
  }
}
