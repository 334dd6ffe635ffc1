package io.connectorkit.core.filter;

import static java.util.Objects.requireNonNull;

/**
 * One sort key (CONTRACT C4.2): nulls first ascending, last descending; ties broken by id.
 *
 * @param path a property name or a dotted path into an object property
 * @param descending whether the order is descending
 */
public record Order(String path, boolean descending) {
  public Order {
    requireNonNull(path, "path is null");
  }

  public static Order asc(String path) {
    return new Order(path, false);
  }

  public static Order desc(String path) {
    return new Order(path, true);
  }

  @Override
  public String toString() {
    return path + (descending ? " DESC" : " ASC");
  }
}
