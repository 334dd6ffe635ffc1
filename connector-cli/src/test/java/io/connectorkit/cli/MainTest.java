package io.connectorkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path dir;

  /** The outcome of one run of the command line. */
  record Run(int status, String out, String err) {}

  static Run run(String stdin, Map<String, String> environment, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            environment::get);
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Run run(String stdin, String... args) {
    return run(stdin, Map.of(), args);
  }

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private Path memory() throws IOException {
    return file("memory.json", "{\"db\": {\"name\": \"db\", \"connector\": \"memory\"}}");
  }

  @Test
  void helpListsTheSubcommandsAndExitsZero() {
    Run run = run("", "--help");

    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("connectorkit", "exec", "ping");
  }

  @Test
  void execHelpDescribesTheProtocolOptions() {
    Run run = run("", "exec", "--help");

    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("--datasource", "--name", "--models");
  }

  @Test
  void versionFallsBackToDevOutsideTheJar() {
    Run run = run("", "--version");

    assertThat(run.status()).isZero();
    assertThat(run.out().strip()).isEqualTo("connectorkit dev");
  }

  @Test
  void noSubcommandPrintsUsageAndIsAUsageError() {
    Run run = run("");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("Usage: connectorkit");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void execWithoutDatasourceIsAUsageError() {
    Run run = run("", "exec");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("--datasource");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void execAnswersEveryStdinLineOnStdoutAndExitsZeroAtEndOfInput() throws IOException {
    Path models =
        file(
            "models.json",
            """
            [{"name": "Person", "properties": {"name": {"type": "string", "required": true}}},
             {"name": "Pet", "properties": {"kind": "string"}}]""");
    String stdin =
        """
        {"op":"create","model":"Person","data":{"name":"Ada"}}
        not json

        {"op":"find","model":"Person","filter":{"fields":["name"]}}
        {"op":"count","model":"Pet"}
        """;

    Run run =
        run(stdin, "exec", "--datasource", memory().toString(), "--models", models.toString());

    assertThat(run.status()).isZero();
    assertThat(run.out().split("\n"))
        .containsExactly(
            "{\"ok\":true,\"result\":{\"id\":1,\"name\":\"Ada\"}}",
            "{\"ok\":false,\"error\":{\"code\":\"INVALID_ARGUMENT\",\"message\":\"request is not"
                + " valid JSON: Unrecognized token 'not': was expecting (JSON String, Number,"
                + " Array, Object or token 'null', 'true' or 'false') (column 4)\","
                + "\"details\":{}}}",
            "{\"ok\":true,\"result\":[{\"name\":\"Ada\"}]}",
            "{\"ok\":true,\"result\":0}");
    assertThat(run.err()).doesNotContain("Exception");
  }

  @Test
  void execChoosesTheNamedDatasourceAndSubstitutesTheEnvironment() throws IOException {
    Path dataSources =
        file(
            "datasources.json",
            """
            {"a": {"name": "a", "connector": "${A_CONNECTOR}"},
             "b": {"name": "b", "connector": "${B_CONNECTOR:-memory}"}}""");

    Run run =
        run(
            "{\"op\":\"ping\"}\n",
            Map.of("A_CONNECTOR", "nope"),
            "exec",
            "--datasource",
            dataSources.toString(),
            "--name",
            "b");

    assertThat(run.status()).isZero();
    assertThat(run.out()).isEqualTo("{\"ok\":true,\"result\":true}\n");
  }

  @Test
  void aMissingDatasourceFileIsAConfigurationErrorOnStderr() {
    Run run = run("", "exec", "--datasource", dir.resolve("missing.json").toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).startsWith("connectorkit: ").contains("missing.json");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aMalformedDatasourceFileIsAConfigurationError() throws IOException {
    Path bad = file("bad.json", "{\"db\": ");

    Run run = run("", "exec", "--datasource", bad.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("malformed");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void anUnknownConnectorIsAConfigurationErrorListingTheAvailableOnes() throws IOException {
    Path bad = file("bad.json", "{\"db\": {\"name\": \"db\", \"connector\": \"oracle\"}}");

    Run run = run("", "exec", "--datasource", bad.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("unknown connector \"oracle\"", "memory");
  }

  @Test
  void aFileWithSeveralDatasourcesNeedsName() throws IOException {
    Path two =
        file(
            "two.json", "{\"a\": {\"connector\": \"memory\"}, \"b\": {\"connector\": \"memory\"}}");

    Run run = run("", "exec", "--datasource", two.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("choose one by name");
  }

  @Test
  void aBadModelFileIsAConfigurationErrorNamingTheFile() throws IOException {
    Path models = file("models.json", "[1]");

    Run run = run("", "exec", "--datasource", memory().toString(), "--models", models.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("models.json");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void pingPrintsOkAndExitsZero() throws IOException {
    Run run = run("", "ping", "--datasource", memory().toString());

    assertThat(run.status()).isZero();
    assertThat(run.out()).isEqualTo("ok" + System.lineSeparator());
  }

  @Test
  void aFailedPingPrintsTheErrorAndExitsOne() throws IOException {
    Path echo =
        file(
            "echo.json",
            """
            {"name": "e", "connector": "io.connectorkit.cli.EchoConnectorFactory",
             "failPing": true, "lazyConnect": true}""");

    Run run = run("", "ping", "--datasource", echo.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("CONNECTION_FAILED", "echo is unreachable");
    assertThat(run.out()).isEmpty();
  }
}
