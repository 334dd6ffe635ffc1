package io.connectorkit.core;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.IsolationLevel;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.model.RelationDefinition;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ExecuteContext;
import io.connectorkit.core.spi.ExecuteListener;
import io.connectorkit.core.spi.Settings;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named configuration of a connector (LoopBack's DataSource): get a typed {@link Repository} for
 * a Java record, or define models from model JSON and use each model's {@link Dao}. Create one with
 * {@link DataSources}. Thread-safe; close it when done.
 *
 * <pre>{@code
 * record Person(Long id, @Property(required = true) String name, int age) {}
 *
 * try (DataSource db = DataSources.create("db", Map.of("connector", "memory"))) {
 *   Repository<Person> people = db.repository(Person.class);
 *   people.create(new Person(null, "Ada", 36));
 *   List<Person> adults = people.query().where("age").gte(18).orderBy("name").list();
 * }
 * }</pre>
 *
 * <p>The same with model JSON and maps:
 *
 * <pre>{@code
 * try (DataSource db = DataSources.create("db", Map.of("connector", "memory"))) {
 *   db.define(ModelDefinition.fromJson(personJson));
 *   Dao people = db.dao("Person");
 *   people.create(Map.of("name", "Ada", "age", 36));
 *   List<Map<String, Object>> adults = people.find(Filter.where(Where.gte("age", 18)));
 * }
 * }</pre>
 *
 * <p>Size: over 600 lines, about 40 % of them the Javadoc of the API entry point; the work is done
 * by package-private collaborators (the DAO machinery, {@code QueryLog}, {@code Scopes}).
 */
public final class DataSource implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DataSource.class);
  private static final Duration DEFAULT_DISCONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final String name;
  private final Connector connector;
  private final OperationHooks hooks = new OperationHooks();
  private final Map<String, Dao> daos = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Set<DataSource> linked = new CopyOnWriteArraySet<>();
  private final Map<String, Repository<?>> repositories = new ConcurrentHashMap<>();
  private final List<OperationListener> operationListeners = new CopyOnWriteArrayList<>();

  /** Models, as given, whose belongsTo added a key before its target was defined. */
  private final Map<String, ModelDefinition> untypedKeys = new ConcurrentHashMap<>();

  private volatile boolean connected;

  /** Where operations called without a transaction look for one; null for nowhere. */
  private volatile @Nullable Supplier<Transaction> transactionProvider;

  DataSource(String name, Connector connector) {
    this.name = requireNonNull(name, "name is null");
    this.connector = requireNonNull(connector, "connector is null");
    QueryLog.install(name, connector);
  }

  /** The datasource's name; never null. */
  public String name() {
    return name;
  }

  /** The connector behind this datasource, for the core's own classes; never null. */
  Connector connector() {
    return connector;
  }

  /** The name of the connector behind this datasource ({@code "mysql"}, …); never null. */
  public String connectorName() {
    return connector.name();
  }

  /** The features the connector declares (docs/contract.md C7); never null, unmodifiable. */
  public Set<Feature> features() {
    return connector.features();
  }

  /**
   * Adds a connector hook (docs/contract.md C9) around every native call this datasource's
   * connector makes, for logging, tracing, metrics and auth headers: it sees (and may replace) the
   * native request, and {@link ExecuteContext#call()} describes it backend-neutrally. {@code
   * afterExecute} runs for every {@code beforeExecute}, also on failure.
   *
   * @param listener never null
   */
  public void addExecuteListener(ExecuteListener listener) {
    connector.addExecuteListener(requireNonNull(listener, "listener is null"));
  }

  /**
   * Removes a hook added with {@link #addExecuteListener}; no effect for one never added.
   *
   * @param listener may be null (then no effect)
   */
  public void removeExecuteListener(@Nullable ExecuteListener listener) {
    connector.removeExecuteListener(listener);
  }

  /**
   * The connector object behind this datasource as {@code type}: the way to reach a connector's own
   * API (the SPI's {@link Connector}, or a connector class), as JDBC's {@code unwrap} and JPA's
   * {@code EntityManager.unwrap} do. Applications rarely need it; the connector SPI is not a user
   * API (its {@code define} bypasses the DAO's caches, for one).
   *
   * @param type never null
   * @return the connector, never null
   * @throws ConnectorException {@link ErrorCode#INVALID_ARGUMENT} if the connector is not a {@code
   *     type}
   */
  public <T> T unwrap(Class<T> type) {
    requireNonNull(type, "type is null");
    if (!type.isInstance(connector)) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          "datasource " + name + ": connector " + connector.name() + " is not a " + type.getName());
    }
    return type.cast(connector);
  }

  /** The connector's settings; never null. Their {@link Settings#toString()} masks secrets. */
  public Settings settings() {
    return connector.settings();
  }

  // ---------------------------------------------------------------- hooks (C9)

  /**
   * Adds a listener around every DAO operation of this datasource's models, told also of each
   * residual evaluation and shim fallback (for metrics and tracing).
   *
   * @param listener never null
   */
  public void addOperationListener(OperationListener listener) {
    operationListeners.add(requireNonNull(listener, "listener is null"));
  }

  /** Removes a listener added with {@link #addOperationListener}; no effect for null or another. */
  public void removeOperationListener(OperationListener listener) {
    operationListeners.remove(listener);
  }

  /**
   * Tells the operation listeners that the core stood in for the connector. For the DAO; not for
   * users.
   *
   * @param model never null
   * @param operation never null
   * @param fallback never null
   */
  public void reportFallback(String model, String operation, OperationListener.Fallback fallback) {
    requireNonNull(model, "model is null");
    requireNonNull(operation, "operation is null");
    requireNonNull(fallback, "fallback is null");
    for (OperationListener listener : operationListeners) {
      try {
        listener.fallback(name, model, operation, fallback);
      } catch (RuntimeException e) {
        log.warn("datasource {}: operation listener {} failed", name, listener, e);
      }
    }
  }

  // ---------------------------------------------------------------- lifecycle (C6)

  /**
   * Connects the connector; idempotent. Operations connect on first use, so this is needed only to
   * fail early.
   *
   * @throws ConnectorException {@link ErrorCode#CONNECTION_FAILED}
   */
  public void connect() {
    if (!connected) {
      connector.connect();
      connected = true;
    }
  }

  /**
   * Waits for in-flight operations (up to the {@code disconnectTimeout} setting, in milliseconds,
   * default 10 s), then disconnects; idempotent. A later operation connects again.
   */
  public void disconnect() {
    Duration timeout = settings().millis("disconnectTimeout", DEFAULT_DISCONNECT_TIMEOUT);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        TimeUnit.MILLISECONDS.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (inFlight.get() > 0) {
      log.warn(
          "datasource {}: disconnecting with {} operations still running", name, inFlight.get());
    }
    connected = false;
    connector.disconnect();
  }

  /** Same as {@link #disconnect()}. */
  @Override
  public void close() {
    disconnect();
  }

  /**
   * Checks that the backend answers.
   *
   * @return true
   * @throws ConnectorException {@link ErrorCode#CONNECTION_FAILED} with the cause
   */
  public boolean ping() {
    return connector.ping();
  }

  /**
   * Runs one operation: connects first if needed, and counts it as in flight for {@link
   * #disconnect()}. For the DAO.
   *
   * @param operation never null
   * @return what {@code operation} returns
   * @throws ConnectorException {@link ErrorCode#CONNECTION_FAILED} when connecting fails; whatever
   *     {@code operation} throws
   */
  <T> T run(java.util.function.Supplier<T> operation) {
    inFlight.incrementAndGet();
    try {
      connect();
      return operation.get();
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /**
   * Runs one DAO operation as {@link #run(java.util.function.Supplier)}, between the {@link
   * OperationListener}s' callbacks. For the DAO.
   *
   * @param model never null
   * @param operation the DAO primitive's name, never null
   * @param work never null
   * @return what {@code work} returns
   * @throws ConnectorException whatever {@link #run(java.util.function.Supplier)} throws
   */
  <T> T run(String model, String operation, java.util.function.Supplier<T> work) {
    if (operationListeners.isEmpty()) {
      return run(work);
    }
    OperationContext context = new OperationContext(name, model, operation);
    for (OperationListener listener : operationListeners) {
      try {
        listener.beforeOperation(context);
      } catch (RuntimeException e) {
        log.warn("datasource {}: operation listener {} failed", name, listener, e);
      }
    }
    Throwable failure = null;
    try {
      return run(work);
    } catch (RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      context.complete(failure);
      // Reverse order, so that what the first listener opened closes last (nested spans).
      for (int i = operationListeners.size() - 1; i >= 0; i--) {
        OperationListener listener = operationListeners.get(i);
        try {
          listener.afterOperation(context);
        } catch (RuntimeException e) {
          log.warn("datasource {}: operation listener {} failed", name, listener, e);
        }
      }
    }
  }

  // ---------------------------------------------------------------- models

  /**
   * Defines (or redefines) a model on this datasource; a redefinition drops the cached DAO and
   * repositories of that model.
   *
   * @param model never null
   * @return the definition as registered (ids injected)
   * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} or {@link
   *     ErrorCode#UNSUPPORTED_OPERATION} when the connector cannot store it
   */
  public ModelDefinition define(ModelDefinition model) {
    requireNonNull(model, "model is null");
    ModelDefinition defined = connector.define(withBelongsToKeys(model));
    forget(defined.name());
    retypeKeysTargeting(defined.name());
    for (DataSource other : linked) {
      other.retypeKeysTargeting(defined.name());
    }
    return defined;
  }

  private void forget(String modelName) {
    daos.remove(modelName);
    repositories.values().removeIf(repository -> repository.model().name().equals(modelName));
  }

  /**
   * Defines again the models whose {@code belongsTo} to {@code target} added a foreign key typed
   * like the default id because the target was not defined yet: the key now takes the target's id
   * type (C4.5), as LoopBack resolves it when the target is defined.
   */
  private void retypeKeysTargeting(String target) {
    for (Map.Entry<String, ModelDefinition> pending : List.copyOf(untypedKeys.entrySet())) {
      ModelDefinition source = pending.getValue();
      boolean targets =
          source.relations().values().stream()
              .anyMatch(
                  r -> r.type() == RelationDefinition.Type.BELONGS_TO && r.model().equals(target));
      if (targets && defines(source.name())) {
        untypedKeys.remove(pending.getKey());
        ModelDefinition redefined = connector.define(withBelongsToKeys(source));
        forget(redefined.name());
      }
    }
  }

  /**
   * The model with the foreign key of each {@code belongsTo} it does not declare (C4.5): {@code
   * <relation>Id}, typed like the target's id when the target is defined, else like this
   * connector's default id.
   */
  private ModelDefinition withBelongsToKeys(ModelDefinition model) {
    Map<String, PropertyDefinition> properties = new LinkedHashMap<>(model.properties());
    untypedKeys.remove(model.name());
    for (RelationDefinition relation : model.relations().values()) {
      if (relation.type() != RelationDefinition.Type.BELONGS_TO) {
        continue;
      }
      String foreignKey =
          relation.foreignKey() == null ? relation.name() + "Id" : relation.foreignKey();
      if (!properties.containsKey(foreignKey)) {
        properties.put(foreignKey, PropertyDefinition.of(foreignKey, targetIdType(relation)));
        if (findModel(relation.model()).isEmpty()) {
          untypedKeys.put(model.name(), model); // typed again when the target is defined
        }
      }
    }
    if (properties.size() == model.properties().size()) {
      return model;
    }
    return new ModelDefinition(
        model.name(),
        properties,
        model.strict(),
        model.idInjection(),
        model.forceId(),
        model.strictDelete(),
        model.indexes(),
        model.relations(),
        model.settings());
  }

  private PropertyType targetIdType(RelationDefinition relation) {
    return findModel(relation.model())
        .flatMap(target -> target.idProperties().stream().findFirst())
        .map(PropertyDefinition::type)
        .orElse(connector.defaultIdType());
  }

  /** The model of that name on this datasource, else on a linked one; empty when none has it. */
  private Optional<ModelDefinition> findModel(String modelName) {
    return owner(modelName).map(owner -> owner.model(modelName));
  }

  /** This datasource when it defines the model, else the first linked one that does. */
  private Optional<DataSource> owner(String modelName) {
    if (defines(modelName)) {
      return Optional.of(this);
    }
    return linked.stream().filter(other -> other.defines(modelName)).findFirst();
  }

  private boolean defines(String modelName) {
    return connector.models().stream().anyMatch(model -> model.name().equals(modelName));
  }

  /**
   * Defines a model from model JSON (C1.2), as {@link #define(ModelDefinition)}.
   *
   * @param modelJson never null
   * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} for malformed model JSON or
   *     a model the connector cannot store; {@link ErrorCode#UNSUPPORTED_OPERATION} as {@link
   *     #define(ModelDefinition)}
   */
  public ModelDefinition define(String modelJson) {
    return define(ModelDefinition.fromJson(modelJson));
  }

  /**
   * The model of that name defined on this datasource (not on a linked one).
   *
   * @param modelName never null
   * @throws ConnectorException {@link ErrorCode#MODEL_NOT_FOUND} when it is not defined
   */
  public ModelDefinition model(String modelName) {
    return connector.model(modelName);
  }

  /** A snapshot of the models defined on this datasource; never null. */
  public List<ModelDefinition> models() {
    return List.copyOf(connector.models());
  }

  /**
   * The data-access object of a model defined on this datasource; one per model until it is
   * redefined.
   *
   * @param modelName never null
   * @throws ConnectorException {@link ErrorCode#MODEL_NOT_FOUND} when it is not defined
   */
  public Dao dao(String modelName) {
    ModelDefinition model = connector.model(modelName);
    return daos.computeIfAbsent(model.name(), ignored -> new Dao(this, model, hooks));
  }

  /**
   * The DAO of a model defined on this datasource or, failing that, on a datasource {@link
   * #link(DataSource) linked} to it: how relations reach a model on another datasource (C4.5).
   *
   * @throws ConnectorException {@link ErrorCode#MODEL_NOT_FOUND} when neither defines it
   */
  public Dao relatedDao(String modelName) {
    requireNonNull(modelName, "modelName is null");
    return owner(modelName).orElse(this).dao(modelName);
  }

  /**
   * Links this datasource with another, both ways, so that relations of models on either may target
   * models defined on the other (CONTRACT C4.5: a MySQL {@code Order} that belongs to a memory
   * {@code Customer}). This is ConnectorKit's counterpart of LoopBack's application-wide model
   * registry, kept explicit: a relation's target is looked up on its own datasource first, then on
   * the directly linked ones (not transitively). Includes across datasources still batch their keys
   * with {@code inq}; a transaction never spans them, so the other datasource's queries run outside
   * the caller's transaction.
   *
   * @param other never null, not this datasource
   * @return this datasource, for chaining
   * @throws IllegalArgumentException if {@code other} is this datasource
   */
  public DataSource link(DataSource other) {
    requireNonNull(other, "other is null");
    if (other == this) {
      throw new IllegalArgumentException("a datasource cannot be linked to itself");
    }
    linked.add(other);
    other.linked.add(this);
    return this;
  }

  /**
   * A typed repository for a Java record (or a class with a no-argument constructor), its model
   * derived from the type: the record components (or non-static, non-transient fields) become
   * properties, named and typed by the annotations of {@code io.connectorkit.core.repository}
   * ({@code @Model}, {@code @Id}, {@code @Property}, {@code @Hidden}, {@code @BelongsTo},
   * {@code @HasMany}, {@code @HasOne}). A component {@code Object id} takes the connector's id type
   * (id injection), and an {@code Object} foreign key of a {@code @BelongsTo} its target's id type,
   * so one entity type works on every connector. When a model of the derived name is already
   * defined (from model JSON, say), the repository binds to that definition instead of redefining
   * it.
   *
   * <pre>{@code
   * record Person(@Id Long id, @Property(required = true) String name, int age) {}
   * Repository<Person> people = db.repository(Person.class);
   * people.create(new Person(null, "Ada", 36));
   * List<Person> adults = people.query().where("age").gte(18).orderBy("name").list();
   * }</pre>
   *
   * @param type never null
   * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} naming the component whose
   *     type cannot be mapped, or a component the bound model does not declare
   */
  public <T> Repository<T> repository(Class<T> type) {
    requireNonNull(type, "type is null");
    ModelDefinition derived = Repository.deriveModel(type);
    if (defines(derived.name())) {
      return repository(type, derived.name());
    }
    define(derived);
    return repository(type, derived.name());
  }

  /**
   * A typed repository for a model already defined on this datasource (from model JSON, say),
   * mapping its records to {@code type} by property name.
   *
   * @throws ConnectorException {@link ErrorCode#MODEL_NOT_FOUND}, or {@link
   *     ErrorCode#CONFIGURATION_INVALID} naming a component that cannot be mapped or that the model
   *     does not declare (a strict model)
   */
  @SuppressWarnings("unchecked")
  public <T> Repository<T> repository(Class<T> type, String modelName) {
    requireNonNull(type, "type is null");
    requireNonNull(modelName, "modelName is null");
    ModelDefinition model = connector.model(modelName);
    return (Repository<T>)
        repositories.computeIfAbsent(
            model.name() + "\u0000" + type.getName(),
            ignored -> Repository.bind(dao(model.name()), type));
  }

  /**
   * Registers an operation hook (C9) on a model; the model need not be defined yet.
   *
   * @param modelName never null
   * @param hook never null
   * @param observer never null
   */
  public void observe(String modelName, OperationHook hook, OperationObserver observer) {
    hooks.observe(modelName, hook, observer);
  }

  // ---------------------------------------------------------------- transactions (C8)

  /**
   * Begins a {@link IsolationLevel#READ_COMMITTED} transaction without timeout. Feature {@link
   * Feature#TRANSACTIONS}.
   *
   * @throws ConnectorException {@link ErrorCode#UNSUPPORTED_OPERATION} without the feature
   */
  public Transaction beginTransaction() {
    return beginTransaction(IsolationLevel.READ_COMMITTED, null);
  }

  /**
   * {@link #beginTransaction(IsolationLevel, Duration)} without timeout. Feature {@link
   * Feature#TRANSACTIONS}.
   *
   * @param isolation never null
   * @throws ConnectorException {@link ErrorCode#UNSUPPORTED_OPERATION} without the feature, or for
   *     a level the backend lacks
   */
  public Transaction beginTransaction(IsolationLevel isolation) {
    return beginTransaction(isolation, null);
  }

  /**
   * Begins a transaction. Feature {@link Feature#TRANSACTIONS}.
   *
   * @param isolation never null
   * @param timeout null for none; on expiry the transaction is rolled back
   * @throws ConnectorException {@link ErrorCode#UNSUPPORTED_OPERATION} without the feature, or for
   *     a level the backend lacks
   */
  public Transaction beginTransaction(IsolationLevel isolation, @Nullable Duration timeout) {
    requireNonNull(isolation, "isolation is null");
    return run(() -> connector.beginTransaction(isolation, timeout));
  }

  /**
   * Lets operations called without a transaction join the one {@code provider} returns: every DAO
   * and repository operation, and {@link #execute}, whose options hold no transaction ask {@code
   * provider} and run in the transaction it returns, or in none when it returns null. An explicit
   * transaction in the options always wins. This is how a framework that keeps the current
   * transaction per thread (Spring's {@code @Transactional}) hands it to repositories that cannot
   * take it as an argument. {@code provider} is called on the calling thread, once per operation,
   * and must be fast.
   *
   * @param provider null to stop looking (the default)
   */
  public void setTransactionProvider(@Nullable Supplier<Transaction> provider) {
    this.transactionProvider = provider;
  }

  /**
   * The options an operation runs with: {@code options} when it holds a transaction, else the
   * transaction of the {@link #setTransactionProvider provider}, if any. For the DAO.
   */
  Options withCurrentTransaction(@Nullable Options options) {
    if (options != null && options.transaction() != null) {
      return options;
    }
    Options given = options == null ? Options.NONE : options;
    Supplier<Transaction> provider = transactionProvider;
    Transaction current = provider == null ? null : provider.get();
    // The rest of the caller's options stay: a per-call setting is never dropped silently.
    return current == null
        ? given
        : new Options(current, given.readPreference(), given.causalToken(), given.settings());
  }

  // ---------------------------------------------------------------- migration and discovery

  /**
   * Drops and recreates the storage of the named models (all defined models when none are named).
   * Feature {@link Feature#MIGRATION}.
   *
   * @throws ConnectorException {@link ErrorCode#MODEL_NOT_FOUND} for an undefined model; {@link
   *     ErrorCode#UNSUPPORTED_OPERATION} without the feature
   */
  public void automigrate(String... modelNames) {
    List<ModelDefinition> models = resolve(modelNames);
    run(
        () -> {
          connector.automigrate(models);
          return null;
        });
  }

  /**
   * Adds missing storage of the named models (all defined models when none are named) without
   * losing data. Feature {@link Feature#MIGRATION}.
   *
   * @throws ConnectorException {@link ErrorCode#MODEL_NOT_FOUND} for an undefined model; {@link
   *     ErrorCode#UNSUPPORTED_OPERATION} without the feature
   */
  public void autoupdate(String... modelNames) {
    List<ModelDefinition> models = resolve(modelNames);
    run(
        () -> {
          connector.autoupdate(models, false);
          return null;
        });
  }

  /**
   * Whether storage matches the named models (all defined models when none are named). Feature
   * {@link Feature#MIGRATION}.
   *
   * @throws ConnectorException {@link ErrorCode#MODEL_NOT_FOUND} for an undefined model; {@link
   *     ErrorCode#UNSUPPORTED_OPERATION} without the feature
   */
  public boolean isActual(String... modelNames) {
    List<ModelDefinition> models = resolve(modelNames);
    return run(() -> connector.isActual(models));
  }

  private List<ModelDefinition> resolve(String... modelNames) {
    return modelNames.length == 0
        ? models()
        : Arrays.stream(modelNames).map(connector::model).toList();
  }

  /**
   * The backend's tables or collections, as {@link Connector#discoverModelDefinitions}. Feature
   * {@link Feature#DISCOVERY}.
   *
   * @param options connector-specific; null for none
   * @throws ConnectorException {@link ErrorCode#UNSUPPORTED_OPERATION} without the feature
   */
  public List<Map<String, Object>> discoverModelDefinitions(@Nullable Map<String, Object> options) {
    return run(() -> connector.discoverModelDefinitions(options == null ? Map.of() : options));
  }

  /**
   * Model JSON (C1.2) for one table, as {@link Connector#discoverSchemas}. Feature {@link
   * Feature#DISCOVERY}.
   *
   * @param table never null
   * @param options connector-specific; null for none
   * @throws ConnectorException {@link ErrorCode#UNSUPPORTED_OPERATION} without the feature
   */
  public Map<String, Object> discoverSchemas(String table, @Nullable Map<String, Object> options) {
    requireNonNull(table, "table is null");
    return run(() -> connector.discoverSchemas(table, options == null ? Map.of() : options));
  }

  /**
   * Runs a native command. Feature {@link Feature#EXECUTE}.
   *
   * @param command never null; its language is the connector's (SQL text, a Mongo command)
   * @param params positional parameters, never null
   * @param options null for {@link Options#NONE}
   * @return the connector's result
   * @throws ConnectorException {@link ErrorCode#UNSUPPORTED_OPERATION} without the feature
   */
  public Object execute(String command, List<Object> params, @Nullable Options options) {
    requireNonNull(command, "command is null");
    requireNonNull(params, "params is null");
    Options checked = withCurrentTransaction(options);
    return run(() -> connector.execute(command, params, checked));
  }

  /** Name, connector and settings, secrets masked. */
  @Override
  public String toString() {
    return "DataSource[" + name + ", " + connector.name() + ", " + settings() + "]";
  }
}
