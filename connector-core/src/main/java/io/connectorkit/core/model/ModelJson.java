package io.connectorkit.core.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes model JSON (C1.2).
 *
 * <p>Decisions where the contract is silent:
 *
 * <ul>
 *   <li>A property object must have a {@code type}; an id property is no exception.
 *   <li>{@code "id"} is {@code true}, {@code false} or an integer ≥ 1; two id properties may not
 *       share a position ({@code true} is position 1), so a composite id is ordered unambiguously.
 *   <li>{@code defaultFn: "now"} needs a {@code date} property; {@code uuid}, {@code uuidv4} and
 *       {@code guid} need a {@code string} or {@code any} property; {@code default} and {@code
 *       defaultFn} together are refused.
 *   <li>{@code length} is an integer ≥ 0 on any type (discovered schemas put it on buffers too);
 *       validation enforces it on strings only.
 *   <li>{@code strict}, {@code idInjection}, {@code strictDelete}, {@code forceId} are booleans
 *       only (LoopBack's {@code "filter"}, {@code "throw"}, {@code "auto"} are refused); a JSON
 *       {@code null} is the same as absent.
 *   <li>Index keys are {@code 1} or {@code -1}. A key names a declared property, or {@code id} when
 *       the id is injected (no id declared and {@code idInjection} on).
 *   <li>Relation type names are case-insensitive; relation keys other than {@code type}, {@code
 *       model}, {@code foreignKey}, {@code primaryKey}, {@code through}, {@code keyThrough} are
 *       ignored.
 * </ul>
 *
 * <p>Round trip: {@link PropertyDefinition#settings()} keeps the property's raw JSON; {@link
 * #write} starts from it and replaces a structured key only when the raw value no longer means what
 * the definition says, so {@code read(write(read(json)))} equals {@code read(json)}.
 */
final class ModelJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final Set<String> MODEL_KEYS =
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
  private static final Set<String> DEFAULT_FNS = Set.of("now", "uuid", "uuidv4", "guid");
  private static final Set<String> INDEX_OPTION_KEYS = Set.of("unique", "options");
  private static final Object INVALID = new Object();

  private ModelJson() {}

  static ModelDefinition read(String json) {
    requireNonNull(json, "json is null");
    Object parsed;
    try {
      parsed = MAPPER.readValue(json, new TypeReference<Object>() {});
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      String where =
          location == null
              ? ""
              : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "model JSON: malformed JSON" + where + ": " + e.getOriginalMessage(),
          e);
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw invalid("model JSON: expected an object, got " + describe(parsed));
    }
    return read(stringKeys(map));
  }

  static ModelDefinition read(Map<String, ?> json) {
    requireNonNull(json, "json is null");
    ModelDefinition model = new Reader(withOptionsLifted(json)).read();
    LoopBackRules.rules(model); // a bad "validations" entry fails here, not on the first write
    LoopBackRules.warnUnimplemented(model);
    return model;
  }

  /**
   * LoopBack 3 lets model settings stand under {@code "options"} (its discovery writes the {@code
   * mysql}/{@code postgresql} mappings there): they are read as top-level settings (C1.2); a key
   * set at both levels keeps its top-level value.
   */
  private static Map<String, ?> withOptionsLifted(Map<String, ?> json) {
    // LoopBack 4's model definition (ModelDefinitionSyntax) keeps them under "settings".
    String block = json.containsKey("options") ? "options" : "settings";
    Object options = json.get(block);
    if (options == null) {
      return json;
    }
    if (!(options instanceof Map<?, ?> map)) {
      String model = json.get("name") instanceof String name ? name : "JSON";
      throw invalid("model " + model + ": \"options\" must be an object, got " + describe(options));
    }
    Map<String, Object> lifted = new LinkedHashMap<>(stringKeys(map));
    json.forEach(
        (key, value) -> {
          if (!key.equals(block)) {
            lifted.put(key, value);
          }
        });
    return lifted;
  }

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

  // --- writing -------------------------------------------------------------------------------

  private static void copyUnstructured(
      Map<String, Object> settings, Map<String, Object> json, String... only) {
    Set<String> wanted = only.length == 0 ? null : Set.of(only);
    settings.forEach(
        (key, value) -> {
          if (!MODEL_KEYS.contains(key)
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
    Reader reader = new Reader(Map.of("name", model.name()));
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
        () -> orElse(reader.flag(name, "generated", raw.get("generated")), false),
        property.generated());
    overlay(
        json,
        "required",
        property.required(),
        () -> orElse(reader.flag(name, "required", raw.get("required")), false),
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
    Object rawHidden = parsed(() -> orElse(reader.flag(name, "hidden", raw.get("hidden")), false));
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

  private static void putIfNotNull(Map<String, Object> json, String key, Object value) {
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

  private static Object mutableCopy(Object value) {
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
  private static Object parsed(Supplier<?> parse) {
    try {
      return parse.get();
    } catch (ConnectorException e) {
      return INVALID;
    }
  }

  private static <T> T orElse(@Nullable T value, T fallback) {
    return value == null ? fallback : value;
  }

  private static @Nullable String either(@Nullable String value, @Nullable String fallback) {
    return value == null ? fallback : value;
  }

  // --- reading -------------------------------------------------------------------------------

  private static final class Reader {
    private final Map<String, ?> json;
    private String model = "JSON";

    Reader(Map<String, ?> json) {
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
        throw fail(
            "property \"" + name + "\": expected a type or an object, got " + describe(value));
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
        throw fail(
            "property \"" + name + "\": \"enum\" must be an array, got " + describe(allowed));
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> settings = (Map<String, Object>) frozen(raw);
      return new PropertyDefinition(
          name,
          type,
          idPosition,
          generated,
          required,
          frozen(defaultValue),
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
            "property \""
                + property
                + "\": \"defaultFn\" \""
                + fn
                + "\" does not fit type "
                + type);
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
        Object uniqueRaw =
            index.get("unique") != null ? index.get("unique") : options.get("unique");
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
          if (!(Long.valueOf(1).equals(direction) || Long.valueOf(-1).equals(direction))) {
            throw fail(
                where
                    + "key \""
                    + property
                    + "\" must be 1 or -1, got "
                    + describe(key.getValue()));
          }
          directions.put(property, Long.valueOf(1).equals(direction) ? 1 : -1);
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
                relationString(relation, "model", where),
                relationString(relation, "target", where));
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
            new RelationDefinition(
                name, type, target, foreignKey, primaryKey, through, keyThrough));
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
  }

  // --- helpers -------------------------------------------------------------------------------

  private static PropertyDefinition withHidden(PropertyDefinition p) {
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

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(key == null ? null : String.valueOf(key), value));
    return copy;
  }

  /** A deep, unmodifiable copy with numbers normalised, so definitions are values. */
  private static Object frozen(@Nullable Object value) {
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

  private static String describe(@Nullable Object value) {
    // a map would print Java-style ({a=1}), which reads as neither JSON nor the user's text
    return value instanceof Map<?, ?> ? "an object" : Values.show(value);
  }

  private static ConnectorException invalid(String message) {
    return new ConnectorException(ErrorCode.CONFIGURATION_INVALID, message);
  }
}
