package io.connectorkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled connectors' compatibility matrices in docs/ are generated, never hand-written: this
 * runs the whole TCK through the CLI exactly as the regeneration command does, and fails when the
 * committed file differs (lines with timings excepted, though the Markdown report has none).
 */
class CompatibilityReportTest {
  static final Path COMMITTED = Path.of("..", "docs", "compatibility", "memory.md");
  static final String REGENERATE =
      "bin/connectorkit tck memory --report md --out docs/compatibility/memory.md";

  private static final Pattern TIMING =
      Pattern.compile("\\b\\d+(\\.\\d+)? ?(ms|s|seconds?)\\b|\\d{4}-\\d{2}-\\d{2}T\\d{2}:");

  @TempDir Path dir;

  @Test
  void committedMemoryMatrixIsWhatTheTckGeneratesAndTheFullTckPasses() throws IOException {
    checkCommittedMatrix(COMMITTED, REGENERATE, "tck", "memory");
  }

  @Test
  void committedHelloWorldMatrixIsWhatTheTckGeneratesAndTheFullTckPasses() throws IOException {
    checkCommittedMatrix(
        Path.of("..", "docs", "compatibility", "helloworld.md"),
        "bin/connectorkit tck helloworld --datasource examples/helloworld.json --report md"
            + " --out docs/compatibility/helloworld.md",
        "tck",
        "helloworld",
        "--datasource",
        Path.of("..", "examples", "helloworld.json").toString());
  }

  private void checkCommittedMatrix(Path committed, String regenerate, String... command)
      throws IOException {
    Path generated = dir.resolve(committed.getFileName());
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(List.of("--report", "md", "--out", generated.toString()));

    MainTest.Run run = MainTest.run("", args.toArray(String[]::new));

    assertThat(run.status()).as("the full TCK: %s%s", run.out(), run.err()).isZero();
    assertThat(run.out()).contains("PASSED: ").contains("0 failed");
    assertThat(Files.exists(committed))
        .as("%s exists; generate it with: %s", committed, regenerate)
        .isTrue();
    assertThat(withoutTimings(Files.readString(committed)))
        .as("%s is generated; after a TCK change regenerate it with: %s", committed, regenerate)
        .isEqualTo(withoutTimings(Files.readString(generated)));
  }

  static String withoutTimings(String markdown) {
    return markdown
        .lines()
        .filter(line -> !TIMING.matcher(line).find())
        .map(String::stripTrailing)
        .collect(Collectors.joining("\n"))
        .strip();
  }
}
