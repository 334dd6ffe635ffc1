package io.connectorkit.connector.memory;

import io.connectorkit.core.ConnectorException;
import io.connectorkit.core.ErrorCode;
import io.connectorkit.core.model.IndexDefinition;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A hash index over one or more property paths: row keys by the indexed values. Rows with a null in
 * any indexed path are not indexed, so nulls never collide in a unique index (as in SQL).
 */
final class MemoryIndex {
  private final String model;
  private final String name;
  private final List<String> paths;
  private final boolean unique;
  private final Map<List<Object>, Set<Object>> entries;

  private MemoryIndex(
      String model,
      String name,
      List<String> paths,
      boolean unique,
      Map<List<Object>, Set<Object>> entries) {
    this.model = model;
    this.name = name;
    this.paths = paths;
    this.unique = unique;
    this.entries = entries;
  }

  /**
   * The indexes of a model: its {@link ModelDefinition#indexes()}, plus property-level {@code
   * "index"} settings that the model reader did not already turn into one.
   */
  static List<MemoryIndex> of(ModelDefinition model) {
    Map<String, MemoryIndex> byName = new LinkedHashMap<>();
    for (IndexDefinition index : model.indexes()) {
      byName.put(
          index.name(),
          new MemoryIndex(
              model.name(),
              index.name(),
              List.copyOf(index.keys().keySet()),
              index.unique(),
              new HashMap<>()));
    }
    for (PropertyDefinition property : model.properties().values()) {
      Object setting = property.settings().get("index");
      boolean indexed = Boolean.TRUE.equals(setting) || setting instanceof Map<?, ?>;
      boolean unique =
          Boolean.TRUE.equals(property.settings().get("unique"))
              || (setting instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("unique")));
      if ((indexed || unique) && !byName.containsKey(property.name())) {
        byName.put(
            property.name(),
            new MemoryIndex(
                model.name(), property.name(), List.of(property.name()), unique, new HashMap<>()));
      }
    }
    return List.copyOf(byName.values());
  }

  String name() {
    return name;
  }

  List<String> paths() {
    return paths;
  }

  boolean unique() {
    return unique;
  }

  MemoryIndex copy() {
    Map<List<Object>, Set<Object>> copy = new HashMap<>(entries.size() * 2);
    entries.forEach((values, keys) -> copy.put(values, new LinkedHashSet<>(keys)));
    return new MemoryIndex(model, name, paths, unique, copy);
  }

  /** The indexed values of a row; null when any of them is null (the row is not indexed). */
  List<Object> valuesOf(Map<String, Object> row) {
    List<Object> values = new ArrayList<>(paths.size());
    for (String path : paths) {
      Object value = Rows.valueAt(row, path);
      if (value == null) {
        return null;
      }
      values.add(Rows.hashable(value));
    }
    return values;
  }

  void add(Object key, Map<String, Object> row) {
    List<Object> values = valuesOf(row);
    if (values != null) {
      entries.computeIfAbsent(values, v -> new LinkedHashSet<>()).add(key);
    }
  }

  void remove(Object key, Map<String, Object> row) {
    List<Object> values = valuesOf(row);
    if (values != null) {
      Set<Object> keys = entries.get(values);
      if (keys != null) {
        keys.remove(key);
        if (keys.isEmpty()) {
          entries.remove(values);
        }
      }
    }
  }

  /** The keys of rows whose indexed values equal {@code values} (already hashable). */
  Set<Object> lookup(List<Object> values) {
    return entries.getOrDefault(values, Set.of());
  }

  /** The DUPLICATE_KEY error for a row that collides in this unique index. */
  ConnectorException duplicate(Map<String, Object> row) {
    StringBuilder shown = new StringBuilder();
    for (String path : paths) {
      if (shown.length() > 0) {
        shown.append(", ");
      }
      shown.append(path).append(" = ").append(Values.show(Rows.valueAt(row, path)));
    }
    return new ConnectorException(
        ErrorCode.DUPLICATE_KEY,
        "duplicate value for unique index \"" + name + "\" of " + model + ": " + shown,
        Map.of("model", model, "index", name, "properties", paths));
  }
}
