package io.connectorkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code connectorkit exec} against MariaDB in its own JVM, as users run it, so that the SLF4J
 * binding starts from the command line's settings: the query log and {@code --log-level}.
 */
class QueryLogCommandTest {
  private static final String URL =
      System.getenv().getOrDefault("CK_MYSQL_URL", "mysql://root@127.0.0.1:3306/ck_test");
  private static final String REQUESTS =
      """
      {"op":"define","model":{"name":"EcoLogged","properties":{"id":{"type":"number","id":true},"name":"string"}}}
      {"op":"automigrate","models":["EcoLogged"]}
      {"op":"create","model":"EcoLogged","data":{"id":1,"name":"s3cret-value"}}
      {"op":"find","model":"EcoLogged","filter":{"where":{"name":"s3cret-value"}}}
      """;

  @TempDir Path dir;

  private record Run(int status, String out, String err) {}

  private Run exec(boolean debug, String... options) throws Exception {
    Path datasource = dir.resolve("datasource.json");
    Files.writeString(
        datasource,
        "{\"connector\": \"mysql\", \"url\": \""
            + URL
            + "\", \"createDatabase\": true"
            + (debug ? ", \"debug\": true" : "")
            + "}");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(options));
    command.addAll(List.of("exec", "--datasource", datasource.toString()));
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(dir.resolve("out").toFile())
            .redirectError(dir.resolve("err").toFile())
            .start();
    process.getOutputStream().write(REQUESTS.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exec ends").isTrue();
    return new Run(process.exitValue(), read("out"), read("err"));
  }

  private String read(String name) throws IOException {
    return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
  }

  @Test
  void withDebugTrueEachStatementIsLoggedWithItsDurationAndWithoutItsValues() throws Exception {
    Run run = exec(true);

    assertThat(run.status()).isZero();
    assertThat(run.out()).doesNotContain("\"ok\":false");
    assertThat(run.err())
        .containsPattern(
            "INFO query - default: INSERT INTO `EcoLogged`"
                + ".* \\[2 parameters\\] \\d+\\.\\d{3} ms ok")
        .containsPattern("query - default: SELECT .*FROM `EcoLogged`.* ms ok")
        .doesNotContain("s3cret-value");
  }

  @Test
  void withoutDebugNothingIsLoggedAtInfo() throws Exception {
    Run run = exec(false);

    assertThat(run.status()).isZero();
    assertThat(run.err()).doesNotContain("query - ").doesNotContain("INSERT");
  }

  @Test
  void logLevelDebugShowsTheQueryLogAndTraceItsParameters() throws Exception {
    Run debug = exec(false, "--log-level", "debug");
    assertThat(debug.err())
        .contains("DEBUG query - default: INSERT INTO")
        .doesNotContain("s3cret-value");

    Run trace = exec(false, "--log-level=trace");
    assertThat(trace.err())
        .containsPattern("TRACE .*query - default: parameters \\[1, s3cret-value\\]");
  }

  @Test
  void anUnknownLogLevelIsAUsageErrorNamingTheLevels() throws Exception {
    Run run = exec(false, "--log-level", "loud");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .contains("unknown level \"loud\"", "trace, debug, info, warn, error, off");
  }
}
