package io.connectorkit.bench;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The memory connector's DAO next to a plain {@link ConcurrentHashMap} keyed by id holding the same
 * rows. The difference is the DAO and connector overhead itself: there is no I/O on either side.
 *
 * <p>The baseline hands out copies of its rows, as the memory connector does: a store that returned
 * its own mutable rows would let a caller corrupt it. It scans for the query, as the connector does
 * for a model without an index.
 */
final class MemoryPair implements AutoCloseable {
  private static final Comparator<Map<String, Object>> BY_N_THEN_ID =
      Comparator.comparingLong((Map<String, Object> row) -> (Long) row.get("n"))
          .thenComparingLong(row -> (Long) row.get("id"));

  private final DataSource db;
  private final Dao dao;
  private final Map<Long, Map<String, Object>> rows = new ConcurrentHashMap<>();

  MemoryPair() {
    db = DataSources.create("bench-memory", Map.of("connector", "memory"));
    db.define(
        Items.modelJson(
            Items.MODEL, "{\"type\": \"number\", \"id\": true, \"generated\": true}", false));
    dao = db.dao(Items.MODEL);
    for (Map<String, Object> row : dao.createAll(Items.all())) {
      rows.put((Long) row.get("id"), new LinkedHashMap<>(row));
    }
  }

  Optional<Map<String, Object>> daoFindById(long id) {
    return dao.findById(id);
  }

  Optional<Map<String, Object>> rawFindById(long id) {
    Map<String, Object> row = rows.get(id);
    return row == null ? Optional.empty() : Optional.of(new LinkedHashMap<>(row));
  }

  List<Map<String, Object>> daoFind() {
    return dao.find(Items.QUERY);
  }

  List<Map<String, Object>> rawFind() {
    return rows.values().stream()
        .filter(
            row ->
                Items.CATEGORY.equals(row.get("category"))
                    && (Long) requireNonNull(row.get("n"), "n is null") >= Items.MIN_N)
        .sorted(BY_N_THEN_ID)
        .limit(Items.LIMIT)
        .<Map<String, Object>>map(LinkedHashMap::new)
        .toList();
  }

  @Override
  public void close() {
    db.close();
  }
}
