package io.connectorkit.connector.mongodb;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.model.Values;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bson.BsonBinary;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * How one model maps to a collection: the collection name ({@code mongodb.collection}), field names
 * ({@code mongodb.fieldName}; a single id is {@code _id}), and value conversion between the core's
 * Java representation ({@link PropertyType}) and BSON.
 */
final class MongoModel {
  static final String ID_FIELD = "_id";
  private static final Pattern OBJECT_ID_HEX = Pattern.compile("[0-9a-f]{24}");

  private final ModelDefinition model;
  private final String collection;
  private final Map<String, String> fieldByProperty = new HashMap<>();
  private final Map<String, String> propertyByField = new HashMap<>();
  private final List<String> idFields = new ArrayList<>();

  MongoModel(ModelDefinition model) {
    this.model = requireNonNull(model, "model is null");
    Object name = model.connectorSettings("mongodb").get("collection");
    this.collection = name == null ? model.name() : name.toString();
    List<PropertyDefinition> ids = model.idProperties();
    for (PropertyDefinition property : model.properties().values()) {
      String field;
      if (ids.size() == 1 && property.isId()) {
        field = ID_FIELD;
      } else {
        Object fieldName = property.connectorSettings("mongodb").get("fieldName");
        field = fieldName == null ? property.name() : fieldName.toString();
      }
      fieldByProperty.put(property.name(), field);
      propertyByField.put(field, property.name());
    }
    for (PropertyDefinition id : ids) {
      idFields.add(fieldByProperty.get(id.name()));
    }
  }

  ModelDefinition definition() {
    return model;
  }

  String collection() {
    return collection;
  }

  /** The id fields in id order; {@code _id} for a single id; empty for a model without an id. */
  List<String> idFields() {
    return idFields;
  }

  /** The field of a declared property, or the name itself for a free-form one. */
  String field(String property) {
    return fieldByProperty.getOrDefault(property, property);
  }

  /** The field path of a dotted property path: only the first segment is renamed. */
  String fieldPath(String path) {
    int dot = path.indexOf('.');
    return dot < 0 ? field(path) : field(path.substring(0, dot)) + path.substring(dot);
  }

  /** The declared property of that name, or null for a free-form one. */
  @Nullable PropertyDefinition property(String name) {
    return model.properties().get(name);
  }

  /** The single id property, or null for none or a composite id. */
  @Nullable PropertyDefinition singleId() {
    List<PropertyDefinition> ids = model.idProperties();
    return ids.size() == 1 ? ids.get(0) : null;
  }

  /**
   * Whether a property's strings are stored as ObjectIds when they look like one: declared {@code
   * "mongodb": {"dataType": "ObjectId"}}, or a generated string id (LoopBack's default id).
   * Otherwise a hex-looking string stays a string ({@code strictObjectIDCoercion}).
   */
  // Identity on purpose: is this the model's own single id property (not an equal one elsewhere)?
  @SuppressWarnings("ReferenceEquality")
  boolean isObjectId(@Nullable PropertyDefinition property) {
    if (property == null || property.type().kind() != PropertyType.Kind.STRING) {
      return false;
    }
    if ("objectid".equalsIgnoreCase(dataType(property))) {
      return true;
    }
    return property.isId() && property.generated() && singleId() == property;
  }

  boolean isDecimal128(@Nullable PropertyDefinition property) {
    return property != null
        && property.type().kind() == PropertyType.Kind.NUMBER
        && "decimal128".equalsIgnoreCase(dataType(property));
  }

  private static String dataType(PropertyDefinition property) {
    Object dataType = property.connectorSettings("mongodb").get("dataType");
    return dataType == null ? "" : dataType.toString();
  }

  static boolean looksLikeObjectId(@Nullable Object value) {
    return value instanceof String text && OBJECT_ID_HEX.matcher(text).matches();
  }

  // ---------------------------------------------------------------- to BSON

