package dev.ivsplayback.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublicApiCheckTest {

  @Test
  void violations_whenAPublicTypeExposesAnInternalOne_namesEachPlace() {
    assertThat(PublicApiCheck.violations(PublicApiCheckTest.class))
        .containsExactlyInAnyOrder(
            "dev.ivsplayback.testing.fixture.Leaky hidden(..) returns"
                + " dev.ivsplayback.testing.fixture.internal.Hidden",
            "dev.ivsplayback.testing.fixture.Leaky take(..) takes"
                + " dev.ivsplayback.testing.fixture.internal.Hidden");
  }

  @Test
  void publicApiClasses_leaveOutInternalPackages() {
    assertThat(PublicApiCheck.publicApiClasses(PublicApiCheckTest.class))
        .extracting(Class::getName)
        .contains("dev.ivsplayback.testing.fixture.Leaky")
        .doesNotContain("dev.ivsplayback.testing.fixture.internal.Hidden");
  }
}
