package io.connectorkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's two commands are what a newcomer runs first, and CI runs the second: they must not
 * drift apart. (That both commands work is shown by CI itself and by {@link TckCommandTest}.)
 */
class ReadmeCommandsTest {
  private static final Path ROOT = Path.of("..");

  /** The commands of the README's "Two commands" block, without comments and blank lines. */
  private static List<String> readmeCommands() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int section = readme.indexOf("## Two commands");
    int start = readme.indexOf("```bash\n", section) + "```bash\n".length();
    int end = readme.indexOf("```", start);
    return readme
        .substring(start, end)
        .lines()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .toList();
  }

  @Test
  void theReadmeHasTwoCommandsTheFirstRunningTheTckOnMemory() throws IOException {
    assertThat(readmeCommands()).hasSize(2).first().isEqualTo("bin/connectorkit tck memory");
  }

  @Test
  void ciRunsExactlyTheReadmesTestCommand() throws IOException {
    List<String> ci =
        Files.readString(ROOT.resolve(".ci/run"))
            .lines()
            .filter(line -> !line.isBlank() && !line.startsWith("#"))
            .toList();

    assertThat(ci).endsWith(readmeCommands().get(1));
    assertThat(ci)
        .as("besides the command, .ci/run only sets shell options and changes to the root")
        .containsExactly(
            "set -euo pipefail", "cd \"$(dirname \"$0\")/..\"", readmeCommands().get(1));
  }
}
