package io.connectorkit.core;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterEvaluator;
import io.connectorkit.core.filter.Include;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.model.RelationDefinition;
import io.connectorkit.core.model.RelationDefinition.Type;
import io.connectorkit.core.model.Values;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The records related to one parent record by one relation (CONTRACT C4.5), from {@link
 * Repository#related}: {@code customers.related(adaId, "orders", Order.class)}. Reads go through
 * the parent's {@code include}, so every relation kind, scope and linked datasource works as in a
 * find. Writes keep the relation: {@link #create} sets the foreign key, and a foreign key that
 * would move a record to another parent fails with {@code INVALID_ARGUMENT}.
 *
 * <p>Every read and write fails with {@code ENTITY_NOT_FOUND} when the parent does not exist, and
 * otherwise as the matching {@link Repository} operation on the target does.
 *
 * @param <R> the target entity type
 */
public final class Related<R> {
  private final Repository<?> parent;
  private final Object parentId;
  private final RelationDefinition relation;
  private final Repository<R> target;

  Related(
      Repository<?> parent, Object parentId, RelationDefinition relation, Repository<R> target) {
    this.parent = parent;
    this.parentId = requireNonNull(parentId, "id is null");
    this.relation = relation;
    this.target = target;
  }

  /** The relation's definition; never null. */
  public RelationDefinition relation() {
    return relation;
  }

  /**
   * Every related record.
   *
   * @return never null; empty when none
   * @throws ConnectorException {@code ENTITY_NOT_FOUND} when the parent does not exist
   */
  public List<R> find() {
    return find(Filter.ALL);
  }

  /**
   * The related records matching a scope (where, order, fields, limit, skip, include).
   *
   * @param scope never null; {@link Filter#ALL} for all
   * @return never null; empty when none
   * @throws ConnectorException {@code ENTITY_NOT_FOUND} when the parent does not exist
   */
  public List<R> find(Filter scope) {
    requireNonNull(scope, "scope is null");
    Map<String, Object> row =
        parent
            .dao()
            .findById(
                parentId,
                Filter.ALL.withInclude(List.of(new Include(relation.name(), scope))),
                parent.options())
            .orElseThrow(this::parentNotFound);
    Object related = row.get(relation.name());
    if (related == null) {
      return List.of();
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    if (related instanceof List<?> list) {
      list.forEach(item -> rows.add(asRow(item)));
    } else {
      rows.add(asRow(related));
    }
    return target.readAll(rows);
  }

  /**
   * The one related record of a {@code belongsTo} or {@code hasOne}; the first otherwise.
   *
   * @return empty when none
   * @throws ConnectorException {@code ENTITY_NOT_FOUND} when the parent does not exist
   */
  public Optional<R> get() {
    return find().stream().findFirst();
  }

  /**
   * The number of related records matching {@code where} (null for all).
   *
   * @throws ConnectorException {@code ENTITY_NOT_FOUND} when the parent does not exist
   */
  public long count(@Nullable Where where) {
    if (isOnTarget()) {
      return target.count(scoped(where));
    }
    return find(Filter.where(where == null ? Where.all() : where)).size();
  }

  /**
   * Creates a record related to the parent: for {@code hasMany} and {@code hasOne} with the foreign
   * key set to the parent's key; for {@code hasManyThrough} the target, then the through record
   * linking it. Not for {@code belongsTo} (create the parent, then set the key).
   *
   * @param entity never null
   * @return the created record
   * @throws ConnectorException {@code INVALID_ARGUMENT} when the entity's foreign key names another
   *     parent, or for a {@code belongsTo}; {@code ENTITY_NOT_FOUND} when the parent does not
   *     exist; {@code CONFIGURATION_INVALID} for a {@code hasManyThrough} without a through model
   */
  public R create(R entity) {
    requireNonNull(entity, "entity is null");
    if (relation.type() == Type.BELONGS_TO) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          "cannot create through the belongsTo relation \""
              + relation.name()
              + "\" of "
              + parent.model().name()
              + ": create the "
              + relation.model()
              + ", then set "
              + relation.foreignKeyOf(parent.model().name()));
    }
    Object key = parentKey();
    if (relation.type() == Type.HAS_MANY_THROUGH) {
      // Checked before the target is created, so that a bad relation writes nothing.
      String through = relation.through();
      if (through == null) {
        throw new ConnectorException(
            ErrorCode.CONFIGURATION_INVALID,
            "relation "
                + relation.name()
                + " of model "
                + parent.model().name()
                + " has no through model");
      }
      R created = target.create(entity);
      Map<String, Object> link = new LinkedHashMap<>();
      link.put(relation.foreignKeyOf(parent.model().name()), key);
      link.put(relation.keyThroughOrDefault(), target.toData(created).get(targetIdName()));
      parent.dao().dataSource().relatedDao(through).create(link, parent.options());
      return created;
    }
    Map<String, Object> data = target.toData(entity);
    checkForeignKey(data, key);
    data.put(foreignKey(), key);
    return target.read(target.dao().create(data, target.options()));
  }

  /**
   * Patches the related records matching {@code where} (null for all) of a {@code hasMany} or
   * {@code hasOne}.
   *
   * @param changes never null
   * @return the number of records matched
   * @throws ConnectorException {@code INVALID_ARGUMENT} when the changes move records to another
   *     parent, or for another relation kind; {@code ENTITY_NOT_FOUND} when the parent does not
   *     exist
   */
  public long updateAll(@Nullable Where where, Map<String, ?> changes) {
    requireOnTarget("updateAll");
    Map<String, Object> data = Repository.values(changes);
    checkForeignKey(data, parentKey());
    return target.updateAll(scoped(where), data);
  }

  /**
   * Deletes the related records matching {@code where} (null for all) of a {@code hasMany} or
   * {@code hasOne}.
   *
   * @return the number of records deleted
   * @throws ConnectorException {@code INVALID_ARGUMENT} for another relation kind; {@code
   *     ENTITY_NOT_FOUND} when the parent does not exist
   */
  public long deleteAll(@Nullable Where where) {
    requireOnTarget("deleteAll");
    return target.deleteAll(scoped(where));
  }

  private boolean isOnTarget() {
    return relation.type() == Type.HAS_MANY || relation.type() == Type.HAS_ONE;
  }

  private void requireOnTarget(String operation) {
    if (!isOnTarget()) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          operation
              + " through a relation accessor needs a hasMany or hasOne; \""
              + relation.name()
              + "\" of "
              + parent.model().name()
              + " is a "
              + relation.type().jsonName());
    }
  }

  private String foreignKey() {
    return relation.foreignKeyOf(parent.model().name());
  }

  private Where scoped(@Nullable Where where) {
    Where byParent = Where.eq(foreignKey(), parentKey());
    return where == null || where.isAll() ? byParent : Where.and(byParent, where);
  }

  /** The parent's key the relation joins on: its primary key (the id by default). */
  private @Nullable Object parentKey() {
    String primaryKey =
        relation.primaryKey() != null ? relation.primaryKey() : parent.model().idName();
    Map<String, Object> row =
        parent
            .dao()
            .findById(parentId, Filter.ALL, parent.options())
            .orElseThrow(this::parentNotFound);
    return row.get(primaryKey);
  }

  private @Nullable String targetIdName() {
    return target.model().idName();
  }

  private void checkForeignKey(Map<String, Object> data, @Nullable Object key) {
    String foreignKey = foreignKey();
    Object given = data.get(foreignKey);
    if (given == null) {
      return;
    }
    PropertyType type =
        target.model().property(foreignKey).map(PropertyDefinition::type).orElse(PropertyType.ANY);
    Object coerced;
    try {
      coerced = Values.coerce(given, type);
    } catch (IllegalArgumentException e) {
      coerced = given;
    }
    if (!FilterEvaluator.matches(Where.eq("v", key), Collections.singletonMap("v", coerced))) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          "cannot change the foreign key `"
              + foreignKey
              + "` of "
              + target.model().name()
              + " to "
              + Values.show(given)
              + " through the relation \""
              + relation.name()
              + "\" of "
              + parent.model().name()
              + " "
              + Values.show(key));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asRow(Object value) {
    return (Map<String, Object>) value;
  }

  private ConnectorException parentNotFound() {
    return new ConnectorException(
        ErrorCode.ENTITY_NOT_FOUND,
        "Unknown \"" + parent.model().name() + "\" id " + Values.show(parentId) + ".",
        Map.of("model", parent.model().name(), "id", String.valueOf(parentId)));
  }
}
