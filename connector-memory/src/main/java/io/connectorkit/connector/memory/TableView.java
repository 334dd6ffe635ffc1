package io.connectorkit.connector.memory;

import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one operation sees of a table: the committed rows, or a transaction's snapshot with its own
 * writes on top. Rows handed out and taken in are owned by the store: callers copy them.
 */
interface TableView {
  ModelDefinition model();

  /** The row with this key, or null. */
  @Nullable Map<String, Object> get(Object key);

  /** A superset of the rows matching {@code where}. */
  List<Table.Entry> candidates(Where where);

  /**
   * Inserts or replaces a row.
   *
   * @throws io.connectorkit.core.common.ConnectorException DUPLICATE_KEY naming the unique index
   */
  void put(Object key, Map<String, Object> row);

  void remove(Object key);

  /** A new numeric id, greater than every id present. */
  long nextId();

  /** Records a numeric id that is being stored. */
  void observeId(Object key);

  /** A key for a row of a model without an id. */
  Object nextSurrogate();
}
