package io.connectorkit.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An index of a model (CONTRACT C1.2), metadata for connectors: the memory connector uses it for
 * lookups and uniqueness, SQL connectors create it on migration.
 *
 * @param name the index name (a property-level index is named after its property)
 * @param keys property name → 1 (ascending) or -1 (descending), in key order
 * @param unique whether two records may not share the key
 */
public record IndexDefinition(String name, Map<String, Integer> keys, boolean unique) {
  /**
   * Copies the keys (unmodifiable, key order kept). Key names and directions are checked when model
   * JSON is read ({@code CONFIGURATION_INVALID}), not here.
   *
   * @throws NullPointerException for a null name or keys
   * @throws IllegalArgumentException for an index without keys
   */
  public IndexDefinition {
    requireNonNull(name, "name is null");
    keys = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(keys, "keys is null")));
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("index " + name + " has no keys");
    }
  }
}
