package io.connectorkit.connector.rest;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Operator;
import io.connectorkit.core.filter.Order;
import io.connectorkit.core.filter.Where;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a bound {@link Filter} or {@link Where} back as LoopBack filter JSON (CONTRACT C4), the
 * form a LoopBack-style server reads from {@code ?filter=} and {@code ?where=}: equality as {@code
 * {"p": v}}, operators as {@code {"p": {"op": v}}}, dates as ISO strings, buffers as base64,
 * regular expressions as {@code "/pat/flags"}.
 */
final class FilterJson {
  private FilterJson() {}

  /** The filter's where, order, limit and skip (the DAO applies fields and include itself). */
  static Map<String, Object> filter(Filter filter) {
    requireNonNull(filter, "filter is null");
    Map<String, Object> json = new LinkedHashMap<>();
    if (!filter.where().isAll()) {
      json.put("where", where(filter.where()));
    }
    if (!filter.order().isEmpty()) {
      json.put("order", filter.order().stream().map(Order::toString).toList());
    }
    if (filter.limit() > 0) {
      json.put("limit", filter.limit());
    }
    if (filter.skip() > 0) {
      json.put("skip", filter.skip());
    }
    return json;
  }

  /** A where object. */
  static Map<String, Object> where(Where where) {
    requireNonNull(where, "where is null");
    if (where instanceof Where.And and) {
      return and(and);
    }
    if (where instanceof Where.Or or) {
      return Map.of("or", list(or.conditions()));
    }
    return comparison((Where.Comparison) where);
  }

  private static Map<String, Object> and(Where.And and) {
    // One object with a key per property reads like what users write; it is only possible when no
    // two comparisons share a property path (a JSON object cannot repeat a key).
    Map<String, Object> merged = new LinkedHashMap<>();
    for (Where condition : and.conditions()) {
      if (!(condition instanceof Where.Comparison comparison)
          || merged.containsKey(comparison.path())
          || comparison.path().equals("and")
          || comparison.path().equals("or")) {
        return Map.of("and", list(and.conditions()));
      }
      merged.putAll(comparison(comparison));
    }
    return merged.isEmpty() ? Map.of("and", List.of()) : merged;
  }

  private static List<Object> list(List<Where> conditions) {
    List<Object> json = new ArrayList<>(conditions.size());
    conditions.forEach(condition -> json.add(where(condition)));
    return json;
  }

  private static Map<String, Object> comparison(Where.Comparison comparison) {
    Object operand = comparison.value();
    Object value = operand == null ? null : Json.toJsonValue(operand);
    Map<String, Object> json = new LinkedHashMap<>();
    // Plain equality is LoopBack's own form; an object or array operand would read as an operator
    // object or a list, so those keep the explicit "eq".
    if (comparison.operator() == Operator.EQ && !(value instanceof Map || value instanceof List)) {
      json.put(comparison.path(), value);
    } else {
      Map<String, Object> operator = new LinkedHashMap<>();
      operator.put(comparison.operator().jsonName(), value);
      json.put(comparison.path(), operator);
    }
    return json;
  }
}
