package io.connectorkit.connector.memory;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.filter.Operator;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The rows of one model, keyed by id, with hash indexes. Not thread-safe: the connector's lock
 * guards it. Stored rows are never mutated, so a snapshot is a shallow copy.
 */
final class Table {
  private ModelDefinition model;
  private List<MemoryIndex> indexes;
  private final LinkedHashMap<Object, Map<String, Object>> rows;

  // Only the live table uses the fields below; snapshots never generate ids or track versions.
  /** The greatest numeric id ever present (the LoopBack file's "ids" entry minus one). */
  private final AtomicLong maxId;

  /** Row keys of models without an id. */
  private final AtomicLong surrogates;

  /** The commit version that last changed a key; recorded only while transactions are open. */
  private final Map<Object, Long> versions;

  private long modifiedVersion;

  Table(ModelDefinition model) {
    this(model, MemoryIndex.of(model), new LinkedHashMap<>(), new AtomicLong(), new AtomicLong());
  }

  // A LinkedHashMap, not a Map: insertion order is the table's natural order (Java 17 has no
  // SequencedMap to say so with an interface).
  @SuppressWarnings("NonApiType")
  private Table(
      ModelDefinition model,
      List<MemoryIndex> indexes,
      LinkedHashMap<Object, Map<String, Object>> rows,
      AtomicLong maxId,
      AtomicLong surrogates) {
    this.model = model;
    this.indexes = indexes;
    this.rows = rows;
    this.maxId = maxId;
    this.surrogates = surrogates;
    this.versions = new HashMap<>();
  }

  ModelDefinition model() {
    return model;
  }

  String name() {
    return model.name();
  }

  /**
   * Replaces the definition and rebuilds the indexes.
   *
   * @throws io.connectorkit.core.common.ConnectorException DUPLICATE_KEY when stored rows break a
   *     new unique index
   */
  void redefine(ModelDefinition newModel) {
    List<MemoryIndex> rebuilt = MemoryIndex.of(newModel);
    for (MemoryIndex index : rebuilt) {
      for (Map.Entry<Object, Map<String, Object>> entry : rows.entrySet()) {
        if (index.unique() && conflict(index, entry.getKey(), entry.getValue()) != null) {
          throw index.duplicate(entry.getValue());
        }
        index.add(entry.getKey(), entry.getValue());
      }
    }
    this.model = newModel;
    this.indexes = rebuilt;
  }

  /** A point-in-time copy for snapshot isolation. */
  Table snapshot() {
    List<MemoryIndex> copies = indexes.stream().map(MemoryIndex::copy).toList();
    return new Table(model, copies, new LinkedHashMap<>(rows), maxId, surrogates);
  }

  List<MemoryIndex> indexes() {
    return indexes;
  }

  @Nullable Map<String, Object> get(Object key) {
    return rows.get(key);
  }

  boolean contains(Object key) {
    return rows.containsKey(key);
  }

  Set<Map.Entry<Object, Map<String, Object>>> entries() {
    return rows.entrySet();
  }

  int size() {
    return rows.size();
  }

