package io.connectorkit.connector.memory;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
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
import org.jspecify.annotations.Nullable;

/**
 * A hash index over one or more property paths: row keys by the indexed values. Rows with a null in
 * any indexed path are not indexed, so nulls never collide in a unique index (as in SQL).
 *
 * <p>A composite index also keeps row keys by each leading part of its paths (for {@code (city,
 * age)}: by {@code city}), so a where with equalities on a prefix only, such as {@code city = ? AND
 * age > ?}, reads the rows of that prefix instead of the whole table. A row is in a prefix's map
 * when the prefix's values are not null, whatever the later paths hold.
 */
final class MemoryIndex {
  private final String model;
  private final String name;
  private final List<String> paths;
  private final boolean unique;
  private final Map<List<Object>, Set<Object>> entries;

  /** Row keys by the values of paths {@code 0..k}, at index k; empty for a one-path index. */
  private final List<Map<List<Object>, Set<Object>>> prefixes;

  private MemoryIndex(
      String model,
      String name,
      List<String> paths,
      boolean unique,
      Map<List<Object>, Set<Object>> entries,
      List<Map<List<Object>, Set<Object>>> prefixes) {
    this.model = model;
    this.name = name;
    this.paths = paths;
    this.unique = unique;
    this.entries = entries;
    this.prefixes = prefixes;
  }

  private MemoryIndex(String model, String name, List<String> paths, boolean unique) {
    this(model, name, paths, unique, new HashMap<>(), emptyPrefixes(paths.size()));
  }

  private static List<Map<List<Object>, Set<Object>>> emptyPrefixes(int paths) {
    List<Map<List<Object>, Set<Object>>> prefixes = new ArrayList<>();
    for (int i = 1; i < paths; i++) {
      prefixes.add(new HashMap<>());
    }
    return prefixes;
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
              model.name(), index.name(), List.copyOf(index.keys().keySet()), index.unique()));
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
            new MemoryIndex(model.name(), property.name(), List.of(property.name()), unique));
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
    List<Map<List<Object>, Set<Object>>> prefixCopies = new ArrayList<>(prefixes.size());
    prefixes.forEach(prefix -> prefixCopies.add(copy(prefix)));
    return new MemoryIndex(model, name, paths, unique, copy(entries), prefixCopies);
  }

  private static Map<List<Object>, Set<Object>> copy(Map<List<Object>, Set<Object>> map) {
    Map<List<Object>, Set<Object>> copy = new HashMap<>(map.size() * 2);
    map.forEach((values, keys) -> copy.put(values, new LinkedHashSet<>(keys)));
    return copy;
  }

  /** The indexed values of a row; null when any of them is null (the row is not indexed). */
  @Nullable List<Object> valuesOf(Map<String, Object> row) {
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
    List<Object> prefix = new ArrayList<>(prefixes.size());
    for (int i = 0; i < prefixes.size(); i++) {
      Object value = Rows.valueAt(row, paths.get(i));
      if (value == null) {
        break;
      }
      prefix.add(Rows.hashable(value));
      prefixes.get(i).computeIfAbsent(List.copyOf(prefix), v -> new LinkedHashSet<>()).add(key);
    }
  }

  void remove(Object key, Map<String, Object> row) {
    List<Object> values = valuesOf(row);
    if (values != null) {
      removeFrom(entries, values, key);
    }
    List<Object> prefix = new ArrayList<>(prefixes.size());
    for (int i = 0; i < prefixes.size(); i++) {
      Object value = Rows.valueAt(row, paths.get(i));
      if (value == null) {
        break;
      }
      prefix.add(Rows.hashable(value));
      removeFrom(prefixes.get(i), prefix, key);
    }
  }

  private static void removeFrom(
      Map<List<Object>, Set<Object>> map, List<Object> values, Object key) {
    Set<Object> keys = map.get(values);
    if (keys != null) {
      keys.remove(key);
      if (keys.isEmpty()) {
        map.remove(values);
      }
    }
  }

  /**
   * The keys of rows whose indexed values equal {@code values} (already hashable): all of the
   * paths' values, or those of a leading part of them.
   */
  Set<Object> lookup(List<Object> values) {
    if (values.size() < paths.size()) {
      return prefixes.get(values.size() - 1).getOrDefault(values, Set.of());
    }
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
