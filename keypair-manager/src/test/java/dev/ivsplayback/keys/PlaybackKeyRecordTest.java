package dev.ivsplayback.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivsplayback.token.InvalidConfigurationException;
import dev.ivsplayback.token.PlaybackClaims;
import dev.ivsplayback.token.PlaybackTokenSigner;
import dev.ivsplayback.token.PlaybackTokenVerifier;
import dev.ivsplayback.token.VerificationRequest;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The record keeps its private key behind a capability and validates in build(). */
class PlaybackKeyRecordTest {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private static final String CHANNEL = "arn:aws:ivs:us-west-2:123456789012:channel/abcdEFGHijkl";

  @Test
  void publicMethods_exposeThePrivateKeyOnlyWithTheStoreCapability() {
    List<Method> exposing =
        Arrays.stream(PlaybackKeyRecord.class.getMethods())
            .filter(m -> Modifier.isPublic(m.getModifiers()))
            .filter(
                m -> m.getGenericReturnType().getTypeName().contains(PrivateKey.class.getName()))
            .toList();

    assertThat(exposing)
        .isNotEmpty()
        .allSatisfy(
            m -> assertThat(m.getParameterTypes()).containsExactly(KeyMaterialAccess.class));
  }

  @Test
  void privateKey_withoutTheCapability_isRefused() {
    PlaybackKeyRecord record = Keys.generated("k1", NOW);

    assertThatThrownBy(() -> record.privateKey(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void newSigner_signsTokensThatVerifyWithTheRecordsPublicKey() {
    PlaybackKeyRecord record = Keys.generated("k1", NOW);
    PlaybackTokenSigner signer = record.newSigner();

    String token =
        signer.sign(
            PlaybackClaims.builder().channelArn(CHANNEL).expiresIn(Duration.ofMinutes(1)).build());

    assertThat(signer.keyHandle().keyId()).isEqualTo("k1");
    assertThat(
            PlaybackTokenVerifier.builder()
                .publicKeys(List.of(record.publicKey()))
                .build()
                .verify(token, VerificationRequest.forChannel(CHANNEL))
                .isValid())
        .isTrue();
    signer.destroy();
  }

  @Test
  void newSigner_ofADestroyedKey_isRefused() {
    PlaybackKeyRecord destroyed =
        Keys.generated("k1", NOW).toBuilder()
            .state(PlaybackKeyState.DESTROYED)
            .privateKey(null)
            .destroyedAt(NOW)
            .build();

    assertThat(destroyed.hasPrivateKey()).isFalse();
    assertThatThrownBy(destroyed::newSigner)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("k1");
  }

  @Test
  void build_whenASettingIsMissing_failsNamingIt_andBuildsOnceItIsFixed() {
    PlaybackKeyRecord.Builder builder =
        Keys.generated("k1", NOW).toBuilder().state(PlaybackKeyState.IMPORTED);

    assertThatThrownBy(builder::build)
        .isInstanceOf(InvalidConfigurationException.class)
        .hasFieldOrPropertyWithValue("setting", "arn");
    PlaybackKeyRecord fixed = builder.arn("arn:aws:ivs:us-west-2:1:playback-key/x").build();

    assertThat(fixed.arn()).contains("arn:aws:ivs:us-west-2:1:playback-key/x");
    assertThat(builder.build().toString()).isEqualTo(fixed.toString());
  }
}
