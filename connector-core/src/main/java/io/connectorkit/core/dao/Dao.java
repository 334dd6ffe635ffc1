package io.connectorkit.core.dao;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.Connector;
import io.connectorkit.core.ConnectorException;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.ErrorCode;
import io.connectorkit.core.Feature;
import io.connectorkit.core.Options;
import io.connectorkit.core.Transaction;
import io.connectorkit.core.UpsertData;
import io.connectorkit.core.UpsertResult;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterBinder;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.ModelValidator.WriteMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The data-access object of one model (CONTRACT C3): every operation, with coercion, defaults and
 * validation (C1.2, C2), filters (C4) including residual evaluation (C4.6), operation hooks (C9),
 * and read-then-write shims for the optional operations a connector lacks.
 *
 * <p>Records are {@code Map<String, Object>} with values in the Java representation of {@link
 * io.connectorkit.core.model.PropertyType}. Results list every declared property (null when unset),
 * hidden ones excepted. Obtain one with {@link DataSource#dao(String)}. Thread-safe.
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

  /** Use {@link DataSource#dao(String)}. */
  public Dao(DataSource dataSource, ModelDefinition model, OperationHooks hooks) {
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
  }

  public ModelDefinition model() {
    return model;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  // ---------------------------------------------------------------- create

  public Map<String, Object> create(Map<String, ?> data) {
    return create(data, Options.NONE);
  }

  /**
   * Creates a record: forceId check, defaults, coercion, validation, hooks, then the connector.
   *
   * @return the created record, id included
   * @throws ConnectorException {@code VALIDATION_FAILED}, {@code DUPLICATE_KEY}
   */
  public Map<String, Object> create(Map<String, ?> data, Options options) {
    requireNonNull(data, "data is null");
    Options checked = checkRecords(options);
    return run(
        () -> {
          Map<String, Object> valid = writes.prepareCreate(data, checked);
          Map<String, Object> stored = connector.create(model, valid, checked);
          return writes.saved("create", stored, true, checked);
        });
  }

  public List<Map<String, Object>> createAll(List<? extends Map<String, ?>> data) {
    return createAll(data, Options.NONE);
  }

  /**
   * Creates records in input order. Every item is validated before any is written; with {@link
   * Feature#BATCH_CREATE} the connector writes all or none in one round trip, else they are created
   * one by one and a failure says which were written.
   *
   * @throws ConnectorException {@code VALIDATION_FAILED} naming the item, {@code DUPLICATE_KEY}
   */
  public List<Map<String, Object>> createAll(List<? extends Map<String, ?>> data, Options options) {
    requireNonNull(data, "data is null");
    Options checked = checkRecords(options);
    return run(
        () -> {
          List<Map<String, Object>> valid = writes.prepareCreateAll(data, checked);
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

  public List<Map<String, Object>> find(Filter filter) {
    return find(filter, Options.NONE);
  }

  /**
   * Finds records (C4).
   *
   * @param filter null for all records
   * @throws ConnectorException {@code INVALID_FILTER}
   */
  public List<Map<String, Object>> find(Filter filter, Options options) {
    Options checked = checkRecords(options);
    return run(
        () -> findBound(access("find", filter == null ? Filter.ALL : filter, checked), checked));
  }

  public Optional<Map<String, Object>> findOne(Filter filter) {
    return findOne(filter, Options.NONE);
  }

  /** The first record {@code find} would return ({@code limit} forced to 1). */
  public Optional<Map<String, Object>> findOne(Filter filter, Options options) {
    Filter base = filter == null ? Filter.ALL : filter;
    List<Map<String, Object>> rows = find(base.withPage(1, base.skip()), options);
    return rows.stream().findFirst();
  }

  public Optional<Map<String, Object>> findById(Object id) {
    return findById(id, null, Options.NONE);
  }

  /**
   * The record with an id; of the filter only {@code fields} and {@code include} are honoured.
   *
   * @throws ConnectorException {@code INVALID_ARGUMENT} for a null or empty id, or a model without
   *     id
   */
  public Optional<Map<String, Object>> findById(Object id, Filter filter, Options options) {
    requireCrud();
    Object key = ids.coerce(id);
    Filter base = filter == null ? Filter.ALL : filter;
    Filter byId = new Filter(ids.where(key), base.fields(), List.of(), 1, 0, base.include());
    return find(byId, options).stream().findFirst();
  }

  public long count(Where where) {
    return count(where, Options.NONE);
  }

  /** The number of records matching {@code where} (null for all). */
  public long count(Where where, Options options) {
    Options checked = checkRecords(options);
    return run(
        () -> {
          Filter query =
              access("count", Filter.where(where == null ? Where.all() : where), checked);
          return residuals.count(query, checked);
        });
  }

  public boolean exists(Object id) {
    return exists(id, Options.NONE);
  }

  /** Whether a record with this id exists. */
  public boolean exists(Object id, Options options) {
    requireCrud();
    return count(ids.where(ids.coerce(id)), options) > 0;
  }

  // ---------------------------------------------------------------- update and delete

  public long updateAll(Where where, Map<String, ?> data) {
    return updateAll(where, data, Options.NONE);
  }

  /**
   * Patches every record matching {@code where} (null for all); no defaults.
   *
   * @return the number of records matched
   */
  public long updateAll(Where where, Map<String, ?> data, Options options) {
    requireNonNull(data, "data is null");
    Options checked = checkRecords(options);
    return run(
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

  public long deleteAll(Where where) {
    return deleteAll(where, Options.NONE);
  }

  /**
   * Deletes every record matching {@code where} (null for all).
   *
   * @return the number of records deleted
   */
  public long deleteAll(Where where, Options options) {
    Options checked = checkRecords(options);
    return run(
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

  public long deleteById(Object id) {
    return deleteById(id, Options.NONE);
  }

  /**
   * Deletes one record.
   *
   * @return 0 or 1
   * @throws ConnectorException {@code ENTITY_NOT_FOUND} for a missing id on a {@code strictDelete}
   *     model
   */
  public long deleteById(Object id, Options options) {
    requireCrud();
    Object key = ids.coerce(id);
    long count = deleteAll(ids.where(key), options);
    if (count == 0 && model.strictDelete()) {
      throw ids.notFound(key);
    }
    return count;
  }

  public Map<String, Object> updateById(Object id, Map<String, ?> data) {
    return updateById(id, data, Options.NONE);
  }

  /**
   * Patches one record: unmentioned properties keep their values.
   *
   * @throws ConnectorException {@code ENTITY_NOT_FOUND}; {@code INVALID_ARGUMENT} when data holds a
   *     different id
   */
  public Map<String, Object> updateById(Object id, Map<String, ?> data, Options options) {
    return writeById("updateById", id, data, options, WriteMode.PATCH);
  }

  public Map<String, Object> replaceById(Object id, Map<String, ?> data) {
    return replaceById(id, data, Options.NONE);
  }

  /**
   * Replaces one record: unmentioned properties become null, defaults are applied again.
   *
   * @throws ConnectorException {@code ENTITY_NOT_FOUND}; {@code INVALID_ARGUMENT} when data holds a
   *     different id
   */
  public Map<String, Object> replaceById(Object id, Map<String, ?> data, Options options) {
    return writeById("replaceById", id, data, options, WriteMode.REPLACE);
  }

  /** The record with this id patched by data, or replaced by it, as {@code mode} says. */
  private Map<String, Object> writeById(
      String operation, Object id, Map<String, ?> data, Options options, WriteMode mode) {
    requireNonNull(data, "data is null");
    Options checked = checkRecords(options);
    Object key = ids.coerce(id);
    boolean patch = mode == WriteMode.PATCH;
    return run(
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

  public Map<String, Object> upsert(Map<String, ?> data) {
    return upsert(data, Options.NONE);
  }

  /**
   * Creates the record when data has no id or its id does not exist (with {@code forceId}: {@code
   * ENTITY_NOT_FOUND}); patches it when it exists. Atomic with {@link Feature#ATOMIC_UPSERT}. Also
   * known as {@code updateOrCreate} and {@code patchOrCreate}.
   */
  public Map<String, Object> upsert(Map<String, ?> data, Options options) {
    return upsertById("upsert", data, options, WriteMode.PATCH);
  }

  /** Same as {@link #upsert(Map, Options)}. */
  public Map<String, Object> updateOrCreate(Map<String, ?> data, Options options) {
    return upsert(data, options);
  }

  /** Same as {@link #upsert(Map, Options)}. */
  public Map<String, Object> patchOrCreate(Map<String, ?> data, Options options) {
    return upsert(data, options);
  }

  public Map<String, Object> replaceOrCreate(Map<String, ?> data) {
    return replaceOrCreate(data, Options.NONE);
  }

  /** Like {@link #upsert(Map, Options)}, with replace semantics for an existing record. */
  public Map<String, Object> replaceOrCreate(Map<String, ?> data, Options options) {
    return upsertById("replaceOrCreate", data, options, WriteMode.REPLACE);
  }

  private Map<String, Object> upsertById(
      String operation, Map<String, ?> data, Options options, WriteMode existingMode) {
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
        () -> {
          Map<String, Object> existing = writes.prepare(operation, data, existingMode, checked);
          UpsertData upsertData =
              new UpsertData(existing, () -> writes.prepareUpsertCreate(key, data, checked));
          UpsertResult result = upserts.byId(operation, key, upsertData, existingMode, checked);
          return writes.saved(operation, result.instance(), result.created(), checked);
        });
  }

  public Map<String, Object> upsertWithWhere(Where where, Map<String, ?> data) {
    return upsertWithWhere(where, data, Options.NONE);
  }

  /**
   * Patches the one record matching {@code where}, or creates {@code data} when none matches (the
   * where's values are not copied into it).
   *
   * @throws ConnectorException {@code INVALID_ARGUMENT} for empty data or several matches
   */
  public Map<String, Object> upsertWithWhere(Where where, Map<String, ?> data, Options options) {
    requireNonNull(data, "data is null");
    Options checked = checkRecords(options);
    if (data.isEmpty()) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT, "upsertWithWhere of " + model.name() + " needs data");
    }
    return run(
        () -> {
          Where bound = bindWhere(where);
          Map<String, Object> patch =
              writes.prepare("upsertWithWhere", data, WriteMode.PATCH, checked);
          UpsertData upsertData = new UpsertData(patch, () -> writes.prepareCreate(data, checked));
          UpsertResult result = upserts.withWhere(bound, upsertData, checked);
          return writes.saved("upsertWithWhere", result.instance(), result.created(), checked);
        });
  }

  /** The error of an upsertWithWhere whose where matches several records. */
  public static ConnectorException multipleInstances(ModelDefinition model, Where where) {
    return new ConnectorException(
        ErrorCode.INVALID_ARGUMENT,
        "There are multiple instances found. Upsert Operation will not be performed! (model "
            + model.name()
            + ", where "
            + where
            + ")");
  }

  public UpsertResult findOrCreate(Filter filter, Map<String, ?> data) {
    return findOrCreate(filter, data, Options.NONE);
  }

  /**
   * The first record matching {@code filter}, or {@code data} created. Atomic with {@link
   * Feature#ATOMIC_FIND_OR_CREATE}.
   */
  public UpsertResult findOrCreate(Filter filter, Map<String, ?> data, Options options) {
    requireNonNull(data, "data is null");
    Options checked = checkRecords(options);
    return run(
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

  /** Invokes a named remote operation of this model. Feature {@link Feature#OPERATIONS}. */
  public Object invoke(String method, Map<String, Object> args, Options options) {
    requireNonNull(method, "method is null");
    Options checked = checkOptions(options);
    return run(() -> connector.invoke(model, method, args == null ? Map.of() : args, checked));
  }

  // ---------------------------------------------------------------- internals

  private <T> T run(Supplier<T> operation) {
    return dataSource.run(operation);
  }

  /** {@link #checkOptions} for a C3 operation. */
  private Options checkRecords(Options options) {
    requireCrud();
    return checkOptions(options);
  }

  /** A C3 operation on a connector without {@link Feature#CRUD} fails before checking anything. */
  private void requireCrud() {
    if (!connector.supports(Feature.CRUD)) {
      throw Feature.CRUD.unsupported(connector.name());
    }
  }

  private Options checkOptions(Options options) {
    Options checked = options == null ? Options.NONE : options;
    Transaction transaction = checked.transaction();
    if (transaction != null) {
      if (transaction.connector() != connector) {
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
  private Where bindWhere(Where where) {
    return FilterBinder.bind(
        where == null ? Where.all() : where, model, connector.allowsExtendedOperators());
  }

  private Filter bindFilter(Filter filter) {
    return FilterBinder.bind(filter, model, connector.allowsExtendedOperators());
  }

  private Filter access(String operation, Filter filter, Options options) {
    Filter bound = bindFilter(filter);
    if (!hooks.has(OperationHook.ACCESS)) {
      return bound;
    }
    HookContext context = hooks.context(OperationHook.ACCESS, operation, options).query(bound);
    hooks.notify(context);
    return context.query() == bound ? bound : bindFilter(context.query());
  }
}
