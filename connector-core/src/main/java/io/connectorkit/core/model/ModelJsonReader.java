package io.connectorkit.core.model;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads one model's JSON into a {@link ModelDefinition}, checking every key (C1.2; the decisions
 * where the contract is silent are listed on {@link ModelJson}). One reader per model: failures
 * name the model. The helpers at the end are shared with {@link ModelJsonWriter}.
 */
final class ModelJsonReader {
  static final Set<String> MODEL_KEYS =
      Set.of(
          "name",
          "properties",
          "strict",
          "idInjection",
          "forceId",
          "strictDelete",
          "hidden",
          "indexes",
          "relations");
  static final Set<String> DEFAULT_FNS = Set.of("now", "uuid", "uuidv4", "guid");
  static final Set<String> INDEX_OPTION_KEYS = Set.of("unique", "options");

  private final Map<String, ?> json;
  private String model = "JSON";

  ModelJsonReader(Map<String, ?> json) {
    this.json = json;
    if (json.get("name") instanceof String name && !name.isEmpty()) {
      model = name;
    }
  }

  ModelDefinition read() {
    Object name = json.get("name");
    if (name == null) {
      throw invalid("model JSON: \"name\" is required");
    }
    if (!(name instanceof String text) || text.isEmpty()) {
      throw invalid("model JSON: \"name\" must be a non-empty string, got " + describe(name));
    }
    boolean strict = modelFlag("strict", true);
    boolean idInjection = modelFlag("idInjection", true);
    boolean strictDelete = modelFlag("strictDelete", false);
    Object forceIdRaw = json.get("forceId");
    if (forceIdRaw != null && !(forceIdRaw instanceof Boolean)) {
      throw fail("\"forceId\" must be a boolean, got " + describe(forceIdRaw));
    }
    Boolean forceId = (Boolean) forceIdRaw;

    List<IndexDefinition> indexes = new ArrayList<>();
    Map<String, PropertyDefinition> properties = readProperties(indexes);
    Set<String> hidden = readHidden(properties);
    if (!hidden.isEmpty()) {
      properties.replaceAll((key, p) -> hidden.contains(key) ? withHidden(p) : p);
    }
    boolean idInjected = idInjection && properties.values().stream().noneMatch(p -> p.isId());
    readIndexes(properties, idInjected, indexes);
    Map<String, RelationDefinition> relations = readRelations();

    Map<String, Object> settings = new LinkedHashMap<>();
    json.forEach(
        (key, value) -> {
          if (!MODEL_KEYS.contains(key)) {
            settings.put(key, frozen(value));
          }
        });
    return new ModelDefinition(
        model,
        properties,
        strict,
        idInjection,
        forceId,
        strictDelete,
        indexes,
        relations,
        settings);
  }

  private boolean modelFlag(String key, boolean fallback) {
    Object value = json.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    throw fail("\"" + key + "\" must be a boolean, got " + describe(value));
  }

  private Map<String, PropertyDefinition> readProperties(List<IndexDefinition> indexes) {
    Map<String, ?> raw = object(json.get("properties"), "\"properties\"");
    Map<String, PropertyDefinition> properties = new LinkedHashMap<>();
    Map<Integer, String> idPositions = new HashMap<>();
    for (Map.Entry<String, ?> entry : raw.entrySet()) {
      String name = entry.getKey();
      if (name == null || name.isEmpty()) {
        throw fail("a property name must be a non-empty string");
      }
      PropertyDefinition property = readProperty(name, entry.getValue());
      if (property.isId()) {
        String other = idPositions.putIfAbsent(property.idPosition(), name);
        if (other != null) {
          throw fail(
              "property \""
                  + name
                  + "\": id position "
                  + property.idPosition()
                  + " is already taken by property \""
                  + other
                  + "\"");
        }
      }
      Boolean unique = propertyIndexUnique(name, property.settings().get("index"));
      if (unique != null) {
        indexes.add(new IndexDefinition(name, Map.of(name, 1), unique));
      }
      properties.put(name, property);
    }
    return properties;
  }

