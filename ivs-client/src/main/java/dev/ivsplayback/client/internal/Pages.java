package dev.ivsplayback.client.internal;

import dev.ivsplayback.client.IvsClientException;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Lazily paginated streams over IVS list operations: a page is fetched only when the previous one
 * is used up.
 */
public final class Pages {

  private Pages() {}

  /**
   * A sequential, ordered stream of the items of every page.
   *
   * @param fetch calls the list operation with the given {@code nextToken} (null for the first
   *     page)
   * @param items the items of a response
   * @param nextToken the {@code nextToken} of a response; null or empty means last page
   * @param firstToken the caller's own starting token, or null
   * @param <R> response type
   * @param <T> item type
   */
  public static <R, T> Stream<T> stream(
      Function<String, R> fetch,
      Function<R, List<T>> items,
      Function<R, String> nextToken,
      String firstToken) {
    return StreamSupport.stream(new PageSpliterator<>(fetch, items, nextToken, firstToken), false);
  }

  private static final class PageSpliterator<R, T> extends Spliterators.AbstractSpliterator<T> {
    private final Function<String, R> fetch;
    private final Function<R, List<T>> items;
    private final Function<R, String> nextToken;
    private final ArrayDeque<T> buffer = new ArrayDeque<>();
    private final Set<String> seenTokens = new HashSet<>();
    private String token;
    private boolean lastPageFetched;

    PageSpliterator(
        Function<String, R> fetch,
        Function<R, List<T>> items,
        Function<R, String> nextToken,
        String firstToken) {
      super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
      this.fetch = fetch;
      this.items = items;
      this.nextToken = nextToken;
      this.token = firstToken == null || firstToken.isEmpty() ? null : firstToken;
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
      // An empty page with a nextToken is legal; keep fetching until an item or the last page.
      while (buffer.isEmpty() && !lastPageFetched) {
        fetchPage();
      }
      T next = buffer.poll();
      if (next == null) {
        return false;
      }
      action.accept(next);
      return true;
    }

    private void fetchPage() {
      R response = fetch.apply(token);
      List<T> page = items.apply(response);
      if (page != null) {
        for (T item : page) {
          if (item != null) {
            buffer.add(item);
          }
        }
      }
      String next = nextToken.apply(response);
      if (next == null || next.isEmpty()) {
        lastPageFetched = true;
      } else if (!seenTokens.add(next)) {
        throw new IvsClientException(
            "IVS returned the nextToken it had already returned; stopping "
                + "pagination to avoid an endless loop");
      } else {
        token = next;
      }
    }
  }
}
