package io.connectorkit.core;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.Options;
import io.connectorkit.core.filter.Fields;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the rows a connector returns into DAO results: the {@code LOADED} hook (C9), then the C2
 * result shape. On the find path of every query: one map per row and nothing else per row.
 * Immutable.
 */
final class ResultShaper {
  private final ModelDefinition model;
  private final ModelHooks hooks;

  ResultShaper(ModelDefinition model, ModelHooks hooks) {
    this.model = requireNonNull(model, "model is null");
    this.hooks = requireNonNull(hooks, "hooks is null");
  }

  /** A stored row as {@code LOADED} observers leave it. */
  Map<String, Object> loaded(String operation, Map<String, Object> row, Options options) {
    return hooks.onData(OperationHook.LOADED, operation, row, options);
  }

  /** {@link #loaded(String, Map, Options)} for each row, in order, into a new list. */
  List<Map<String, Object>> loaded(
      String operation, List<Map<String, Object>> rows, Options options) {
    List<Map<String, Object>> results = new ArrayList<>(rows.size());
    for (Map<String, Object> row : rows) {
      results.add(loaded(operation, row, options));
    }
    return results;
  }

  /** The rows of a query in the C2 shape, with the fields and the included relations it asks. */
  List<Map<String, Object>> present(List<Map<String, Object>> rows, Filter filter) {
    List<Map<String, Object>> presented = new ArrayList<>(rows.size());
    // Once per query, not once per row.
    Set<String> relations = Includes.names(filter.include());
    for (Map<String, Object> row : rows) {
      presented.add(present(row, filter.fields(), relations));
    }
    return presented;
  }

  /** A row in the C2 shape, with the fields selected, no relation. */
  Map<String, Object> present(Map<String, Object> row, Fields fields) {
    return present(row, fields, Set.of());
  }

  /**
   * The C2 result shape: every declared property (null when unset) that {@code fields} selects,
   * hidden ones excepted; undeclared properties of free-form models; included relations.
   */
  private Map<String, Object> present(
      Map<String, Object> row, Fields fields, Set<String> relations) {
    Map<String, Object> result = new LinkedHashMap<>();
    for (PropertyDefinition property : model.properties().values()) {
      if (!property.hidden() && fields.selects(property.name())) {
        result.put(property.name(), row.get(property.name()));
      }
    }
    for (Map.Entry<String, Object> entry : row.entrySet()) {
      String key = entry.getKey();
      if (relations.contains(key)) {
        result.put(key, entry.getValue());
      } else if (!model.strict() && !model.properties().containsKey(key) && fields.selects(key)) {
        result.put(key, entry.getValue());
      }
    }
    return result;
  }
}
