package io.connectorkit.connector.memory;

import static io.connectorkit.connector.memory.Models.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.IsolationLevel;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.spi.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryFileTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant BIRTHDAY = Instant.parse("1980-12-08T10:20:30.123Z");

  @TempDir Path directory;
  private Path file;

  @BeforeEach
  void setUp() {
    file = directory.resolve("db.json");
  }

  private MemoryConnector open() {
    return (MemoryConnector)
        new MemoryConnectorFactory().initialize(Settings.of(Map.of("file", file.toString())));
  }

  private static ConnectorException failure(Runnable call) {
    return catchThrowableOfType(ConnectorException.class, call::run);
  }

  private JsonNode fileJson() throws IOException {
    return JSON.readTree(file.toFile());
  }

  @Test
  void emptyFileAndLocalStorageAsLoopBack4WritesThemMeanNoPersistence() {
    MemoryConnector connector =
        (MemoryConnector)
            new MemoryConnectorFactory()
                .initialize(Settings.of(Map.of("file", "", "localStorage", "")));
    connector.connect();
    ModelDefinition person = connector.define(Models.person());
    connector.create(person, row("name", "Ada"), Options.NONE);
    assertThat(connector.count(person, Where.all(), Options.NONE)).isEqualTo(1);
  }

  @Test
  void automigrateRewritesTheFileWithoutTheModelsRows() throws IOException {
    MemoryConnector first = open();
    first.connect();
    ModelDefinition person = first.define(Models.person());
    first.create(person, row("name", "Ada"), Options.NONE);
    first.automigrate(List.of(person));
    MemoryConnector second = open();
    second.connect();
    ModelDefinition reloaded = second.define(Models.person());
    assertThat(second.count(reloaded, Where.all(), Options.NONE)).isZero();
  }

  @Test
  void orphanTempFilesOfAKilledWriterAreRemovedAtStartAndFreshOnesKept() throws IOException {
    Path orphan = Files.writeString(directory.resolve(".db.json123.tmp"), "{half");
    Files.setLastModifiedTime(
        orphan, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600)));
    Path inProgress = Files.writeString(directory.resolve(".db.json456.tmp"), "{");
    Path unrelated = Files.writeString(directory.resolve(".other.json1.tmp"), "{");
    Files.setLastModifiedTime(
        unrelated,
        java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600)));
    MemoryConnector connector = open();
    connector.connect();
    assertThat(orphan).doesNotExist();
    assertThat(inProgress).exists();
    assertThat(unrelated).exists();
    connector.disconnect();
  }

  @Test
  void dataSurvivesAReloadIncludingDatesBuffersAndNestedValues() {
    MemoryConnector first = open();
    first.connect();
    ModelDefinition person = first.define(Models.person());
    first.create(
        person,
        row(
            "name",
            "a",
            "birthday",
            BIRTHDAY,
            "photo",
            new byte[] {0, 1, (byte) 255},
            "address",
            row("city", "Oslo", "geo", row("lat", 59.9)),
            "tags",
            List.of("x", "y")),
        Options.NONE);
    first.create(person, row("id", 10L, "name", "b"), Options.NONE);
    first.create(person, row("name", "c"), Options.NONE);
    first.destroyAll(person, Where.eq("name", "c"), Options.NONE);
    first.disconnect();

    MemoryConnector second = open();
    second.connect();
    ModelDefinition reloaded = second.define(Models.person());
    List<Map<String, Object>> rows = second.all(reloaded, Filter.ALL, Options.NONE);
    assertThat(rows).extracting(r -> r.get("id")).containsExactly(1L, 10L);
    Map<String, Object> a = rows.get(0);
    assertThat(a.get("birthday")).isEqualTo(BIRTHDAY);
    assertThat((byte[]) a.get("photo")).containsExactly(0, 1, 255);
    assertThat(a.get("address")).isEqualTo(row("city", "Oslo", "geo", row("lat", 59.9)));
    assertThat(a.get("tags")).isEqualTo(List.of("x", "y"));
    // The deleted id 11 is not reused after a reload either.
    assertThat(second.create(reloaded, row("name", "d"), Options.NONE).get("id")).isEqualTo(12L);
  }

  @Test
  void fileUsesLoopBackFormatWithIsoDatesAndBase64Buffers() throws IOException {
    MemoryConnector connector = open();
    ModelDefinition person = connector.define(Models.person());
    connector.create(
        person, row("name", "a", "birthday", BIRTHDAY, "photo", new byte[] {1, 2}), Options.NONE);
    JsonNode root = fileJson();
    assertThat(root.path("ids").path("Person").asLong()).isEqualTo(2);
    String stored = root.path("models").path("Person").path("1").asText();
    JsonNode row = JSON.readTree(stored);
    assertThat(row.path("id").asLong()).isEqualTo(1);
    assertThat(row.path("birthday").asText()).isEqualTo("1980-12-08T10:20:30.123Z");
    assertThat(row.path("photo").asText()).isEqualTo("AQI=");
  }

  @Test
  void aLoopBackWrittenFileLoads() throws IOException {
    Files.writeString(
        file,
        """
        {
          "ids": {"Person": 3},
          "models": {
            "Person": {
              "1": "{\\"name\\":\\"Ann\\",\\"age\\":30,\\"birthday\\":\\"1980-12-08T00:00:00.000Z\\",\\"id\\":1}",
              "2": "{\\"name\\":\\"Bob\\",\\"photo\\":{\\"type\\":\\"Buffer\\",\\"data\\":[104,105]},\\"id\\":2}"
            }
          }
        }
        """);
    MemoryConnector connector = open();
    connector.connect();
    ModelDefinition person = connector.define(Models.person());
    List<Map<String, Object>> rows = connector.all(person, Filter.ALL, Options.NONE);
    assertThat(rows.get(0))
        .containsEntry("name", "Ann")
        .containsEntry("age", 30L)
        .containsEntry("birthday", Instant.parse("1980-12-08T00:00:00Z"));
    assertThat((byte[]) rows.get(1).get("photo")).containsExactly('h', 'i');
    assertThat(connector.create(person, row("name", "c"), Options.NONE).get("id")).isEqualTo(3L);
  }

  @Test
  void modelsThatAreNotDefinedAreWrittenBackUntouched() throws IOException {
    String other = "{\"x\":\"2015-01-01\",\"weird\":[1,{\"a\":null}],\"id\":7}";
    Files.writeString(
        file,
        JSON.writeValueAsString(
            Map.of(
                "ids", Map.of("Other", 8),
                "models", Map.of("Other", Map.of("7", other)))));
    MemoryConnector connector = open();
    connector.connect();
    ModelDefinition person = connector.define(Models.person());
    connector.create(person, row("name", "a"), Options.NONE);
    JsonNode root = fileJson();
    assertThat(root.path("models").path("Other").path("7").asText()).isEqualTo(other);
    assertThat(root.path("ids").path("Other").asLong()).isEqualTo(8);
    assertThat(root.path("models").path("Person").size()).isEqualTo(1);
  }

  @Test
  void missingFileIsAnEmptyStoreAndIsCreatedOnTheFirstWrite() {
    MemoryConnector connector = open();
    connector.connect();
    ModelDefinition person = connector.define(Models.person());
    assertThat(connector.count(person, Where.all(), Options.NONE)).isZero();
    assertThat(file).doesNotExist();
    connector.create(person, row("name", "a"), Options.NONE);
    assertThat(file).exists();
  }

  @Test
  void writesGoThroughATemporaryFileThatIsRenamedOverTheFile() throws IOException {
    MemoryConnector connector = open();
    ModelDefinition person = connector.define(Models.person());
    for (int i = 0; i < 20; i++) {
      connector.create(person, row("name", "p" + i), Options.NONE);
    }
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files).containsExactly(file);
    }
    assertThat(fileJson().path("models").path("Person").size()).isEqualTo(20);
  }

  @Test
  void failedFileWriteFailsTheOperationAndLeavesStoreAndFileAsTheyWere() throws IOException {
    MemoryConnector connector = open();
    ModelDefinition person = connector.define(Models.person());
    connector.create(person, row("name", "a"), Options.NONE);
    byte[] before = Files.readAllBytes(file);
    // A non-empty directory where the file was: the rename over it fails.
    Files.move(file, directory.resolve("saved.json"));
    Files.createDirectory(file);
    Files.writeString(file.resolve("blocker"), "x");

    ConnectorException e = failure(() -> connector.create(person, row("name", "b"), Options.NONE));

    assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_ERROR);
    assertThat(e).hasMessageContaining(file.toString());
    assertThat(connector.count(person, Where.all(), Options.NONE)).isEqualTo(1);
    assertThat(Files.readAllBytes(directory.resolve("saved.json"))).isEqualTo(before);
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void corruptFileFailsConnectWithConfigurationInvalidNamingTheFile() throws IOException {
    Files.writeString(
        file, "{\"ids\": {\"Person\": 1}, \"models\": {\"Person\": {\"1\": \"{\\\"id\\\":");
    ConnectorException e = failure(() -> open().connect());
    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    assertThat(e).hasMessageContaining(file.toAbsolutePath().toString());
  }

  @Test
  void fileOfAnotherShapeFailsWithConfigurationInvalid() throws IOException {
    for (String content :
        List.of(
            "[1, 2]",
            "{\"models\": []}",
            "{\"models\": {\"Person\": {\"1\": 5}}}",
            "{\"models\": {\"Person\": {\"1\": \"not json\"}}}",
            "{\"ids\": {\"Person\": \"x\"}}")) {
      Files.writeString(file, content);
      ConnectorException e = failure(() -> open().connect());
      assertThat(e).as(content).isNotNull();
      assertThat(e.code()).as(content).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
      assertThat(e).as(content).hasMessageContaining(file.toAbsolutePath().toString());
    }
  }

  @Test
  void rowThatDoesNotFitItsModelFailsWithConfigurationInvalidNamingFileModelAndProperty()
      throws IOException {
    Files.writeString(
        file, "{\"models\": {\"Person\": {\"1\": \"{\\\"id\\\":1,\\\"age\\\":\\\"abc\\\"}\"}}}");
    MemoryConnector connector = open();
    connector.define(Models.person());
    ConnectorException e = failure(connector::connect);
    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    assertThat(e)
        .hasMessageContaining(file.toAbsolutePath().toString())
        .hasMessageContaining("Person")
        .hasMessageContaining("age");
    // Nothing was dropped: the file is as it was.
    assertThat(Files.readString(file)).contains("abc");
  }

  @Test
  void committedTransactionsArePersistedAndRolledBackOnesAreNot() throws IOException {
    MemoryConnector connector = open();
    ModelDefinition person = connector.define(Models.person());
    Transaction rolledBack = connector.beginTransaction(IsolationLevel.READ_COMMITTED, null);
    connector.create(person, row("name", "no"), Options.of(rolledBack));
    rolledBack.rollback();
    assertThat(file).doesNotExist();
    Transaction committed = connector.beginTransaction(IsolationLevel.SERIALIZABLE, null);
    connector.create(person, row("name", "yes"), Options.of(committed));
    committed.commit();
    JsonNode rows = fileJson().path("models").path("Person");
    assertThat(rows.size()).isEqualTo(1);
    assertThat(rows.elements().next().asText()).contains("\"yes\"");
  }
}
