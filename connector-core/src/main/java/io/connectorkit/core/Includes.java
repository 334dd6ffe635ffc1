package io.connectorkit.core;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.filter.Fields;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Include;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.RelationDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Resolves {@code include} (CONTRACT C4.5) in the DAO: one query per relation per batch of keys
 * ({@code inq}), or one per parent when the scope pages (the limit applies per parent). Related
 * rows are found through the target model's {@link Dao}, so scopes, hooks and nested includes apply
 * to them as to any query.
 */
final class Includes {
  private Includes() {}

  static Set<String> names(List<Include> includes) {
    if (includes.isEmpty()) {
      return Set.of();
    }
    return includes.stream().map(Include::relation).collect(Collectors.toSet());
  }

  /** Adds each included relation to every row, under the relation's name. */
  static void resolve(
      DataSource dataSource,
      ModelDefinition model,
      List<Include> includes,
      List<Map<String, Object>> rows,
      Options options) {
    if (rows.isEmpty()) {
      return;
    }
    for (Include include : includes) {
      RelationDefinition relation = model.relations().get(include.relation());
      if (relation == null) {
        throw new ConnectorException(
            ErrorCode.INVALID_FILTER,
            "include: unknown relation \"" + include.relation() + "\" of model " + model.name());
      }
      Dao target = dataSource.relatedDao(relation.model());
      // A transaction never spans datasources: the other one's queries run outside it.
      Options targetOptions = target.dataSource() == dataSource ? options : Options.NONE;
      switch (relation.type()) {
        case BELONGS_TO -> belongsTo(relation, target, include.scope(), rows, targetOptions);
        case HAS_MANY, HAS_ONE ->
            hasMany(model, relation, target, include.scope(), rows, targetOptions);
        case HAS_MANY_THROUGH ->
            hasManyThrough(
                dataSource, model, relation, target, include.scope(), rows, options, targetOptions);
      }
    }
  }

  private static void belongsTo(
      RelationDefinition relation,
      Dao target,
      Filter scope,
      List<Map<String, Object>> rows,
      Options options) {
    String foreignKey = orDefault(relation.foreignKey(), relation.name() + "Id");
    String primaryKey = orDefault(relation.primaryKey(), target.model().idName());
    Map<Object, Map<String, Object>> byKey = new LinkedHashMap<>();
    for (Map<String, Object> related :
        findByKeys(target, primaryKey, keys(rows, foreignKey), scope, options)) {
      byKey.putIfAbsent(related.get(primaryKey), related);
    }
    for (Map<String, Object> row : rows) {
      Map<String, Object> related = byKey.get(row.get(foreignKey));
      row.put(relation.name(), related == null ? null : strip(related, primaryKey, scope));
    }
  }

  private static void hasMany(
      ModelDefinition model,
      RelationDefinition relation,
      Dao target,
      Filter scope,
      List<Map<String, Object>> rows,
      Options options) {
    String foreignKey = orDefault(relation.foreignKey(), lowerFirst(model.name()) + "Id");
    String primaryKey = orDefault(relation.primaryKey(), model.idName());
    boolean one = relation.type() == RelationDefinition.Type.HAS_ONE;
    Map<Object, List<Map<String, Object>>> byKey = new LinkedHashMap<>();
    if (scope.limit() > 0 || scope.skip() > 0 || one) {
      Filter paged = one ? scope.withPage(1, scope.skip()) : scope;
      for (Object key : keys(rows, primaryKey)) {
        byKey.put(key, findByKeys(target, foreignKey, Set.of(key), paged, options));
      }
    } else {
      for (Map<String, Object> related :
          findByKeys(target, foreignKey, keys(rows, primaryKey), scope, options)) {
        byKey.computeIfAbsent(related.get(foreignKey), k -> new ArrayList<>()).add(related);
      }
    }
    for (Map<String, Object> row : rows) {
      List<Map<String, Object>> related =
          byKey.getOrDefault(row.get(primaryKey), List.of()).stream()
              .map(r -> strip(r, foreignKey, scope))
              .toList();
      row.put(relation.name(), one ? (related.isEmpty() ? null : related.get(0)) : related);
    }
  }

