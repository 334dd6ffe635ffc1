package io.connectorkit.core;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.filter.Fields;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterEvaluator;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.Pushdown;
import java.util.List;
import java.util.Map;

/**
 * Bound queries of one model through the connector (C4.6): the connector enforces what its {@link
 * Pushdown} says, the core evaluates the residual in memory over the candidate rows. Immutable.
 */
final class ResidualQueries {
  private final ModelDefinition model;
  private final Connector connector;
  private final ModelIds ids;
  private final FallbackLog fallbacks;

  ResidualQueries(ModelDefinition model, Connector connector, ModelIds ids, FallbackLog fallbacks) {
    this.model = requireNonNull(model, "model is null");
    this.connector = requireNonNull(connector, "connector is null");
    this.ids = requireNonNull(ids, "ids is null");
    this.fallbacks = requireNonNull(fallbacks, "fallbacks is null");
  }

  /**
   * The stored rows a bound filter selects, in its order and page; all properties, no relations.
   */
  List<Map<String, Object>> find(Filter filter, Options options) {
    Pushdown pushdown = connector.pushdown(model, filter);
    Filter fetch = filter.withFields(Fields.ALL).withInclude(List.of());
    if (pushdown.isComplete()) {
      return connector.all(model, fetch.withWhere(pushdown.enforced()), options);
    }
    fallbacks.residual("find", pushdown);
    return FilterEvaluator.apply(
        fetch.withWhere(pushdown.residual()), candidates(pushdown, options), ids.names());
  }

  /** The number of records a bound filter's where matches. */
  long count(Filter query, Options options) {
    Pushdown pushdown = connector.pushdown(model, query);
    if (pushdown.residual().isAll()) {
      return connector.count(model, pushdown.enforced(), options);
    }
    fallbacks.residual("count", pushdown);
    return matches(pushdown, options).size();
  }

  /**
   * The where to hand the connector for a bulk write: itself, or the matching ids.
   *
   * @throws ConnectorException {@code INVALID_ARGUMENT} when a residual remains on a model without
   *     id
   */
  Where enforceable(Where where, String operation, Options options) {
    Pushdown pushdown = connector.pushdown(model, Filter.where(where));
    if (pushdown.residual().isAll()) {
      return where;
    }
    if (!model.hasId()) {
      // The DAO writes a residual through the matching ids (C4.6); without an id it cannot.
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          "model "
              + model.name()
              + " has no id property, and connector "
              + connector.name()
              + " does not enforce "
              + pushdown.residual()
              + ": "
              + operation
              + " cannot select its records");
    }
    fallbacks.residual(operation, pushdown);
    return ids.whereAnyOf(matches(pushdown, options));
  }

  /** The candidates that satisfy the residual, not paged. */
  private List<Map<String, Object>> matches(Pushdown pushdown, Options options) {
    return FilterEvaluator.apply(
        Filter.where(pushdown.residual()), candidates(pushdown, options), ids.names());
  }

  /** Every row the connector's part of the where selects. */
  private List<Map<String, Object>> candidates(Pushdown pushdown, Options options) {
    return connector.all(model, Filter.where(pushdown.enforced()), options);
  }
}
