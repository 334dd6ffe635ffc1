package io.connectorkit.core;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.UpsertResult;
import io.connectorkit.core.filter.Fields;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.ModelValidator.WriteMode;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.Pushdown;
import io.connectorkit.core.spi.UpsertData;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The connector writes of the operations C3 makes atomic when the connector declares the feature
 * (upsert, replaceOrCreate, upsertWithWhere, findOrCreate): the connector's atomic operation when
 * it declares the feature and enforces all of the where (and of a filter, the order), otherwise a
 * read-then-write shim, which {@link FallbackLog} reports once. Data arrives prepared; results are
 * the connector's rows, not yet shaped. Immutable.
 */
final class Upserts {
  private final ModelDefinition model;
  private final Connector connector;
  private final ModelIds ids;
  private final ResidualQueries residuals;
  private final FallbackLog fallbacks;

  Upserts(
      ModelDefinition model,
      Connector connector,
      ModelIds ids,
      ResidualQueries residuals,
      FallbackLog fallbacks) {
    this.model = requireNonNull(model, "model is null");
    this.connector = requireNonNull(connector, "connector is null");
    this.ids = requireNonNull(ids, "ids is null");
    this.residuals = requireNonNull(residuals, "residuals is null");
    this.fallbacks = requireNonNull(fallbacks, "fallbacks is null");
  }

  /**
   * Writes the record with id {@code key}: patched or replaced by {@code existingMode}, or created.
   */
  UpsertResult byId(
      String operation, Object key, UpsertData data, WriteMode existingMode, Options options) {
    if (connector.supports(Feature.ATOMIC_UPSERT)) {
      return existingMode == WriteMode.PATCH
          ? connector.updateOrCreate(model, key, data, options)
          : connector.replaceOrCreate(model, key, data, options);
    }
    fallbacks.notAtomic(operation);
    boolean exists = connector.count(model, ids.where(key), options) > 0;
    if (exists) {
      Map<String, Object> stored =
          existingMode == WriteMode.PATCH
              ? connector.updateAttributes(model, key, data.patch(), options)
              : connector.replaceById(model, key, data.patch(), options);
      return new UpsertResult(stored, false);
    }
    return created(data.forCreate(), options);
  }

  /**
   * Patches the one record a bound where matches, or creates one.
   *
   * @throws io.connectorkit.core.common.ConnectorException {@code INVALID_ARGUMENT} when it matches
   *     several
   */
  UpsertResult withWhere(Where where, UpsertData data, Options options) {
    Pushdown pushdown = connector.pushdown(model, Filter.where(where));
    if (connector.supports(Feature.ATOMIC_UPSERT) && pushdown.residual().isAll()) {
      return connector.upsertWithWhere(model, where, data, options);
    }
    fallbacks.notAtomic("upsertWithWhere");
    // Two are enough to tell one match from several.
    List<Map<String, Object>> matches =
        residuals.find(new Filter(where, Fields.ALL, List.of(), 2, 0, List.of()), options);
    if (matches.size() > 1) {
      throw io.connectorkit.core.spi.ConnectorErrors.multipleInstances(model, where);
    }
    if (matches.isEmpty()) {
      return created(data.forCreate(), options);
    }
    return new UpsertResult(
        connector.updateAttributes(
            model, requireNonNull(ids.of(matches.get(0)), "id is null"), data.patch(), options),
        false);
  }

  /** The first record a bound query selects, or the one {@code creator} prepares, created. */
  UpsertResult findOrCreate(Filter query, Supplier<Map<String, Object>> creator, Options options) {
    Pushdown pushdown = connector.pushdown(model, query);
    if (connector.supports(Feature.ATOMIC_FIND_OR_CREATE) && pushdown.isComplete()) {
      return connector.findOrCreate(model, query.withPage(1, 0), creator, options);
    }
    fallbacks.notAtomic("findOrCreate");
    List<Map<String, Object>> found = residuals.find(query.withPage(1, 0), options);
    return found.isEmpty()
        ? created(creator.get(), options)
        : new UpsertResult(found.get(0), false);
  }

  private UpsertResult created(Map<String, Object> data, Options options) {
    return new UpsertResult(connector.create(model, data, options), true);
  }
}
