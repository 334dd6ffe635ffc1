package io.connectorkit.core;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.FilterEvaluator;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.Values;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The ids of one model as the DAO handles them: id arguments coerced by the id properties' types,
 * ids read from data and rows, and the where conditions that select records by id. A composite id
 * is a map from id property name to value, in id order. Immutable.
 */
final class ModelIds {
  private final ModelDefinition model;
  private final List<PropertyDefinition> properties;
  private final List<String> names;
  private final boolean composite;

  ModelIds(ModelDefinition model) {
    this.model = requireNonNull(model, "model is null");
    // The definition is immutable: read its id properties once, not on every id operation.
    this.properties = model.idProperties();
    this.names = properties.stream().map(PropertyDefinition::name).toList();
    this.composite = properties.size() > 1;
  }

  /** The id property names in id order; empty for a model without an id. */
  List<String> names() {
    return names;
  }

  /**
   * An id argument coerced by the id property's type.
   *
   * @throws ConnectorException {@code INVALID_ARGUMENT} for a model without id, a null or empty id,
   *     a composite id that is not a map, or a value the type does not accept
   */
  Object coerce(@Nullable Object id) {
    if (properties.isEmpty()) {
      throw noId("an id-based operation");
    }
    if (id == null || "".equals(id)) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          "the id of model " + model.name() + " is required, got " + Values.show(id));
    }
    if (composite) {
      if (!(id instanceof Map<?, ?> parts)) {
        throw new ConnectorException(
            ErrorCode.INVALID_ARGUMENT,
            "model "
                + model.name()
                + " has a composite id "
                + names
                + "; pass an object of them, got "
                + Values.show(id));
      }
      Map<String, Object> coerced = new LinkedHashMap<>();
      for (PropertyDefinition property : properties) {
        coerced.put(property.name(), coercePart(property, parts.get(property.name())));
      }
      return coerced;
    }
    return coercePart(properties.get(0), id);
  }

  private Object coercePart(PropertyDefinition property, @Nullable Object value) {
    if (value == null || "".equals(value)) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          "the id property `" + property.name() + "` of model " + model.name() + " is required");
    }
    try {
      // Only null coerces to null.
      return requireNonNull(Values.coerce(value, property.type()), "coerced id is null");
    } catch (IllegalArgumentException e) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          "id of model " + model.name() + " (`" + property.name() + "`): " + e.getMessage());
    }
  }

  /**
   * The id that data gives, uncoerced; null when it lacks the id or any part of a composite one.
   */
  @Nullable Object given(Map<String, ?> data) {
    for (String name : names) {
      if (data.get(name) == null) {
        return null;
      }
    }
    return of(data);
  }

  /** The id of a stored row. */
  @Nullable Object of(Map<String, ?> row) {
    if (composite) {
      Map<String, Object> parts = new LinkedHashMap<>();
      names.forEach(name -> parts.put(name, row.get(name)));
      return parts;
    }
    return row.get(names.get(0));
  }

  /** The condition selecting the record with a coerced id. */
  Where where(@Nullable Object key) {
    if (key instanceof Map<?, ?> parts && composite) {
      List<Where> conditions = new ArrayList<>();
      names.forEach(name -> conditions.add(Where.eq(name, parts.get(name))));
      return Where.and(conditions);
    }
    return Where.eq(names.get(0), key);
  }

  /** The condition selecting exactly the records with the ids of these stored rows. */
  Where whereAnyOf(List<Map<String, Object>> rows) {
    if (rows.isEmpty()) {
      return Where.none();
    }
    if (!composite) {
      return Where.inq(names.get(0), rows.stream().map(this::of).toList());
    }
    return Where.or(rows.stream().map(row -> where(of(row))).toList());
  }

  /**
   * A copy of data without the id properties that equal {@code key}.
   *
   * @throws ConnectorException {@code INVALID_ARGUMENT} when data holds a different id
   */
  Map<String, Object> withoutSameId(Object key, Map<String, ?> data) {
    Map<String, Object> copy = new LinkedHashMap<>(data);
    for (PropertyDefinition property : properties) {
      if (!copy.containsKey(property.name())) {
        continue;
      }
      Object expected =
          key instanceof Map<?, ?> parts && composite ? parts.get(property.name()) : key;
      Object given = copy.remove(property.name());
      Object coerced;
      try {
        coerced = Values.coerce(given, property.type());
      } catch (IllegalArgumentException e) {
        coerced = given;
      }
      if (given != null
          && !FilterEvaluator.matches(
              Where.eq("v", expected), Collections.singletonMap("v", coerced))) {
        throw new ConnectorException(
            ErrorCode.INVALID_ARGUMENT,
            "cannot change the id of "
                + model.name()
                + " "
                + Values.show(expected)
                + " to "
                + Values.show(given));
      }
    }
    return copy;
  }

  /** A copy of data holding {@code key} as its id. */
  Map<String, Object> withId(Object key, Map<String, Object> data) {
    Map<String, Object> copy = new LinkedHashMap<>(data);
    if (key instanceof Map<?, ?> parts && composite) {
      names.forEach(name -> copy.put(name, parts.get(name)));
    } else {
      copy.put(names.get(0), key);
    }
    return copy;
  }

  /**
   * @throws ConnectorException {@code INVALID_ARGUMENT} when the data of a bulk write holds an id
   *     property, which the write would change on every record it matches
   */
  void refuseIdChange(String operation, Map<String, ?> data) {
    for (String name : names) {
      if (data.containsKey(name)) {
        throw new ConnectorException(
            ErrorCode.INVALID_ARGUMENT,
            operation + " of " + model.name() + " cannot change the id property `" + name + "`");
      }
    }
  }

  ConnectorException notFound(Object key) {
    return io.connectorkit.core.spi.ConnectorErrors.notFound(model, key);
  }

  ConnectorException noId(String operation) {
    return io.connectorkit.core.spi.ConnectorErrors.noId(model, operation);
  }
}
