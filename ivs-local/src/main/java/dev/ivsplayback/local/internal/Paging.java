package dev.ivsplayback.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ivsplayback.local.internal.Resources.Resource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The answers of the List* operations (one page, with an opaque {@code nextToken}) and of the
 * BatchGet* operations (found items plus per-item errors). Stateless and thread-safe.
 */
final class Paging {
  private static final String TOKEN_PREFIX = "ivs-local:";

  private Paging() {}

  /**
   * One page of a list in output order. The token names the sequence number of the next item to
   * return, so pages stay consistent when items are deleted between calls.
   *
   * @param in the request (maxResults, nextToken)
   * @param items all items, in output order
   * @param seqOf an item's sequence number
   * @param descending whether {@code items} is ordered by descending sequence number
   * @param defaultMax the page size when maxResults is absent
   * @param field the member that holds the page's items
   * @param render an item's JSON
   */
  static <T> ObjectNode page(
      ObjectNode in,
      List<T> items,
      ToLongFunction<T> seqOf,
      boolean descending,
      int defaultMax,
      String field,
      Function<T, ObjectNode> render) {
    int max = in.path("maxResults").asInt(defaultMax);
    int start = 0;
    String token = in.path("nextToken").asText("");
    if (!token.isEmpty()) {
      long from = decodeToken(token);
      start = items.size();
      for (int i = 0; i < items.size(); i++) {
        long s = seqOf.applyAsLong(items.get(i));
        if (descending ? s <= from : s >= from) {
          start = i;
          break;
        }
      }
    }
    ObjectNode out = WireShapes.object();
    ArrayNode arr = out.putArray(field);
    int end = Math.min(items.size(), start + max);
    for (int i = start; i < end; i++) {
      arr.add(render.apply(items.get(i)));
    }
    if (end < items.size()) {
      out.put("nextToken", encodeToken(seqOf.applyAsLong(items.get(end))));
    }
    return out;
  }

  /** A page of resources in creation order. */
  static <T extends Resource> ObjectNode pageOf(
      ObjectNode in, List<T> items, int defaultMax, String field, Function<T, ObjectNode> render) {
    return page(in, items, r -> r.seq, false, defaultMax, field, render);
  }

  /**
   * A BatchGet* answer: each distinct ARN of {@code arns} found (rendered into {@code field}) or
   * reported in {@code errors}.
   */
  static <T extends Resource> ObjectNode batchGet(
      ObjectNode in, Map<String, T> map, String field, Function<T, ObjectNode> render) {
    ObjectNode out = WireShapes.object();
    ArrayNode found = out.putArray(field);
    ArrayNode errors = out.putArray("errors");
    Set<String> seen = new LinkedHashSet<>();
    for (JsonNode a : in.path("arns")) {
      String arn = a.asText();
      if (!seen.add(arn)) {
        continue;
      }
      T r = map.get(arn);
      if (r == null) {
        errors
            .addObject()
            .put("arn", arn)
            .put("code", "ResourceNotFoundException")
            .put("message", "Resource not found: " + arn);
      } else {
        found.add(render.apply(r));
      }
    }
    return out;
  }

  private static String encodeToken(long seq) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((TOKEN_PREFIX + seq).getBytes(StandardCharsets.UTF_8));
  }

  private static long decodeToken(String token) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (s.startsWith(TOKEN_PREFIX)) {
        return Long.parseLong(s.substring(TOKEN_PREFIX.length()));
      }
    } catch (IllegalArgumentException e) {
      // fall through: not one of ours
    }
    throw ApiException.invalidMember("nextToken", "not a pagination token issued by this endpoint");
  }
}
