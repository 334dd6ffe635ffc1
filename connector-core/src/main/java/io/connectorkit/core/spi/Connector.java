package io.connectorkit.core.spi;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.IsolationLevel;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.common.UpsertResult;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The connector SPI: what a backend implements so that models on it get the whole contract
 * (CONTRACT C3–C9). The DAO coerces, validates and applies defaults before it calls a connector,
 * and evaluates what a connector did not enforce ({@link #pushdown}); a connector only stores and
 * finds rows.
 *
 * <p>Rows are {@code Map<String, Object>} keyed by property name, with values in the Java
 * representation of {@link PropertyType}. Ids are single values, or a {@code Map} of id property
 * name to value for a composite id.
 *
 * <p>Every optional method has a default that throws {@link ErrorCode#UNSUPPORTED_OPERATION} with
 * {@link Feature#unsupportedMessage(String)}, the message the TCK asserts. A connector that
 * declares the feature in {@link #features()} overrides the matching methods.
 *
 * <p>{@link io.connectorkit.core.Dao} and {@link DataSource} call these methods with non-null
 * arguments ({@link Options#NONE} for no options, {@link Where#all()} for every row) unless a
 * parameter says otherwise.
 *
 * <p>Implementations must be safe for use by many threads.
 */
public abstract class Connector implements AutoCloseable {
  private final String name;
  private final Settings settings;
  private final Map<String, ModelDefinition> models = new ConcurrentHashMap<>();
  private final List<ExecuteListener> listeners = new CopyOnWriteArrayList<>();
  private boolean connected;

  /**
   * @param name the connector's name, as its factory's {@link ConnectorFactory#name()}
   * @param settings the datasource settings, never null
   */
  protected Connector(String name, Settings settings) {
    this.name = requireNonNull(name, "name is null");
    this.settings = requireNonNull(settings, "settings is null");
  }

  /** The connector's name, as its factory's {@link ConnectorFactory#name()}; never null. */
  public final String name() {
    return name;
  }

  /** The datasource settings this connector was built from; never null. */
  public final Settings settings() {
    return settings;
  }

  /** The optional features this connector has (C7); never null. */
  public abstract Set<Feature> features();

  /**
   * Whether {@link #features()} contains {@code feature}.
   *
   * @param feature never null
   */
  public final boolean supports(Feature feature) {
    return features().contains(feature);
  }

  /**
   * Whether {@code $}-prefixed keys of the backend are allowed (CONTRACT C4.1: a documented
   * extension enabled by the datasource setting {@code allowExtendedOperators}): {@link
   * io.connectorkit.core.filter.Where.Extension} conditions in every where, and update operators
   * ({@code $inc}, {@code $push}, …) in the data of {@code updateAll} and {@code updateById} (see
   * {@link io.connectorkit.core.model.ModelValidator#validateUpdate}). When true, the connector
   * must enforce every extension condition in {@link #pushdown} and apply the operators in {@link
   * #update} and {@link #updateAttributes}. The default, false, makes the DAO refuse them ({@code
   * INVALID_FILTER} / {@code VALIDATION_FAILED} naming the key).
   */
  public boolean allowsExtendedOperators() {
    return false;
  }

  // ---------------------------------------------------------------- lifecycle (C6)

  /**
   * Connects to the backend; idempotent.
   *
   * @throws ConnectorException {@link ErrorCode#CONNECTION_FAILED} when the backend is unreachable
   */
  public final synchronized void connect() {
    if (!connected) {
      doConnect();
      connected = true;
    }
  }

  /** Closes backend resources after in-flight operations finish; idempotent. */
  public final synchronized void disconnect() {
    if (connected) {
      connected = false;
      doDisconnect();
    }
  }

  /** Whether {@link #connect()} has succeeded since the last {@link #disconnect()}. */
  public final synchronized boolean isConnected() {
    return connected;
  }

  /** Opens backend resources; called once per {@link #connect()} of a disconnected connector. */
  protected void doConnect() {}

  /** Releases backend resources; called once per {@link #disconnect()} of a connected one. */
  protected void doDisconnect() {}

  /**
   * Checks that the backend answers; never hangs longer than the connect timeout.
   *
   * @return true
   * @throws ConnectorException {@link ErrorCode#CONNECTION_FAILED} with the cause
   */
  public boolean ping() {
    connect();
    return true;
  }

  /** Same as {@link #disconnect()}. */
  @Override
  public void close() {
    disconnect();
  }

  // ---------------------------------------------------------------- model registry (C1.2)

  /** The id type injected into models without an id (memory and SQL: generated numbers). */
  public PropertyType defaultIdType() {
    return PropertyType.NUMBER;
  }

  /**
   * Registers a model (replacing one of the same name), after id injection.
   *
   * @return the definition as registered
   * @throws ConnectorException {@link ErrorCode#UNSUPPORTED_OPERATION} for a {@code strict: false}
   *     model without {@link Feature#FREE_FORM_PROPERTIES}; {@link ErrorCode#CONFIGURATION_INVALID}
   *     for a model this connector cannot store
   */
  public ModelDefinition define(ModelDefinition model) {
    requireNonNull(model, "model is null");
    if (!model.strict() && !supports(Feature.FREE_FORM_PROPERTIES)) {
      throw new ConnectorException(
          ErrorCode.UNSUPPORTED_OPERATION,
          Feature.FREE_FORM_PROPERTIES.unsupportedMessage(name)
              + " (model "
              + model.name()
              + " is strict: false)");
    }
    checkGeneratedIdTypes(model);
    ModelDefinition effective = model.withInjectedId(defaultIdType());
    onDefine(effective);
    models.put(effective.name(), effective);
    return effective;
  }

  /**
   * Rejects a declared generated id of a type this connector cannot generate (C7 {@link
   * Feature#STRING_IDS}, {@link Feature#NUMERIC_IDS}), so that it never silently stores an id of
   * another type. An injected id has {@link #defaultIdType()} and is not checked.
   */
  private void checkGeneratedIdTypes(ModelDefinition model) {
    for (PropertyDefinition id : model.idProperties()) {
      if (!id.generated()) {
        continue;
      }
      Feature needed =
          switch (id.type().kind()) {
            case STRING -> Feature.STRING_IDS;
            case NUMBER -> Feature.NUMERIC_IDS;
            default -> null;
          };
      if (needed != null && !supports(needed)) {
        throw new ConnectorException(
            ErrorCode.UNSUPPORTED_OPERATION,
            needed.unsupportedMessage(name)
                + " (model "
                + model.name()
                + " has a generated "
                + id.type()
                + " id `"
                + id.name()
                + "`)");
      }
    }
  }

  /** Called by {@link #define} before the model is registered; may reject it. */
  protected void onDefine(ModelDefinition model) {}

  /**
   * The registered model of that name, as {@link #define} returned it.
   *
   * @param modelName never null
   * @throws ConnectorException {@link ErrorCode#MODEL_NOT_FOUND} when no such model is defined
   */
  public final ModelDefinition model(String modelName) {
    ModelDefinition model = models.get(requireNonNull(modelName, "modelName is null"));
    if (model == null) {
      throw new ConnectorException(
          ErrorCode.MODEL_NOT_FOUND, "model \"" + modelName + "\" is not defined on " + name);
    }
    return model;
  }

  /** A snapshot of the registered models; never null, empty when none is defined. */
  public final Collection<ModelDefinition> models() {
    return List.copyOf(models.values());
  }

  // ---------------------------------------------------------------- CRUD (C3), feature CRUD

  // Each has a default that refuses, so that an operations-only connector need not write seven
  // refusals; a connector that declares CRUD overrides all seven, and the TCK checks it did.

  /**
   * Stores a new record; generates the id when absent. Feature {@link Feature#CRUD}, as the six
   * methods after it.
   *
   * @param data validated, coerced, defaults applied; never null
   * @return the stored record, id included
   * @throws ConnectorException {@link ErrorCode#DUPLICATE_KEY} for an existing id or unique value
   */
  public Map<String, Object> create(
      ModelDefinition model, Map<String, Object> data, Options options) {
    throw Feature.CRUD.unsupported(name);
  }

  /**
   * Finds rows. Enforces {@link Pushdown#enforced()} of {@link #pushdown}; when that is complete,
   * also order (ties by id ascending), skip and limit. May ignore {@code fields} and {@code
   * include}, which the DAO applies.
   */
  public List<Map<String, Object>> all(ModelDefinition model, Filter filter, Options options) {
    throw Feature.CRUD.unsupported(name);
  }

  /** Counts rows matching a where that this connector fully enforces. */
  public long count(ModelDefinition model, Where where, Options options) {
    throw Feature.CRUD.unsupported(name);
  }

  /**
   * Patches every row matching a where that this connector fully enforces.
   *
   * @return the number of rows matched
   */
  public long update(
      ModelDefinition model, Where where, Map<String, Object> data, Options options) {
    throw Feature.CRUD.unsupported(name);
  }

  /**
   * Deletes every row matching a where that this connector fully enforces.
   *
   * @return the number of rows deleted
   */
  public long destroyAll(ModelDefinition model, Where where, Options options) {
    throw Feature.CRUD.unsupported(name);
  }

  /**
   * Patches one record.
   *
   * @return the updated record
   * @throws ConnectorException {@link ErrorCode#ENTITY_NOT_FOUND} when the id does not exist
   */
  public Map<String, Object> updateAttributes(
      ModelDefinition model, Object id, Map<String, Object> data, Options options) {
    throw Feature.CRUD.unsupported(name);
  }

  /**
   * Replaces one record: properties absent from {@code data} become null.
   *
   * @return the replaced record
   * @throws ConnectorException {@link ErrorCode#ENTITY_NOT_FOUND} when the id does not exist
   */
  public Map<String, Object> replaceById(
      ModelDefinition model, Object id, Map<String, Object> data, Options options) {
    throw Feature.CRUD.unsupported(name);
  }

  /**
   * Splits a query into what this connector enforces and the residual the core evaluates (C4.6).
   * The default enforces everything; a connector that pushes down less overrides it.
   *
   * <p>Every connector must enforce {@code eq} and {@code inq} on its id property (for a composite
   * id: an {@code or} of {@code and}s of {@code eq} on the id properties): the DAO runs bulk writes
   * with a residual through the matching ids, and by-id reads through those conditions.
   */
  public Pushdown pushdown(ModelDefinition model, Filter filter) {
    return Pushdown.all(filter.where());
  }

  // ---------------------------------------------------------------- optional operations (C3, C7)

  /**
   * Creates records in one round trip, all or none. Feature {@link Feature#BATCH_CREATE}.
   *
   * @return the stored records in input order
   */
  public List<Map<String, Object>> createAll(
      ModelDefinition model, List<Map<String, Object>> data, Options options) {
    throw Feature.BATCH_CREATE.unsupported(name);
  }

  /**
   * Atomically patches the record with {@code id}, or creates {@link UpsertData#forCreate()}.
   * Feature {@link Feature#ATOMIC_UPSERT}.
   */
  public UpsertResult updateOrCreate(
      ModelDefinition model, Object id, UpsertData data, Options options) {
    throw Feature.ATOMIC_UPSERT.unsupported(name);
  }

  /**
   * Atomically replaces the record with {@code id}, or creates {@link UpsertData#forCreate()}.
   * Feature {@link Feature#ATOMIC_UPSERT}.
   */
  public UpsertResult replaceOrCreate(
      ModelDefinition model, Object id, UpsertData data, Options options) {
    throw Feature.ATOMIC_UPSERT.unsupported(name);
  }

  /**
   * Atomically patches the one record matching {@code where}, or creates one. Feature {@link
   * Feature#ATOMIC_UPSERT}.
   *
   * @throws ConnectorException {@link ErrorCode#INVALID_ARGUMENT} when several records match
   */
  public UpsertResult upsertWithWhere(
      ModelDefinition model, Where where, UpsertData data, Options options) {
    throw Feature.ATOMIC_UPSERT.unsupported(name);
  }

  /**
   * Atomically finds the first record matching {@code filter}, or creates one. Feature {@link
   * Feature#ATOMIC_FIND_OR_CREATE}.
   */
  public UpsertResult findOrCreate(
      ModelDefinition model, Filter filter, Supplier<Map<String, Object>> data, Options options) {
    throw Feature.ATOMIC_FIND_OR_CREATE.unsupported(name);
  }

  /**
   * Starts a transaction (C8). Feature {@link Feature#TRANSACTIONS}.
   *
   * @param timeout null for none
   * @throws ConnectorException {@link ErrorCode#UNSUPPORTED_OPERATION} for a level the backend
   *     lacks
   */
  public Transaction beginTransaction(IsolationLevel isolation, @Nullable Duration timeout) {
    throw Feature.TRANSACTIONS.unsupported(name);
  }

  /** Drops and recreates the models' storage. Feature {@link Feature#MIGRATION}. */
  public void automigrate(List<ModelDefinition> models) {
    throw Feature.MIGRATION.unsupported(name);
  }

  /**
   * Brings the models' storage up to date without losing data unless {@code destructive}. Feature
   * {@link Feature#MIGRATION}.
   */
  public void autoupdate(List<ModelDefinition> models, boolean destructive) {
    throw Feature.MIGRATION.unsupported(name);
  }

  /** Whether the storage matches the models. Feature {@link Feature#MIGRATION}. */
  public boolean isActual(List<ModelDefinition> models) {
    throw Feature.MIGRATION.unsupported(name);
  }

  /**
   * The backend's tables or collections: {@code {"name", "type", "owner"}} each. Feature {@link
   * Feature#DISCOVERY}.
   */
  public List<Map<String, Object>> discoverModelDefinitions(Map<String, Object> options) {
    throw Feature.DISCOVERY.unsupported(name);
  }

  /** The columns of one table. Feature {@link Feature#DISCOVERY}. */
  public List<Map<String, Object>> discoverModelProperties(
      String table, Map<String, Object> options) {
    throw Feature.DISCOVERY.unsupported(name);
  }

  /** The primary key columns of one table. Feature {@link Feature#DISCOVERY}. */
  public List<Map<String, Object>> discoverPrimaryKeys(String table, Map<String, Object> options) {
    throw Feature.DISCOVERY.unsupported(name);
  }

  /** The foreign keys of one table. Feature {@link Feature#DISCOVERY}. */
  public List<Map<String, Object>> discoverForeignKeys(String table, Map<String, Object> options) {
    throw Feature.DISCOVERY.unsupported(name);
  }

  /** Model JSON (C1.2) for one table. Feature {@link Feature#DISCOVERY}. */
  public Map<String, Object> discoverSchemas(String table, Map<String, Object> options) {
    throw Feature.DISCOVERY.unsupported(name);
  }

  /** Runs a native command. Feature {@link Feature#EXECUTE}. */
  public Object execute(String command, List<Object> params, Options options) {
    throw Feature.EXECUTE.unsupported(name);
  }

  /**
   * Invokes a named remote operation. Feature {@link Feature#OPERATIONS}.
   *
   * @return the operation's result; null when it answers nothing (an empty response body)
   */
  public @Nullable Object invoke(
      ModelDefinition model, String method, Map<String, Object> args, Options options) {
    throw Feature.OPERATIONS.unsupported(name);
  }

  // ---------------------------------------------------------------- connector hooks (C9)

  /**
   * Adds a connector hook (C9) that {@link #executeNative} calls around every native call.
   *
   * @param listener never null
   */
  public final void addExecuteListener(ExecuteListener listener) {
    listeners.add(requireNonNull(listener, "listener is null"));
  }

  /**
   * This connector's listeners as one: a connector that makes its native calls through another
   * connector (a decorator adding caching or metrics) registers it there, so that hooks added to
   * the outer connector see the inner one's calls (C9).
   */
  protected final ExecuteListener executeListeners() {
    return new ExecuteListener() {
      @Override
      public void beforeExecute(ExecuteContext context) {
        listeners.forEach(listener -> listener.beforeExecute(context));
      }

      @Override
      public void afterExecute(ExecuteContext context) {
        listeners.forEach(listener -> listener.afterExecute(context));
      }
    };
  }

  /** Removes a listener added with {@link #addExecuteListener}; no effect for null or another. */
  public final void removeExecuteListener(@Nullable ExecuteListener listener) {
    listeners.remove(listener);
  }

  /**
   * Describes one of this connector's native requests backend-neutrally (C9), for query logs,
   * metrics and traces. The default knows maps with an {@code op} and a {@code table} or {@code
   * model} ({@code SqlConnector} adds SQL statements), and falls back to the request's class name;
   * a connector whose requests are of another type overrides it so that the description names the
   * call's target.
   *
   * @param request a request this connector passed to {@link #executeNative}, never null
   * @return never null; its text never holds a secret or a value
   */
  public NativeCall describe(Object request) {
    requireNonNull(request, "request is null");
    if (request instanceof Map<?, ?> map && map.get("op") instanceof String op) {
      // The map-shaped requests of the tutorial connectors: {"op": …, "table"|"model": …}.
      Object target = map.get("table") != null ? map.get("table") : map.get("model");
      String table = target == null ? null : target.toString();
      return new NativeCall(op, table, table == null ? op : op + " " + table, List.of());
    }
    return new NativeCall("call", null, request.getClass().getSimpleName(), List.of());
  }

  /**
   * Runs one native call between the {@link ExecuteListener}s' before and after hooks.
   *
   * @param model the model the call is for, or null
   * @param request the native request, never null; listeners may replace it
   * @param call performs the (possibly replaced) request
   */
  protected final <T> T executeNative(
      @Nullable String model, Object request, Function<Object, T> call) {
    if (listeners.isEmpty()) {
      return call.apply(request);
    }
    ExecuteContext context = new ExecuteContext(name, model, request, this::describe);
    listeners.forEach(listener -> listener.beforeExecute(context));
    T response;
    try {
      response = call.apply(context.request());
    } catch (RuntimeException | Error e) {
      context.complete(null, e);
      listeners.forEach(listener -> listener.afterExecute(context));
      throw e;
    }
    context.complete(response, null);
    listeners.forEach(listener -> listener.afterExecute(context));
    return response;
  }

  /**
   * The transaction of {@code options}, checked to belong to this connector and to be active.
   *
   * @return null when the options carry none
   * @throws ConnectorException {@link ErrorCode#INVALID_ARGUMENT} for another connector's
   *     transaction; {@link ErrorCode#TRANSACTION_NOT_ACTIVE} for a finished one
   */
  protected final @Nullable Transaction transactionOf(Options options) {
    Transaction transaction = options.transaction();
    if (transaction == null) {
      return null;
    }
    if (!transaction.isOwnedBy(this)) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          "transaction " + transaction.id() + " belongs to another datasource");
    }
    transaction.checkActive();
    return transaction;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + name + ", " + settings + "]";
  }
}
