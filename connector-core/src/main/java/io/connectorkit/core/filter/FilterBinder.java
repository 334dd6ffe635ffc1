package io.connectorkit.core.filter;

import io.connectorkit.core.model.ModelDefinition;

/**
 * Checks a filter against a model and coerces its values by property type (CONTRACT C2, C4):
 * unknown properties on strict models, {@code like} on a non-string property, values that do not
 * coerce exactly. Errors are {@code INVALID_FILTER} naming the model, the path and the value.
 */
public final class FilterBinder {
  private FilterBinder() {}

  public static Filter bind(Filter filter, ModelDefinition model) {
    throw new UnsupportedOperationException("TODO");
  }

  public static Where bind(Where where, ModelDefinition model) {
    throw new UnsupportedOperationException("TODO");
  }
}
