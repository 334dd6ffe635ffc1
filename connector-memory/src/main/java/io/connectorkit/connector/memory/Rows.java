package io.connectorkit.connector.memory;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.model.Values;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Row copying and key computation; rows in the store are never mutated after being stored. */
final class Rows {
  private Rows() {}

  /** A deep copy of a row: maps, lists and byte arrays are copied, numbers normalised. */
  static Map<String, Object> copy(Map<String, Object> row) {
    Map<String, Object> copy = new LinkedHashMap<>();
    row.forEach((key, value) -> copy.put(key, copyValue(value)));
    return copy;
  }

  static Object copyValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(String.valueOf(key), copyValue(item)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(copyValue(item)));
      return copy;
    }
    if (value instanceof byte[] bytes) {
      return bytes.clone();
    }
    if (value instanceof Number number) {
      return Values.normalize(number);
    }
    return value;
  }

  /**
   * A value usable as a hash key: numbers normalised (so that {@code 1} and {@code 1L} collide) and
   * byte arrays compared by content.
   */
  static Object hashable(Object value) {
    if (value instanceof byte[] bytes) {
      return ByteBuffer.wrap(bytes.clone());
    }
    if (value instanceof Number number) {
      return Values.normalize(number);
    }
    return value;
  }

  /** The value at a dotted path through nested maps; null when a step is missing. */
  static @Nullable Object valueAt(Map<String, Object> row, String path) {
    if (path.indexOf('.') < 0) {
      return row.get(path);
    }
    Object current = row;
    for (String step : path.split("\\.", -1)) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(step);
    }
    return current;
  }

  /** Whether equality on a property of this type can use a hash lookup (no array semantics). */
  static boolean isScalar(PropertyType type) {
    return switch (type.kind()) {
      case STRING, NUMBER, BOOLEAN, DATE -> true;
      default -> false;
    };
  }

  static boolean isScalarValue(@Nullable Object value) {
    return value instanceof String
        || value instanceof Number
        || value instanceof Boolean
        || value instanceof Instant;
  }

  static List<String> idNames(ModelDefinition model) {
    // Once per query: a loop, since a stream's set-up cost showed in findById's profile.
    List<PropertyDefinition> ids = model.idProperties();
    if (ids.size() == 1) {
      return List.of(ids.get(0).name());
    }
    List<String> names = new ArrayList<>(ids.size());
    for (PropertyDefinition id : ids) {
      names.add(id.name());
    }
    return List.copyOf(names);
  }

  /**
   * The store key of a row: the id value, a list of id values for a composite id, or null when the
   * row has no (complete) id.
   */
  static @Nullable Object keyOf(ModelDefinition model, Map<String, Object> row) {
    List<PropertyDefinition> ids = model.idProperties();
    if (ids.isEmpty()) {
      return null;
    }
    if (ids.size() == 1) {
      Object value = row.get(ids.get(0).name());
      return value == null ? null : hashable(value);
    }
    List<Object> key = new ArrayList<>(ids.size());
    for (PropertyDefinition id : ids) {
      Object value = row.get(id.name());
      if (value == null) {
        return null;
      }
      key.add(hashable(value));
    }
    return List.copyOf(key);
  }

  /**
   * The store key of an id argument: a single value, or a {@code Map} of id name to value for a
   * composite id.
   *
   * @throws ConnectorException INVALID_ARGUMENT for a model without an id, a null or incomplete id
   */
  static Object keyOfId(ModelDefinition model, @Nullable Object id) {
    List<PropertyDefinition> ids = model.idProperties();
    if (ids.isEmpty()) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT, "model " + model.name() + " has no id property");
    }
    if (id == null) {
      throw nullId(model);
    }
    if (ids.size() == 1) {
      PropertyDefinition property = ids.get(0);
      Object value = id;
      if (id instanceof Map<?, ?> map && map.containsKey(property.name())) {
        value = map.get(property.name());
        if (value == null) {
          throw nullId(model); // {"id": null} is a null id too, not a missing record
        }
      }
      return hashable(coerceId(model, property, value));
    }
    if (!(id instanceof Map<?, ?> map)) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          "the id of "
              + model.name()
              + " is composite: expected an object with "
              + idNames(model)
              + ", got "
              + Values.show(id));
    }
    List<Object> key = new ArrayList<>(ids.size());
    for (PropertyDefinition property : ids) {
      Object value = map.get(property.name());
      if (value == null) {
        throw new ConnectorException(
            ErrorCode.INVALID_ARGUMENT,
            "the id of " + model.name() + " lacks its part " + property.name());
      }
      key.add(hashable(coerceId(model, property, value)));
    }
    return List.copyOf(key);
  }

  private static ConnectorException nullId(ModelDefinition model) {
    return new ConnectorException(
        ErrorCode.INVALID_ARGUMENT, "the id of " + model.name() + " is null");
  }

  /** Renders a store key for messages: {@code 5}, {@code "a"}, {@code [1, 2]}. */
  static String showKey(Object key) {
    if (key instanceof ByteBuffer buffer) {
      return "<" + buffer.remaining() + " bytes>";
    }
    if (key instanceof List<?> list) {
      return list.stream().map(Rows::showKey).toList().toString();
    }
    return Values.show(key);
  }

  private static Object coerceId(ModelDefinition model, PropertyDefinition property, Object value) {
    try {
      // Only null coerces to null, and the callers checked the value is not null.
      return requireNonNull(Values.coerce(value, property.type()), "coerced id is null");
    } catch (IllegalArgumentException e) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          "invalid id for " + model.name() + "." + property.name() + ": " + e.getMessage(),
          e);
    }
  }
}
