package io.connectorkit.core.common;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * The outcome of an upsert or findOrCreate.
 *
 * @param instance the stored record, never null
 * @param created whether the call created it
 */
public record UpsertResult(Map<String, Object> instance, boolean created) {
  /**
   * Checks the instance.
   *
   * @throws NullPointerException if {@code instance} is null
   */
  public UpsertResult {
    requireNonNull(instance, "instance is null");
  }
}