  /** Whether the equalities give every part of a hashable id: a lookup by key serves them. */
  private static boolean coversScalarIds(
      List<PropertyDefinition> ids, Map<String, Object> equalities) {
    if (ids.isEmpty()) {
      return false;
    }
    for (PropertyDefinition id : ids) {
      if (!Rows.isScalar(id.type()) || !equalities.containsKey(id.name())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Rows that may match {@code where}: found through the id or an index when the where has a
   * top-level equality on them, else every row. Callers still evaluate the where.
   */
  List<Entry> candidates(Where where) {
    Map<String, Object> equalities = new HashMap<>();
    collectEqualities(where, equalities);
    if (!equalities.isEmpty()) {
      List<PropertyDefinition> ids = model.idProperties();
      if (coversScalarIds(ids, equalities)) {
        Object key =
            ids.size() == 1
                ? equality(equalities, ids.get(0).name())
                : ids.stream().map(p -> equality(equalities, p.name())).toList();
        Map<String, Object> row = rows.get(key);
        return row == null ? List.of() : List.of(new Entry(key, row));
      }
      // The index whose leading paths the equalities cover most: all of them, or a prefix (the
      // rest of the where, a range on the next path say, is evaluated on the prefix's rows).
      MemoryIndex best = null;
      int bestLength = 0;
      for (MemoryIndex index : indexes) {
        int length = usablePrefix(index, equalities);
        if (length > bestLength) {
          best = index;
          bestLength = length;
        }
      }
      if (best != null) {
        List<Object> values = new ArrayList<>(bestLength);
        for (String path : best.paths().subList(0, bestLength)) {
          values.add(equality(equalities, path));
        }
        Set<Object> keys = best.lookup(values);
        List<Entry> found = new ArrayList<>(keys.size());
        for (Object key : keys) {
          found.add(new Entry(key, requireNonNull(rows.get(key), "indexed row is missing")));
        }
        return found;
      }
    }
    List<Entry> all = new ArrayList<>(rows.size());
    rows.forEach((key, row) -> all.add(new Entry(key, row)));
    return all;
  }

  /** The hashable value of the equality on {@code path}, which the caller checked is there. */
  private static Object equality(Map<String, Object> equalities, String path) {
    return Rows.hashable(requireNonNull(equalities.get(path), "equality is null"));
  }

  /** How many leading paths of the index the equalities give a scalar value to. */
  private int usablePrefix(MemoryIndex index, Map<String, Object> equalities) {
    int length = 0;
    for (String path : index.paths()) {
      PropertyDefinition property = model.properties().get(path);
      if (!equalities.containsKey(path) || property == null || !Rows.isScalar(property.type())) {
        break;
      }
      length++;
    }
    return length;
  }

  private static void collectEqualities(Where where, Map<String, Object> equalities) {
    if (where instanceof Where.Comparison comparison) {
      if (comparison.operator() == Operator.EQ
          && !comparison.isNested()
          && Rows.isScalarValue(comparison.value())) {
        equalities.putIfAbsent(comparison.path(), comparison.value());
      }
    } else if (where instanceof Where.And and) {
      and.conditions().forEach(condition -> collectEqualities(condition, equalities));
    }
  }

  /** The key of another row that {@code row} would collide with in a unique index, or null. */
  @Nullable MemoryIndex violatedIndex(Object key, Map<String, Object> row) {
    for (MemoryIndex index : indexes) {
      if (index.unique() && conflict(index, key, row) != null) {
        return index;
      }
    }
    return null;
  }

  private static @Nullable Object conflict(MemoryIndex index, Object key, Map<String, Object> row) {
    List<Object> values = index.valuesOf(row);
    if (values == null) {
      return null;
    }
    for (Object other : index.lookup(values)) {
      if (!other.equals(key)) {
        return other;
      }
    }
    return null;
  }

  /**
   * Stores a row without checks (callers check duplicates and unique indexes first).
   *
   * @return the row it replaced, or null
   */
  @Nullable Map<String, Object> put(Object key, Map<String, Object> row) {
    Map<String, Object> previous = rows.put(key, row);
    if (previous != null) {
      indexes.forEach(index -> index.remove(key, previous));
    }
    indexes.forEach(index -> index.add(key, row));
    return previous;
  }

  /**
   * Deletes a row.
   *
   * @return the deleted row, or null
   */
  @Nullable Map<String, Object> remove(Object key) {
    Map<String, Object> previous = rows.remove(key);
    if (previous != null) {
      indexes.forEach(index -> index.remove(key, previous));
    }
    return previous;
  }

  /** Puts back what {@link #put} or {@link #remove} returned; for undo. */
  void restore(Object key, @Nullable Map<String, Object> previous) {
    if (previous == null) {
      remove(key);
    } else {
      put(key, previous);
    }
  }

  long maxId() {
    return maxId.get();
  }

  void setMaxId(long value) {
    maxId.set(value);
  }

  /** The next generated numeric id: one more than the greatest ever present. */
  long nextId() {
    return maxId.incrementAndGet();
  }

  /** Records an id that was stored, so later generated ids are greater. */
  void observeId(Object key) {
    if (key instanceof Long id) {
      maxId.accumulateAndGet(id, Math::max);
    }
  }

  Object nextSurrogate() {
    return new Surrogate(surrogates.incrementAndGet());
  }

  long version(Object key) {
    return versions.getOrDefault(key, 0L);
  }

  void setVersion(Object key, long version) {
    versions.put(key, version);
  }

  void forgetVersion(Object key) {
    versions.remove(key);
  }

  long modifiedVersion() {
    return modifiedVersion;
  }

  void setModifiedVersion(long version) {
    this.modifiedVersion = version;
  }

  /** A stored row and its key. */
  record Entry(Object key, Map<String, Object> row) {}

  /** The key of a row of a model without an id. */
  record Surrogate(long number) {
    @Override
    public String toString() {
      return Long.toString(number);
    }
  }
}
