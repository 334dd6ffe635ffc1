package io.connectorkit.tck;

import io.connectorkit.core.Dao;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Helpers shared by the filter sections (C4.1–C4.4) and the data value section (C2): rows with
 * nulls, filters from JSON written with single quotes, and a fixture that names rows by number.
 */
final class FilterFixtures {
  private FilterFixtures() {}

  /** A mutable row that may hold nulls: {@code row("name", "a", "age", null)}. */
  static Map<String, @Nullable Object> row(@Nullable Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must come in pairs");
    }
    Map<String, @Nullable Object> row = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      row.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return row;
  }

  /**
   * JSON written with single quotes for readability: {@code json("{'age': {'gt': 20}}")}. Only for
   * text that holds no apostrophe of its own.
   */
  static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  /** A filter parsed from JSON with single quotes, as a client sends it. */
  static Filter filter(String singleQuotedJson) {
    return FilterParser.parse(json(singleQuotedJson));
  }

  /** A filter with only a where, parsed from JSON with single quotes. */
  static Filter where(String singleQuotedJson) {
    return FilterParser.parse("{\"where\": " + json(singleQuotedJson) + "}");
  }

  /** The values of one property, in result order. */
  static List<Object> column(List<Map<String, Object>> rows, String property) {
    List<Object> values = new ArrayList<>(rows.size());
    for (Map<String, Object> row : rows) {
      values.add(row.get(property));
    }
    return values;
  }

  /**
   * Rows created through a DAO and named by their position, 1-based, so that assertions read {@code
   * containsExactly(1, 3)} whatever ids the connector generates.
   */
  static final class Numbered {
    final Dao dao;
    final List<Object> ids = new ArrayList<>();

    Numbered(Dao dao) {
      this.dao = dao;
    }

    /** Creates a row and returns its number. */
    int add(Map<String, Object> data) {
      ids.add(dao.create(data).get("id"));
      return ids.size();
    }

    /** The numbers of every row created. */
    SortedSet<Integer> all() {
      SortedSet<Integer> all = new TreeSet<>();
      for (int i = 1; i <= ids.size(); i++) {
        all.add(i);
      }
      return all;
    }

    /** The numbers of the rows a filter returns, in result order. */
    List<Integer> numbers(Filter filter) {
      List<Integer> numbers = new ArrayList<>();
      for (Map<String, Object> row : dao.find(filter)) {
        numbers.add(numberOf(row.get("id")));
      }
      return numbers;
    }

    /** The numbers of the rows a where (JSON with single quotes) matches, ascending. */
    SortedSet<Integer> matching(String singleQuotedWhere) {
      return new TreeSet<>(numbers(where(singleQuotedWhere)));
    }

    int numberOf(@Nullable Object id) {
      for (int i = 0; i < ids.size(); i++) {
        if (Objects.equals(ids.get(i), id)) {
          return i + 1;
        }
      }
      throw new AssertionError("a result row has an id that was never created: " + id);
    }
  }
}
