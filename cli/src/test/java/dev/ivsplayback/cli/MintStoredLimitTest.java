package dev.ivsplayback.cli;

import static dev.ivsplayback.cli.IvsTestSupport.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ivsplayback.local.IvsLocalExtension;
import dev.ivsplayback.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mint --store} honours the maxTokenTtl that rotation recorded in the store, not only its
 * own default.
 */
class MintStoredLimitTest {

  static {
    IvsTestSupport.init();
  }

  @RegisterExtension
  static final IvsLocalExtension IVS = new IvsLocalExtension().resetBeforeEachTest();

  @TempDir Path dir;

  @Test
  void mintWithStore_whenRotationRecordedAShorterMaxTtl_refusesLongerTokens() {
    Path store = dir.resolve("store");
    MutableClock clock =
        new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    CliRunner runner = new CliRunner().clock(clock).variable("STORE_PASS", "store-pass-Kq7");
    CliRunner.Result rotated =
        runner.run(
            at(
                IVS.ivsLocal(),
                "rotate",
                "--store",
                store.toString(),
                "--passphrase-env",
                "STORE_PASS",
                "--max-token-ttl",
                "10m"));
    assertThat(rotated.exitCode()).as(rotated.toString()).isZero();

    CliRunner.Result refused =
        runner.run(
            "mint",
            "--store",
            store.toString(),
            "--passphrase-env",
            "STORE_PASS",
            "--channel-arn",
            MintCommandTest.CHANNEL,
            "--ttl",
            "30m");
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
    assertThat(refused.err()).contains("maximum token TTL 10m recorded in the key store");

    CliRunner.Result minted =
        runner.run(
            "mint",
            "--store",
            store.toString(),
            "--passphrase-env",
            "STORE_PASS",
            "--channel-arn",
            MintCommandTest.CHANNEL,
            "--ttl",
            "10m");
    assertThat(minted.exitCode()).as(minted.toString()).isZero();
  }
}
