package io.connectorkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code connectorkit shell}: LoopBack-style calls over the exec protocol, on memory. */
class ShellSessionTest {
  @TempDir Path dir;
  private Path datasource;
  private Path models;

  @BeforeEach
  void files() throws IOException {
    datasource =
        Files.writeString(
            dir.resolve("db.json"), "{\"db\": {\"name\": \"db\", \"connector\": \"memory\"}}");
    models =
        Files.writeString(
            dir.resolve("models.json"),
            """
            {"name": "Person", "properties": {
              "id": {"type": "number", "id": true, "generated": true},
              "name": {"type": "string", "required": true}, "age": "number"}}
            """);
  }

  private MainTest.Run shell(String script) {
    return MainTest.run(
        script, "shell", "--datasource", datasource.toString(), "--models", models.toString());
  }

  @Test
  void callsTakeTheirArgumentsInLoopBacksOrderAndPrintJson() {
    MainTest.Run run =
        shell(
            """
            Person.create({"name": "Ada", "age": 36})
            Person.create([{"name": "Alan", "age": 41}, {"name": "Grace", "age": 85}])
            # comments and blank lines are skipped

            Person.updateAll({"name": "Alan"}, {"age": 42});
            Person.find({"where": {"age": {"gt": 40}}, "order": "age DESC", "fields": ["name"]})
            Person.count({"age": {"lt": 50}})
            Person.findById(1, {"fields": ["name"]})
            """);

    assertThat(run.err()).isEmpty();
    assertThat(run.status()).isZero();
    assertThat(run.out())
        .contains("\"name\" : \"Ada\",\n  \"age\" : 36")
        .contains("{\n  \"count\" : 1\n}")
        .contains("[ {\n  \"name\" : \"Grace\"\n}, {\n  \"name\" : \"Alan\"\n} ]")
        .contains("\n2\n")
        .endsWith("{\n  \"name\" : \"Ada\"\n}\n");
  }

  @Test
  void anErrorIsPrintedWithItsCodeAndTheSessionGoesOnButExitsOne() {
    MainTest.Run run =
        shell(
            """
            Person.create({"age": 3})
            Person.find({"where": {"age": {"gtt": 1}}})
            Person.find({"where": nope})
            Person.updateAll({}, {}, {})
            Nonsense
            Person.count()
            """);

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err().lines())
        .satisfiesExactly(
            line -> assertThat(line).startsWith("VALIDATION_FAILED: ").contains("name"),
            line -> assertThat(line).startsWith("INVALID_FILTER: ").contains("gtt"),
            line -> assertThat(line).startsWith("INVALID_ARGUMENT: ").contains("not JSON values"),
            line ->
                assertThat(line)
                    .isEqualTo(
                        "INVALID_ARGUMENT: Person.updateAll takes (where, data), got 3 arguments"),
            line -> assertThat(line).startsWith("INVALID_ARGUMENT: cannot read \"Nonsense\""));
    assertThat(run.out()).isEqualTo("0\n");
  }

  @Test
  void aTransactionCoversTheCallsUntilRollback() {
    MainTest.Run run =
        shell(
            """
            .begin serializable
            Person.create({"name": "Ada"})
            Person.count()
            .rollback
            Person.count()
            .commit
            """);

    assertThat(run.out()).contains("\"tx\" : ").containsSubsequence("\n1\n", "\n0\n");
    assertThat(run.err())
        .isEqualTo("INVALID_ARGUMENT: no transaction is open; start one with .begin\n");
  }

  @Test
  void rawRequestsModelsAndHelpAndExit() {
    MainTest.Run run =
        shell(
            """
            {"op": "create", "model": "Person", "data": {"name": "Ada"}}
            .models
            .help
            .exit
            Person.count()
            """);

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("\"name\" : \"Ada\"")
        .contains("Person: id number (id), name string (required), age number")
        .contains("Model.operation(arguments)")
        .doesNotContain("\n1\n");
  }

  @Test
  void anUnknownMethodInvokesARemoteOperation() {
    MainTest.Run run = shell("Person.geocode({\"address\": \"x\"})\n");

    assertThat(run.err()).isEqualTo("UNSUPPORTED_OPERATION: memory does not support OPERATIONS\n");
  }
}
