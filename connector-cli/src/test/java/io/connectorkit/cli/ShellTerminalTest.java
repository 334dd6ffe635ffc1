package io.connectorkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell under a real pseudo-terminal: a tmux session runs {@code connectorkit shell} in its own
 * JVM, the test types keys into it (Tab, the up arrow) and reads the screen back.
 */
class ShellTerminalTest {
  @TempDir Path dir;
  private final String session =
      "eco-shell-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

  @BeforeEach
  void requireTmux() throws Exception {
    Assumptions.assumeTrue(
        run(List.of("tmux", "-V")).startsWith("tmux"), "tmux is needed to drive a terminal");
  }

  @AfterEach
  void killSession() throws Exception {
    run(List.of("tmux", "kill-session", "-t", session));
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return "";
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(20, TimeUnit.SECONDS);
    return output;
  }

  private void keys(String... keys) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("tmux", "send-keys", "-t", session));
    command.addAll(List.of(keys));
    run(command);
  }

  private void type(String text) throws Exception {
    keys("-l", text);
  }

  private String screen() throws Exception {
    // The pane pads a recalled line with blanks to the width of the screen.
    return run(List.of("tmux", "capture-pane", "-p", "-J", "-S", "-200", "-t", session))
        .replaceAll("[ \t]+\n", "\n");
  }

  private String await(Predicate<String> condition, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String text = screen();
    while (!condition.test(text) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      text = screen();
    }
    assertThat(condition.test(text)).as("%s; the screen:%n%s", what, text).isTrue();
    return text;
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      count++;
    }
    return count;
  }

  @Test
  void completionHistoryAndTypoSuggestionsWorkUnderATerminal() throws Exception {
    Path datasource = Files.writeString(dir.resolve("memory.json"), "{\"connector\": \"memory\"}");
    Path model =
        Files.writeString(
            dir.resolve("person.json"),
            "{\"name\": \"Person\", \"properties\": {\"name\": \"string\"}}");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        String.join(
            " ",
            "HOME=" + dir,
            java,
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "shell",
            "--datasource",
            datasource.toString(),
            "--models",
            model.toString());
    run(List.of("tmux", "new-session", "-d", "-s", session, "-x", "160", "-y", "50", command));
    await(s -> s.contains("connectorkit>"), "the shell prompts");

    type("Person.create({\"name\": \"Ada\"})");
    keys("Enter");
    await(s -> s.contains("\"name\" : \"Ada\""), "create answers");

    type("Person.cou");
    keys("Tab");
    await(s -> s.contains("connectorkit> Person.count"), "Tab completes the operation name");
    type("()");
    keys("Enter");
    await(s -> s.contains("connectorkit> Person.count()\n1"), "the completed call runs");

    type("Person.fnd()");
    keys("Enter");
    await(
        s -> s.contains("unknown operation `fnd` on model Person (did you mean find?)"),
        "a typo gets a suggestion");

    keys("Up", "Up", "Enter");
    String screen =
        await(
            s -> occurrences(s, "connectorkit> Person.count()\n1") == 2,
            "the up arrow recalls the count from history");
    assertThat(screen).doesNotContain("^[[A").doesNotContain("cannot read");

    type(".help");
    keys("Enter");
    await(s -> s.contains(".automigrate") && s.contains(".autoupdate"), ".help lists migration");

    type(".exit");
    keys("Enter");
    Path history = dir.resolve(".connectorkit_history");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!Files.exists(history) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(history).exists();
    assertThat(Files.readString(history)).contains("Person.count()").contains("Person.fnd()");
  }
}
