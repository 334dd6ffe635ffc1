package io.connectorkit.connector.mongodb;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Discovery (feature DISCOVERY): collections as tables, and a schema inferred from a sample of
 * documents, since MongoDB has none: the union of the sampled fields, each with the type most of
 * its non-null values have (ties: the type seen first).
 */
final class MongoDiscovery {
  private final CommandRunner commands;
  private final String database;
  private final int sampleSize;

  MongoDiscovery(CommandRunner commands, String database, int sampleSize) {
    this.commands = requireNonNull(commands, "commands is null");
    this.database = requireNonNull(database, "database is null");
    this.sampleSize = sampleSize;
  }

  /** {@code {"name", "type": "collection", "owner": database}} per collection, by name. */
  List<Map<String, Object>> modelDefinitions() {
    Document result =
        commands.run(null, "discoverModelDefinitions", new Document("listCollections", 1));
    List<Map<String, Object>> tables = new ArrayList<>();
    for (Document collection : MongoMigration.firstBatch(result)) {
      String name = collection.getString("name");
      if (name.equals(MongoConnector.COUNTERS) || name.startsWith("system.")) {
        continue;
      }
      Map<String, Object> table = new LinkedHashMap<>();
      table.put("name", name);
      table.put("type", "collection");
      table.put("owner", database);
      tables.add(table);
    }
    tables.sort(Comparator.comparing(t -> (String) t.get("name")));
    return tables;
  }

  /**
   * One entry per sampled field: owner, tableName, columnName, dataType (a model type), nullable.
   */
  List<Map<String, Object>> properties(String collection) {
    List<Map<String, Object>> columns = new ArrayList<>();
    for (Map.Entry<String, Inferred> field : infer(collection).entrySet()) {
      Map<String, Object> column = new LinkedHashMap<>();
      column.put("owner", database);
      column.put("tableName", collection);
      column.put("columnName", field.getKey());
      column.put("dataType", field.getValue().type());
      column.put("nullable", !field.getKey().equals(MongoModel.ID_FIELD));
      columns.add(column);
    }
    return columns;
  }

  /** {@code _id}, always the primary key of a collection. */
  List<Map<String, Object>> primaryKeys(String collection) {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("owner", database);
    key.put("tableName", collection);
    key.put("columnName", MongoModel.ID_FIELD);
    key.put("keySeq", 1L);
    key.put("pkName", "_id_");
    return List.of(key);
  }

