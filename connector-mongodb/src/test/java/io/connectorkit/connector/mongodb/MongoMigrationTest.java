package io.connectorkit.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.model.ModelDefinition;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Index comparison against the indexes a server lists (synthetic command answers). */
class MongoMigrationTest {
  private static final MongoModel MAPPING =
      new MongoModel(
          ModelDefinition.fromJson(
              """
              {"name": "Place", "properties": {
                 "code": {"type": "string", "index": true}
               }}
              """));

  /** A server whose collection exists with the given indexes; records every command. */
  private static final class FakeServer implements CommandRunner {
    final List<Document> indexes;
    final List<Document> commands = new ArrayList<>();

    FakeServer(List<Document> indexes) {
      this.indexes = indexes;
    }

    @Override
    public Document run(String model, String what, Document command) {
      commands.add(command);
      String name = command.keySet().iterator().next();
      List<Document> batch =
          switch (name) {
            case "listCollections" -> List.of(new Document("name", MAPPING.collection()));
            case "listIndexes" -> indexes;
            default -> List.of();
          };
      return new Document("cursor", new Document("firstBatch", batch)).append("ok", 1);
    }
  }

  private static Document index(String name, Document key) {
    return new Document("v", 2).append("key", key).append("name", name);
  }

  @Test
  void aSpecialIndexOnTheSameFieldIsAnotherIndexNotAFailure() {
    // listIndexes gives "hashed", "2dsphere", ... where an ordered index has 1 or -1.
    FakeServer server =
        new FakeServer(
            List.of(
                index("_id_", new Document("_id", 1)),
                index("code_hashed", new Document("code", "hashed"))));
    MongoMigration migration = new MongoMigration(server, MAPPING);

    assertThat(migration.isActual()).isFalse();
    migration.update(false);
    assertThat(server.commands)
        .anySatisfy(
            command -> {
              assertThat(command.getString("createIndexes")).isEqualTo("Place");
              assertThat(command.getList("indexes", Document.class))
                  .singleElement()
                  .satisfies(
                      spec ->
                          assertThat(spec.get("key", Document.class))
                              .isEqualTo(new Document("code", 1)));
            });
  }

  @Test
  void anOrderedIndexMatchesWhateverNumberTypeTheServerListsItsOrderIn() {
    FakeServer server =
        new FakeServer(
            List.of(
                index("_id_", new Document("_id", 1)), index("code_1", new Document("code", 1.0))));
    MongoMigration migration = new MongoMigration(server, MAPPING);

    assertThat(migration.isActual()).isTrue();
  }
}
