package io.connectorkit.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ExecuteContext;
import io.connectorkit.core.spi.ExecuteListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How many native commands an upsert by id sends, counted through the execute hooks (C9): one
 * {@code findAndModify} with {@code upsert} where the contract allows, more where it does not.
 */
class MongoUpsertCommandsTest {
  private static MongoServerFixture server;
  private DataSource db;
  private final List<String> commands = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    server = new MongoServerFixture("upserts");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void open() {
    db =
        DataSources.create(
            "upserts",
            Map.of("connector", "mongodb", "url", server.url(), "allowExtendedOperators", true));
    db.unwrap(Connector.class)
        .addExecuteListener(
            new ExecuteListener() {
              @Override
              public void beforeExecute(ExecuteContext context) {
                if (context.request() instanceof Document command && !command.isEmpty()) {
                  commands.add(command.keySet().iterator().next());
                }
              }
            });
  }

  @AfterEach
  void close() {
    db.close();
  }

  private Dao define(String json) {
    db.define(json);
    String name = Document.parse(json).getString("name");
    db.automigrate(name);
    commands.clear();
    return db.dao(name);
  }

  @Test
  void anUpsertByStringIdIsOneFindAndModifyWhetherTheRecordExistsOrNot() {
    Dao notes =
        define(
            "{\"name\": \"Note\", \"properties\": {\"id\": {\"type\": \"string\", \"id\": true},"
                + " \"text\": \"string\", \"stars\": {\"type\": \"number\", \"default\": 3}}}");
    Map<String, Object> created = notes.upsert(Map.of("id", "a", "text", "new"));
    assertThat(commands).containsExactly("findAndModify");
    assertThat(created).containsEntry("text", "new").containsEntry("stars", 3L);

    commands.clear();
    Map<String, Object> patched = notes.upsert(Map.of("id", "a", "text", "patched"));
    assertThat(commands).containsExactly("findAndModify");
    // The create branch's default is not applied to an existing record.
    assertThat(patched).containsEntry("text", "patched").containsEntry("stars", 3L);
    assertThat(notes.count(null)).isEqualTo(1);
  }

  @Test
  void anInsertedNumericIdAlsoRaisesTheCounterSoGeneratedIdsStayAboveIt() {
    Dao items =
        define(
            "{\"name\": \"Item\", \"forceId\": false, \"properties\": {\"id\": {\"type\": \"number\", \"id\": true,"
                + " \"generated\": true}, \"n\": \"number\"}}");
    items.upsert(Map.of("id", 40, "n", 1));
    assertThat(commands).containsExactly("findAndModify", "update");
    commands.clear();
    items.upsert(Map.of("id", 40, "n", 2));
    assertThat(commands).containsExactly("findAndModify");
    assertThat(items.create(Map.of("n", 3)).get("id")).isEqualTo(41L);
  }

  @Test
  void aCreateBranchThatFailsItsRulesTakesThePatchThenInsertPath() {
    Dao counters =
        define(
            "{\"name\": \"Counter\", \"properties\": {\"id\": {\"type\": \"string\", \"id\": true},"
                + " \"label\": {\"type\": \"string\", \"required\": true}, \"n\": \"number\"}}");
    counters.create(Map.of("id", "c", "label", "x", "n", 1));
    commands.clear();
    // No label: the create branch fails validation, so the existing record is patched instead.
    assertThat(counters.upsert(Map.of("id", "c", "n", 5))).containsEntry("n", 5L);
    assertThat(commands).containsExactly("update", "find");
    assertThatThrownBy(() -> counters.upsert(Map.of("id", "missing", "n", 5)))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    assertThat(counters.count(null)).isEqualTo(1);
  }
}
