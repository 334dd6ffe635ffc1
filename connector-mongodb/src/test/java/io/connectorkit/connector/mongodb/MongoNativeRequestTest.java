package io.connectorkit.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.spi.ExecuteContext;
import io.connectorkit.core.spi.ExecuteListener;
import io.connectorkit.core.spi.NativeCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The command documents execute hooks see are MongoDB's own, naming their collection (C9). */
class MongoNativeRequestTest {
  private static MongoServerFixture server;
  private final List<Document> commands = new ArrayList<>();
  private final List<NativeCall> calls = new ArrayList<>();
  private DataSource db;
  private Dao people;

  @BeforeAll
  static void start() {
    server = new MongoServerFixture("requests");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void open() {
    db = DataSources.create("requests", Map.of("connector", "mongodb", "url", server.url()));
    db.define(
        """
        {"name": "Person", "properties": {"id": {"type": "number", "id": true, "generated": true},
         "name": "string", "age": "number"}}""");
    db.automigrate("Person");
    people = db.dao("Person");
    db.addExecuteListener(
        new ExecuteListener() {
          @Override
          public void beforeExecute(ExecuteContext context) {
            commands.add(Document.parse(((Document) context.request()).toJson()));
            calls.add(context.call());
          }
        });
  }

  @AfterEach
  void close() {
    db.close();
  }

  private Document only(String command) {
    List<Document> matching = commands.stream().filter(c -> c.containsKey(command)).toList();
    assertThat(matching).as("%s commands among %s", command, commands).hasSize(1);
    return matching.get(0);
  }

  @Test
  void anUpdateAllCommandNamesItsCollectionAndCarriesTheUpdateAsAStatement() {
    people.create(Map.of("name", "Ada", "age", 36));
    commands.clear();

    people.updateAll(Where.eq("name", "Ada"), Map.of("age", 37));

    Document update = only("update");
    assertThat(update.getString("update")).isEqualTo("Person");
    Document statement = update.getList("updates", Document.class).get(0);
    assertThat(statement.get("u", Document.class).get("$set", Document.class).get("age"))
        .isEqualTo(37);
    assertThat(statement.getBoolean("multi")).isTrue();
  }

  @Test
  void aPatchByIdAndAReplaceNameTheirCollection() {
    Object id = people.create(Map.of("name", "Ada", "age", 36)).get("id");
    commands.clear();
    people.updateById(id, Map.of("age", 40));
    assertThat(only("update").getString("update")).isEqualTo("Person");

    commands.clear();
    people.replaceById(id, Map.of("name", "Ada L", "age", 41));
    Document replace = only("update");
    assertThat(replace.getString("update")).isEqualTo("Person");
    assertThat(replace.getList("updates", Document.class).get(0).get("u", Document.class))
        .containsEntry("name", "Ada L");
  }

  @Test
  void theIdCounterCommandsNameTheCounterCollection() {
    people.create(Map.of("name", "Ada"));

    assertThat(commands)
        .filteredOn(c -> c.containsKey("findAndModify") || c.containsKey("update"))
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.values().iterator().next()).isInstanceOf(String.class));
  }

  @Test
  void anInsertWhoseDocumentsAListenerRemovedIsABackendError() {
    db.addExecuteListener(
        new ExecuteListener() {
          @Override
          public void beforeExecute(ExecuteContext context) {
            if (context.request() instanceof Document command && command.containsKey("insert")) {
              context.setRequest(new Document("insert", command.get("insert")));
            }
          }
        });

    assertThatThrownBy(() -> people.create(Map.of("name", "Ada")))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_ERROR));
    assertThatThrownBy(() -> people.createAll(List.of(Map.of("name", "Ada"))))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_ERROR));
    assertThat(people.count(Where.all())).isZero();
  }

  @Test
  void aDescriptionNamesCommandAndCollectionAndElidesValues() {
    people.create(Map.of("name", "Ada", "age", 36));
    calls.clear();

    people.updateAll(Where.eq("name", "Ada"), Map.of("age", 37));

    NativeCall update =
        calls.stream().filter(c -> c.operation().equals("update")).findFirst().orElseThrow();
    assertThat(update.target()).isEqualTo("Person");
    assertThat(update.text())
        .startsWith("{\"update\": \"Person\", \"updates\": [{\"q\": ")
        .doesNotContain("Ada")
        .doesNotContain("37");
    assertThat(update.parameters()).singleElement().asString().contains("Ada");
  }
}
