package io.connectorkit.core.filter;

import java.util.List;

/**
 * Reads filter JSON (CONTRACT C4) into an unbound {@link Filter}: the syntax checks (known keys,
 * known operators, array shapes, limit/skip/order forms, depth). Property names and values are
 * checked against a model by {@link FilterBinder}. Every error is {@code INVALID_FILTER} with the
 * path of the bad part, e.g. {@code where.age.gtt: unknown operator "gtt"}.
 */
public final class FilterParser {
  private FilterParser() {}

  /**
   * @param json JSON text, or JSON already parsed into {@code Map}/{@code List} values, or a
   *     Jackson {@code JsonNode}; null for {@link Filter#ALL}
   */
  public static Filter parse(Object json) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Reads a where object alone (errors use the path prefix {@code where}). */
  public static Where parseWhere(Object json) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Reads the string form of an order: {@code "name"}, {@code "name DESC, age ASC"}. */
  public static List<Order> parseOrder(String spec) {
    throw new UnsupportedOperationException("TODO");
  }
}
