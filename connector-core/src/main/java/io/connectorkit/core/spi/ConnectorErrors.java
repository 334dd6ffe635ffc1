package io.connectorkit.core.spi;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.Values;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The errors every connector raises for the same situations, with one wording and one {@code
 * details} shape per code, so that applications and the TCK can rely on them (docs/contract.md C5).
 * For connector authors: raise these rather than building the exceptions yourself.
 */
public final class ConnectorErrors {
  private ConnectorErrors() {}

  /**
   * {@link ErrorCode#ENTITY_NOT_FOUND} for an id no record has: {@code Unknown "Model" id 7.},
   * details {@code model} and {@code id} (the id as text).
   *
   * @param id the id as the caller gave it; may be null or a map for a composite id
   * @throws NullPointerException for a null model
   */
  public static ConnectorException notFound(ModelDefinition model, @Nullable Object id) {
    requireNonNull(model, "model is null");
    return new ConnectorException(
        ErrorCode.ENTITY_NOT_FOUND,
        "Unknown \"" + model.name() + "\" id " + Values.show(id) + ".",
        Map.of("model", model.name(), "id", String.valueOf(id)));
  }

  /**
   * {@link ErrorCode#INVALID_ARGUMENT} of an upsertWithWhere whose where matches several records,
   * details {@code model} and {@code where} (as text).
   *
   * @throws NullPointerException for a null argument
   */
  public static ConnectorException multipleInstances(ModelDefinition model, Where where) {
    requireNonNull(model, "model is null");
    requireNonNull(where, "where is null");
    return new ConnectorException(
        ErrorCode.INVALID_ARGUMENT,
        "There are multiple instances found. Upsert Operation will not be performed! (model "
            + model.name()
            + ", where "
            + where
            + ")",
        Map.of("model", model.name(), "where", String.valueOf(where)));
  }

  /**
   * {@link ErrorCode#INVALID_ARGUMENT} for an operation by id on a model without an id property:
   * {@code model X has no id property (operation)}, details {@code model} and {@code operation}.
   *
   * @throws NullPointerException for a null argument
   */
  public static ConnectorException noId(ModelDefinition model, String operation) {
    requireNonNull(model, "model is null");
    requireNonNull(operation, "operation is null");
    return new ConnectorException(
        ErrorCode.INVALID_ARGUMENT,
        "model " + model.name() + " has no id property (" + operation + ")",
        Map.of("model", model.name(), "operation", operation));
  }

  /**
   * {@link ErrorCode#INVALID_ARGUMENT} for a null id, or a composite id that is not an object:
   * details {@code model} and {@code id} (as text).
   *
   * @throws NullPointerException for a null model
   */
  public static ConnectorException invalidId(ModelDefinition model, @Nullable Object id) {
    requireNonNull(model, "model is null");
    return new ConnectorException(
        ErrorCode.INVALID_ARGUMENT,
        "the id of model "
            + model.name()
            + " is required"
            + (model.idProperties().size() > 1 ? " as an object of its id properties" : "")
            + ", got "
            + Values.show(id),
        Map.of("model", model.name(), "id", String.valueOf(id)));
  }
}
