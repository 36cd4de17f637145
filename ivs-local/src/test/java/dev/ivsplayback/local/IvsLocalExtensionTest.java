package dev.ivsplayback.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A static extension serves the class and its @Nested classes with one endpoint, reset before each
 * test.
 */
class IvsLocalExtensionTest {
  @RegisterExtension static IvsLocalExtension ivs = new IvsLocalExtension().resetBeforeEachTest();

  static IvsLocal outer;

  @Test
  void outerTest_seesAFreshEndpoint(IvsLocal injected) throws Exception {
    capture(injected);
    assertThat(RawHttp.post(injected, "/CreateChannel", "{}").statusCode()).isEqualTo(200);
    assertThat(RawHttp.post(injected, "/ListChannels", "{}").body()).contains("\"channels\":[{");
  }

  private static synchronized void capture(IvsLocal injected) {
    if (outer == null) {
      outer = injected;
    }
    assertThat(injected).isSameAs(outer);
  }

  @Nested
  class Inner {
    @Test
    void nestedTest_sharesTheOuterEndpoint_resetBetweenTests() throws Exception {
      capture(ivs.ivsLocal());
      assertThat(RawHttp.post(ivs.ivsLocal(), "/ListChannels", "{}").body())
          .isEqualTo("{\"channels\":[]}");
      assertThat(RawHttp.post(ivs.ivsLocal(), "/CreateChannel", "{}").statusCode()).isEqualTo(200);
    }
  }
}
