package io.connectorkit.bench;

import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Order;
import io.connectorkit.core.filter.Where;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data every benchmark pair works on, the same on every backend: {@value #ROWS} items read by
 * the find benchmarks, and a second model that the create benchmarks write to so that the read data
 * never changes under a measurement.
 *
 * <p>Values are in the core's canonical Java types (Long for integral numbers, Double otherwise),
 * so a raw baseline that stores them as given reads back what the DAO does.
 */
final class Items {
  static final String MODEL = "BenchItem";
  static final String WRITE_MODEL = "BenchWrite";
  static final String[] COLUMNS = {"name", "category", "n", "price", "active"};

  /** Items 1..ROWS; on SQL and memory item i gets id i. */
  static final int ROWS = 2000;

  static final int CATEGORIES = 10;
  static final int BATCH = 100;

  /** The find benchmarks' query: category c3 and n >= 500, by n, 100 rows (of 150 that match). */
  static final String CATEGORY = "c3";

  static final long MIN_N = 500;
  static final int LIMIT = 100;
  static final Filter QUERY =
      Filter.builder()
          .where(Where.and(Where.eq("category", CATEGORY), Where.gte("n", MIN_N)))
          .order(Order.asc("n"))
          .limit(LIMIT)
          .build();

  /** The n of the first and last row the query returns. */
  static final long FIRST_N = 503;

  static final long LAST_N = FIRST_N + (LIMIT - 1) * CATEGORIES;

  private Items() {}

  /**
   * The model JSON of {@code name}.
   *
   * @param idJson the id property's definition (a generated number, or a generated ObjectId string
   *     on MongoDB)
   * @param indexCategory whether {@code category} is indexed: yes on the database backends, as an
   *     application would (mongo-java-server ignores secondary indexes, on both sides alike); no on
   *     memory, whose baseline is a plain map scan
   */
  static String modelJson(String name, String idJson, boolean indexCategory) {
    return """
        {"name": "%s", "strict": true, "properties": {
          "id": %s,
          "name": {"type": "string", "required": true},
          "category": {"type": "string", "length": 16, "index": %s},
          "n": "number",
          "price": "number",
          "active": "boolean"}}
        """
        .formatted(name, idJson, indexCategory);
  }

  /** Item {@code i} without its id. */
  static Map<String, Object> item(long i) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("name", "item-" + i);
    item.put("category", "c" + (i % CATEGORIES));
    item.put("n", i);
    item.put("price", i + 0.25);
    item.put("active", i % 3 == 0);
    return item;
  }

  /** Items 1..ROWS. */
  static List<Map<String, Object>> all() {
    List<Map<String, Object>> items = new ArrayList<>(ROWS);
    for (long i = 1; i <= ROWS; i++) {
      items.add(item(i));
    }
    return items;
  }

  /** {@link #BATCH} items for a batch create. */
  static List<Map<String, Object>> batch() {
    List<Map<String, Object>> items = new ArrayList<>(BATCH);
    for (long i = 1; i <= BATCH; i++) {
      items.add(item(i));
    }
    return items;
  }

  /** A row (a map with the id) without its id, to compare rows written with different ids. */
  static Map<String, Object> withoutId(Map<String, Object> row) {
    Map<String, Object> copy = new LinkedHashMap<>(row);
    copy.remove("id");
    return copy;
  }
}
