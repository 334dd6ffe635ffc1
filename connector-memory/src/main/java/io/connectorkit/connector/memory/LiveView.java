package io.connectorkit.connector.memory;

import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The committed table itself. Reads need the connector's read lock; writes (mutation non-null) its
 * write lock.
 */
final class LiveView implements TableView {
  private final Table table;
  private final @Nullable Mutation mutation;

  /**
   * @param mutation null for a read-only view
   */
  LiveView(Table table, @Nullable Mutation mutation) {
    this.table = table;
    this.mutation = mutation;
  }

  @Override
  public ModelDefinition model() {
    return table.model();
  }

  @Override
  public @Nullable Map<String, Object> get(Object key) {
    return table.get(key);
  }

  @Override
  public List<Table.Entry> candidates(Where where) {
    return table.candidates(where);
  }

  @Override
  public void put(Object key, Map<String, Object> row) {
    MemoryIndex violated = table.violatedIndex(key, row);
    if (violated != null) {
      throw violated.duplicate(row);
    }
    writable().put(table, key, row);
  }

  @Override
  public void remove(Object key) {
    if (table.contains(key)) {
      writable().remove(table, key);
    }
  }

  @Override
  public long nextId() {
    Mutation m = writable();
    long before = table.maxId();
    m.onUndo(() -> table.setMaxId(before));
    return table.nextId();
  }

  @Override
  public void observeId(Object key) {
    Mutation m = writable();
    long before = table.maxId();
    m.onUndo(() -> table.setMaxId(before));
    table.observeId(key);
  }

  @Override
  public Object nextSurrogate() {
    return table.nextSurrogate();
  }

  private Mutation writable() {
    if (mutation == null) {
      throw new IllegalStateException("read-only view of " + table.name());
    }
    return mutation;
  }
}
