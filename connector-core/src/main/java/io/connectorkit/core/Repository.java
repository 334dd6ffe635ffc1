package io.connectorkit.core;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.UpsertResult;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.RelationDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Every operation of a model (CONTRACT C3) on a Java type: a typed view of its {@link Dao}, with
 * the same validation, hooks, shims and errors. Obtain one with {@link
 * DataSource#repository(Class)} (model derived from the type) or {@link
 * DataSource#repository(Class, String)} (model JSON).
 *
 * <pre>{@code
 * record Person(@Id Long id, @Property(required = true) String name, int age) {}
 *
 * Repository<Person> people = db.repository(Person.class);
 * Person ada = people.create(new Person(null, "Ada", 36));
 * List<Person> found = people.query().where("age").gt(30).orderBy("name").limit(10).list();
 * Optional<Person> same = people.findById(ada.id());
 * }</pre>
 *
 * <p>Values map as {@link io.connectorkit.core.model.PropertyType} says: numbers to any Java number
 * type, {@code date} to {@code Instant}, {@code LocalDate} (UTC) or {@code OffsetDateTime} (UTC),
 * {@code object} to a nested record or a {@code Map}, arrays to {@code List} or {@code Set}, a null
 * to {@code Optional.empty()} where the component is an {@code Optional}. A component that holds a
 * relation ({@code @BelongsTo}, {@code @HasMany}, {@code @HasOne}, or named like a relation of the
 * model JSON) is filled when a find includes it and is never written: saving an entity that carries
 * an included relation writes its own properties only. Thread-safe.
 *
 * <p>Every operation runs with the options of {@link #with(Options)} and fails as the matching
 * {@link Dao} operation does: {@code UNSUPPORTED_OPERATION} without {@link
 * io.connectorkit.core.common.Feature#CRUD}, the options' transaction errors, and the connector's
 * {@code CONNECTION_FAILED}, {@code TIMEOUT} or {@code BACKEND_ERROR}. A row that cannot be mapped
 * to the entity type fails with {@code CONFIGURATION_INVALID}.
 *
 * @param <T> the entity type
 */
public final class Repository<T> {
  private final Dao dao;
  private final TypeMapping<T> mapping;
  private final Options options;

  private Repository(Dao dao, TypeMapping<T> mapping, Options options) {
    this.dao = dao;
    this.mapping = mapping;
    this.options = options;
  }

  /**
   * The model definition derived from a type (for {@link DataSource#repository(Class)}).
   *
   * @param type never null
   * @throws ConnectorException {@code CONFIGURATION_INVALID} naming a component whose type cannot
   *     be mapped
   */
  public static ModelDefinition deriveModel(Class<?> type) {
    return TypeMapping.derive(type);
  }

  /**
   * A repository over a DAO; use {@link DataSource#repository(Class, String)}, which caches it.
   *
   * @param dao never null
   * @param type never null
   * @throws ConnectorException {@code CONFIGURATION_INVALID} naming a component that cannot be
   *     mapped or that the model does not declare
   */
  public static <T> Repository<T> bind(Dao dao, Class<T> type) {
    requireNonNull(dao, "dao is null");
    return new Repository<>(dao, TypeMapping.bind(type, dao.model()), Options.NONE);
  }

  /**
   * The same repository running every operation with these options (a transaction, say).
   *
   * @param newOptions never null; {@link Options#NONE} for none
   */
  public Repository<T> with(Options newOptions) {
    return new Repository<>(dao, mapping, requireNonNull(newOptions, "options is null"));
  }

  /** The entity type; never null. */
  public Class<T> type() {
    return mapping.type();
  }

  /** The model the repository is bound to, as registered; never null. */
  public ModelDefinition model() {
    return dao.model();
  }

  /** The untyped DAO underneath. */
  public Dao dao() {
    return dao;
  }

  // ---------------------------------------------------------------- writes

  /**
   * Creates a record from the entity; null components are left out, so defaults apply. Feature
   * {@code CRUD}.
   *
   * @param entity never null
   * @return the created record, generated id included
   * @throws ConnectorException {@code VALIDATION_FAILED}, {@code DUPLICATE_KEY}; {@code
   *     UNSUPPORTED_OPERATION} without {@code CRUD}
   */
  public T create(T entity) {
    return read(dao.create(mapping.toData(entity, true), options));
  }

  /**
   * Creates records in input order (see {@link Dao#createAll(List, Options)}). Feature {@code
   * CRUD}.
   *
   * @param entities never null; no element null
   * @throws ConnectorException {@code VALIDATION_FAILED} naming the item, {@code DUPLICATE_KEY};
   *     {@code UNSUPPORTED_OPERATION} without {@code CRUD}
   */
  public List<T> createAll(List<T> entities) {
    requireNonNull(entities, "entities is null");
    List<Map<String, Object>> data = new ArrayList<>(entities.size());
    entities.forEach(entity -> data.add(mapping.toData(entity, true)));
    return readAll(dao.createAll(data, options));
  }

  /**
   * Creates the entity when its id is null (or the model has none), else replaces the record of
   * that id or creates it ({@code replaceOrCreate}). Feature {@code CRUD}.
   *
   * @param entity never null
   * @return the stored record
   * @throws ConnectorException {@code VALIDATION_FAILED}, {@code DUPLICATE_KEY}; {@code
   *     ENTITY_NOT_FOUND} for an id that does not exist on a {@code forceId} model; {@code
   *     UNSUPPORTED_OPERATION} without {@code CRUD}
   */
  public T save(T entity) {
    Map<String, Object> data = mapping.toData(entity, false);
    boolean hasId =
        model().hasId()
            && model().idProperties().stream().allMatch(id -> data.get(id.name()) != null);
    if (!hasId) {
      data.values().removeIf(value -> value == null);
      return read(dao.create(data, options));
    }
    return read(dao.replaceOrCreate(data, options));
  }

  /**
   * Patches the record of the entity's id, or creates it ({@code upsert}/{@code patchOrCreate});
   * null components are left out of the patch. Feature {@code CRUD}.
   *
   * @param entity never null
   * @return the stored record
   * @throws ConnectorException as {@link Dao#upsert(Map, Options)}
   */
  public T upsert(T entity) {
    return read(dao.patchOrCreate(mapping.toData(entity, true), options));
  }

  /**
   * Patches the one record matching {@code where}, or creates the entity. Feature {@code CRUD}.
   *
   * @param where null for all records
   * @param entity never null
   * @throws ConnectorException {@code INVALID_ARGUMENT} when several match; as {@link
   *     Dao#upsertWithWhere(Where, Map, Options)}
   */
  public T upsertWithWhere(@Nullable Where where, T entity) {
    return read(dao.upsertWithWhere(where, mapping.toData(entity, true), options));
  }

  /**
   * The first record matching the filter, else the entity created. Feature {@code CRUD}.
   *
   * @param filter null for all records
   * @param entity never null
   * @return never null
   * @throws ConnectorException as {@link Dao#findOrCreate(Filter, Map, Options)}
   */
  public Created<T> findOrCreate(@Nullable Filter filter, T entity) {
    UpsertResult result = dao.findOrCreate(filter, mapping.toData(entity, true), options);
    return new Created<>(read(result.instance()), result.created());
  }

  /**
   * The entity of a {@link #findOrCreate} and whether it was created.
   *
   * @param entity never null
   * @param created true when created, false when found
   */
  public record Created<T>(T entity, boolean created) {}

  /**
   * Replaces the record of an id with the entity (its id, when set, must be that id). Feature
   * {@code CRUD}.
   *
   * @param id as in {@link Dao#findById(Object, Filter, Options)}
   * @param entity never null
   * @throws ConnectorException {@code ENTITY_NOT_FOUND}, {@code VALIDATION_FAILED}, {@code
   *     INVALID_ARGUMENT} for an id change or a null id; {@code UNSUPPORTED_OPERATION} without
   *     {@code CRUD}
   */
  public T replaceById(Object id, T entity) {
    return read(dao.replaceById(id, mapping.toData(entity, true), options));
  }

  /**
   * Patches the record of an id with some properties (values as in the entity type: {@code
   * LocalDate}, enums, nested records, … are converted). Feature {@code CRUD}.
   *
   * @param id as in {@link Dao#findById(Object, Filter, Options)}
   * @param changes never null
   * @throws ConnectorException {@code ENTITY_NOT_FOUND}, {@code VALIDATION_FAILED}, {@code
   *     INVALID_ARGUMENT} for an id change or a null id; {@code UNSUPPORTED_OPERATION} without
   *     {@code CRUD}
   */
  public T updateById(Object id, Map<String, ?> changes) {
    return read(dao.updateById(id, values(changes), options));
  }

  /**
   * Patches every record matching {@code where} (null for all), changes converted as in {@link
   * #updateById}. Feature {@code CRUD}.
   *
   * @param changes never null
   * @return the number of records matched
   * @throws ConnectorException as {@link Dao#updateAll(Where, Map, Options)}
   */
  public long updateAll(@Nullable Where where, Map<String, ?> changes) {
    return dao.updateAll(where, values(changes), options);
  }

  /**
   * Deletes the record of an id; returns the number deleted (0 or 1). Feature {@code CRUD}.
   *
   * @param id as in {@link Dao#findById(Object, Filter, Options)}
   * @throws ConnectorException as {@link Dao#deleteById(Object, Options)}
   */
  public long deleteById(Object id) {
    return dao.deleteById(id, options);
  }

  /**
   * Deletes every record matching {@code where} (null for all); returns the number deleted. Feature
   * {@code CRUD}.
   *
   * @throws ConnectorException {@code INVALID_FILTER}; as {@link Dao#deleteAll(Where, Options)}
   */
  public long deleteAll(@Nullable Where where) {
    return dao.deleteAll(where, options);
  }

  // ---------------------------------------------------------------- reads

  /** {@link #findById(Object, Filter)} without filter. */
  public Optional<T> findById(Object id) {
    return findById(id, Filter.ALL);
  }

  /**
   * The record of an id, with the filter's fields and include. Feature {@code CRUD}.
   *
   * @param id as in {@link Dao#findById(Object, Filter, Options)}
   * @param filter null for none
   * @return empty when no record has this id
   * @throws ConnectorException {@code INVALID_ARGUMENT} for a null or empty id; as {@link
   *     Dao#findById(Object, Filter, Options)}
   */
  public Optional<T> findById(Object id, @Nullable Filter filter) {
    return dao.findById(id, filter, options).map(this::read);
  }

  /**
   * Every record, in id order. Feature {@code CRUD}.
   *
   * @throws ConnectorException {@code UNSUPPORTED_OPERATION} without {@code CRUD}
   */
  public List<T> findAll() {
    return find(Filter.ALL);
  }

  /**
   * The records matching a filter (C4), included relations filled in. Feature {@code CRUD}.
   *
   * @param filter null for all records
   * @return never null; empty when none matches
   * @throws ConnectorException {@code INVALID_FILTER}; {@code UNSUPPORTED_OPERATION} without {@code
   *     CRUD}
   */
  public List<T> find(@Nullable Filter filter) {
    return readAll(dao.find(filter, options));
  }

  /**
   * The first record {@link #find} would return. Feature {@code CRUD}.
   *
   * @param filter null for all records
   * @return empty when none matches
   * @throws ConnectorException {@code INVALID_FILTER}; {@code UNSUPPORTED_OPERATION} without {@code
   *     CRUD}
   */
  public Optional<T> findOne(@Nullable Filter filter) {
    return dao.findOne(filter, options).map(this::read);
  }

  /**
   * The number of records. Feature {@code CRUD}.
   *
   * @throws ConnectorException {@code UNSUPPORTED_OPERATION} without {@code CRUD}
   */
  public long count() {
    return count(null);
  }

  /**
   * The number of records matching {@code where} (null for all). Feature {@code CRUD}.
   *
   * @throws ConnectorException {@code INVALID_FILTER}; {@code UNSUPPORTED_OPERATION} without {@code
   *     CRUD}
   */
  public long count(@Nullable Where where) {
    return dao.count(where, options);
  }

  /**
   * Whether a record with this id exists. Feature {@code CRUD}.
   *
   * @param id as in {@link Dao#findById(Object, Filter, Options)}
   * @throws ConnectorException {@code INVALID_ARGUMENT} for a null or empty id; {@code
   *     UNSUPPORTED_OPERATION} without {@code CRUD}
   */
  public boolean exists(Object id) {
    return dao.exists(id, options);
  }

  /**
   * A new fluent query: {@code repo.query().where("age").gt(30).orderBy("name").limit(10).list()}.
   */
  public Query<T> query() {
    return new Query<>(this);
  }

  /**
   * The records related to one record of this repository by a relation (C4.5), as entities of
   * {@code type}: {@code customers.related(adaId, "orders", Order.class).find()}. The target may be
   * on a {@link DataSource#link linked} datasource; a transaction in this repository's options
   * applies there only when the target is on the same datasource.
   *
   * @param id the parent's id; never null
   * @param relation never null
   * @param type never null
   * @throws ConnectorException {@code INVALID_ARGUMENT} for an unknown relation; {@code
   *     MODEL_NOT_FOUND} when the target model is not defined; {@code CONFIGURATION_INVALID} when
   *     {@code type} cannot be mapped to it
   */
  public <R> Related<R> related(Object id, String relation, Class<R> type) {
    requireNonNull(relation, "relation is null");
    requireNonNull(type, "type is null");
    RelationDefinition definition = model().relations().get(relation);
    if (definition == null) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          "model " + model().name() + " has no relation \"" + relation + "\"");
    }
    Dao targetDao = dao.dataSource().relatedDao(definition.model());
    Repository<R> target = targetDao.dataSource().repository(type, definition.model());
    return new Related<>(this, id, definition, target.with(options(targetDao)));
  }

  private Options options(Dao other) {
    return other.dataSource() == dao.dataSource() ? options : Options.NONE;
  }

  Options options() {
    return options;
  }

  // ---------------------------------------------------------------- mapping

  T read(Map<String, Object> row) {
    return mapping.fromRow(row);
  }

  List<T> readAll(List<Map<String, Object>> rows) {
    List<T> entities = new ArrayList<>(rows.size());
    rows.forEach(row -> entities.add(read(row)));
    return entities;
  }

  Map<String, Object> toData(T entity) {
    return mapping.toData(entity, true);
  }

  static Map<String, Object> values(Map<String, ?> changes) {
    requireNonNull(changes, "changes is null");
    Map<String, Object> converted = new LinkedHashMap<>();
    changes.forEach((key, value) -> converted.put(key, TypeMapping.toValue(value)));
    return converted;
  }

  /** The id property names, for messages. */
  List<String> idNames() {
    return model().idProperties().stream().map(PropertyDefinition::name).toList();
  }

  @Override
  public String toString() {
    return "Repository[" + model().name() + ", " + type().getName() + "]";
  }
}