  /**
   * Model JSON (C1.2) for a collection: {@code _id} as the {@code id} property ({@code generated}
   * ObjectId strings when the sample's ids are ObjectIds), every other field as a property of its
   * majority type, and {@code "mongodb": {"collection": …}}.
   */
  Map<String, Object> schema(String collection) {
    Map<String, Object> properties = new LinkedHashMap<>();
    Map<String, Inferred> fields = infer(collection);
    Inferred id = fields.remove(MongoModel.ID_FIELD);
    Map<String, Object> idProperty = new LinkedHashMap<>();
    boolean objectIds = id == null || id.objectIds();
    idProperty.put("type", id == null || objectIds ? "string" : id.type());
    idProperty.put("id", true);
    if (objectIds) {
      idProperty.put("generated", true);
      idProperty.put("mongodb", Map.of("dataType", "ObjectId"));
    }
    properties.put("id", idProperty);
    for (Map.Entry<String, Inferred> field : fields.entrySet()) {
      String name = field.getKey().equals("id") ? "id_" : field.getKey();
      properties.put(name, describe(field.getKey(), name, field.getValue()));
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("name", modelName(collection));
    model.put("properties", properties);
    model.put("mongodb", Map.of("collection", collection));
    return model;
  }

  /**
   * A sampled field as a property. Fields whose values have several types across documents are
   * {@code any} (a majority type would fail to read the others) with every type seen listed under
   * {@code mongodb.dataTypes}; sub-documents list their own sampled fields under {@code
   * mongodb.fields}, recursively.
   */
  private static Map<String, Object> describe(String field, String name, Inferred inferred) {
    Map<String, Object> property = new LinkedHashMap<>();
    List<Object> types = inferred.types();
    property.put("type", types.size() > 1 ? "any" : inferred.type());
    Map<String, Object> section = new LinkedHashMap<>();
    if (!name.equals(field)) {
      section.put("fieldName", field);
    }
    if (types.size() > 1) {
      section.put("dataTypes", types);
    }
    if (!inferred.nested.isEmpty()) {
      Map<String, Object> fields = new LinkedHashMap<>();
      inferred.nested.forEach((key, value) -> fields.put(key, describe(key, key, value)));
      section.put("fields", fields);
    }
    if (!section.isEmpty()) {
      property.put("mongodb", section);
    }
    return property;
  }

  static String modelName(String collection) {
    StringBuilder name = new StringBuilder();
    boolean upper = true;
    for (int i = 0; i < collection.length(); i++) {
      char c = collection.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        upper = true;
      } else {
        name.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return name.length() == 0 ? "Model" : name.toString();
  }

  private Map<String, Inferred> infer(String collection) {
    Document result =
        commands.run(
            null,
            "discover",
            new Document("find", collection)
                .append("limit", sampleSize)
                .append("batchSize", sampleSize));
    Map<String, Inferred> fields = new LinkedHashMap<>();
    for (Document document : MongoMigration.firstBatch(result)) {
      for (Map.Entry<String, Object> field : document.entrySet()) {
        fields.computeIfAbsent(field.getKey(), k -> new Inferred()).add(field.getValue());
      }
    }
    return fields;
  }

  /** The model type of a BSON value: {@code "string"}, {@code ["number"]}, … */
  static Object typeOf(Object value) {
    if (value instanceof String || value instanceof ObjectId) {
      return "string";
    }
    if (value instanceof Number || value instanceof Decimal128) {
      return "number";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    if (value instanceof Date) {
      return "date";
    }
    if (value instanceof Binary) {
      return "buffer";
    }
    if (value instanceof Map<?, ?>) {
      return "object";
    }
    if (value instanceof List<?> list) {
      Object item = null;
      for (Object element : list) {
        if (element == null) {
          continue;
        }
        Object type = typeOf(element);
        if (item != null && !item.equals(type)) {
          return "array";
        }
        item = type;
      }
      return item == null || !(item instanceof String) ? "array" : List.of(item);
    }
    return "any";
  }

  /** The types seen for one field, in order of first appearance, with counts. */
  private static final class Inferred {
    private final Map<Object, Integer> counts = new LinkedHashMap<>();
    private final Map<Object, Boolean> seen = new HashMap<>();
    private int ids;
    private int values;

    /** The fields of sub-documents seen in this field (or in the documents of its arrays). */
    private final Map<String, Inferred> nested = new LinkedHashMap<>();

    void add(Object value) {
      if (value == null) {
        return;
      }
      addNested(value);
      values++;
      if (value instanceof ObjectId) {
        ids++;
      }
      Object type = typeOf(value);
      seen.put(type, true);
      counts.merge(type, 1, Integer::sum);
    }

    private void addNested(Object value) {
      if (value instanceof Map<?, ?> document) {
        document.forEach(
            (key, item) ->
                nested.computeIfAbsent(String.valueOf(key), k -> new Inferred()).add(item));
      } else if (value instanceof List<?> items) {
        items.forEach(
            item -> {
              if (item instanceof Map<?, ?>) {
                addNested(item);
              }
            });
      }
    }

    /** Every type seen, in order of first appearance. */
    List<Object> types() {
      return new ArrayList<>(counts.keySet());
    }

    /** The majority type; {@code "any"} when every value was null. */
    Object type() {
      Object best = "any";
      int bestCount = 0;
      for (Map.Entry<Object, Integer> entry : counts.entrySet()) {
        if (entry.getValue() > bestCount) {
          best = entry.getKey();
          bestCount = entry.getValue();
        }
      }
      return best;
    }

    boolean objectIds() {
      return values > 0 && ids * 2 > values;
    }
  }
}
