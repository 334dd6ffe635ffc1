package io.connectorkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs examples/helloworld.jsonl against the helloworld connector in-process, as {@code
 * bin/connectorkit exec --datasource examples/helloworld.json} does, and keeps it and its expected
 * output from drifting apart.
 */
class HelloWorldSessionTest {
  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final String DATASOURCE = EXAMPLES.resolve("helloworld.json").toString();

  private static List<String> requests() throws IOException {
    return Files.readAllLines(EXAMPLES.resolve("helloworld.jsonl")).stream()
        .filter(line -> !line.isBlank())
        .toList();
  }

  private static List<Object> responses(MainTest.Run run) {
    return run.out().lines().map(HelloWorldSessionTest::parse).toList();
  }

  @Test
  void theSessionPrintsExactlyTheExpectedLines() throws IOException {
    List<String> expected = Files.readAllLines(EXAMPLES.resolve("helloworld.expected.jsonl"));

    MainTest.Run run =
        MainTest.run(String.join("\n", requests()), Map.of(), "exec", "--datasource", DATASOURCE);

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out().lines().toList()).containsExactlyElementsOf(expected);
  }

  @Test
  @SuppressWarnings("unchecked")
  void pingDiscoveryAndTheDiscoveredModelWork() throws IOException {
    List<String> requests = requests();
    MainTest.Run run =
        MainTest.run(String.join("\n", requests), Map.of(), "exec", "--datasource", DATASOURCE);
    List<Object> responses = responses(run);

    assertThat(responses).hasSameSizeAs(requests);
    assertThat(responses.get(0)).isEqualTo(Map.of("ok", true, "result", true));
    assertThat((List<Map<String, Object>>) result(responses.get(1)))
        .extracting(table -> table.get("name"))
        .containsExactly("greetings");
    Map<String, Object> schema = (Map<String, Object>) result(responses.get(2));
    assertThat(schema)
        .containsEntry("name", "Greetings")
        .containsEntry("helloworld", Map.of("table", "greetings"));
    assertThat((Map<String, Object>) schema.get("properties")).containsOnlyKeys("id", "name");
    Map<String, Object> define = (Map<String, Object>) parse(requests.get(3));
    assertThat(define.get("model"))
        .as("the session defines exactly the model discoverSchemas returned")
        .isEqualTo(schema);
    assertThat(result(responses.get(4)))
        .isEqualTo(List.of(Map.of("id", 1L, "name", "hello"), Map.of("id", 2L, "name", "world")));
    assertThat(result(responses.get(5))).isEqualTo(Map.of("id", 2L, "name", "world"));
  }

  @Test
  void wrongCredentialsFailWithoutPrintingThePassword() {
    MainTest.Run run =
        MainTest.run(
            "{\"op\":\"ping\"}\n",
            Map.of("HELLO_PASSWORD", "not-the-password-42"),
            "exec",
            "--datasource",
            DATASOURCE);

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("cannot log in as \"demo\"").doesNotContain("not-the-password");
    assertThat(run.out()).isEmpty();
  }

  private static Object parse(String line) {
    try {
      return Json.read(line);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Object result(Object response) {
    Map<String, Object> map = (Map<String, Object>) response;
    assertThat(map).as("response %s", map).containsEntry("ok", true);
    return map.get("result");
  }
}
