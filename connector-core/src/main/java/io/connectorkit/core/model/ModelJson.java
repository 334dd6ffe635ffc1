package io.connectorkit.core.model;

import java.util.Map;

/** Reads and writes model JSON (C1.2). */
final class ModelJson {
  private ModelJson() {}

  static ModelDefinition read(String json) {
    throw new UnsupportedOperationException("TODO");
  }

  static ModelDefinition read(Map<String, ?> json) {
    throw new UnsupportedOperationException("TODO");
  }

  static Map<String, Object> write(ModelDefinition model) {
    throw new UnsupportedOperationException("TODO");
  }
}
