package dev.ivsplayback.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Each bad property stops startup with a report naming the property, the problem and the rule. */
@ExtendWith(OutputCaptureExtension.class)
class BadPropertiesTest {

  private static FailureAnalysis startWith(String... properties) {
    Throwable failure =
        catchThrowable(
            () ->
                new SpringApplicationBuilder(TestApp.class)
                    .web(WebApplicationType.NONE)
                    .properties(
                        "ivs.playback.manager-id=bad-props", "ivs.playback.region=us-west-2")
                    .properties(properties)
                    .run()
                    .close());
    assertThat(failure).isNotNull();
    return new IvsPlaybackFailureAnalyzer().analyze(failure);
  }

  @Test
  void startup_whenJdbcStoreWithoutADataSource_namesTheFix(CapturedOutput output) {
    FailureAnalysis a = startWith("ivs.playback.store.type=jdbc");

    assertThat(a.getDescription())
        .contains("'ivs.playback.store.type'")
        .contains("no DataSource bean")
        .contains("spring.datasource.url");
    assertThat(output).contains("APPLICATION FAILED TO START").contains("ivs.playback.store.type");
  }

  @Test
  void startup_whenFileStoreWithoutDirectory_namesTheProperty() {
    FailureAnalysis a = startWith("ivs.playback.store.type=file");

    assertThat(a.getDescription()).contains("'ivs.playback.store.directory'").contains("not set");
  }

  @Test
  void startup_whenPassphraseVariableUnset_namesTheProperty() {
    FailureAnalysis a =
        startWith(
            "ivs.playback.store.directory=target/never",
            "ivs.playback.store.passphrase-env=IVS_PLAYBACK_TEST_UNSET_VARIABLE");

    assertThat(a.getDescription())
        .contains("'ivs.playback.store.passphrase-env'")
        .contains("IVS_PLAYBACK_TEST_UNSET_VARIABLE")
        .contains("unset or empty");
  }

  @Test
  void startup_whenManagerIdMissing_namesTheProperty() {
    FailureAnalysis a = startWith("ivs.playback.store.type=memory", "ivs.playback.manager-id=");

    assertThat(a.getDescription()).contains("'ivs.playback.manager-id'").contains("not set");
  }

  @Test
  void startup_whenRotationIntervalTooShort_namesThePropertyAndTheRule() {
    FailureAnalysis a =
        startWith("ivs.playback.store.type=memory", "ivs.playback.rotation.interval=10m");

    assertThat(a.getDescription())
        .contains("'ivs.playback.rotation.interval'")
        .contains("deletion delay");
  }

  @Test
  void startup_whenReuseBucketFractional_namesTheProperty() {
    FailureAnalysis a =
        startWith("ivs.playback.store.type=memory", "ivs.playback.reuse.bucket=1500ms");

    assertThat(a.getDescription())
        .contains("'ivs.playback.reuse.bucket'")
        .contains("whole number of seconds");
  }

  @Test
  void startup_whenChannelDirectoryTtlZero_namesTheProperty() {
    FailureAnalysis a =
        startWith("ivs.playback.store.type=memory", "ivs.playback.channel-directory.ttl=0s");

    assertThat(a.getDescription()).contains("'ivs.playback.channel-directory.ttl'");
  }

  @Test
  void startup_whenOnlyOneCredentialVariable_namesTheMissingOne() {
    FailureAnalysis a =
        startWith(
            "ivs.playback.store.type=memory", "ivs.playback.credentials.access-key-id-env=AK");

    assertThat(a.getDescription()).contains("'ivs.playback.credentials.secret-access-key-env'");
  }
}
