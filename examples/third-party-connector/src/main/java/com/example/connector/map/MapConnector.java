package com.example.connector.map;

import io.connectorkit.core.spi.ConnectorErrors;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.spi.Pushdown;
import io.connectorkit.core.spi.Settings;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterEvaluator;
import io.connectorkit.core.filter.Operator;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.IndexDefinition;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.Values;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A small but complete connector: every model's rows live in a {@link LinkedHashMap} keyed by id.
 *
 * <p>What it shows a connector author:
 *
 * <ul>
 *   <li>It declares only {@link Feature#NUMERIC_IDS} and {@link Feature#STRING_IDS}. Every other
 *       optional operation keeps the {@link Connector} default, which fails with {@code
 *       UNSUPPORTED_OPERATION} and the standard message; the DAO emulates upserts and
 *       findOrCreate on top of the CRUD methods.
 *   <li>{@link #pushdown} enforces only equality ({@code eq}, {@code inq}) on the id, which it
 *       answers with hash lookups. The core evaluates the rest of the filter language in memory
 *       (CONTRACT C4.6), including the order, skip and limit.
 *   <li>It stores and returns deep copies, so a caller can never change a stored row by mutating a
 *       result, and it enforces ids and unique indexes with {@code DUPLICATE_KEY}.
 * </ul>
 *
 * <p>Concurrency: every operation runs under the connector's monitor.
 */
final class MapConnector extends Connector {
  static final String NAME = "map";

  private static final Set<Feature> FEATURES =
      Collections.unmodifiableSet(EnumSet.of(Feature.CRUD, Feature.NUMERIC_IDS, Feature.STRING_IDS));

  /** Rows by model name, then by key (see {@link #keyOf}). Guarded by {@code this}. */
  private final Map<String, Table> tables = new HashMap<>();

  MapConnector(Settings settings) {
    super(NAME, settings);
  }

  @Override
  public Set<Feature> features() {
    return FEATURES;
  }

  /** The rows of one model and its id counters. */
  private static final class Table {
    LinkedHashMap<Object, Map<String, Object>> rows = new LinkedHashMap<>();

    /** The greatest numeric id ever stored: generated ids are greater. */
    long maxId;

    /** Keys for the rows of a model without an id. */
    long surrogates;
  }

  /** The key of a row of a model without an id property. */
  private record Surrogate(long number) {}

  // ---------------------------------------------------------------- models

  @Override
  protected synchronized void onDefine(ModelDefinition model) {
    Table table = tables.get(model.name());
    if (table == null) {
      tables.put(model.name(), new Table());
      return;
    }
    // Redefinition keeps the rows; they must satisfy the new unique indexes.
    for (Map.Entry<Object, Map<String, Object>> entry : table.rows.entrySet()) {
      try {
        checkUnique(model, table.rows, entry.getKey(), entry.getValue());
      } catch (ConnectorException e) {
        throw new ConnectorException(
            ErrorCode.CONFIGURATION_INVALID,
            "cannot redefine " + model.name() + ": " + e.getMessage(),
            e);
      }
    }
  }

  private Table table(ModelDefinition model) {
    Table table = tables.get(model.name());
    if (table == null) {
      model(model.name()); // MODEL_NOT_FOUND
      throw new ConnectorException(
          ErrorCode.MODEL_NOT_FOUND, "model \"" + model.name() + "\" is not defined on " + NAME);
    }
    return table;
  }

  // ---------------------------------------------------------------- pushdown (C4.6)

  /**
   * Enforces the id conditions of a where: the whole where when it is one (an {@code eq} or {@code
   * inq} on the id, for a composite id an {@code and} of {@code eq}s on every id property, or an
   * {@code or} of those), else the id conditions among its top-level {@code and}. Never the order.
   */
  @Override
  public Pushdown pushdown(ModelDefinition model, Filter filter) {
    Where where = filter.where();
    if (where.isAll() || keysOf(model, where) != null) {
      return new Pushdown(where, Where.all(), false);
    }
    if (where instanceof Where.And and) {
      List<Where> enforced = new ArrayList<>();
      List<Where> residual = new ArrayList<>();
      for (Where condition : and.conditions()) {
        (keysOf(model, condition) != null ? enforced : residual).add(condition);
      }
      if (!enforced.isEmpty()) {
        return new Pushdown(single(enforced), single(residual), false);
      }
    }
    return Pushdown.none(where);
  }

  private static Where single(List<Where> conditions) {
    return conditions.size() == 1 ? conditions.get(0) : Where.and(conditions);
  }

  /**
   * The keys a where restricts the rows to, when it is made of id equalities only; else null (the
   * where needs a scan).
   */
  private static Set<Object> keysOf(ModelDefinition model, Where where) {
    List<PropertyDefinition> ids = model.idProperties();
    if (ids.isEmpty()) {
      return null;
    }
    if (where instanceof Where.Comparison comparison) {
      if (ids.size() != 1 || comparison.isNested() || !comparison.path().equals(ids.get(0).name())) {
        return null;
      }
      if (comparison.operator() == Operator.EQ && comparison.value() != null) {
        return Set.of(hashable(comparison.value()));
      }
      if (comparison.operator() == Operator.INQ && comparison.value() instanceof List<?> values) {
        Set<Object> keys = new LinkedHashSet<>();
        values.stream().filter(Objects::nonNull).forEach(value -> keys.add(hashable(value)));
        return keys;
      }
      return null;
    }
    if (where instanceof Where.Or or) {
      if (or.conditions().isEmpty()) {
        return null;
      }
      Set<Object> keys = new LinkedHashSet<>();
      for (Where branch : or.conditions()) {
        Set<Object> branchKeys = keysOf(model, branch);
        if (branchKeys == null) {
          return null;
        }
        keys.addAll(branchKeys);
      }
      return keys;
    }
    Where.And and = (Where.And) where;
    if (and.conditions().isEmpty()) {
      return null;
    }
    if (ids.size() == 1) {
      // Every conjunct must be an id condition, so that the keys enforce the whole and.
      Set<Object> keys = null;
      for (Where condition : and.conditions()) {
        Set<Object> conditionKeys = keysOf(model, condition);
        if (conditionKeys == null) {
          return null;
        }
        if (keys == null) {
          keys = new LinkedHashSet<>(conditionKeys);
        } else {
          keys.retainAll(conditionKeys);
        }
      }
      return keys;
    }
    // Composite id: exactly one eq on each id property.
    Map<String, Object> parts = new HashMap<>();
    for (Where condition : and.conditions()) {
      if (!(condition instanceof Where.Comparison comparison)
          || comparison.operator() != Operator.EQ
          || comparison.isNested()
          || comparison.value() == null
          || ids.stream().noneMatch(id -> id.name().equals(comparison.path()))
          || parts.putIfAbsent(comparison.path(), comparison.value()) != null) {
        return null;
      }
    }
    if (parts.size() != ids.size()) {
      return null;
    }
    return Set.of(keyOf(model, parts));
  }

  /** Rows matching a where: through the id when it allows, else by a scan. */
  private static List<Map.Entry<Object, Map<String, Object>>> matching(
      ModelDefinition model, Table table, Where where) {
    List<Map.Entry<Object, Map<String, Object>>> candidates = new ArrayList<>();
    Set<Object> keys = where.isAll() ? null : keysOf(model, where);
    if (keys != null) {
      for (Object key : keys) {
        Map<String, Object> row = table.rows.get(key);
        if (row != null) {
          candidates.add(Map.entry(key, row));
        }
      }
    } else {
      candidates.addAll(table.rows.entrySet());
    }
    // Evaluating the where on the candidates keeps this exact for any where it is given, not only
    // for what pushdown() enforces.
    var predicate = FilterEvaluator.predicate(where);
    List<Map.Entry<Object, Map<String, Object>>> matches = new ArrayList<>();
    for (Map.Entry<Object, Map<String, Object>> candidate : candidates) {
      if (predicate.test(candidate.getValue())) {
        matches.add(candidate);
      }
    }
    return matches;
  }

  // ---------------------------------------------------------------- CRUD (C3)

  @Override
  public synchronized Map<String, Object> create(
      ModelDefinition model, Map<String, Object> data, Options options) {
    Objects.requireNonNull(data, "data is null");
    transactionOf(options);
    return executeNative(
        model.name(),
        Map.of("op", "create", "model", model.name()),
        request -> {
          Table table = table(model);
          Map<String, Object> row = copy(data);
          Object key = keyOf(model, row);
          if (key == null) {
            key = generateKey(model, table, row);
          } else if (table.rows.containsKey(key)) {
            throw duplicateId(model, key);
          }
          checkUnique(model, table.rows, key, row);
          table.rows.put(key, row);
          observe(table, key);
          return copy(row);
        });
  }

  @Override
  public synchronized List<Map<String, Object>> all(
      ModelDefinition model, Filter filter, Options options) {
    Objects.requireNonNull(filter, "filter is null");
    transactionOf(options);
    return executeNative(
        model.name(),
        Map.of("op", "find", "model", model.name()),
        request -> {
          List<Map<String, Object>> rows = new ArrayList<>();
          matching(model, table(model), filter.where()).forEach(e -> rows.add(e.getValue()));
          // Order (ties by id), skip and limit, in case a caller hands us a complete filter.
          List<Map<String, Object>> selected =
              FilterEvaluator.apply(filter.withWhere(Where.all()), rows, idNames(model));
          List<Map<String, Object>> copies = new ArrayList<>(selected.size());
          selected.forEach(row -> copies.add(copy(row)));
          return copies;
        });
  }

  @Override
  public synchronized long count(ModelDefinition model, Where where, Options options) {
    Objects.requireNonNull(where, "where is null");
    transactionOf(options);
    return executeNative(
        model.name(),
        Map.of("op", "count", "model", model.name()),
        request -> (long) matching(model, table(model), where).size());
  }

  /** Patches every match; all or nothing (an id or unique-index clash writes no row). */
  @Override
  public synchronized long update(
      ModelDefinition model, Where where, Map<String, Object> data, Options options) {
    Objects.requireNonNull(where, "where is null");
    Objects.requireNonNull(data, "data is null");
    transactionOf(options);
    return executeNative(
        model.name(),
        Map.of("op", "update", "model", model.name()),
        request -> {
          Table table = table(model);
          List<Map.Entry<Object, Map<String, Object>>> matches = matching(model, table, where);
          LinkedHashMap<Object, Map<String, Object>> after = new LinkedHashMap<>(table.rows);
          Map<Object, Map<String, Object>> changed = new LinkedHashMap<>();
          matches.forEach(match -> after.remove(match.getKey()));
          for (Map.Entry<Object, Map<String, Object>> match : matches) {
            Map<String, Object> row = patched(match.getValue(), data);
            Object key = model.hasId() ? keyOf(model, row) : match.getKey();
            if (key == null) {
              throw new ConnectorException(
                  ErrorCode.INVALID_ARGUMENT, "the id of " + model.name() + " cannot be null");
            }
            if (after.containsKey(key)) {
              throw duplicateId(model, key);
            }
            after.put(key, row);
            changed.put(key, row);
          }
          for (Map.Entry<Object, Map<String, Object>> entry : changed.entrySet()) {
            checkUnique(model, after, entry.getKey(), entry.getValue());
          }
          table.rows = after;
          changed.keySet().forEach(key -> observe(table, key));
          return (long) matches.size();
        });
  }

  @Override
  public synchronized long destroyAll(ModelDefinition model, Where where, Options options) {
    Objects.requireNonNull(where, "where is null");
    transactionOf(options);
    return executeNative(
        model.name(),
        Map.of("op", "destroyAll", "model", model.name()),
        request -> {
          Table table = table(model);
          List<Map.Entry<Object, Map<String, Object>>> matches = matching(model, table, where);
          matches.forEach(match -> table.rows.remove(match.getKey()));
          return (long) matches.size();
        });
  }

  @Override
  public synchronized Map<String, Object> updateAttributes(
      ModelDefinition model, Object id, Map<String, Object> data, Options options) {
    Objects.requireNonNull(data, "data is null");
    transactionOf(options);
    return executeNative(
        model.name(),
        Map.of("op", "updateAttributes", "model", model.name()),
        request -> {
          Table table = table(model);
          Object key = keyOfId(model, id);
          Map<String, Object> existing = existing(model, table, key);
          checkSameId(model, key, data);
          Map<String, Object> row = patched(existing, data);
          checkUnique(model, table.rows, key, row);
          table.rows.put(key, row);
          return copy(row);
        });
  }

  @Override
  public synchronized Map<String, Object> replaceById(
      ModelDefinition model, Object id, Map<String, Object> data, Options options) {
    Objects.requireNonNull(data, "data is null");
    transactionOf(options);
    return executeNative(
        model.name(),
        Map.of("op", "replaceById", "model", model.name()),
        request -> {
          Table table = table(model);
          Object key = keyOfId(model, id);
          existing(model, table, key);
          checkSameId(model, key, data);
          Map<String, Object> row = copy(data);
          Map<String, Object> idValues = idValues(model, key);
          idValues.forEach(row::put);
          checkUnique(model, table.rows, key, row);
          table.rows.put(key, row);
          return copy(row);
        });
  }

  // ---------------------------------------------------------------- keys and ids

  private static List<String> idNames(ModelDefinition model) {
    return model.idProperties().stream().map(PropertyDefinition::name).toList();
  }

  /** A value usable as a hash key: integral numbers as Long, byte arrays by content. */
  private static Object hashable(Object value) {
    if (value instanceof byte[] bytes) {
      return ByteBuffer.wrap(bytes.clone());
    }
    if (value instanceof Number) {
      return Values.normalize(value);
    }
    return value;
  }

  private static Object unhashable(Object key) {
    if (key instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return bytes;
    }
    return key;
  }

  /** The key of a row: its id, a list of id values for a composite id, null without a full id. */
  private static Object keyOf(ModelDefinition model, Map<String, Object> row) {
    List<PropertyDefinition> ids = model.idProperties();
    if (ids.isEmpty()) {
      return null;
    }
    List<Object> parts = new ArrayList<>(ids.size());
    for (PropertyDefinition id : ids) {
      Object value = row.get(id.name());
      if (value == null) {
        return null;
      }
      parts.add(hashable(value));
    }
    return parts.size() == 1 ? parts.get(0) : List.copyOf(parts);
  }

  /** The key of an id argument: a value, or a map of id property to value. */
  private static Object keyOfId(ModelDefinition model, Object id) {
    List<PropertyDefinition> ids = model.idProperties();
    if (ids.isEmpty()) {
      throw ConnectorErrors.noId(model, "by id");
    }
    if (id == null) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT, "the id of " + model.name() + " is null");
    }
    Map<String, Object> parts = new LinkedHashMap<>();
    if (id instanceof Map<?, ?> map) {
      for (PropertyDefinition property : ids) {
        parts.put(property.name(), map.get(property.name()));
      }
    } else if (ids.size() == 1) {
      parts.put(ids.get(0).name(), id);
    } else {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          "the id of " + model.name() + " is composite: expected an object with " + idNames(model));
    }
    for (PropertyDefinition property : ids) {
      Object value = parts.get(property.name());
      if (value == null) {
        throw new ConnectorException(
            ErrorCode.INVALID_ARGUMENT,
            "the id of " + model.name() + " lacks its part " + property.name());
      }
      try {
        parts.put(property.name(), Values.coerce(value, property.type()));
      } catch (IllegalArgumentException e) {
        throw new ConnectorException(
            ErrorCode.INVALID_ARGUMENT,
            "invalid id for " + model.name() + "." + property.name() + ": " + e.getMessage(),
            e);
      }
    }
    return keyOf(model, parts);
  }

  /** The id properties and values of a key. */
  private static Map<String, Object> idValues(ModelDefinition model, Object key) {
    List<PropertyDefinition> ids = model.idProperties();
    Map<String, Object> values = new LinkedHashMap<>();
    if (ids.size() == 1) {
      values.put(ids.get(0).name(), unhashable(key));
    } else {
      List<?> parts = (List<?>) key;
      for (int i = 0; i < ids.size(); i++) {
        values.put(ids.get(i).name(), unhashable(parts.get(i)));
      }
    }
    return values;
  }

  private static Object generateKey(ModelDefinition model, Table table, Map<String, Object> row) {
    List<PropertyDefinition> ids = model.idProperties();
    if (ids.isEmpty()) {
      return new Surrogate(++table.surrogates);
    }
    if (ids.size() > 1) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          "cannot create " + model.name() + " without every part of its id " + idNames(model));
    }
    PropertyDefinition id = ids.get(0);
    Object value =
        switch (id.type().kind()) {
          case NUMBER, ANY -> ++table.maxId;
          case STRING -> UUID.randomUUID().toString();
          default ->
              throw new ConnectorException(
                  ErrorCode.INVALID_ARGUMENT,
                  "cannot generate an id of type " + id.type() + " for " + model.name());
        };
    row.put(id.name(), value);
    return hashable(value);
  }

  private static void observe(Table table, Object key) {
    if (key instanceof Long id && id > table.maxId) {
      table.maxId = id;
    }
  }

  private static Map<String, Object> existing(ModelDefinition model, Table table, Object key) {
    Map<String, Object> row = table.rows.get(key);
    if (row == null) {
      throw ConnectorErrors.notFound(model, unhashable(key));
    }
    return row;
  }

  /** Data that names an id must name the record's own. */
  private static void checkSameId(ModelDefinition model, Object key, Map<String, Object> data) {
    Map<String, Object> own = idValues(model, key);
    for (Map.Entry<String, Object> part : own.entrySet()) {
      Object given = data.get(part.getKey());
      if (given != null && !hashable(given).equals(hashable(part.getValue()))) {
        throw new ConnectorException(
            ErrorCode.INVALID_ARGUMENT,
            "cannot change the id of "
                + model.name()
                + " from "
                + Values.show(part.getValue())
                + " to "
                + Values.show(given));
      }
    }
  }

  private static ConnectorException duplicateId(ModelDefinition model, Object key) {
    return new ConnectorException(
        ErrorCode.DUPLICATE_KEY,
        model.name() + " with id " + Values.show(unhashable(key)) + " already exists",
        Map.of("model", model.name()));
  }

  /** Fails with DUPLICATE_KEY when another row has the same values in a unique index. */
  private static void checkUnique(
      ModelDefinition model,
      Map<Object, Map<String, Object>> rows,
      Object key,
      Map<String, Object> row) {
    for (IndexDefinition index : model.indexes()) {
      if (!index.unique()) {
        continue;
      }
      List<Object> values = indexValues(index, row);
      if (values == null) {
        continue; // a null never collides
      }
      for (Map.Entry<Object, Map<String, Object>> other : rows.entrySet()) {
        if (!other.getKey().equals(key) && values.equals(indexValues(index, other.getValue()))) {
          throw new ConnectorException(
              ErrorCode.DUPLICATE_KEY,
              model.name()
                  + ": unique index "
                  + index.name()
                  + " "
                  + index.keys().keySet()
                  + " already has the value "
                  + Values.show(values.size() == 1 ? values.get(0) : values),
              Map.of("model", model.name(), "index", index.name()));
        }
      }
    }
  }

  private static List<Object> indexValues(IndexDefinition index, Map<String, Object> row) {
    List<Object> values = new ArrayList<>(index.keys().size());
    for (String path : index.keys().keySet()) {
      Object value = FilterEvaluator.valueAt(row, path);
      if (value == null) {
        return null;
      }
      values.add(hashable(value));
    }
    return values;
  }

  // ---------------------------------------------------------------- values

  private static Map<String, Object> patched(Map<String, Object> row, Map<String, Object> patch) {
    Map<String, Object> result = copy(row);
    patch.forEach((name, value) -> result.put(name, copyValue(value)));
    return result;
  }

  /** A deep copy: maps, lists and byte arrays are copied, so stored rows are never shared. */
  private static Map<String, Object> copy(Map<String, Object> row) {
    Map<String, Object> copy = new LinkedHashMap<>();
    row.forEach((name, value) -> copy.put(name, copyValue(value)));
    return copy;
  }

  private static Object copyValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((name, item) -> copy.put(String.valueOf(name), copyValue(item)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(copyValue(item)));
      return copy;
    }
    if (value instanceof byte[] bytes) {
      return bytes.clone();
    }
    if (value instanceof Number) {
      return Values.normalize(value);
    }
    return value;
  }
}
