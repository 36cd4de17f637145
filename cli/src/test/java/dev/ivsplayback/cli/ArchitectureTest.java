package dev.ivsplayback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivsplayback.client.IvsPlaybackClient;
import dev.ivsplayback.keys.PlaybackKeyManager;
import dev.ivsplayback.local.IvsLocal;
import dev.ivsplayback.testing.PublicApiCheck;
import dev.ivsplayback.token.PlaybackTokenSigner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No public type of a shipped module exposes a type of an {@code internal} package: what a user can
 * reach is the API, and {@code internal} packages stay free to change. The cli depends on every
 * library module, so the rule is checked for all of them here.
 */
class ArchitectureTest {

  @ParameterizedTest
  @ValueSource(
      classes = {
        PlaybackTokenSigner.class,
        IvsLocal.class,
        IvsPlaybackClient.class,
        PlaybackKeyManager.class,
        IvsPlaybackCli.class
      })
  void publicPackages_exposeNoInternalType(Class<?> moduleAnchor) {
    assertThat(PublicApiCheck.violations(moduleAnchor)).isEmpty();
  }
}
