package io.connectorkit.core;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.filter.Fields;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.ModelValidator;
import io.connectorkit.core.model.ModelValidator.WriteMode;
import io.connectorkit.core.spi.Connector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The steps around every connector write of one model: before it, validation (defaults, coercion,
 * C1.2, C2) then the {@code BEFORE_SAVE} and {@code PERSIST} hooks (C9); after it, {@code LOADED},
 * the result shape and {@code AFTER_SAVE}. Immutable.
 */
final class WritePipeline {
  private final ModelDefinition model;
  private final Connector connector;
  private final ModelHooks hooks;
  private final ModelIds ids;
  private final ResultShaper shaper;

  WritePipeline(
      ModelDefinition model,
      Connector connector,
      ModelHooks hooks,
      ModelIds ids,
      ResultShaper shaper) {
    this.model = requireNonNull(model, "model is null");
    this.connector = requireNonNull(connector, "connector is null");
    this.hooks = requireNonNull(hooks, "hooks is null");
    this.ids = requireNonNull(ids, "ids is null");
    this.shaper = requireNonNull(shaper, "shaper is null");
  }

  /**
   * The data of a create as the connector gets it.
   *
   * @throws ConnectorException {@code VALIDATION_FAILED}, also for a client id on a {@code forceId}
   *     model
   */
  Map<String, Object> prepareCreate(Map<String, ?> data, Options options) {
    ModelValidator.checkForceId(model, data);
    return prepare("create", data, WriteMode.CREATE, options);
  }

  /**
   * The data of a batch create as the connector gets it, item by item in input order. Every item is
   * prepared before the connector writes any.
   *
   * @throws ConnectorException {@code INVALID_ARGUMENT} for a null item; the error of the first
   *     item that fails, naming it by index
   */
  List<Map<String, Object>> prepareCreateAll(List<? extends Map<String, ?>> data, Options options) {
    List<Map<String, Object>> valid = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      Map<String, ?> item = data.get(i);
      if (item == null) {
        throw new ConnectorException(
            ErrorCode.INVALID_ARGUMENT, "item " + i + " of the " + model.name() + " batch is null");
      }
      try {
        valid.add(prepareCreate(item, options));
      } catch (ConnectorException e) {
        throw new ConnectorException(
            e.code(),
            "item " + i + ": " + e.getMessage(),
            Map.of(String.valueOf(i), e.details()),
            e);
      }
    }
    return valid;
  }

  /**
   * The data of an upsert that creates the record with id {@code key}.
   *
   * @throws ConnectorException {@code ENTITY_NOT_FOUND} on a {@code forceId} model, where clients
   *     do not choose ids; {@code VALIDATION_FAILED}
   */
  Map<String, Object> prepareUpsertCreate(Object key, Map<String, ?> data, Options options) {
    if (model.isForceId()) {
      throw ids.notFound(key);
    }
    return prepare("create", data, WriteMode.CREATE, options);
  }

  /**
   * The data of one record's write as the connector gets it: validated, then through BEFORE_SAVE
   * (data an observer changed is validated again) and PERSIST. Of these writes only updateById's
   * data may hold update operators.
   */
  Map<String, Object> prepare(
      String operation, Map<String, ?> data, WriteMode mode, Options options) {
    boolean updateOperators = operation.equals("updateById");
    Map<String, Object> valid = validate(data, mode, updateOperators);
    if (!hooks.has(OperationHook.BEFORE_SAVE)) {
      return persist(operation, valid, options);
    }
    Map<String, Object> changed =
        hooks.onData(OperationHook.BEFORE_SAVE, operation, valid, options);
    return persist(operation, validate(changed, mode, updateOperators), options);
  }

  /**
   * The patch of an updateAll as the connector gets it. Its BEFORE_SAVE observers see the where and
   * change the validated patch itself.
   *
   * @throws ConnectorException {@code VALIDATION_FAILED}; {@code INVALID_ARGUMENT} when the patch
   *     holds an id property
   */
  Map<String, Object> prepareUpdateAll(Where where, Map<String, ?> data, Options options) {
    Map<String, Object> patch = validate(data, WriteMode.PATCH, true);
    ids.refuseIdChange("updateAll", patch);
    HookContext before = hooks.context(OperationHook.BEFORE_SAVE, "updateAll", options);
    hooks.notify(before.where(where).data(patch));
    // Observers change the patch in place; none can set it to null.
    Map<String, Object> changed = requireNonNull(before.data(), "data is null");
    return persist("updateAll", validate(changed, WriteMode.PATCH, true), options);
  }

  /**
   * @param updateOperators whether the write is an updateAll or updateById, whose data may hold
   *     update operators when the connector allows extended operators
   */
  private Map<String, Object> validate(
      Map<String, ?> data, WriteMode mode, boolean updateOperators) {
    if (updateOperators && connector.allowsExtendedOperators()) {
      return ModelValidator.validateUpdate(model, data);
    }
    return ModelValidator.validate(model, data, mode);
  }

  private Map<String, Object> persist(String operation, Map<String, Object> data, Options options) {
    return hooks.onData(OperationHook.PERSIST, operation, data, options);
  }

  /** The result of a write from the record the connector stored, after AFTER_SAVE. */
  Map<String, Object> saved(
      String operation, Map<String, Object> stored, boolean created, Options options) {
    Map<String, Object> row = shaper.loaded(operation, stored, options);
    Map<String, Object> result = shaper.present(row, Fields.ALL);
    if (hooks.has(OperationHook.AFTER_SAVE)) {
      hooks.notify(
          hooks
              .context(OperationHook.AFTER_SAVE, operation, options)
              .instance(result)
              .newInstance(created));
    }
    return result;
  }

  /** AFTER_SAVE of an updateAll, which has no record to show, only its where. */
  void savedAll(Where where, Options options) {
    hooks.onWhere(OperationHook.AFTER_SAVE, "updateAll", where, options);
  }
}
