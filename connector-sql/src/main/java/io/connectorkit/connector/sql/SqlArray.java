package io.connectorkit.connector.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Values bound as one SQL array parameter ({@code java.sql.Array}), such as PostgreSQL's {@code
 * column = ANY(?)} for an {@code inq} of any length (a dialect's {@code inArray}). Each element is
 * bound as a single parameter of its kind would be: dates as UTC text with milliseconds.
 *
 * @param elementType the database's element type name, as {@link java.sql.Connection#createArrayOf}
 *     takes it, e.g. {@code "int8"}
 * @param elements the values, none null
 */
public record SqlArray(String elementType, List<Object> elements) {
  /**
   * Copies the elements.
   *
   * @throws NullPointerException for a null type, list or element
   */
  public SqlArray {
    requireNonNull(elementType, "elementType is null");
    elements = List.copyOf(requireNonNull(elements, "elements is null"));
  }

  /** The type and the number of elements, never the values (they may be long or personal). */
  @Override
  public String toString() {
    return "SqlArray[" + elementType + ", " + elements.size() + " values]";
  }
}