  /**
   * A record (property name → Java value) as a document (field name → BSON value). A top-level null
   * is left out: null and missing read back the same (C2), and an absent field is not indexed by a
   * sparse unique index, so several records without a value do not collide.
   */
  Document toDocument(Map<String, Object> row) {
    Document document = new Document();
    for (Map.Entry<String, Object> entry : row.entrySet()) {
      if (entry.getValue() == null) {
        continue;
      }
      PropertyDefinition property = property(entry.getKey());
      document.put(field(entry.getKey()), toBson(property, entry.getValue()));
    }
    return document;
  }

  /** One value of a property (null for a free-form one) in its stored BSON form; null for null. */
  @Nullable Object toBson(@Nullable PropertyDefinition property, @Nullable Object value) {
    if (value == null) {
      return null;
    }
    if (isObjectId(property) && looksLikeObjectId(value)) {
      return new ObjectId((String) value);
    }
    if (isDecimal128(property) && value instanceof Number number) {
      return new Decimal128(new BigDecimal(number.toString()));
    }
    return toBson(value);
  }

  /**
   * A Java value of the core's representation in BSON: dates, buffers, documents, lists; null for
   * null.
   */
  // BSON's date type is java.util.Date in the driver's API: nothing else is stored as a date.
  @SuppressWarnings("JavaUtilDate")
  static @Nullable Object toBson(@Nullable Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Long
        || value instanceof Double) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof Number number) {
      Object normalized = Values.normalize(number);
      return normalized instanceof Number ? normalized : number.doubleValue();
    }
    if (value instanceof Instant instant) {
      return new Date(instant.toEpochMilli());
    }
    if (value instanceof byte[] bytes) {
      return new Binary(bytes);
    }
    if (value instanceof Map<?, ?> map) {
      Document document = new Document();
      map.forEach((key, item) -> document.put(String.valueOf(key), toBson(item)));
      return document;
    }
    if (value instanceof List<?> list) {
      List<Object> items = new ArrayList<>(list.size());
      list.forEach(item -> items.add(toBson(item)));
      return items;
    }
    return value;
  }

  // ---------------------------------------------------------------- from BSON

  /**
   * A stored document as a record: every declared property (null when absent), and on a {@code
   * strict: false} model every other field too.
   */
  Map<String, Object> toRow(Document document) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (PropertyDefinition property : model.properties().values()) {
      row.put(property.name(), fromBson(property, document.get(field(property.name()))));
    }
    if (!model.strict()) {
      for (Map.Entry<String, Object> entry : document.entrySet()) {
        if (!propertyByField.containsKey(entry.getKey()) && !entry.getKey().equals(ID_FIELD)) {
          row.put(entry.getKey(), fromBson(entry.getValue()));
        }
      }
    }
    return row;
  }

  /** A stored value of a property in the core's Java representation; null for null or missing. */
  @Nullable Object fromBson(@Nullable PropertyDefinition property, @Nullable Object value) {
    Object converted = fromBson(value);
    if (converted == null || property == null) {
      return converted;
    }
    // Documents written by other applications may hold another type than declared; keep the
    // value when it does not convert rather than failing the whole read.
    try {
      return Values.coerce(converted, property.type());
    } catch (IllegalArgumentException e) {
      return converted;
    }
  }

  /**
   * A BSON value in the core's Java representation (Long/Double, Instant, byte[], Map, List); null
   * for null.
   */
  static @Nullable Object fromBson(@Nullable Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof ObjectId id) {
      return id.toHexString();
    }
    if (value instanceof Date date) {
      return date.toInstant();
    }
    if (value instanceof Binary binary) {
      return binary.getData();
    }
    if (value instanceof Decimal128 decimal) {
      return decimal.isNaN() || decimal.isInfinite()
          ? decimal.doubleValue()
          : Values.normalize(decimal.bigDecimalValue());
    }
    if (value instanceof Number number) {
      return Values.normalize(number);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(String.valueOf(key), fromBson(item)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(fromBson(item)));
      return copy;
    }
    if (value instanceof BsonBinary binary) {
      return binary.getData();
    }
    if (value instanceof BsonValue bson) {
      return bson.toString();
    }
    return value.toString();
  }
}
