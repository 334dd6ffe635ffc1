package io.connectorkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.core.spi.Connector;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TckCommandTest {
  /** The example third-party connector's sources, compiled into a jar by {@link #mapJar()}. */
  private static final Path EXAMPLE = Path.of("..", "examples", "third-party-connector");

  @TempDir Path dir;

  private static MainTest.Run tck(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "tck";
    System.arraycopy(args, 0, all, 1, args.length);
    return MainTest.run("", all);
  }

  @Test
  void tckMemoryOnOneAreaPassesAndPrintsTheTerminalReport() {
    MainTest.Run run = tck("memory", "--tags", "filter");

    assertThat(run.status()).as(run.err() + run.out()).isZero();
    assertThat(run.out())
        .startsWith("ConnectorKit TCK: connector memory\n")
        .contains("Declared features: CRUD, BATCH_CREATE, ATOMIC_UPSERT, ATOMIC_FIND_OR_CREATE")
        .containsPattern("PASSED: \\d+ tests, \\d+ passed, 0 failed, \\d+ skipped")
        .containsPattern("C4\\.1 +where +passed")
        .contains("Feature", "Section");
    // Not a terminal: progress is a line of dots on stderr, then the summary with the time.
    assertThat(run.err())
        .startsWith("Running the TCK ")
        .containsPattern("PASSED: .* in \\d+\\.\\d s");
  }

  @Test
  void connectorOptionEqualsThePositionalNameAndTagsCanBeCommaSeparated() {
    MainTest.Run run = tck("--connector", "memory", "--tags", "filter,order", "--tags", "paging");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("connector memory").contains("PASSED");
  }

  @Test
  void writesTheReportInEachFormatAndStillPrintsTheSummary() throws Exception {
    for (String format : List.of("md", "json", "html", "text")) {
      Path file = dir.resolve("reports").resolve("memory." + format);

      MainTest.Run run =
          tck("memory", "--tags", "filter", "--report", format, "--out", file.toString());

      assertThat(run.status()).as(format + ": " + run.err()).isZero();
      assertThat(run.out()).contains("PASSED: ").contains("Wrote the " + format + " report to");
      String written = Files.readString(file);
      switch (format) {
        case "md" ->
            assertThat(written)
                .startsWith("# TCK compatibility report: `memory`")
                .contains("| `TRANSACTIONS` | yes |");
        case "json" -> {
          JsonNode json = new ObjectMapper().readTree(written);
          assertThat(json.get("connector").asText()).isEqualTo("memory");
          assertThat(json.get("passed").asBoolean()).isTrue();
          assertThat(json.get("results").size()).isPositive();
        }
        case "html" ->
            assertThat(written).startsWith("<!DOCTYPE html>").contains("<title>TCK compatibility");
        default -> assertThat(written).startsWith("ConnectorKit TCK: connector memory");
      }
    }
  }

  @Test
  void reportFormatFollowsTheOutFileExtensionAndGoesToStdoutWithoutOut() throws Exception {
    Path file = dir.resolve("memory.json");
    MainTest.Run toFile = tck("memory", "--tags", "filter", "--out", file.toString());
    MainTest.Run toStdout = tck("memory", "--tags", "filter", "--report", "json");

    assertThat(toFile.status()).isZero();
    assertThat(new ObjectMapper().readTree(file.toFile()).get("connector").asText())
        .isEqualTo("memory");
    assertThat(toStdout.status()).isZero();
    assertThat(new ObjectMapper().readTree(toStdout.out()).get("passed").asBoolean()).isTrue();
  }

  @Test
  void datasourceFileGivesTheSettings() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("ds.json"),
            "{\"a\": {\"connector\": \"memory\"}, \"b\": {\"connector\": \"${CONN}\"}}");

    MainTest.Run run =
        MainTest.run(
            "",
            java.util.Map.of("CONN", "memory"),
            "tck",
            "--datasource",
            file.toString(),
            "--name",
            "b",
            "--tags",
            "filter");
    MainTest.Run ambiguous =
        MainTest.run(
            "", java.util.Map.of("CONN", "memory"), "tck", "--datasource", file.toString());

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("connector memory");
    assertThat(ambiguous.status()).isEqualTo(2);
    assertThat(ambiguous.err()).contains("defines 2 datasources [a, b]; choose one with --name");
  }

  @Test
  void unknownConnectorIsAUsageErrorNamingTheAvailableConnectors() {
    MainTest.Run run = tck("nosuch");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("unknown connector \"nosuch\"; available: ").contains("memory");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void usageErrors() {
    MainTest.Run none = tck();
    MainTest.Run twice = tck("memory", "--connector", "other");
    MainTest.Run format = tck("memory", "--report", "pdf");
    MainTest.Run noTests = tck("memory", "--tags", "nosuchtag");
    MainTest.Run missingJar = tck("--jar", dir.resolve("missing.jar").toString());

    assertThat(none.status()).isEqualTo(2);
    assertThat(none.err()).contains("name the connector to test").contains("memory");
    assertThat(twice.status()).isEqualTo(2);
    assertThat(twice.err()).contains("the connector is given twice");
    assertThat(format.status()).isEqualTo(2);
    assertThat(format.err()).contains("unknown report format \"pdf\"; known: text, md, json, html");
    assertThat(noTests.status()).isEqualTo(2);
    assertThat(noTests.err()).contains("no TCK test matches --tags nosuchtag");
    assertThat(missingJar.status()).isEqualTo(2);
    assertThat(missingJar.err()).contains("missing.jar: no such file");
  }

  @Test
  void outFileWithoutAFileNameNeedsReportAsAUsageError() {
    // A root has no file name, so no extension to take the format from.
    String root = dir.getRoot().toString();

    MainTest.Run run = tck("memory", "--tags", "filter", "--out", root);

    assertThat(run.status()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("--out " + root + ": say which format with --report");
  }

  @Test
  void failingConnectorExitsOneAndPrintsTheFailures() {
    // It declares CRUD, yet every record method refuses.
    MainTest.Run run =
        tck("--connector", RecordlessConnectorFactory.class.getName(), "--tags", "filter");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out())
        .contains("connector recordless")
        .containsPattern("FAILED: \\d+ tests")
        .contains("Failed tests (")
        .contains("FAIL [C4.1]");
  }

  @Test
  void progressBarRedrawsOneLineOnATerminal() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    TckCommand.ProgressBar bar =
        new TckCommand.ProgressBar(
            new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8), true);
    io.connectorkit.tck.TckResult failed =
        new io.connectorkit.tck.TckResult(
            "C4.1",
            java.util.Set.of(),
            java.util.Set.of(),
            "t",
            io.connectorkit.tck.TckResult.Status.FAILED,
            "m");

    bar.started(2);
    bar.finished(failed);
    bar.finished(failed);
    bar.finished(failed);
    bar.done();

    String drawn = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(drawn)
        .contains("\r[###############...............] 1/2 (1 failed) C4.1")
        .contains("] 3 tests (3 failed) C4.1")
        .endsWith("\r\u001b[K")
        .doesNotContain("\n");
  }

  @Test
  void helpListsTheOptions() {
    MainTest.Run run = tck("--help");
    MainTest.Run main = MainTest.run("", "--help");

    assertThat(run.status()).isZero();
    assertThat(run.out())
        .contains(
            "CONNECTOR", "--connector", "--datasource", "--jar", "--tags", "--report", "--out");
    assertThat(main.out()).contains("tck");
  }

  @Test
  void runsAConnectorFromAJar() throws IOException {
    Path jar = mapJar();

    MainTest.Run notOnClassPath = tck("map", "--tags", "filter");
    MainTest.Run named = tck("--jar", jar.toString(), "--connector", "map", "--tags", "filter");
    MainTest.Run inferred = tck("--jar", jar.toString(), "--tags", "filter");

    assertThat(notOnClassPath.status()).isEqualTo(2);
    assertThat(notOnClassPath.err()).contains("unknown connector \"map\"");
    assertThat(named.status()).as(named.err() + named.out()).isZero();
    assertThat(named.out())
        .contains("connector map")
        .contains("Declared features: CRUD, STRING_IDS, NUMERIC_IDS");
    assertThat(inferred.status()).as(inferred.err() + inferred.out()).isZero();
    assertThat(inferred.out()).contains("connector map");
  }

  /**
   * Compiles the example third-party connector (examples/third-party-connector) into a jar with its
   * service registration, so that the CLI loads it only through {@code --jar}.
   */
  private Path mapJar() throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assumeTrue(compiler != null, "prerequisite: a JDK compiler (javax.tools) to build the jar");
    Path sources = EXAMPLE.resolve("src/main/java");
    List<String> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
    }
    assertThat(files).isNotEmpty();
    Path classes = Files.createDirectories(dir.resolve("classes"));
    String classPath =
        Path.of(Connector.class.getProtectionDomain().getCodeSource().getLocation().getPath())
            .toString();
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classPath));
    args.addAll(files);
    int status = compiler.run(null, null, null, args.toArray(String[]::new));
    assertThat(status).as("compiling the example connector").isZero();

    Path jar = dir.resolve("map-connector.jar");
    Path services = EXAMPLE.resolve("src/main/resources");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      for (Path root : List.of(classes, services)) {
        try (Stream<Path> walk = Files.walk(root)) {
          for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
            out.putNextEntry(new JarEntry(root.relativize(path).toString().replace('\\', '/')));
            Files.copy(path, out);
            out.closeEntry();
          }
        }
      }
    }
    return jar;
  }
}