  private static void hasManyThrough(
      DataSource dataSource,
      ModelDefinition model,
      RelationDefinition relation,
      Dao target,
      Filter scope,
      List<Map<String, Object>> rows,
      Options options,
      Options targetOptions) {
    if (relation.through() == null) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "relation " + relation.name() + " of model " + model.name() + " has no through model");
    }
    Dao through = dataSource.relatedDao(relation.through());
    Options throughOptions = through.dataSource() == dataSource ? options : Options.NONE;
    String foreignKey = orDefault(relation.foreignKey(), lowerFirst(model.name()) + "Id");
    String keyThrough = orDefault(relation.keyThrough(), lowerFirst(relation.model()) + "Id");
    String primaryKey = orDefault(relation.primaryKey(), model.idName());
    String targetId = target.model().idName();
    if (targetId == null) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "relation "
              + relation.name()
              + " of model "
              + model.name()
              + ": model "
              + target.model().name()
              + " has no id");
    }
    List<Map<String, Object>> links =
        findByKeys(through, foreignKey, keys(rows, primaryKey), Filter.ALL, throughOptions);
    Map<Object, Set<Object>> targetKeysByParent = new LinkedHashMap<>();
    Set<Object> allTargetKeys = new LinkedHashSet<>();
    for (Map<String, Object> link : links) {
      Object parent = link.get(foreignKey);
      Object targetKey = link.get(keyThrough);
      if (parent != null && targetKey != null) {
        targetKeysByParent.computeIfAbsent(parent, k -> new LinkedHashSet<>()).add(targetKey);
        allTargetKeys.add(targetKey);
      }
    }
    Map<Object, List<Map<String, Object>>> byKey = new LinkedHashMap<>();
    if (scope.limit() > 0 || scope.skip() > 0) {
      // The page applies per parent (C4.5): one query per parent, in the scope's order.
      targetKeysByParent.forEach(
          (parent, targetKeys) ->
              byKey.put(
                  parent,
                  findByKeys(target, targetId, targetKeys, scope, targetOptions).stream()
                      .map(related -> strip(related, targetId, scope))
                      .toList()));
    } else {
      // One query for every parent; each parent's targets keep the query's (the scope's) order.
      List<Map<String, Object>> ordered =
          findByKeys(target, targetId, allTargetKeys, scope, targetOptions);
      targetKeysByParent.forEach(
          (parent, targetKeys) ->
              byKey.put(
                  parent,
                  ordered.stream()
                      .filter(related -> targetKeys.contains(related.get(targetId)))
                      .map(related -> strip(related, targetId, scope))
                      .toList()));
    }
    for (Map<String, Object> row : rows) {
      row.put(relation.name(), byKey.getOrDefault(row.get(primaryKey), List.of()));
    }
  }

  /** Related rows whose {@code key} is one of {@code keys}, under the scope, key always fetched. */
  private static List<Map<String, Object>> findByKeys(
      Dao target, String key, Set<Object> keys, Filter scope, Options options) {
    if (keys.isEmpty()) {
      return List.of();
    }
    Where byKeys = Where.inq(key, new ArrayList<>(keys));
    Where where = scope.where().isAll() ? byKeys : Where.and(byKeys, scope.where());
    Fields fields = scope.fields();
    if (!fields.isAll() && !fields.selects(key)) {
      fields =
          fields.include().isEmpty()
              ? new Fields(Set.of(), without(fields.exclude(), key))
              : new Fields(with(fields.include(), key), Set.of());
    }
    return target.find(scope.withWhere(where).withFields(fields), options);
  }

  /** Removes a key the scope's fields left out but the DAO needed (C4.5). */
  private static Map<String, Object> strip(
      Map<String, Object> row, @Nullable String key, Filter scope) {
    if (scope.fields().isAll() || scope.fields().selects(key)) {
      return row;
    }
    Map<String, Object> copy = new LinkedHashMap<>(row);
    copy.remove(key);
    return copy;
  }

  private static Set<Object> keys(List<Map<String, Object>> rows, String property) {
    Set<Object> keys = new LinkedHashSet<>();
    for (Map<String, Object> row : rows) {
      Object value = row.get(property);
      if (value != null) {
        keys.add(value);
      }
    }
    return keys;
  }

  private static Set<String> with(Set<String> names, String name) {
    Set<String> copy = new LinkedHashSet<>(names);
    copy.add(name);
    return copy;
  }

  private static Set<String> without(Set<String> names, String name) {
    Set<String> copy = new LinkedHashSet<>(names);
    copy.remove(name);
    return copy;
  }

  private static @Nullable String orDefault(@Nullable String value, @Nullable String fallback) {
    return value == null ? fallback : value;
  }

  private static String lowerFirst(String name) {
    return name.isEmpty()
        ? name
        : name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
  }
}
