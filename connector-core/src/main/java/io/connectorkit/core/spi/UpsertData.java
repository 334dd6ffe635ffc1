package io.connectorkit.core.spi;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The data of an upsert as the DAO hands it to a connector: the patch applied when the record
 * exists, and the record to create otherwise. {@link #forCreate()} is computed on demand because
 * the create branch has rules of its own (defaults, required properties, {@code forceId}).
 */
public final class UpsertData {
  private final Map<String, Object> patch;
  private final Supplier<Map<String, Object>> creator;

  /**
   * @param patch the validated patch, never null
   * @param creator builds the validated record for the create branch, or throws the error that
   *     branch must fail with ({@code VALIDATION_FAILED}, {@code ENTITY_NOT_FOUND})
   */
  public UpsertData(Map<String, Object> patch, Supplier<Map<String, Object>> creator) {
    this.patch = requireNonNull(patch, "patch is null");
    this.creator = requireNonNull(creator, "creator is null");
  }

  /** The properties to set when the record exists (patch semantics; no defaults). */
  public Map<String, Object> patch() {
    return patch;
  }

  /**
   * The record to create when none exists.
   *
   * @throws ConnectorException when the create branch is not allowed or the data is not valid
   */
  public Map<String, Object> forCreate() {
    return creator.get();
  }
}
