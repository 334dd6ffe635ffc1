package io.connectorkit.core.model;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link ModelDefinition} as model JSON (C1.2): from each property's raw JSON, replacing a
 * structured key only when the raw value no longer means what the definition says, so {@code
 * read(write(read(json)))} equals {@code read(json)}.
 */
final class ModelJsonWriter {
  private static final Object INVALID = new Object();

  private ModelJsonWriter() {}

  static Map<String, Object> write(ModelDefinition model) {
    requireNonNull(model, "model is null");
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", model.name());
    copyUnstructured(model.settings(), json, "base", "plural", "description");
    json.put("strict", model.strict());
    json.put("idInjection", model.idInjection());
    if (model.forceId() != null) {
      json.put("forceId", model.forceId());
    }
    json.put("strictDelete", model.strictDelete());

    Map<String, IndexDefinition> indexes = new LinkedHashMap<>();
    model.indexes().forEach(index -> indexes.put(index.name(), index));
    Map<String, Object> properties = new LinkedHashMap<>();
    List<String> hidden = new ArrayList<>();
    for (PropertyDefinition property : model.properties().values()) {
      properties.put(property.name(), writeProperty(model, property, indexes));
      if (property.hidden()) {
        hidden.add(property.name());
      }
    }
    json.put("properties", properties);
    if (!hidden.isEmpty()) {
      json.put("hidden", hidden);
    }
    if (!indexes.isEmpty()) {
      Map<String, Object> indexJson = new LinkedHashMap<>();
      indexes.values().forEach(index -> indexJson.put(index.name(), writeIndex(index)));
      json.put("indexes", indexJson);
    }
    if (!model.relations().isEmpty()) {
      Map<String, Object> relations = new LinkedHashMap<>();
      model.relations().values().forEach(r -> relations.put(r.name(), writeRelation(r)));
      json.put("relations", relations);
    }
    copyUnstructured(model.settings(), json);
    return json;
  }

  private static void copyUnstructured(
      Map<String, Object> settings, Map<String, Object> json, String... only) {
    Set<String> wanted = only.length == 0 ? null : Set.of(only);
    settings.forEach(
        (key, value) -> {
          if (!ModelJsonReader.MODEL_KEYS.contains(key)
              && !json.containsKey(key)
              && (wanted == null || wanted.contains(key))) {
            json.put(key, mutableCopy(value));
          }
        });
  }

  private static Map<String, Object> writeProperty(
      ModelDefinition model, PropertyDefinition property, Map<String, IndexDefinition> indexes) {
    Map<String, Object> raw = property.settings();
    Map<String, Object> json = new LinkedHashMap<>();
    raw.forEach((key, value) -> json.put(key, mutableCopy(value)));
    ModelJsonReader reader = new ModelJsonReader(Map.of("name", model.name()));
    String name = property.name();

    overlay(
        json,
        "type",
        property.type(),
        () -> reader.type(name, raw.get("type")),
        property.type().toJson());
    Object id =
        property.idPosition() == 0
            ? (Object) false
            : property.idPosition() == 1 && !model.hasCompositeId()
                ? (Object) true
                : (Object) property.idPosition();
    overlay(json, "id", property.idPosition(), () -> reader.idPosition(name, raw.get("id")), id);
    overlay(
        json,
        "generated",
        property.generated(),
        () -> ModelJsonReader.orElse(reader.flag(name, "generated", raw.get("generated")), false),
        property.generated());
    overlay(
        json,
        "required",
        property.required(),
        () -> ModelJsonReader.orElse(reader.flag(name, "required", raw.get("required")), false),
        property.required());
    overlay(
        json,
        "default",
        property.defaultValue(),
        () -> reader.defaultValue(name, property.type(), raw.get("default")),
        writeValue(property.defaultValue()));
    overlay(
        json,
        "defaultFn",
        property.defaultFn(),
        () -> reader.defaultFn(name, property.type(), raw.get("defaultFn")),
        property.defaultFn());
    overlay(
        json,
        "length",
        property.length(),
        () -> reader.length(name, raw.get("length")),
        property.length());
    Object rawHidden =
        parsed(() -> ModelJsonReader.orElse(reader.flag(name, "hidden", raw.get("hidden")), false));
    // the model-level "hidden" list hides it whatever its own key says, so only "true" on a
    // visible property (or an invalid value) needs correcting
    if (rawHidden == INVALID || (Boolean.TRUE.equals(rawHidden) && !property.hidden())) {
      json.put("hidden", property.hidden());
    }

    IndexDefinition index = indexes.get(name);
    Object rawUnique = parsed(() -> reader.propertyIndexUnique(name, raw.get("index")));
    if (rawUnique == INVALID) {
      json.put("index", false);
      rawUnique = null;
    }
    if (rawUnique != null) {
      if (index != null && index.keys().equals(Map.of(name, 1))) {
        if (!rawUnique.equals(index.unique())) {
          Map<String, Object> rewritten = new LinkedHashMap<>();
          if (raw.get("index") instanceof Map<?, ?> options) {
            options.forEach((key, value) -> rewritten.put(String.valueOf(key), mutableCopy(value)));
          }
          rewritten.put("unique", index.unique());
          json.put("index", rewritten);
        }
        indexes.remove(name);
      } else {
        json.put("index", false);
      }
    }
    return json;
  }

  /**
   * Keeps the raw value of {@code key} when the reader reads it as {@code expected}, else writes
   * {@code canonical}.
   */
  private static void overlay(
      Map<String, Object> json,
      String key,
      @Nullable Object expected,
      Supplier<?> parse,
      @Nullable Object canonical) {
    if (!Objects.deepEquals(parsed(parse), expected)) {
      json.put(key, canonical);
    }
  }

  private static Map<String, Object> writeIndex(IndexDefinition index) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("keys", new LinkedHashMap<>(index.keys()));
    if (index.unique()) {
      Map<String, Object> options = new LinkedHashMap<>();
      options.put("unique", true);
      json.put("options", options);
    }
    return json;
  }

  private static Map<String, Object> writeRelation(RelationDefinition relation) {
    Map<String, Object> json = new LinkedHashMap<>();
    // LoopBack spells hasManyThrough as hasMany with a through model
    json.put(
        "type",
        relation.type() == RelationDefinition.Type.HAS_MANY_THROUGH
            ? RelationDefinition.Type.HAS_MANY.jsonName()
            : relation.type().jsonName());
    json.put("model", relation.model());
    putIfNotNull(json, "foreignKey", relation.foreignKey());
    putIfNotNull(json, "primaryKey", relation.primaryKey());
    putIfNotNull(json, "through", relation.through());
    putIfNotNull(json, "keyThrough", relation.keyThrough());
    return json;
  }

  private static void putIfNotNull(Map<String, Object> json, String key, @Nullable Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }

  private static @Nullable Object writeValue(@Nullable Object value) {
    if (value instanceof Instant instant) {
      return Values.formatDate(instant);
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(writeValue(item)));
      return copy;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(String.valueOf(key), writeValue(item)));
      return copy;
    }
    return value;
  }

  private static @Nullable Object mutableCopy(@Nullable Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(String.valueOf(key), mutableCopy(item)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(mutableCopy(item)));
      return copy;
    }
    return value;
  }

  /** The reader's parse of a raw value, or {@link #INVALID}. */
  private static @Nullable Object parsed(Supplier<?> parse) {
    try {
      return parse.get();
    } catch (ConnectorException e) {
      return INVALID;
    }
  }
}
