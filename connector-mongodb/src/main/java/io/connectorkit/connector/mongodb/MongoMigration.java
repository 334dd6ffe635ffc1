package io.connectorkit.connector.mongodb;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.model.IndexDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * Migration of one model's collection (feature MIGRATION): automigrate drops and recreates the
 * collection with its indexes, autoupdate creates missing indexes (unique ones included), isActual
 * compares them. Indexes come from the model's {@code index} properties and {@code indexes}; a
 * composite id gets a unique index on its fields, since {@code _id} cannot enforce it.
 */
final class MongoMigration {
  private final CommandRunner commands;
  private final MongoModel mapping;

  MongoMigration(CommandRunner commands, MongoModel mapping) {
    this.commands = requireNonNull(commands, "commands is null");
    this.mapping = requireNonNull(mapping, "mapping is null");
  }

  private String model() {
    return mapping.definition().name();
  }

  /** Drops the collection (when it exists) and creates it with its indexes. */
  void recreate() {
    if (exists()) {
      try {
        commands.run(model(), "automigrate", new Document("drop", mapping.collection()));
      } catch (ConnectorException e) {
        // Dropped by someone else since listCollections: the goal is reached.
        if (!String.valueOf(e.getMessage()).contains("ns not found")) {
          throw e;
        }
      }
    }
    commands.run(model(), "automigrate", new Document("create", mapping.collection()));
    createIndexes(wantedIndexes(), "automigrate");
  }

  /** Creates the collection when missing and every missing index; drops others if destructive. */
  void update(boolean destructive) {
    if (!exists()) {
      commands.run(model(), "autoupdate", new Document("create", mapping.collection()));
    }
    List<Document> existing = existingIndexes();
    List<Document> wanted = wantedIndexes();
    List<Document> missing = new ArrayList<>();
    for (Document index : wanted) {
      if (existing.stream().noneMatch(e -> same(e, index))) {
        Document sameName = find(existing, index.getString("name"));
        if (sameName != null) {
          // The same name with other keys or options: replace it (the old one is not the model's).
          commands.run(
              model(),
              "autoupdate",
              new Document("dropIndexes", mapping.collection())
                  .append("index", index.getString("name")));
        }
        missing.add(index);
      }
    }
    createIndexes(missing, "autoupdate");
    if (destructive) {
      for (Document index : existing) {
        String name = index.getString("name");
        if (!"_id_".equals(name) && wanted.stream().noneMatch(w -> same(index, w))) {
          commands.run(
              model(),
              "autoupdate",
              new Document("dropIndexes", mapping.collection()).append("index", name));
        }
      }
    }
  }

  /** Whether the collection exists and has every index of the model. */
  boolean isActual() {
    if (!exists()) {
      return false;
    }
    List<Document> existing = existingIndexes();
    return wantedIndexes().stream().allMatch(w -> existing.stream().anyMatch(e -> same(e, w)));
  }

  private static @Nullable Document find(List<Document> indexes, String name) {
    return indexes.stream().filter(i -> name.equals(i.getString("name"))).findFirst().orElse(null);
  }

  /** Same keys in the same order and directions, and the same uniqueness. */
  private static boolean same(Document existing, Document wanted) {
    Document a = existing.get("key", Document.class);
    Document b = wanted.get("key", Document.class);
    if (a == null
        || b == null
        || !new ArrayList<>(a.keySet()).equals(new ArrayList<>(b.keySet()))) {
      return false;
    }
    for (String key : a.keySet()) {
      if (!sameOrder(a.get(key), b.get(key))) {
        return false;
      }
    }
    return Boolean.TRUE.equals(existing.get("unique")) == Boolean.TRUE.equals(wanted.get("unique"));
  }

  /**
   * The same direction of one key (1 or -1, in whatever number type the server lists it), or the
   * same special index type: {@code "hashed"}, {@code "2dsphere"}, … are strings, not numbers.
   */
  private static boolean sameOrder(@Nullable Object existing, @Nullable Object wanted) {
    if (existing instanceof Number a && wanted instanceof Number b) {
      return a.intValue() == b.intValue();
    }
    return Objects.equals(existing, wanted);
  }

  boolean exists() {
    Document result =
        commands.run(
            model(),
            "list collections",
            new Document("listCollections", 1)
                .append("filter", new Document("name", mapping.collection())));
    // Filtered here too: not every server applies listCollections' filter.
    return firstBatch(result).stream()
        .anyMatch(c -> mapping.collection().equals(c.getString("name")));
  }

  /** The documents of a command's first batch; none when the result has no cursor or batch. */
  @SuppressWarnings("unchecked")
  static List<Document> firstBatch(Document result) {
    Document cursor = result.get("cursor", Document.class);
    Object batch = cursor == null ? null : cursor.get("firstBatch");
    return batch == null ? List.of() : (List<Document>) batch;
  }

  private List<Document> existingIndexes() {
    return firstBatch(
        commands.run(model(), "list indexes", new Document("listIndexes", mapping.collection())));
  }

  private void createIndexes(List<Document> indexes, String what) {
    if (!indexes.isEmpty()) {
      commands.run(
          model(),
          what,
          new Document("createIndexes", mapping.collection()).append("indexes", indexes));
    }
  }

  /** The index specifications of the model, in {@code createIndexes} form. */
  List<Document> wantedIndexes() {
    List<Document> indexes = new ArrayList<>();
    for (IndexDefinition index : mapping.definition().indexes()) {
      Document key = new Document();
      for (Map.Entry<String, Integer> part : index.keys().entrySet()) {
        key.put(mapping.field(part.getKey()), part.getValue() < 0 ? -1 : 1);
      }
      if (key.isEmpty() || (key.size() == 1 && key.containsKey(MongoModel.ID_FIELD))) {
        continue; // _id has its own unique index
      }
      Document spec = new Document("key", key).append("name", index.name());
      if (index.unique()) {
        // Sparse: records without a value (stored as absent fields) do not collide, as in SQL.
        spec.append("unique", true).append("sparse", true);
      }
      indexes.add(spec);
    }
    if (mapping.idFields().size() > 1) {
      Document key = new Document();
      mapping.idFields().forEach(field -> key.put(field, 1));
      indexes.add(
          new Document("key", key).append("name", "connectorkit_id").append("unique", true));
    }
    return indexes;
  }
}
