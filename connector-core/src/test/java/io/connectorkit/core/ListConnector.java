package io.connectorkit.core;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterEvaluator;
import io.connectorkit.core.filter.Operator;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ConnectorFactory;
import io.connectorkit.core.spi.Pushdown;
import io.connectorkit.core.spi.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The smallest connector the DAO must still give the whole contract to: rows in a list, no optional
 * feature, and pushdown of nothing but conditions on the id. Counts backend calls so tests can see
 * what the DAO sent.
 */
public final class ListConnector extends Connector {
  private final Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
  private final Map<String, Long> lastIds = new LinkedHashMap<>();
  public final AtomicInteger allCalls = new AtomicInteger();
  public final List<Where> updateWheres = new ArrayList<>();
  public final List<Map<String, Object>> updateData = new ArrayList<>();

  public ListConnector(Settings settings) {
    super("list", settings);
  }

  /** Registers this connector under the name {@code list}. */
  public static final class Factory implements ConnectorFactory {
    @Override
    public String name() {
      return "list";
    }

    @Override
    public Connector initialize(Settings settings) {
      settings.integer("size", 0);
      return new ListConnector(settings);
    }
  }

  @Override
  public Set<Feature> features() {
    return Set.of(Feature.CRUD, Feature.NUMERIC_IDS);
  }

  /** The datasource setting {@code allowExtendedOperators}, for the DAO's tests of the opt-in. */
  @Override
  public boolean allowsExtendedOperators() {
    return settings().bool("allowExtendedOperators", false);
  }

  @Override
  public Pushdown pushdown(ModelDefinition model, Filter filter) {
    List<Where> conjuncts =
        filter.where() instanceof Where.And and ? and.conditions() : List.of(filter.where());
    List<Where> enforced = new ArrayList<>();
    List<Where> residual = new ArrayList<>();
    for (Where conjunct : conjuncts) {
      (isIdCondition(model, conjunct) ? enforced : residual).add(conjunct);
    }
    return new Pushdown(Where.and(enforced), Where.and(residual), false);
  }

  private static boolean isIdCondition(ModelDefinition model, Where where) {
    return where instanceof Where.Comparison comparison
        && comparison.path().equals(model.idName())
        && (comparison.operator() == Operator.EQ || comparison.operator() == Operator.INQ);
  }

  private synchronized List<Map<String, Object>> table(ModelDefinition model) {
    return tables.computeIfAbsent(model.name(), name -> new ArrayList<>());
  }

  @Override
  public synchronized Map<String, Object> create(
      ModelDefinition model, Map<String, Object> data, Options options) {
    Map<String, Object> row = new LinkedHashMap<>(data);
    String idName = model.idName();
    if (idName != null) {
      Object id = row.get(idName);
      if (id == null) {
        id = lastIds.merge(model.name(), 1L, Long::sum);
        row.put(idName, id);
      } else {
        Object given = id;
        if (table(model).stream().anyMatch(r -> given.equals(r.get(idName)))) {
          throw new ConnectorException(ErrorCode.DUPLICATE_KEY, "duplicate id " + id);
        }
        if (id instanceof Long number) {
          lastIds.merge(model.name(), number, Math::max);
        }
      }
    }
    table(model).add(row);
    return new LinkedHashMap<>(row);
  }

  @Override
  public synchronized List<Map<String, Object>> all(
      ModelDefinition model, Filter filter, Options options) {
    allCalls.incrementAndGet();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> row : table(model)) {
      if (FilterEvaluator.matches(filter.where(), row)) {
        rows.add(new LinkedHashMap<>(row));
      }
    }
    return rows;
  }

  @Override
  public synchronized long count(ModelDefinition model, Where where, Options options) {
    return all(model, Filter.where(where), options).size();
  }

  @Override
  public synchronized long update(
      ModelDefinition model, Where where, Map<String, Object> data, Options options) {
    updateWheres.add(where);
    updateData.add(data);
    long count = 0;
    for (Map<String, Object> row : table(model)) {
      if (FilterEvaluator.matches(where, row)) {
        row.putAll(data);
        count++;
      }
    }
    return count;
  }

  @Override
  public synchronized long destroyAll(ModelDefinition model, Where where, Options options) {
    List<Map<String, Object>> rows = table(model);
    int before = rows.size();
    rows.removeIf(row -> FilterEvaluator.matches(where, row));
    return before - rows.size();
  }

  @Override
  public synchronized Map<String, Object> updateAttributes(
      ModelDefinition model, Object id, Map<String, Object> data, Options options) {
    updateData.add(data);
    Map<String, Object> row = byId(model, id);
    row.putAll(data);
    return new LinkedHashMap<>(row);
  }

  @Override
  public synchronized Map<String, Object> replaceById(
      ModelDefinition model, Object id, Map<String, Object> data, Options options) {
    Map<String, Object> row = byId(model, id);
    row.clear();
    row.putAll(data);
    row.put(model.idName(), id);
    return new LinkedHashMap<>(row);
  }

  private Map<String, Object> byId(ModelDefinition model, Object id) {
    return table(model).stream()
        .filter(row -> id.equals(row.get(model.idName())))
        .findFirst()
        .orElseThrow(
            () ->
                new ConnectorException(
                    ErrorCode.ENTITY_NOT_FOUND, "Unknown \"" + model.name() + "\" id " + id));
  }
}
