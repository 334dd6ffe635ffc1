package io.connectorkit.connector.memory;

import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A table as a transaction sees it: its base (committed or snapshot) with its buffered writes on
 * top. Used while holding the transaction and the connector's read lock. Every buffer change
 * records an undo action, so one failing operation leaves the transaction as it was before it.
 */
final class TxView implements TableView {
  private static final Object ABSENT = new Object();

  private final Table live;
  private final Table base;
  private final MemoryTransaction.Buffer buffer;
  private final Deque<Runnable> undo;

  TxView(MemoryTransaction transaction, Table live, Deque<Runnable> undo) {
    this.live = live;
    this.base = transaction.base(live);
    this.buffer = transaction.buffer(live.name());
    this.undo = undo;
    transaction.markRead(live.name());
  }

  @Override
  public ModelDefinition model() {
    return live.model();
  }

  @SuppressWarnings("unchecked")
  @Override
  public @Nullable Map<String, Object> get(Object key) {
    Object written = buffer.writes.get(key);
    if (written != null) {
      return written == MemoryTransaction.TOMBSTONE ? null : (Map<String, Object>) written;
    }
    return base.get(key);
  }

  @SuppressWarnings("unchecked")
  @Override
  public List<Table.Entry> candidates(Where where) {
    List<Table.Entry> found = new ArrayList<>();
    for (Table.Entry entry : base.candidates(where)) {
      if (!buffer.writes.containsKey(entry.key())) {
        found.add(entry);
      }
    }
    buffer.writes.forEach(
        (key, row) -> {
          if (row != MemoryTransaction.TOMBSTONE) {
            found.add(new Table.Entry(key, (Map<String, Object>) row));
          }
        });
    return found;
  }

  @SuppressWarnings("unchecked")
  @Override
  public void put(Object key, Map<String, Object> row) {
    for (MemoryIndex index : base.indexes()) {
      if (!index.unique()) {
        continue;
      }
      List<Object> values = index.valuesOf(row);
      if (values == null) {
        continue;
      }
      for (Object other : index.lookup(values)) {
        if (!other.equals(key) && !buffer.writes.containsKey(other)) {
          throw index.duplicate(row);
        }
      }
      for (Map.Entry<Object, Object> written : buffer.writes.entrySet()) {
        if (written.getValue() != MemoryTransaction.TOMBSTONE
            && !written.getKey().equals(key)
            && values.equals(index.valuesOf((Map<String, Object>) written.getValue()))) {
          throw index.duplicate(row);
        }
      }
    }
    if (get(key) == null && buffer.created.add(key)) {
      undo.push(() -> buffer.created.remove(key));
    }
    write(key, row);
  }

  @Override
  public void remove(Object key) {
    if (get(key) != null) {
      write(key, MemoryTransaction.TOMBSTONE);
    }
  }

  private void write(Object key, Object value) {
    if (!buffer.baselines.containsKey(key)) {
      buffer.baselines.put(key, live.version(key));
      undo.push(() -> buffer.baselines.remove(key));
    }
    Object previous = buffer.writes.containsKey(key) ? buffer.writes.get(key) : ABSENT;
    buffer.writes.put(key, value);
    undo.push(
        () -> {
          if (previous == ABSENT) {
            buffer.writes.remove(key);
          } else {
            buffer.writes.put(key, previous);
          }
        });
  }

  // Ids come from the live table, like a SQL sequence: concurrent transactions never collide on
  // a generated id, and a rolled-back transaction leaves a gap.
  @Override
  public long nextId() {
    return live.nextId();
  }

  @Override
  public void observeId(Object key) {
    live.observeId(key);
  }

  @Override
  public Object nextSurrogate() {
    return live.nextSurrogate();
  }
}
