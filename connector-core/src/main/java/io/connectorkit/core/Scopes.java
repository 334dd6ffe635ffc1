package io.connectorkit.core;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterParser;
import io.connectorkit.core.filter.Include;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * LoopBack's model {@code scope} (the default scope) and {@code scopes} (named ones) of a model:
 * filters merged into the caller's as LoopBack merges them. The scope's where is and-ed with the
 * caller's; the caller's order, limit, skip and fields win where given, else the scope's apply; the
 * scope's includes come first. Immutable.
 */
final class Scopes {
  private final String model;
  private final @Nullable Filter defaultScope;
  private final Map<String, Filter> named;

  private Scopes(String model, @Nullable Filter defaultScope, Map<String, Filter> named) {
    this.model = model;
    this.defaultScope = defaultScope;
    this.named = named;
  }

  /**
   * The scopes of a model's settings.
   *
   * @throws ConnectorException {@code CONFIGURATION_INVALID} naming the model and scope when one is
   *     not a filter
   */
  static Scopes of(ModelDefinition model) {
    requireNonNull(model, "model is null");
    Object scope = model.settings().get("scope");
    Filter defaultScope = scope == null ? null : parse(model.name(), "scope", scope);
    Map<String, Filter> named = new LinkedHashMap<>();
    Object scopes = model.settings().get("scopes");
    if (scopes instanceof Map<?, ?> map) {
      map.forEach(
          (name, filter) ->
              named.put(
                  String.valueOf(name),
                  parse(model.name(), "scopes." + name, filter == null ? Map.of() : filter)));
    } else if (scopes != null) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "model " + model.name() + ": \"scopes\" must be an object of named filters");
    }
    return new Scopes(model.name(), defaultScope, Collections.unmodifiableMap(named));
  }

  private static Filter parse(String model, String key, Object filter) {
    try {
      return FilterParser.parse(filter);
    } catch (ConnectorException e) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "model " + model + ": \"" + key + "\" is not a valid filter: " + e.getMessage(),
          e);
    }
  }

  /** The filter with the default scope applied; the filter itself when there is none. */
  Filter apply(Filter filter) {
    return defaultScope == null ? filter : merge(defaultScope, filter);
  }

  /** The where with the default scope's where and-ed in. */
  Where apply(@Nullable Where where) {
    if (defaultScope == null || defaultScope.where().isAll()) {
      return where == null ? Where.all() : where;
    }
    return where == null || where.isAll()
        ? defaultScope.where()
        : Where.and(defaultScope.where(), where);
  }

  /**
   * The filter with the named scope applied (the default scope is applied later, by the query).
   *
   * @throws ConnectorException {@code INVALID_ARGUMENT} naming the model's scopes for an unknown
   *     name
   */
  Filter named(String name, @Nullable Filter filter) {
    Filter scope = named.get(requireNonNull(name, "name is null"));
    if (scope == null) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          "model " + model + " has no scope \"" + name + "\"; it has " + named.keySet(),
          Map.of("model", model, "scope", name));
    }
    return merge(scope, filter == null ? Filter.ALL : filter);
  }

  private static Filter merge(Filter scope, Filter filter) {
    Where where =
        scope.where().isAll()
            ? filter.where()
            : filter.where().isAll() ? scope.where() : Where.and(scope.where(), filter.where());
    List<Include> include = new ArrayList<>(scope.include());
    include.addAll(filter.include());
    return new Filter(
        where,
        filter.fields().isAll() ? scope.fields() : filter.fields(),
        filter.order().isEmpty() ? scope.order() : filter.order(),
        filter.limit() == 0 ? scope.limit() : filter.limit(),
        filter.skip() == 0 ? scope.skip() : filter.skip(),
        include);
  }
}
