package io.connectorkit.core.filter;

import static java.util.Objects.requireNonNull;

/**
 * One sort key (CONTRACT C4.2): nulls first ascending, last descending; ties broken by id.
 *
 * @param path a property name or a dotted path into an object property
 * @param descending whether the order is descending
 */
public record Order(String path, boolean descending) {
  /**
   * The path is checked against the model when the filter is bound ({@link FilterBinder}: {@code
   * INVALID_FILTER}).
   *
   * @throws NullPointerException for a null path
   */
  public Order {
    requireNonNull(path, "path is null");
  }

  /** Ascending on a path; null throws NullPointerException. */
  public static Order asc(String path) {
    return new Order(path, false);
  }

  /** Descending on a path; null throws NullPointerException. */
  public static Order desc(String path) {
    return new Order(path, true);
  }

  /** The string form {@link FilterParser#parseOrder} reads, e.g. {@code "name DESC"}. */
  @Override
  public String toString() {
    return path + (descending ? " DESC" : " ASC");
  }
}
