package io.connectorkit.core.model;

/** Value coercion by declared type (CONTRACT C2), shared by write validation and filter binding. */
public final class Values {
  private Values() {}

  /**
   * Converts a JSON-like value to the Java representation of {@code type} (see {@link
   * PropertyType}) when the conversion is exact; null stays null.
   *
   * @throws IllegalArgumentException when it is not, with a message naming the value and the type
   *     (callers turn it into VALIDATION_FAILED or INVALID_FILTER with the model and property)
   */
  public static Object coerce(Object value, PropertyType type) {
    throw new UnsupportedOperationException("TODO");
  }
}
