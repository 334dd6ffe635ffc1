package io.connectorkit.connector.memory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The changes one write makes to live tables, with an undo log, so that a failing write (a
 * duplicate in the middle of a batch, a failed file write) leaves nothing behind. Used under the
 * connector's write lock only.
 */
final class Mutation {
  private final Consumer<Table> beforeFirstChange;
  private final Deque<Runnable> undo = new ArrayDeque<>();
  private final Map<Table, Set<Object>> touched = new LinkedHashMap<>();

  /**
   * @param beforeFirstChange called once per table before its first change (to preserve the
   *     snapshots of open transactions)
   */
  Mutation(Consumer<Table> beforeFirstChange) {
    this.beforeFirstChange = beforeFirstChange;
  }

  boolean isEmpty() {
    return touched.isEmpty();
  }

  void put(Table table, Object key, Map<String, Object> row) {
    touch(table, key);
    Map<String, Object> previous = table.put(key, row);
    undo.push(() -> table.restore(key, previous));
  }

  void remove(Table table, Object key) {
    touch(table, key);
    Map<String, Object> previous = table.remove(key);
    undo.push(() -> table.restore(key, previous));
  }

  /** Records an undo action of the caller's own (e.g. an id counter it advanced). */
  void onUndo(Runnable action) {
    undo.push(action);
  }

  private void touch(Table table, Object key) {
    Set<Object> keys = touched.get(table);
    if (keys == null) {
      beforeFirstChange.accept(table);
      keys = new LinkedHashSet<>();
      touched.put(table, keys);
    }
    keys.add(key);
  }

  /** Reverts every change, newest first. */
  void undo() {
    while (!undo.isEmpty()) {
      undo.pop().run();
    }
    touched.clear();
  }

  /**
   * Stamps the changed keys and tables with the commit version.
   *
   * @param trackKeys whether transactions are open that may need the key versions; when none is,
   *     the versions of touched keys are dropped so that the map does not grow without bound
   */
  void finish(long version, boolean trackKeys) {
    touched.forEach(
        (table, keys) -> {
          table.setModifiedVersion(version);
          for (Object key : keys) {
            if (trackKeys) {
              table.setVersion(key, version);
            } else {
              table.forgetVersion(key);
            }
          }
        });
    undo.clear();
  }
}
