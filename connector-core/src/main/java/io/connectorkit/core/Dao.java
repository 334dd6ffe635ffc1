package io.connectorkit.core;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.common.UpsertResult;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterBinder;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.ModelValidator;
import io.connectorkit.core.model.ModelValidator.WriteMode;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.UpsertData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The data-access object of one model (CONTRACT C3): every operation, with coercion, defaults and
 * validation (C1.2, C2), filters (C4) including residual evaluation (C4.6), operation hooks (C9),
 * and read-then-write shims for the optional operations a connector lacks.
 *
 * <p>Records are {@code Map<String, Object>} with values in the Java representation of {@link
 * io.connectorkit.core.model.PropertyType}. Results list every declared property (null when unset),
 * hidden ones excepted. Obtain one with {@link DataSource#dao(String)}. Thread-safe.
 *
 * <p>Error codes below are the {@link ErrorCode} of the {@link ConnectorException}. Every record
 * operation (all but {@link #invoke}) needs {@link Feature#CRUD} and fails with {@code
 * UNSUPPORTED_OPERATION} without it. In every operation a null {@link Options} means {@link
 * Options#NONE}; a transaction in the options that belongs to another datasource fails with {@code
 * INVALID_ARGUMENT}, a finished one with {@code TRANSACTION_NOT_ACTIVE}. Any operation may also
 * fail with {@code CONNECTION_FAILED}, {@code TIMEOUT} or {@code BACKEND_ERROR} from the connector,
 * and with what an operation hook throws.
 *
 * <p>Size: over 600 lines, a third of them Javadoc, because every C3 operation is a documented
 * method here; each delegates to {@code WritePipeline}, {@code ResultShaper}, {@code
 * ResidualQueries}, {@code Upserts} and {@code Includes}.
 */
public final class Dao {
  private final DataSource dataSource;
  private final Connector connector;
  private final ModelDefinition model;
  private final ModelHooks hooks;
  private final ModelIds ids;
  private final ResultShaper shaper;
  private final WritePipeline writes;
  private final ResidualQueries residuals;
  private final Upserts upserts;

  /** The model's default {@code scope} and named {@code scopes}. */
  private final Scopes scopes;

  /** The model's uniqueness validations: property → message. */
  private final Map<String, String> uniqueness;

  /**
   * Use {@link DataSource#dao(String)}.
   *
   * @param dataSource never null
   * @param model never null; as the datasource's connector registered it
   * @param hooks never null
   */
  Dao(DataSource dataSource, ModelDefinition model, OperationHooks hooks) {
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
    this.connector = dataSource.connector();
    this.model = requireNonNull(model, "model is null");
    this.hooks = new ModelHooks(requireNonNull(hooks, "hooks is null"), model.name());
    this.ids = new ModelIds(model);
    this.shaper = new ResultShaper(model, this.hooks);
    this.writes = new WritePipeline(model, connector, this.hooks, ids, shaper);
    FallbackLog fallbacks = new FallbackLog(dataSource, model, connector);
    this.residuals = new ResidualQueries(model, connector, ids, fallbacks);
    this.upserts = new Upserts(model, connector, ids, residuals, fallbacks);
    this.uniqueness = ModelValidator.uniquenessValidations(model);
    this.scopes = Scopes.of(model);
  }

  /** The model definition as registered (ids injected); never null. */
  public ModelDefinition model() {
    return model;
  }

  /** The datasource this DAO runs on; never null. */
  public DataSource dataSource() {
    return dataSource;
  }

  // ---------------------------------------------------------------- create

  /** {@link #create(Map, Options)} without options. */
  public Map<String, Object> create(Map<String, ?> data) {
    return create(data, Options.NONE);
  }

  /**
   * Creates a record: forceId check, defaults, coercion, validation, hooks, then the connector.
   * Feature {@link Feature#CRUD}.
   *
   * @param data never null
   * @param options null for none
   * @return the created record, id included
   * @throws ConnectorException {@code VALIDATION_FAILED} (also for a client-chosen id on a {@code
   *     forceId} model), {@code DUPLICATE_KEY}; {@code UNSUPPORTED_OPERATION} without {@link
   *     Feature#CRUD}
   */
  public Map<String, Object> create(Map<String, ?> data, @Nullable Options options) {
    requireNonNull(data, "data is null");
    Options checked = checkRecords(options);
    return run(
        "create",
        () -> {
          Map<String, Object> valid = writes.prepareCreate(data, checked);
          checkUniqueness(List.of(valid), checked);
          Map<String, Object> stored = connector.create(model, valid, checked);
          return writes.saved("create", stored, true, checked);
        });
  }

  /** {@link #createAll(List, Options)} without options. */
  public List<Map<String, Object>> createAll(List<? extends Map<String, ?>> data) {
    return createAll(data, Options.NONE);
  }

  /**
   * Creates records in input order. Every item is validated before any is written; with {@link
   * Feature#BATCH_CREATE} the connector writes all or none in one round trip, else they are created
   * one by one and a failure says which were written (its details hold the {@code created} ids).
   * Feature {@link Feature#CRUD}.
   *
   * @param data never null; no item null
   * @param options null for none
   * @return the created records in input order
   * @throws ConnectorException {@code VALIDATION_FAILED} naming the item, {@code DUPLICATE_KEY};
   *     {@code INVALID_ARGUMENT} for a null item; {@code UNSUPPORTED_OPERATION} without {@link
   *     Feature#CRUD}
   */
  public List<Map<String, Object>> createAll(
      List<? extends Map<String, ?>> data, @Nullable Options options) {
    requireNonNull(data, "data is null");
    Options checked = checkRecords(options);
    return run(
        "createAll",
        () -> {
          List<Map<String, Object>> valid = writes.prepareCreateAll(data, checked);
          checkUniqueness(valid, checked);
          List<Map<String, Object>> stored;
          if (connector.supports(Feature.BATCH_CREATE)) {
            stored = connector.createAll(model, valid, checked);
          } else {
            stored = createOneByOne(valid, checked);
          }
          List<Map<String, Object>> results = new ArrayList<>(stored.size());
          stored.forEach(row -> results.add(writes.saved("create", row, true, checked)));
          return results;
        });
  }

  /**
   * LoopBack's {@code validatesUniquenessOf} on create: a value another record (or another item of
   * the batch) holds fails with the validation's message. A query, not a constraint: concurrent
   * creates can both pass, as in LoopBack; a unique index is the guarantee.
   */
  private void checkUniqueness(List<Map<String, Object>> records, Options options) {
    if (uniqueness.isEmpty()) {
      return;
    }
    uniqueness.forEach(
        (property, message) -> {
          java.util.Set<Object> seen = new java.util.HashSet<>();
          for (Map<String, Object> record : records) {
            Object value = record.get(property);
            if (value == null || "".equals(value)) {
              continue; // LoopBack skips blank values
            }
            if (!seen.add(value)
                || residuals.count(Filter.where(Where.eq(property, value)), options) > 0) {
              throw ModelValidator.violation(model, property, message);
            }
          }
        });
  }

  private List<Map<String, Object>> createOneByOne(
      List<Map<String, Object>> valid, Options options) {
    List<Map<String, Object>> stored = new ArrayList<>(valid.size());
    for (int i = 0; i < valid.size(); i++) {
      try {
        stored.add(connector.create(model, valid.get(i), options));
      } catch (ConnectorException e) {
        List<Object> created = stored.stream().map(ids::of).toList();
        throw new ConnectorException(
            e.code(),
            "item "
                + i
                + " of the "
                + model.name()
                + " batch failed after "
                + created.size()
                + " were created (ids "
                + created
                + "): "
                + e.getMessage(),
            Map.of("created", created),
            e);
      }
    }
    return stored;
  }

  // ---------------------------------------------------------------- read

  /** {@link #find(Filter, Options)} without options. */
  public List<Map<String, Object>> find(@Nullable Filter filter) {
    return find(filter, Options.NONE);
  }

  /**
   * Finds records (C4), included relations resolved. Feature {@link Feature#CRUD}.
   *
   * @param filter null for all records
   * @param options null for none
   * @return never null; empty when none matches
   * @throws ConnectorException {@code INVALID_FILTER}; {@code UNSUPPORTED_OPERATION} without {@link
   *     Feature#CRUD}
   */
  public List<Map<String, Object>> find(@Nullable Filter filter, @Nullable Options options) {
    Options checked = checkRecords(options);
    return run(
        "find",
        () -> findBound(access("find", filter == null ? Filter.ALL : filter, checked), checked));
  }

  /**
   * Finds records through one of the model's named scopes (LoopBack's {@code
   * Model.<scope>(filter)}): the scope's filter merged with {@code filter} as the default scope is
   * (where and-ed; the caller's order, limit, skip and fields win), then {@link #find(Filter,
   * Options)}. Feature {@link Feature#CRUD}.
   *
   * @param scope the scope's name; never null
   * @param filter null for the scope alone
   * @param options null for none
   * @throws ConnectorException {@code INVALID_ARGUMENT} for a name the model's {@code "scopes"}
   *     lack; as {@link #find(Filter, Options)}
   */
  public List<Map<String, Object>> findInScope(
      String scope, @Nullable Filter filter, @Nullable Options options) {
    requireNonNull(scope, "scope is null");
    return find(scopes.named(scope, filter), options);
  }

  /** {@link #findOne(Filter, Options)} without options. */
  public Optional<Map<String, Object>> findOne(@Nullable Filter filter) {
    return findOne(filter, Options.NONE);
  }

  /**
   * The first record {@code find} would return ({@code limit} forced to 1). Feature {@link
   * Feature#CRUD}.
   *
   * @param filter null for all records
   * @param options null for none
   * @return empty when none matches
   * @throws ConnectorException {@code INVALID_FILTER}; {@code UNSUPPORTED_OPERATION} without {@link
   *     Feature#CRUD}
   */
  public Optional<Map<String, Object>> findOne(@Nullable Filter filter, @Nullable Options options) {
    Filter base = filter == null ? Filter.ALL : filter;
    List<Map<String, Object>> rows = find(base.withPage(1, base.skip()), options);
    return rows.stream().findFirst();
  }

  /** {@link #findById(Object, Filter, Options)} without filter and options. */
  public Optional<Map<String, Object>> findById(Object id) {
    return findById(id, null, Options.NONE);
  }

  /**
   * The record with an id; of the filter only {@code fields} and {@code include} are honoured.
   * Feature {@link Feature#CRUD}.
   *
   * @param id the id value, or for a composite id a map of id property name to value
   * @param filter null for none
   * @param options null for none
   * @return empty when no record has this id
   * @throws ConnectorException {@code INVALID_ARGUMENT} for a null or empty id, a value the id type
   *     does not accept, or a model without id; {@code INVALID_FILTER}; {@code
   *     UNSUPPORTED_OPERATION} without {@link Feature#CRUD}
   */
  public Optional<Map<String, Object>> findById(
      Object id, @Nullable Filter filter, @Nullable Options options) {
    requireCrud();
    Object key = ids.coerce(id);
    Filter base = filter == null ? Filter.ALL : filter;
    Filter byId = new Filter(ids.where(key), base.fields(), List.of(), 1, 0, base.include());
    return find(byId, options).stream().findFirst();
  }

  /** {@link #count(Where, Options)} without options. */
  public long count(@Nullable Where where) {
    return count(where, Options.NONE);
  }

  /**
   * The number of records matching {@code where}. Feature {@link Feature#CRUD}.
   *
   * @param where null for all records
   * @param options null for none
   * @throws ConnectorException {@code INVALID_FILTER}; {@code UNSUPPORTED_OPERATION} without {@link
   *     Feature#CRUD}
   */
  public long count(@Nullable Where where, @Nullable Options options) {
    Options checked = checkRecords(options);
    return run(
        "count",
        () -> {
          Filter query =
              access("count", Filter.where(where == null ? Where.all() : where), checked);
          return residuals.count(query, checked);
        });
  }

  /** {@link #exists(Object, Options)} without options. */
  public boolean exists(Object id) {
    return exists(id, Options.NONE);
  }

  /**
   * Whether a record with this id exists. Feature {@link Feature#CRUD}.
   *
   * @param id as in {@link #findById(Object, Filter, Options)}
   * @param options null for none
   * @throws ConnectorException {@code INVALID_ARGUMENT} for a null or empty id, a value the id type
   *     does not accept, or a model without id; {@code UNSUPPORTED_OPERATION} without {@link
   *     Feature#CRUD}
   */
  public boolean exists(Object id, @Nullable Options options) {
    requireCrud();
    return count(ids.where(ids.coerce(id)), options) > 0;
  }

  // ---------------------------------------------------------------- update and delete

  /** {@link #updateAll(Where, Map, Options)} without options. */
  public long updateAll(@Nullable Where where, Map<String, ?> data) {
    return updateAll(where, data, Options.NONE);
  }

  /**
   * Patches every record matching {@code where}; no defaults. With {@link
   * Connector#allowsExtendedOperators()} the data may hold update operators. Feature {@link
   * Feature#CRUD}.
   *
   * @param where null for all records
   * @param data never null
   * @param options null for none
   * @return the number of records matched
   * @throws ConnectorException {@code VALIDATION_FAILED}; {@code INVALID_ARGUMENT} when data holds
   *     an id property, or when the connector leaves part of the where to the core on a model
   *     without id; {@code INVALID_FILTER}; {@code UNSUPPORTED_OPERATION} without {@link
   *     Feature#CRUD}
   */
  public long updateAll(@Nullable Where where, Map<String, ?> data, @Nullable Options options) {
    requireNonNull(data, "data is null");
    Options checked = checkRecords(options);
    return run(
        "updateAll",
        () -> {
          Where bound = bindWhere(where);
          Map<String, Object> persisted = writes.prepareUpdateAll(bound, data, checked);
          long count =
              connector.update(
                  model, residuals.enforceable(bound, "updateAll", checked), persisted, checked);
          writes.savedAll(bound, checked);
          return count;
        });
  }

  /** {@link #deleteAll(Where, Options)} without options. */
  public long deleteAll(@Nullable Where where) {
    return deleteAll(where, Options.NONE);
  }

  /**
   * Deletes every record matching {@code where}. Feature {@link Feature#CRUD}.
   *
   * @param where null for all records
   * @param options null for none
   * @return the number of records deleted
   * @throws ConnectorException {@code INVALID_FILTER}; {@code INVALID_ARGUMENT} when the connector
   *     leaves part of the where to the core on a model without id; {@code UNSUPPORTED_OPERATION}
   *     without {@link Feature#CRUD}
   */
  public long deleteAll(@Nullable Where where, @Nullable Options options) {
    Options checked = checkRecords(options);
    return run(
        "deleteAll",
        () -> {
          Where bound = bindWhere(where);
          hooks.onWhere(OperationHook.BEFORE_DELETE, "deleteAll", bound, checked);
          long count =
              connector.destroyAll(
                  model, residuals.enforceable(bound, "deleteAll", checked), checked);
          hooks.onWhere(OperationHook.AFTER_DELETE, "deleteAll", bound, checked);
          return count;
        });
  }

  /** {@link #deleteById(Object, Options)} without options. */
  public long deleteById(Object id) {
    return deleteById(id, Options.NONE);
  }

  /**
   * Deletes one record. Feature {@link Feature#CRUD}.
   *
   * @param id as in {@link #findById(Object, Filter, Options)}
   * @param options null for none
   * @return 0 or 1
   * @throws ConnectorException {@code ENTITY_NOT_FOUND} for a missing id on a {@code strictDelete}
   *     model; {@code INVALID_ARGUMENT} for a null or empty id, a value the id type does not
   *     accept, or a model without id; {@code UNSUPPORTED_OPERATION} without {@link Feature#CRUD}
   */
  public long deleteById(Object id, @Nullable Options options) {
    requireCrud();
    Object key = ids.coerce(id);
    long count = deleteAll(ids.where(key), options);
    if (count == 0 && model.strictDelete()) {
      throw ids.notFound(key);
    }
    return count;
  }

  /** {@link #updateById(Object, Map, Options)} without options. */
  public Map<String, Object> updateById(Object id, Map<String, ?> data) {
    return updateById(id, data, Options.NONE);
  }

  /**
   * Patches one record: unmentioned properties keep their values. With {@link
   * Connector#allowsExtendedOperators()} the data may hold update operators. Feature {@link
   * Feature#CRUD}.
   *
   * @param id as in {@link #findById(Object, Filter, Options)}
   * @param data never null
   * @param options null for none
   * @return the updated record
   * @throws ConnectorException {@code ENTITY_NOT_FOUND}; {@code VALIDATION_FAILED}; {@code
   *     INVALID_ARGUMENT} when data holds a different id, or for a null or empty id; {@code
   *     UNSUPPORTED_OPERATION} without {@link Feature#CRUD}
   */
  public Map<String, Object> updateById(Object id, Map<String, ?> data, @Nullable Options options) {
    return writeById("updateById", id, data, options, WriteMode.PATCH);
  }

  /** {@link #replaceById(Object, Map, Options)} without options. */
  public Map<String, Object> replaceById(Object id, Map<String, ?> data) {
    return replaceById(id, data, Options.NONE);
  }

  /**
   * Replaces one record: unmentioned properties become null, defaults are applied again. Feature
   * {@link Feature#CRUD}.
   *
   * @param id as in {@link #findById(Object, Filter, Options)}
   * @param data never null
   * @param options null for none
   * @return the replaced record
   * @throws ConnectorException {@code ENTITY_NOT_FOUND}; {@code VALIDATION_FAILED}; {@code
   *     INVALID_ARGUMENT} when data holds a different id, or for a null or empty id; {@code
   *     UNSUPPORTED_OPERATION} without {@link Feature#CRUD}
   */
  public Map<String, Object> replaceById(
      Object id, Map<String, ?> data, @Nullable Options options) {
    return writeById("replaceById", id, data, options, WriteMode.REPLACE);
  }

  /** The record with this id patched by data, or replaced by it, as {@code mode} says. */
  private Map<String, Object> writeById(
      String operation, Object id, Map<String, ?> data, @Nullable Options options, WriteMode mode) {
    requireNonNull(data, "data is null");
    Options checked = checkRecords(options);
    Object key = ids.coerce(id);
    boolean patch = mode == WriteMode.PATCH;
    return run(
        operation,
        () -> {
          Map<String, Object> given = ids.withoutSameId(key, data);
          Map<String, Object> persisted =
              writes.prepare(operation, patch ? given : ids.withId(key, given), mode, checked);
          Map<String, Object> stored =
              patch
                  ? connector.updateAttributes(model, key, persisted, checked)
                  : connector.replaceById(model, key, persisted, checked);
          return writes.saved(operation, stored, false, checked);
        });
  }

  // ---------------------------------------------------------------- upserts

  /** {@link #upsert(Map, Options)} without options. */
  public Map<String, Object> upsert(Map<String, ?> data) {
    return upsert(data, Options.NONE);
  }

  /**
   * Creates the record when data has no id or its id does not exist (with {@code forceId}: {@code
   * ENTITY_NOT_FOUND}); patches it when it exists. Atomic with {@link Feature#ATOMIC_UPSERT}. Also
   * known as {@code updateOrCreate} and {@code patchOrCreate}. Feature {@link Feature#CRUD}.
   *
   * @param data never null
   * @param options null for none
   * @return the stored record
   * @throws ConnectorException {@code VALIDATION_FAILED}; {@code ENTITY_NOT_FOUND} for a new id on
   *     a {@code forceId} model; {@code DUPLICATE_KEY}; {@code INVALID_ARGUMENT} for a model
   *     without id; {@code UNSUPPORTED_OPERATION} without {@link Feature#CRUD}
   */
  public Map<String, Object> upsert(Map<String, ?> data, @Nullable Options options) {
    return upsertById("upsert", data, options, WriteMode.PATCH);
  }

  /** Same as {@link #upsert(Map, Options)}, nulls and exceptions included. */
  public Map<String, Object> updateOrCreate(Map<String, ?> data, @Nullable Options options) {
    return upsert(data, options);
  }

  /** Same as {@link #upsert(Map, Options)}, nulls and exceptions included. */
  public Map<String, Object> patchOrCreate(Map<String, ?> data, @Nullable Options options) {
    return upsert(data, options);
  }

  /** {@link #replaceOrCreate(Map, Options)} without options. */
  public Map<String, Object> replaceOrCreate(Map<String, ?> data) {
    return replaceOrCreate(data, Options.NONE);
  }

  /**
   * Like {@link #upsert(Map, Options)}, with replace semantics for an existing record. Feature
   * {@link Feature#CRUD}.
   *
   * @param data never null
   * @param options null for none
   * @return the stored record
   * @throws ConnectorException as {@link #upsert(Map, Options)}
   */
  public Map<String, Object> replaceOrCreate(Map<String, ?> data, @Nullable Options options) {
    return upsertById("replaceOrCreate", data, options, WriteMode.REPLACE);
  }

  private Map<String, Object> upsertById(
      String operation, Map<String, ?> data, @Nullable Options options, WriteMode existingMode) {
    requireNonNull(data, "data is null");
    requireCrud();
    if (!model.hasId()) {
      throw ids.noId(operation);
    }
    Object rawId = ids.given(data);
    if (rawId == null) {
      return create(data, options);
    }
    Object key = ids.coerce(rawId);
    Options checked = checkRecords(options);
    return run(
        operation,
        () -> {
          Map<String, Object> existing = writes.prepare(operation, data, existingMode, checked);
          UpsertData upsertData =
              new UpsertData(existing, () -> writes.prepareUpsertCreate(key, data, checked));
          UpsertResult result = upserts.byId(operation, key, upsertData, existingMode, checked);
          return writes.saved(operation, result.instance(), result.created(), checked);
        });
  }

  /** {@link #upsertWithWhere(Where, Map, Options)} without options. */
  public Map<String, Object> upsertWithWhere(@Nullable Where where, Map<String, ?> data) {
    return upsertWithWhere(where, data, Options.NONE);
  }

  /**
   * Patches the one record matching {@code where}, or creates {@code data} when none matches (the
   * where's values are not copied into it). Atomic with {@link Feature#ATOMIC_UPSERT}. Feature
   * {@link Feature#CRUD}.
   *
   * @param where null for all records
   * @param data never null
   * @param options null for none
   * @return the stored record
   * @throws ConnectorException {@code INVALID_ARGUMENT} for empty data or several matches; {@code
   *     VALIDATION_FAILED}; {@code DUPLICATE_KEY}; {@code INVALID_FILTER}; {@code
   *     UNSUPPORTED_OPERATION} without {@link Feature#CRUD}
   */
  public Map<String, Object> upsertWithWhere(
      @Nullable Where where, Map<String, ?> data, @Nullable Options options) {
    requireNonNull(data, "data is null");
    Options checked = checkRecords(options);
    if (data.isEmpty()) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT, "upsertWithWhere of " + model.name() + " needs data");
    }
    return run(
        "upsertWithWhere",
        () -> {
          Where bound = bindWhere(where);
          Map<String, Object> patch =
              writes.prepare("upsertWithWhere", data, WriteMode.PATCH, checked);
          UpsertData upsertData = new UpsertData(patch, () -> writes.prepareCreate(data, checked));
          UpsertResult result = upserts.withWhere(bound, upsertData, checked);
          return writes.saved("upsertWithWhere", result.instance(), result.created(), checked);
        });
  }

  /**
   * The {@code INVALID_ARGUMENT} error of an upsertWithWhere whose where matches several records.
   *
   * @param model never null
   * @param where the where, shown in the message
   * @deprecated connectors use {@link io.connectorkit.core.spi.ConnectorErrors#multipleInstances}
   */
  @Deprecated
  public static ConnectorException multipleInstances(ModelDefinition model, Where where) {
    return io.connectorkit.core.spi.ConnectorErrors.multipleInstances(model, where);
  }

  /** {@link #findOrCreate(Filter, Map, Options)} without options. */
  public UpsertResult findOrCreate(@Nullable Filter filter, Map<String, ?> data) {
    return findOrCreate(filter, data, Options.NONE);
  }

  /**
   * The first record matching {@code filter}, or {@code data} created. Atomic with {@link
   * Feature#ATOMIC_FIND_OR_CREATE}. Feature {@link Feature#CRUD}.
   *
   * @param filter null for all records
   * @param data never null
   * @param options null for none
   * @return the record and whether it was created; never null
   * @throws ConnectorException {@code VALIDATION_FAILED}; {@code DUPLICATE_KEY}; {@code
   *     INVALID_FILTER}; {@code UNSUPPORTED_OPERATION} without {@link Feature#CRUD}
   */
  public UpsertResult findOrCreate(
      @Nullable Filter filter, Map<String, ?> data, @Nullable Options options) {
    requireNonNull(data, "data is null");
    Options checked = checkRecords(options);
    return run(
        "findOrCreate",
        () -> {
          Filter query = access("findOrCreate", filter == null ? Filter.ALL : filter, checked);
          Supplier<Map<String, Object>> creator = () -> writes.prepareCreate(data, checked);
          UpsertResult result = upserts.findOrCreate(query, creator, checked);
          Map<String, Object> instance =
              result.created()
                  ? writes.saved("findOrCreate", result.instance(), true, checked)
                  : shaper.present(
                      shaper.loaded("findOrCreate", result.instance(), checked), query.fields());
          return new UpsertResult(instance, result.created());
        });
  }

  // ---------------------------------------------------------------- remote operations

  /**
   * Invokes a named remote operation of this model. Feature {@link Feature#OPERATIONS}; does not
   * need {@link Feature#CRUD}.
   *
   * @param method never null
   * @param args null for none
   * @param options null for none
   * @return the operation's result, as the connector documents it; null when the operation answers
   *     nothing
   * @throws ConnectorException {@code UNSUPPORTED_OPERATION} without {@link Feature#OPERATIONS}
   */
  public @Nullable Object invoke(
      String method, @Nullable Map<String, Object> args, @Nullable Options options) {
    requireNonNull(method, "method is null");
    Options checked = checkOptions(options);
    return run(
        "invoke", () -> connector.invoke(model, method, args == null ? Map.of() : args, checked));
  }

  // ---------------------------------------------------------------- internals

  private <T> T run(String operation, Supplier<T> work) {
    return dataSource.run(model.name(), operation, work);
  }

  /** {@link #checkOptions} for a C3 operation. */
  private Options checkRecords(@Nullable Options options) {
    requireCrud();
    return checkOptions(options);
  }

  /** A C3 operation on a connector without {@link Feature#CRUD} fails before checking anything. */
  private void requireCrud() {
    if (!connector.supports(Feature.CRUD)) {
      throw Feature.CRUD.unsupported(connector.name());
    }
  }

  private Options checkOptions(@Nullable Options options) {
    Options checked = dataSource.withCurrentTransaction(options);
    Transaction transaction = checked.transaction();
    if (transaction != null) {
      if (!transaction.isOwnedBy(connector)) {
        throw new ConnectorException(
            ErrorCode.INVALID_ARGUMENT,
            "transaction "
                + transaction.id()
                + " belongs to another datasource than \""
                + dataSource.name()
                + "\"");
      }
      transaction.checkActive();
    }
    return checked;
  }

  private List<Map<String, Object>> findBound(Filter filter, Options options) {
    List<Map<String, Object>> rows =
        shaper.loaded("find", residuals.find(filter, options), options);
    Includes.resolve(dataSource, model, filter.include(), rows, options);
    return shaper.present(rows, filter);
  }

  /** A where checked against the model and coerced (C2, C4); null matches every record. */
  private Where bindWhere(@Nullable Where where) {
    return FilterBinder.bind(scopes.apply(where), model, connector.allowsExtendedOperators());
  }

  /** A filter with the model's default scope applied, checked and coerced. */
  private Filter bindFilter(Filter filter) {
    return FilterBinder.bind(scopes.apply(filter), model, connector.allowsExtendedOperators());
  }

  // Identity on purpose: a hook that kept the bound filter needs no second binding.
  @SuppressWarnings("ReferenceEquality")
  private Filter access(String operation, Filter filter, Options options) {
    Filter bound = bindFilter(filter);
    if (!hooks.has(OperationHook.ACCESS)) {
      return bound;
    }
    HookContext context = hooks.context(OperationHook.ACCESS, operation, options).query(bound);
    hooks.notify(context);
    // An ACCESS context always holds a query: set above, replaced only by a non-null one.
    Filter query = requireNonNull(context.query(), "query is null");
    return query == bound ? bound : bindFilter(query);
  }
}
