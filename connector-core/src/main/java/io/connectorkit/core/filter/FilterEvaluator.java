package io.connectorkit.core.filter;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The reference semantics of CONTRACT C4, in memory: the memory connector's query engine and the
 * core's residual evaluation (C4.6). Rows hold values in the Java representation of {@link
 * io.connectorkit.core.model.PropertyType}.
 */
public final class FilterEvaluator {
  private FilterEvaluator() {}

  /** Whether a row satisfies a bound where. */
  public static boolean matches(Where where, Map<String, Object> row) {
    throw new UnsupportedOperationException("TODO");
  }

  /** The C4.2 order: the given keys, then the id properties ascending. */
  public static Comparator<Map<String, Object>> comparator(
      List<Order> order, List<String> idNames) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Where, order (with id tie-break), skip and limit applied to rows; fields are not applied. */
  public static List<Map<String, Object>> apply(
      Filter filter, Collection<Map<String, Object>> rows, List<String> idNames) {
    throw new UnsupportedOperationException("TODO");
  }

  /** The value at a dotted path; null when any step is missing. */
  public static Object valueAt(Map<String, Object> row, String path) {
    throw new UnsupportedOperationException("TODO");
  }
}
