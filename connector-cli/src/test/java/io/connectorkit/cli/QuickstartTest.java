package io.connectorkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keeps examples/quickstart.jsonl and its expected output from drifting apart. */
class QuickstartTest {
  private static final Path EXAMPLES = Path.of("..", "examples");

  @Test
  void theQuickstartSessionPrintsExactlyTheExpectedLines() throws IOException {
    String session = Files.readString(EXAMPLES.resolve("quickstart.jsonl"));
    List<String> expected = Files.readAllLines(EXAMPLES.resolve("quickstart.expected.jsonl"));

    MainTest.Run run =
        MainTest.run(
            session, Map.of(), "exec", "--datasource", EXAMPLES.resolve("memory.json").toString());

    assertThat(run.status()).isZero();
    List<String> actual = run.out().lines().toList();
    for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
      assertThat(i < actual.size() ? actual.get(i) : "<missing>")
          .as("response %d", i + 1)
          .isEqualTo(i < expected.size() ? expected.get(i) : "<none expected>");
    }
  }

  @Test
  void everyNonBlankRequestLineGetsOneResponseLine() throws IOException {
    long requests =
        Files.readAllLines(EXAMPLES.resolve("quickstart.jsonl")).stream()
            .filter(line -> !line.isBlank())
            .count();

    assertThat(Files.readAllLines(EXAMPLES.resolve("quickstart.expected.jsonl")))
        .hasSize((int) requests);
  }
}
