package dev.ivsplayback.cli;

import static dev.ivsplayback.cli.IvsTestSupport.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ivsplayback.local.IvsLocalExtension;
import dev.ivsplayback.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cli on the JDBC key store, against the real PostgreSQL and MariaDB of this machine (the CI
 * starts them; a database that does not answer fails these tests).
 */
class JdbcStoreCommandTest {

  static {
    IvsTestSupport.init();
  }

  @org.junit.jupiter.api.extension.RegisterExtension
  static final IvsLocalExtension IVS = new IvsLocalExtension().resetBeforeEachTest();

  private static final String POSTGRESQL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/test";

  private CliRunner runner;
  private String storeId;

  @BeforeEach
  void setUp() {
    MutableClock clock =
        new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    runner =
        new CliRunner().clock(clock).variable("STORE_PASS", "store-pass-Kq7").variable("DB_PW", "");
    storeId = "cli-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String user(String url) {
    return url.equals(POSTGRESQL) ? "postgres" : "root";
  }

  private String[] withStore(String url, String... command) {
    List<String> args = new java.util.ArrayList<>(List.of(command));
    args.addAll(
        List.of(
            "--store",
            url,
            "--db-user",
            user(url),
            "--db-password-env",
            "DB_PW",
            "--store-id",
            storeId,
            "--passphrase-env",
            "STORE_PASS"));
    return args.toArray(String[]::new);
  }

  @ParameterizedTest
  @ValueSource(strings = {POSTGRESQL, MARIADB})
  void storeInit_rotate_status_mint_workOnTheDatabase(String url) {
    CliRunner.Result init =
        runner.run(
            "store", "init", "--store", url, "--db-user", user(url), "--db-password-env", "DB_PW");
    assertThat(init.exitCode()).as(init.toString()).isZero();
    assertThat(init.out()).contains("key store tables ready");

    CliRunner.Result rotate = runner.run(at(IVS.ivsLocal(), withStore(url, "rotate")));
    assertThat(rotate.exitCode()).as(rotate.toString()).isZero();
    assertThat(rotate.out()).contains("ACTIVE key ");

    CliRunner.Result status = runner.run(withStore(url, "keys", "status", "--output", "json"));
    assertThat(status.exitCode()).as(status.toString()).isZero();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> keys = (List<Map<String, Object>>) Jwt.parseAny(status.out());
    assertThat(keys).singleElement().satisfies(k -> assertThat(k).containsEntry("state", "ACTIVE"));

    CliRunner.Result mint =
        runner.run(
            withStore(url, "mint", "--channel-arn", MintCommandTest.CHANNEL, "--ttl", "30m"));
    assertThat(mint.exitCode()).as(mint.toString()).isZero();
    assertThat(mint.out().strip().split("\\.")).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {POSTGRESQL, MARIADB})
  void status_ofAStoreIdThatHoldsNothing_exits2(String url) {
    runner.run(
        "store", "init", "--store", url, "--db-user", user(url), "--db-password-env", "DB_PW");
    CliRunner.Result r = runner.run(withStore(url, "keys", "status"));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("holds nothing yet").contains("rotate");
  }

  @ParameterizedTest
  @ValueSource(strings = {POSTGRESQL, MARIADB})
  void demo_onTheDatabase_passesAndLeavesItsKeysThere(String url) {
    CliRunner.Result r = runner.run(withStore(url, "demo"));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().lines().reduce((a, b) -> b).orElseThrow())
        .startsWith("demo passed: 17 of 17");

    CliRunner.Result status = runner.run(withStore(url, "keys", "status", "--output", "json"));
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.out()).contains("ACTIVE").contains("DESTROYED");

    CliRunner.Result again = runner.run(withStore(url, "demo"));
    assertThat(again.exitCode()).as(again.toString()).isEqualTo(2);
    assertThat(again.err()).contains("needs an empty store");
  }

  @org.junit.jupiter.api.Test
  void aPasswordInTheUrl_isRefused_namingTheOption() {
    CliRunner.Result r =
        runner.run("store", "init", "--store", POSTGRESQL + "?user=postgres&password=hunter2");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("--db-password-env").doesNotContain("hunter2");
  }

  @org.junit.jupiter.api.Test
  void anUnsetPasswordVariable_isRefused() {
    CliRunner.Result r =
        runner.run(
            "store",
            "init",
            "--store",
            POSTGRESQL,
            "--db-user",
            "postgres",
            "--db-password-env",
            "NOPE");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("NOPE").contains("not set");
  }
}
