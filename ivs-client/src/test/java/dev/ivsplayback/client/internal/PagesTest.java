package dev.ivsplayback.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.client.IvsClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pager's own rules, on in-memory pages (the list operations themselves are tested against
 * ivs-local).
 */
class PagesTest {
  record Page(List<String> items, String next) {}

  private final List<String> requested = new ArrayList<>();

  private java.util.stream.Stream<String> over(Map<String, Page> pages, String first) {
    return Pages.stream(
        token -> {
          requested.add(String.valueOf(token));
          return pages.get(String.valueOf(token));
        },
        Page::items,
        Page::next,
        first);
  }

  @Test
  void emptyPageWithToken_isSkippedAndPagingContinues() {
    Map<String, Page> pages =
        Map.of("null", new Page(List.of(), "t1"), "t1", new Page(List.of("a"), ""));
    assertThat(over(pages, null).toList()).containsExactly("a");
    assertThat(requested).containsExactly("null", "t1");
  }

  @Test
  void repeatedToken_stopsWithAnError() {
    Map<String, Page> pages =
        Map.of("null", new Page(List.of("a"), "t1"), "t1", new Page(List.of("b"), "t1"));
    assertThatThrownBy(() -> over(pages, null).toList())
        .isInstanceOf(IvsClientException.class)
        .hasMessageContaining("endless loop");
  }

  @Test
  void callerToken_isWhereListingStarts() {
    Map<String, Page> pages = Map.of("t5", new Page(List.of("e"), null));
    assertThat(over(pages, "t5").toList()).containsExactly("e");
    assertThat(requested).containsExactly("t5");
  }

  @Test
  void nothingIsFetched_untilTheStreamIsConsumed() {
    Map<String, Page> pages =
        Map.of("null", new Page(List.of("a", "b"), "t1"), "t1", new Page(List.of("c"), null));
    var stream = over(pages, null);
    assertThat(requested).isEmpty();
    assertThat(stream.findFirst()).contains("a");
    assertThat(requested).containsExactly("null");
  }
}