  private PropertyDefinition readProperty(String name, Object value) {
    Map<String, Object> raw;
    if (value instanceof String || value instanceof List<?>) {
      raw = new LinkedHashMap<>();
      raw.put("type", value);
    } else if (value instanceof Map<?, ?> map) {
      raw = stringKeys(map);
    } else {
      throw fail("property \"" + name + "\": expected a type or an object, got " + describe(value));
    }
    Object typeRaw = raw.get("type");
    if (typeRaw == null) {
      throw fail("property \"" + name + "\": \"type\" is required");
    }
    PropertyType type = type(name, typeRaw);
    int idPosition = idPosition(name, raw.get("id"));
    boolean generated = orElse(flag(name, "generated", raw.get("generated")), false);
    boolean required = orElse(flag(name, "required", raw.get("required")), false);
    boolean hidden = orElse(flag(name, "hidden", raw.get("hidden")), false);
    Object defaultValue = defaultValue(name, type, raw.get("default"));
    String defaultFn = defaultFn(name, type, raw.get("defaultFn"));
    if (defaultValue != null && defaultFn != null) {
      throw fail("property \"" + name + "\": \"default\" and \"defaultFn\" are exclusive");
    }
    Integer length = length(name, raw.get("length"));
    propertyIndexUnique(name, raw.get("index"));
    Object allowed = raw.get("enum");
    if (allowed == null && raw.get("jsonSchema") instanceof Map<?, ?> schema) {
      allowed = schema.get("enum");
    }
    if (allowed != null && !(allowed instanceof List<?>)) {
      throw fail("property \"" + name + "\": \"enum\" must be an array, got " + describe(allowed));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> settings = (Map<String, Object>) frozen(raw);
    return new PropertyDefinition(
        name,
        type,
        idPosition,
        generated,
        required,
        defaultValue == null ? null : frozen(defaultValue),
        defaultFn,
        length,
        hidden,
        settings);
  }

  PropertyType type(String property, @Nullable Object raw) {
    if (raw instanceof String text) {
      switch (text.toLowerCase(Locale.ROOT)) {
        case "string":
          return PropertyType.STRING;
        case "number":
          return PropertyType.NUMBER;
        case "boolean":
          return PropertyType.BOOLEAN;
        case "date":
          return PropertyType.DATE;
        case "object":
          return PropertyType.OBJECT;
        case "array":
          return PropertyType.ARRAY;
        case "buffer":
          return PropertyType.BUFFER;
        case "any":
          return PropertyType.ANY;
        default:
          break;
      }
    } else if (raw instanceof List<?> list) {
      if (list.isEmpty()) {
        return PropertyType.ARRAY;
      }
      if (list.size() == 1 && list.get(0) != null) {
        return PropertyType.arrayOf(type(property, list.get(0)));
      }
    }
    throw fail("property \"" + property + "\": unknown type " + describe(raw));
  }

  int idPosition(String property, @Nullable Object raw) {
    if (raw == null || Boolean.FALSE.equals(raw)) {
      return 0;
    }
    if (Boolean.TRUE.equals(raw)) {
      return 1;
    }
    if (raw instanceof Number
        && Values.normalize(raw) instanceof Long position
        && position >= 1
        && position <= Integer.MAX_VALUE) {
      return position.intValue();
    }
    throw fail(
        "property \""
            + property
            + "\": \"id\" must be true, false or a position 1, 2, …, got "
            + describe(raw));
  }

  @Nullable Boolean flag(String property, String key, @Nullable Object raw) {
    if (raw == null) {
      return null;
    }
    if (raw instanceof Boolean b) {
      return b;
    }
    throw fail(
        "property \"" + property + "\": \"" + key + "\" must be a boolean, got " + describe(raw));
  }

  @Nullable Object defaultValue(String property, PropertyType type, @Nullable Object raw) {
    try {
      return Values.coerce(raw, type);
    } catch (IllegalArgumentException e) {
      throw fail("property \"" + property + "\": invalid \"default\": " + e.getMessage());
    }
  }

  @Nullable String defaultFn(String property, PropertyType type, @Nullable Object raw) {
    if (raw == null) {
      return null;
    }
    if (!(raw instanceof String fn) || !DEFAULT_FNS.contains(fn)) {
      throw fail(
          "property \""
              + property
              + "\": unknown \"defaultFn\" "
              + describe(raw)
              + " (expected now, uuid, uuidv4 or guid)");
    }
    boolean fits =
        fn.equals("now")
            ? type.kind() == PropertyType.Kind.DATE
            : type.kind() == PropertyType.Kind.STRING || type.kind() == PropertyType.Kind.ANY;
    if (!fits) {
      throw fail(
          "property \"" + property + "\": \"defaultFn\" \"" + fn + "\" does not fit type " + type);
    }
    return fn;
  }

  @Nullable Integer length(String property, @Nullable Object raw) {
    if (raw == null) {
      return null;
    }
    if (raw instanceof Number
        && Values.normalize(raw) instanceof Long length
        && length >= 0
        && length <= Integer.MAX_VALUE) {
      return length.intValue();
    }
    throw fail(
        "property \"" + property + "\": \"length\" must be an integer ≥ 0, got " + describe(raw));
  }

  /** Null for no index, else whether the property-level index is unique. */
  @Nullable Boolean propertyIndexUnique(String property, @Nullable Object raw) {
    if (raw == null || Boolean.FALSE.equals(raw)) {
      return null;
    }
    if (Boolean.TRUE.equals(raw)) {
      return false;
    }
    if (raw instanceof Map<?, ?> map) {
      Object unique = map.get("unique");
      if (unique == null) {
        return false;
      }
      if (unique instanceof Boolean b) {
        return b;
      }
      throw fail(
          "property \""
              + property
              + "\": \"index\": \"unique\" must be a boolean, got "
              + describe(unique));
    }
    throw fail(
        "property \""
            + property
            + "\": \"index\" must be true, false or an object, got "
            + describe(raw));
  }

  private Set<String> readHidden(Map<String, PropertyDefinition> properties) {
    Object raw = json.get("hidden");
    Set<String> hidden = new LinkedHashSet<>();
    if (raw == null) {
      return hidden;
    }
    if (!(raw instanceof List<?> list)) {
      throw fail("\"hidden\" must be an array of property names, got " + describe(raw));
    }
    for (Object item : list) {
      if (!(item instanceof String name)) {
        throw fail("\"hidden\" must be an array of property names, got " + describe(item));
      }
      if (!properties.containsKey(name)) {
        throw fail("\"hidden\": \"" + name + "\" is not a property");
      }
      hidden.add(name);
    }
    return hidden;
  }

  private void readIndexes(
      Map<String, PropertyDefinition> properties,
      boolean idInjected,
      List<IndexDefinition> indexes) {
    Map<String, ?> raw = object(json.get("indexes"), "\"indexes\"");
    for (Map.Entry<String, ?> entry : raw.entrySet()) {
      String name = entry.getKey();
      String where = "index \"" + name + "\": ";
      if (indexes.stream().anyMatch(i -> i.name().equals(name))) {
        throw fail(where + "name already used by the index of property \"" + name + "\"");
      }
      Map<String, ?> index = object(entry.getValue(), "index \"" + name + "\"");
      Map<String, ?> keys;
      Map<String, ?> options;
      if (index.containsKey("keys")) {
        keys = object(index.get("keys"), where + "\"keys\"");
        options = object(index.get("options"), where + "\"options\"");
      } else {
        // shorthand: {"name": 1, "age": -1, "unique": true}
        Map<String, Object> shorthand = new LinkedHashMap<>();
        index.forEach(
            (key, value) -> {
              if (!INDEX_OPTION_KEYS.contains(key)) {
                shorthand.put(key, value);
              }
            });
        keys = shorthand;
        options = object(index.get("options"), where + "\"options\"");
      }
      Object uniqueRaw = index.get("unique") != null ? index.get("unique") : options.get("unique");
      if (uniqueRaw != null && !(uniqueRaw instanceof Boolean)) {
        throw fail(where + "\"unique\" must be a boolean, got " + describe(uniqueRaw));
      }
      if (keys.isEmpty()) {
        throw fail(where + "has no keys");
      }
      Map<String, Integer> directions = new LinkedHashMap<>();
      for (Map.Entry<String, ?> key : keys.entrySet()) {
        String property = key.getKey();
        if (!properties.containsKey(property) && !(idInjected && "id".equals(property))) {
          throw fail(where + "key \"" + property + "\" is not a property");
        }
        Object direction =
            key.getValue() instanceof Number ? Values.normalize(key.getValue()) : null;
        if (!(direction instanceof Long sign && (sign == 1 || sign == -1))) {
          throw fail(
              where + "key \"" + property + "\" must be 1 or -1, got " + describe(key.getValue()));
        }
        directions.put(property, sign.intValue());
      }
      indexes.add(new IndexDefinition(name, directions, Boolean.TRUE.equals(uniqueRaw)));
    }
  }

  private Map<String, RelationDefinition> readRelations() {
    Map<String, ?> raw = object(json.get("relations"), "\"relations\"");
    Map<String, RelationDefinition> relations = new LinkedHashMap<>();
    for (Map.Entry<String, ?> entry : raw.entrySet()) {
      String name = entry.getKey();
      String where = "relation \"" + name + "\": ";
      Map<String, ?> relation = object(entry.getValue(), "relation \"" + name + "\"");
      Object typeRaw = relation.get("type");
      if (typeRaw == null) {
        throw fail(where + "\"type\" is required");
      }
      RelationDefinition.Type type = null;
      for (RelationDefinition.Type candidate : RelationDefinition.Type.values()) {
        if (typeRaw instanceof String text && candidate.jsonName().equalsIgnoreCase(text)) {
          type = candidate;
        }
      }
      if (type == null) {
        throw fail(
            where
                + "unknown type "
                + describe(typeRaw)
                + " (expected belongsTo, hasMany, hasOne or hasManyThrough)");
      }
      // LoopBack 4's relation metadata says target/keyFrom/keyTo where LoopBack 3 says
      // model/foreignKey/primaryKey.
      String target =
          either(
              relationString(relation, "model", where), relationString(relation, "target", where));
      if (target == null) {
        throw fail(where + "\"model\" is required");
      }
      boolean belongsTo = type == RelationDefinition.Type.BELONGS_TO;
      String keyFrom = relationString(relation, "keyFrom", where);
      String keyTo = relationString(relation, "keyTo", where);
      String foreignKey =
          either(relationString(relation, "foreignKey", where), belongsTo ? keyFrom : keyTo);
      String primaryKey =
          either(relationString(relation, "primaryKey", where), belongsTo ? keyTo : keyFrom);
      String through = relationString(relation, "through", where);
      String keyThrough = relationString(relation, "keyThrough", where);
      if (through != null && type == RelationDefinition.Type.HAS_MANY) {
        type = RelationDefinition.Type.HAS_MANY_THROUGH;
      }
      if (type == RelationDefinition.Type.HAS_MANY_THROUGH && through == null) {
        throw fail(where + "\"through\" is required for hasManyThrough");
      }
      if (type != RelationDefinition.Type.HAS_MANY_THROUGH
          && (through != null || keyThrough != null)) {
        throw fail(where + "\"through\" and \"keyThrough\" need a hasMany relation");
      }
      relations.put(
          name,
          new RelationDefinition(name, type, target, foreignKey, primaryKey, through, keyThrough));
    }
    return relations;
  }

  /** A relation key's string; LoopBack 3's generator writes "" for "the default": null. */
  private @Nullable String relationString(Map<String, ?> relation, String key, String where) {
    Object value = relation.get(key);
    if (value == null || value instanceof String) {
      return value == null || ((String) value).isEmpty() ? null : (String) value;
    }
    throw fail(where + "\"" + key + "\" must be a string, got " + describe(value));
  }

  private Map<String, ?> object(@Nullable Object value, String what) {
    if (value == null) {
      return Map.of();
    }
    if (value instanceof Map<?, ?> map) {
      return stringKeys(map);
    }
    throw fail(what + " must be an object, got " + describe(value));
  }

  private ConnectorException fail(String message) {
    return invalid("model " + model + ": " + message);
  }

  // --- helpers ---------------------------------------------------------------------------

  static PropertyDefinition withHidden(PropertyDefinition p) {
    return new PropertyDefinition(
        p.name(),
        p.type(),
        p.idPosition(),
        p.generated(),
        p.required(),
        p.defaultValue(),
        p.defaultFn(),
        p.length(),
        true,
        p.settings());
  }

  static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(key == null ? null : String.valueOf(key), value));
    return copy;
  }

  /** A deep, unmodifiable copy with numbers normalised, so definitions are values. */
  static Object frozen(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(String.valueOf(key), frozen(item)));
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(frozen(item)));
      return Collections.unmodifiableList(copy);
    }
    if (value instanceof Number) {
      return Values.normalize(value);
    }
    return value;
  }

  static String describe(@Nullable Object value) {
    // a map would print Java-style ({a=1}), which reads as neither JSON nor the user's text
    return value instanceof Map<?, ?> ? "an object" : Values.show(value);
  }

  static ConnectorException invalid(String message) {
    return new ConnectorException(ErrorCode.CONFIGURATION_INVALID, message);
  }

  static <T> T orElse(@Nullable T value, T fallback) {
    return value == null ? fallback : value;
  }

  private static @Nullable String either(@Nullable String value, @Nullable String fallback) {
    return value == null ? fallback : value;
  }
}
