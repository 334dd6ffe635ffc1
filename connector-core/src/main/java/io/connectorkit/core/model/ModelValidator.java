package io.connectorkit.core.model;

import java.util.Map;

/** Placeholder until the model branch lands. */
public final class ModelValidator {
  private ModelValidator() {}

  public enum WriteMode {
    CREATE,
    REPLACE,
    PATCH
  }

  public static Map<String, Object> validate(
      ModelDefinition model, Map<String, ?> data, WriteMode mode) {
    throw new UnsupportedOperationException("TODO");
  }

  public static void checkForceId(ModelDefinition model, Map<String, ?> data) {
    throw new UnsupportedOperationException("TODO");
  }
}
