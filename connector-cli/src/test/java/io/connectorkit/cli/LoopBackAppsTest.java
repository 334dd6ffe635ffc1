package io.connectorkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.ConnectorRegistry;
import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.filter.FilterParser;
import io.connectorkit.core.filter.Where;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A LoopBack 3 app ({@code server/datasources.json}, {@code server/model-config.json}, {@code
 * common/models/*.json}) and a LoopBack 4 app (datasource JSON, model definitions), written as
 * LoopBack's CLIs scaffold them and loaded unchanged, run on memory, MySQL (MariaDB) and
 * PostgreSQL: create, find with include, update, delete. MySQL and PostgreSQL are chosen the way
 * LoopBack 3 chooses an environment's datasources: {@code NODE_ENV} and {@code
 * datasources.<env>.json}. {@code CK_MYSQL_URL} / {@code CK_POSTGRES_URL} name the databases.
 */
class LoopBackAppsTest {
  private static final Path LB3 = Path.of("src/test/resources/loopback/lb3-notes");
  private static final Path LB4 = Path.of("src/test/resources/loopback/lb4-todo");
  private static final String MYSQL_URL =
      System.getenv().getOrDefault("CK_MYSQL_URL", "mysql://root@127.0.0.1:3306/test");
  private static final String POSTGRES_URL =
      System.getenv().getOrDefault("CK_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test");

  private Map<String, DataSource> open = Map.of();

  @AfterEach
  void close() {
    open.values().forEach(DataSource::close);
  }

  private Map<String, DataSource> loadLb3(String env) {
    Map<String, String> variables = new HashMap<>(System.getenv());
    if (env.equals("memory")) {
      variables.remove("NODE_ENV");
    } else {
      variables.put("NODE_ENV", env);
    }
    Function<String, String> environment = variables::get;
    open = DataSources.loadApp(LB3, ConnectorRegistry.load(), environment);
    return open;
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "mysql", "postgresql"})
  void loopBack3AppModelsWorkOnEveryBackend(String env) {
    DataSource db = loadLb3(env).get("db");
    assertThat(db.connectorName()).isEqualTo(env);
    assertThat(db.models())
        .as("model-config's own models are defined; LoopBack's built-in ones are skipped")
        .extracting(m -> m.name())
        .containsExactlyInAnyOrder("Note", "Author", "Tag", "NoteTag");
    db.automigrate("Note", "Author", "Tag", "NoteTag");
    exerciseNotes(db);
  }

  private static void exerciseNotes(DataSource db) {
    Dao authors = db.dao("Author");
    Dao notes = db.dao("Note");
    Dao tags = db.dao("Tag");
    Dao noteTags = db.dao("NoteTag");
    Object ada = authors.create(Map.of("name", "Ada")).get("id");
    Map<String, Object> note = notes.create(Map.of("title", "first", "authorId", ada));
    assertThat(note).containsEntry("status", "draft");
    Object red = tags.create(Map.of("label", "red")).get("id");
    noteTags.create(Map.of("noteId", note.get("id"), "tagId", red));

    List<Map<String, Object>> found =
        notes.find(FilterParser.parse(Map.of("include", List.of("author", "tags"))));
    assertThat(found)
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("author"))
                  .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                  .containsEntry("name", "Ada");
              assertThat(row.get("tags"))
                  .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                  .hasSize(1);
            });
    assertThat(authors.find(FilterParser.parse(Map.of("include", "notes"))))
        .singleElement()
        .satisfies(
            row ->
                assertThat(row.get("notes"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .hasSize(1));

    assertThat(notes.updateById(note.get("id"), Map.of("status", "published"), Options.NONE))
        .containsEntry("status", "published");
    assertThatThrownBy(
            () -> notes.updateById(note.get("id"), Map.of("status", "lost"), Options.NONE))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED))
        .hasMessageContaining("`status` is not included in the list");
    assertThat(notes.deleteById(note.get("id"))).isEqualTo(1);
    assertThat(notes.count(Where.all())).isZero();
  }

  @Test
  void loopBack3AppFindsExistingLowerCasePostgresTables() throws Exception {
    String jdbc = "jdbc:" + POSTGRES_URL.replaceFirst("^postgres://([^@]*)@", "postgresql://");
    String user = POSTGRES_URL.replaceFirst("^postgres://([^@:]*).*$", "$1");
    try (Connection connection = DriverManager.getConnection(jdbc, user, "");
        Statement sql = connection.createStatement()) {
      // The tables loopback-connector-postgresql's autoupdate creates for the app: lower case.
      sql.execute("DROP TABLE IF EXISTS notetag, note, author, tag");
      sql.execute("CREATE TABLE author (id SERIAL PRIMARY KEY, name TEXT NOT NULL, email TEXT)");
      sql.execute(
          "CREATE TABLE note (id SERIAL PRIMARY KEY, title TEXT NOT NULL, content TEXT,"
              + " status TEXT, authorid INTEGER)");
      sql.execute("CREATE TABLE tag (id SERIAL PRIMARY KEY, label TEXT NOT NULL)");
      sql.execute("CREATE TABLE notetag (id SERIAL PRIMARY KEY, noteid INTEGER, tagid INTEGER)");
      sql.execute("INSERT INTO author (name) VALUES ('Grace')");
      sql.execute("INSERT INTO note (title, status, authorid) VALUES ('kept', 'draft', 1)");
    }
    DataSource db = loadLb3("postgresql").get("db");
    assertThat(db.isActual("Note", "Author", "Tag", "NoteTag"))
        .as("the app's models match the existing lower-case tables")
        .isTrue();
    Dao notes = db.dao("Note");
    assertThat(notes.find(FilterParser.parse(Map.of("include", "author"))))
        .singleElement()
        .satisfies(
            row -> assertThat(row).containsEntry("title", "kept").containsEntry("authorId", 1L))
        .satisfies(row -> assertThat(row.get("author").toString()).contains("Grace"));
    Object id = notes.create(Map.of("title", "new", "authorId", 1)).get("id");
    assertThat(notes.updateById(id, Map.of("content", "c"), Options.NONE))
        .containsEntry("content", "c");
    assertThat(notes.deleteById(id)).isEqualTo(1);
    assertThat(notes.count(null)).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"db", "mysql-ds", "pg-ds"})
  void loopBack4AppModelsWorkOnEveryBackend(String dataSourceFile) {
    DataSource db =
        DataSources.load(
            LB4.resolve("src/datasources/" + dataSourceFile + ".datasource.json"), null);
    open = Map.of("db", db);
    Main.defineModels(db, LB4.resolve("src/model-definitions"));
    if (db.features().contains(io.connectorkit.core.common.Feature.MIGRATION)) {
      db.automigrate("TodoList", "Todo");
    }
    Dao lists = db.dao("TodoList");
    Dao todos = db.dao("Todo");
    Object home = lists.create(Map.of("title", "home")).get("id");
    Object todo =
        todos.create(Map.of("title", "dishes", "priority", "high", "todoListId", home)).get("id");
    assertThatThrownBy(() -> todos.create(Map.of("title", "x", "priority", "urgent")))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED))
        .hasMessageContaining("`priority` is not included in the list");
    assertThat(lists.find(FilterParser.parse(Map.of("include", "todos"))))
        .singleElement()
        .satisfies(
            row ->
                assertThat(row.get("todos"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .hasSize(1));
    assertThat(todos.find(FilterParser.parse(Map.of("include", "todoList"))))
        .singleElement()
        .satisfies(row -> assertThat(row.get("todoList").toString()).contains("home"));
    assertThat(todos.updateById(todo, Map.of("isComplete", true), Options.NONE))
        .containsEntry("isComplete", true);
    assertThat(todos.deleteById(todo)).isEqualTo(1);
    assertThat(todos.count(null)).isZero();
  }

  @Test
  void modelsDirectoryDefinesEveryModelFileAndAnAppFolderIsADatasourceFile() {
    DataSource db = DataSources.load(LB3, "db");
    open = Map.of("db", db);
    Main.defineModels(db, LB3.resolve("common/models"));
    assertThat(db.models())
        .extracting(m -> m.name())
        .containsExactlyInAnyOrder("Note", "Author", "Tag", "NoteTag");
  }

  @Test
  void modelConfigNamingAModelWithoutJsonIsAConfigurationError(
      @org.junit.jupiter.api.io.TempDir Path app) throws Exception {
    java.nio.file.Files.createDirectories(app.resolve("server"));
    java.nio.file.Files.writeString(
        app.resolve("server/datasources.json"),
        "{\"db\": {\"name\": \"db\", \"connector\": \"memory\"}}");
    java.nio.file.Files.writeString(
        app.resolve("server/model-config.json"), "{\"Ghost\": {\"dataSource\": \"db\"}}");
    assertThatThrownBy(() -> DataSources.loadApp(app))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .hasMessageContaining("model \"Ghost\" has no model JSON file");
  }
}
