package io.connectorkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory connector's compatibility matrix in docs/ is generated, never hand-written: this runs
 * the whole TCK through the CLI exactly as the regeneration command does, and fails when the
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
    Path generated = dir.resolve("memory.md");

    MainTest.Run run =
        MainTest.run("", "tck", "memory", "--report", "md", "--out", generated.toString());

    assertThat(run.status()).as("the full TCK on memory: %s%s", run.out(), run.err()).isZero();
    assertThat(run.out()).contains("PASSED: ").contains("0 failed");
    assertThat(Files.exists(COMMITTED))
        .as("%s exists; generate it with: %s", COMMITTED, REGENERATE)
        .isTrue();
    assertThat(withoutTimings(Files.readString(COMMITTED)))
        .as("%s is generated; after a TCK change regenerate it with: %s", COMMITTED, REGENERATE)
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
