package io.connectorkit.connector.memory;

import static java.util.Objects.requireNonNull;

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
import io.connectorkit.core.model.Values;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.NativeCall;
import io.connectorkit.core.spi.Settings;
import io.connectorkit.core.spi.UpsertData;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The in-process store (CONTRACT C3–C9): tables of rows in hash maps keyed by id, hash indexes for
 * equality lookups and uniqueness, transactions with snapshot isolation and optimistic concurrency,
 * and optional persistence to a JSON file in LoopBack's memory-connector format (setting {@code
 * "file"}).
 *
 * <p>Concurrency: one read-write lock; reads run under the read lock, every write (including the
 * read-then-write of upserts and findOrCreate, which makes them atomic) under the write lock.
 * Transactional operations run under the read lock and only touch their transaction's buffers;
 * commit takes the write lock.
 *
 * <p>Connector hooks (C9): every operation is one native call; its request is a {@code Map} with
 * {@code "op"} ({@code create}, {@code createAll}, {@code find}, {@code count}, {@code update},
 * {@code destroyAll}, {@code updateAttributes}, {@code replaceById}, {@code updateOrCreate}, {@code
 * replaceOrCreate}, {@code upsertWithWhere}, {@code findOrCreate}), {@code "model"}, the
 * operation's arguments under {@code "data"}, {@code "filter"}, {@code "where"}, {@code "id"}, and
 * {@code "transaction"} (the transaction id, or null). A listener may replace the request with a
 * map holding other values for those argument keys; the response is the operation's result.
 *
 * <p>Size: over 600 lines because it is the one SPI object of the store: every SPI method is a
 * short routing of one native call to {@code Operations} under the right lock and view; rows,
 * tables, indexes, transactions and the file live in their own classes.
 */
final class MemoryConnector extends Connector {
  static final String NAME = "memory";

  private static final Set<Feature> FEATURES =
      Collections.unmodifiableSet(
          EnumSet.of(
              Feature.CRUD,
              Feature.BATCH_CREATE,
              Feature.ATOMIC_UPSERT,
              Feature.ATOMIC_FIND_OR_CREATE,
              Feature.FREE_FORM_PROPERTIES,
              Feature.NESTED_PROPERTIES,
              Feature.STRING_IDS,
              Feature.NUMERIC_IDS,
              Feature.TRANSACTIONS,
              Feature.MIGRATION));

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, Table> tables = new ConcurrentHashMap<>();

  /** Models of the file that are not defined (yet): written back as they were read. */
  private final Map<String, MemoryFile.ModelData> unbound = new LinkedHashMap<>();

  private final Set<MemoryTransaction> transactions = ConcurrentHashMap.newKeySet();
  private final @Nullable MemoryFile file;
  private volatile boolean loaded;

  /** The number of committed writes; guarded by the lock. */
  private long version;

  MemoryConnector(Settings settings, MemorySettings memorySettings) {
    super(NAME, settings);
    requireNonNull(memorySettings, "memorySettings is null");
    this.file = memorySettings.file().map(MemoryFile::new).orElse(null);
  }

  @Override
  public Set<Feature> features() {
    return FEATURES;
  }

  // ---------------------------------------------------------------- lifecycle and models

  @Override
  protected void doConnect() {
    ensureLoaded();
  }

  @Override
  protected void onDefine(ModelDefinition model) {
    lock.writeLock().lock();
    try {
      Table existing = tables.get(model.name());
      if (existing != null) {
        try {
          existing.redefine(model);
        } catch (ConnectorException e) {
          throw new ConnectorException(
              ErrorCode.CONFIGURATION_INVALID,
              "cannot redefine " + model.name() + ": " + e.getMessage(),
              e);
        }
        return;
      }
      Table table = new Table(model);
      MemoryFile.ModelData data = unbound.get(model.name());
      if (data != null) {
        bind(table, data);
        unbound.remove(model.name());
      }
      tables.put(model.name(), table);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Reads the file once, before the first operation, so no row written earlier can be lost. */
  private void ensureLoaded() {
    if (file == null || loaded) {
      return;
    }
    lock.writeLock().lock();
    try {
      if (loaded) {
        return;
      }
      Map<String, MemoryFile.ModelData> content = file.load();
      Map<String, Table> bound = new HashMap<>();
      content.forEach(
          (name, data) -> {
            Table defined = tables.get(name);
            if (defined != null) {
              Table table = new Table(defined.model());
              bind(table, data);
              bound.put(name, table);
            }
          });
      tables.putAll(bound);
      content.keySet().removeAll(bound.keySet());
      unbound.putAll(content);
      loaded = true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Loads a model's rows from the file into an empty table, coercing them by property type. */
  private void bind(Table table, MemoryFile.ModelData data) {
    // Only rows read from the file are bound, so there is a file.
    MemoryFile file = requireNonNull(this.file, "file is null");
    ModelDefinition model = table.model();
    for (Map.Entry<String, String> stored : data.rows().entrySet()) {
      Map<String, Object> row = file.decode(model, stored.getKey(), stored.getValue());
      Object key = Rows.keyOf(model, row);
      if (key == null && !model.hasId()) {
        key = table.nextSurrogate();
      } else if (key == null && !model.hasCompositeId()) {
        PropertyDefinition id = model.idProperties().get(0);
        try {
          row.put(id.name(), Values.coerce(stored.getKey(), id.type()));
        } catch (IllegalArgumentException e) {
          throw fileInvalid(model, stored.getKey(), "has an invalid id: " + e.getMessage());
        }
        // The id just set is the file's non-null key coerced, so it is not null.
        key = requireNonNull(Rows.keyOf(model, row), "key is null");
      } else if (key == null) {
        throw fileInvalid(model, stored.getKey(), "lacks a part of its composite id");
      }
      if (table.contains(key)) {
        throw fileInvalid(model, stored.getKey(), "has the id of another row");
      }
      MemoryIndex violated = table.violatedIndex(key, row);
      if (violated != null) {
        throw fileInvalid(model, stored.getKey(), violated.duplicate(row).getMessage());
      }
      table.put(key, row);
      table.observeId(key);
    }
    if (data.nextId() > 1) {
      table.observeId(data.nextId() - 1);
    }
  }

  private ConnectorException fileInvalid(
      ModelDefinition model, String key, @Nullable String problem) {
    MemoryFile file = requireNonNull(this.file, "file is null"); // called from bind only
    return new ConnectorException(
        ErrorCode.CONFIGURATION_INVALID,
        "memory file " + file.path() + ": row " + model.name() + "[" + key + "] " + problem,
        Map.of("file", file.path().toString()));
  }

  private Table table(ModelDefinition model) {
    requireNonNull(model, "model is null");
    Table table = tables.get(model.name());
    if (table == null) {
      model(model.name()); // throws MODEL_NOT_FOUND
      throw new ConnectorException(
          ErrorCode.MODEL_NOT_FOUND, "model \"" + model.name() + "\" has no table on " + name());
    }
    return table;
  }

  // ---------------------------------------------------------------- CRUD (C3)

  /**
   * {@inheritDoc}
   *
   * @throws ConnectorException DUPLICATE_KEY naming the model and id, or the unique index, its
   *     properties and the value; INVALID_ARGUMENT when an id cannot be generated (composite ids,
   *     id types other than number and string)
   */
  @Override
  public Map<String, Object> create(
      ModelDefinition model, Map<String, Object> data, Options options) {
    requireNonNull(data, "data is null");
    return call(
        "create",
        model,
        options,
        args("data", data),
        true,
        (view, req) -> Operations.create(view, arg(req, "data", data)));
  }

  /**
   * {@inheritDoc} All or nothing: a duplicate within the batch or with a stored row writes none.
   */
  @Override
  public List<Map<String, Object>> createAll(
      ModelDefinition model, List<Map<String, Object>> data, Options options) {
    requireNonNull(data, "data is null");
    return call(
        "createAll",
        model,
        options,
        args("data", data),
        true,
        (view, req) -> Operations.createAll(view, arg(req, "data", data)));
  }

  @Override
  public List<Map<String, Object>> all(ModelDefinition model, Filter filter, Options options) {
    requireNonNull(filter, "filter is null");
    return call(
        "find",
        model,
        options,
        args("filter", filter),
        false,
        (view, req) -> Operations.find(view, arg(req, "filter", filter)));
  }

  @Override
  public long count(ModelDefinition model, Where where, Options options) {
    requireNonNull(where, "where is null");
    return call(
        "count",
        model,
        options,
        args("where", where),
        false,
        (view, req) -> Operations.count(view, arg(req, "where", where)));
  }

  @Override
  public long update(
      ModelDefinition model, Where where, Map<String, Object> data, Options options) {
    requireNonNull(where, "where is null");
    requireNonNull(data, "data is null");
    return call(
        "update",
        model,
        options,
        args("where", where, "data", data),
        true,
        (view, req) -> Operations.update(view, arg(req, "where", where), arg(req, "data", data)));
  }

  @Override
  public long destroyAll(ModelDefinition model, Where where, Options options) {
    requireNonNull(where, "where is null");
    return call(
        "destroyAll",
        model,
        options,
        args("where", where),
        true,
        (view, req) -> Operations.destroyAll(view, arg(req, "where", where)));
  }

  /**
   * {@inheritDoc}
   *
   * @throws ConnectorException ENTITY_NOT_FOUND naming the model and id; INVALID_ARGUMENT for a
   *     null id, a model without id, or data with another id
   */
  @Override
  public Map<String, Object> updateAttributes(
      ModelDefinition model, @Nullable Object id, Map<String, Object> data, Options options) {
    requireNonNull(data, "data is null");
    return call(
        "updateAttributes",
        model,
        options,
        args("id", id, "data", data),
        true,
        (view, req) -> Operations.updateAttributes(view, idArg(req, id), arg(req, "data", data)));
  }

  /**
   * {@inheritDoc}
   *
   * @throws ConnectorException ENTITY_NOT_FOUND naming the model and id; INVALID_ARGUMENT for a
   *     null id, a model without id, or data with another id
   */
  @Override
  public Map<String, Object> replaceById(
      ModelDefinition model, @Nullable Object id, Map<String, Object> data, Options options) {
    requireNonNull(data, "data is null");
    return call(
        "replaceById",
        model,
        options,
        args("id", id, "data", data),
        true,
        (view, req) -> Operations.replaceById(view, idArg(req, id), arg(req, "data", data)));
  }

  /**
   * {@inheritDoc} An existing record is patched with {@link UpsertData#patch()}; {@link
   * UpsertData#forCreate()} is asked for only when none exists. A null id creates.
   */
  @Override
  public UpsertResult updateOrCreate(
      ModelDefinition model, @Nullable Object id, UpsertData data, Options options) {
    requireNonNull(data, "data is null");
    return call(
        "updateOrCreate",
        model,
        options,
        args("id", id, "data", data.patch()),
        true,
        (view, req) -> Operations.updateOrCreate(view, idArg(req, id), data, false));
  }

  /**
   * {@inheritDoc} An existing record is replaced by {@link UpsertData#patch()} (the DAO's complete
   * replacement, defaults applied); {@link UpsertData#forCreate()} is asked for only when none
   * exists. A null id creates.
   */
  @Override
  public UpsertResult replaceOrCreate(
      ModelDefinition model, @Nullable Object id, UpsertData data, Options options) {
    requireNonNull(data, "data is null");
    return call(
        "replaceOrCreate",
        model,
        options,
        args("id", id, "data", data.patch()),
        true,
        (view, req) -> Operations.updateOrCreate(view, idArg(req, id), data, true));
  }

  /**
   * {@inheritDoc}
   *
   * @throws ConnectorException INVALID_ARGUMENT "multiple instances found" when several match
   */
  @Override
  public UpsertResult upsertWithWhere(
      ModelDefinition model, Where where, UpsertData data, Options options) {
    requireNonNull(where, "where is null");
    requireNonNull(data, "data is null");
    return call(
        "upsertWithWhere",
        model,
        options,
        args("where", where, "data", data.patch()),
        true,
        (view, req) -> Operations.upsertWithWhere(view, arg(req, "where", where), data));
  }

  /** {@inheritDoc} The first match in the filter's order wins; else {@code data} is created. */
  @Override
  public UpsertResult findOrCreate(
      ModelDefinition model, Filter filter, Supplier<Map<String, Object>> data, Options options) {
    requireNonNull(filter, "filter is null");
    requireNonNull(data, "data is null");
    return call(
        "findOrCreate",
        model,
        options,
        args("filter", filter),
        true,
        (view, req) -> Operations.findOrCreate(view, arg(req, "filter", filter), data));
  }

  // ---------------------------------------------------------------- execution

  private interface Work<T> {
    T apply(TableView view, Object request);
  }

  private <T> T call(
      String op,
      ModelDefinition model,
      Options options,
      Map<String, Object> arguments,
      boolean writes,
      Work<T> work) {
    requireNonNull(options, "options is null");
    ensureLoaded();
    Table table = table(model);
    Transaction transaction = transactionOf(options);
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("op", op);
    request.put("model", table.name());
    request.putAll(arguments);
    request.put("transaction", transaction == null ? null : transaction.id());
    return executeNative(
        table.name(),
        request,
        req -> {
          if (transaction != null) {
            MemoryTransaction tx = (MemoryTransaction) transaction;
            return tx.run(() -> inTransaction(tx, table, view -> work.apply(view, req)));
          }
          return writes
              ? committed(table, view -> work.apply(view, req))
              : readCommitted(table, view -> work.apply(view, req));
        });
  }

  private <T> T readCommitted(Table table, Function<TableView, T> work) {
    lock.readLock().lock();
    try {
      return work.apply(new LiveView(table, null));
    } finally {
      lock.readLock().unlock();
    }
  }

  private <T> T committed(Table table, Function<TableView, T> work) {
    lock.writeLock().lock();
    try {
      Mutation mutation = new Mutation(this::preserveSnapshots);
      try {
        T result = work.apply(new LiveView(table, mutation));
        finish(mutation);
        return result;
      } catch (RuntimeException | Error e) {
        mutation.undo();
        throw e;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private <T> T inTransaction(MemoryTransaction tx, Table table, Function<TableView, T> work) {
    lock.readLock().lock();
    try {
      Deque<Runnable> undo = new ArrayDeque<>();
      try {
        return work.apply(new TxView(tx, table, undo));
      } catch (RuntimeException | Error e) {
        while (!undo.isEmpty()) {
          undo.pop().run();
        }
        throw e;
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Persists a write and stamps its versions; under the write lock. */
  private void finish(Mutation mutation) {
    if (mutation.isEmpty()) {
      return;
    }
    persist();
    version++;
    mutation.finish(version, !transactions.isEmpty());
  }

  private void preserveSnapshots(Table table) {
    for (MemoryTransaction transaction : transactions) {
      transaction.preserve(table);
    }
  }

  private static Map<String, Object> args(@Nullable Object... keyValues) {
    Map<String, Object> args = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      args.put((String) keyValues[i], keyValues[i + 1]);
    }
    return args;
  }

  @SuppressWarnings("unchecked")
  private static <T> T arg(Object request, String key, T original) {
    if (request instanceof Map<?, ?> map && map.containsKey(key)) {
      return (T) map.get(key);
    }
    return original;
  }

  /** The id of a request, which may be null (as {@link #arg} for the other arguments). */
  private static @Nullable Object idArg(Object request, @Nullable Object original) {
    if (request instanceof Map<?, ?> map && map.containsKey("id")) {
      return map.get("id");
    }
    return original;
  }

  // ---------------------------------------------------------------- transactions (C8)

  /**
   * {@inheritDoc} Every level is supported: READ_UNCOMMITTED and READ_COMMITTED read the latest
   * committed state, REPEATABLE_READ and SERIALIZABLE the state at begin. Commit fails with
   * BACKEND_ERROR ("serialization failure …; retry") when another commit changed a record this one
   * wrote since it was read, and for SERIALIZABLE also when one changed a model this one read.
   */
  @Override
  public Transaction beginTransaction(IsolationLevel isolation, @Nullable Duration timeout) {
    requireNonNull(isolation, "isolation is null");
    ensureLoaded();
    MemoryTransaction transaction;
    lock.readLock().lock();
    try {
      transaction = new MemoryTransaction(this, isolation, timeout, version);
      transactions.add(transaction);
    } finally {
      lock.readLock().unlock();
    }
    if (!transaction.isActive()) {
      transactions.remove(transaction); // a very short timeout fired before registration
    }
    return transaction;
  }

  /** Applies a transaction's writes; called by {@link MemoryTransaction#doCommit()}. */
  void commit(MemoryTransaction tx) {
    lock.writeLock().lock();
    try {
      transactions.remove(tx);
      Map<String, MemoryTransaction.Buffer> buffers = tx.buffers();
      if (buffers.values().stream().allMatch(buffer -> buffer.writes.isEmpty())) {
        return;
      }
      checkConflicts(tx);
      Mutation mutation = new Mutation(this::preserveSnapshots);
      try {
        // Deletes first, so that rows swapping unique values do not collide with each other.
        buffers.forEach(
            (name, buffer) -> {
              LiveView view = new LiveView(live(name), mutation);
              buffer.writes.keySet().forEach(view::remove);
            });
        buffers.forEach(
            (name, buffer) -> {
              LiveView view = new LiveView(live(name), mutation);
              buffer.writes.forEach(
                  (key, row) -> {
                    if (row != MemoryTransaction.TOMBSTONE) {
                      @SuppressWarnings("unchecked")
                      Map<String, Object> stored = (Map<String, Object>) row;
                      view.put(key, stored);
                      view.observeId(key);
                    }
                  });
            });
        finish(mutation);
      } catch (RuntimeException | Error e) {
        mutation.undo();
        throw e;
      }
    } finally {
      transactions.remove(tx);
      lock.writeLock().unlock();
    }
  }

  private void checkConflicts(MemoryTransaction tx) {
    for (Map.Entry<String, MemoryTransaction.Buffer> entry : tx.buffers().entrySet()) {
      Table live = live(entry.getKey());
      MemoryTransaction.Buffer buffer = entry.getValue();
      for (Map.Entry<Object, Object> write : buffer.writes.entrySet()) {
        Object key = write.getKey();
        if (write.getValue() != MemoryTransaction.TOMBSTONE
            && buffer.created.contains(key)
            && live.contains(key)) {
          throw Operations.duplicateId(live.model(), key);
        }
        long current = live.version(key);
        boolean changed =
            tx.snapshotReads()
                ? current > tx.startVersion()
                : current != buffer.baselines.getOrDefault(key, 0L);
        if (changed) {
          throw serializationFailure(tx, live.name());
        }
      }
    }
    if (tx.isolation() == IsolationLevel.SERIALIZABLE) {
      for (String name : tx.readTables()) {
        Table live = tables.get(name);
        if (live != null && live.modifiedVersion() > tx.startVersion()) {
          throw serializationFailure(tx, name);
        }
      }
    }
  }

  /**
   * The live table a transaction buffered writes for: it had it when it wrote, and tables are
   * replaced (automigrate) but never removed.
   */
  private Table live(String name) {
    return requireNonNull(tables.get(name), "table of a transaction's buffer is missing");
  }

  private static ConnectorException serializationFailure(MemoryTransaction tx, String model) {
    return new ConnectorException(
        ErrorCode.BACKEND_ERROR,
        "serialization failure in transaction "
            + tx.id()
            + ": "
            + model
            + " changed concurrently; retry",
        Map.of("transaction", tx.id(), "model", model));
  }

  /** Forgets a finished transaction; called by {@link MemoryTransaction#doRollback()}. */
  void release(MemoryTransaction tx) {
    transactions.remove(tx);
  }

  // ---------------------------------------------------------------- migration (C7)

  /**
   * {@inheritDoc} As LoopBack's memory connector does it: each model's rows are dropped and its id
   * sequence restarts at 1; the file, if any, is rewritten.
   */
  @Override
  public void automigrate(List<ModelDefinition> models) {
    requireNonNull(models, "models is null");
    ensureLoaded();
    lock.writeLock().lock();
    try {
      for (ModelDefinition model : models) {
        Table old = tables.get(model.name());
        if (old != null) {
          preserveSnapshots(old);
        }
        unbound.remove(model.name());
        tables.put(model.name(), new Table(model));
      }
      persist();
      version++;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * {@inheritDoc} The store has no schema: every defined model already has its table, with the rows
   * it holds, so this only checks the models are defined.
   */
  @Override
  public void autoupdate(List<ModelDefinition> models, boolean destructive) {
    requireNonNull(models, "models is null");
    models.forEach(this::table);
  }

  /** {@inheritDoc} True once a model is defined: the store has no schema to fall behind. */
  @Override
  public boolean isActual(List<ModelDefinition> models) {
    requireNonNull(models, "models is null");
    return models.stream().allMatch(model -> tables.containsKey(model.name()));
  }

  // ---------------------------------------------------------------- file persistence

  /** Writes the whole store to the file, if there is one; under the write lock. */
  private void persist() {
    if (file == null) {
      return;
    }
    Map<String, MemoryFile.ModelData> content = new TreeMap<>(unbound);
    tables.forEach(
        (name, table) -> {
          LinkedHashMap<String, String> rows = new LinkedHashMap<>();
          for (Map.Entry<Object, Map<String, Object>> entry : table.entries()) {
            rows.put(keyText(entry.getKey()), MemoryFile.encode(entry.getValue()));
          }
          content.put(name, new MemoryFile.ModelData(table.maxId() + 1, rows));
        });
    file.write(content);
  }

  private static String keyText(Object key) {
    if (key instanceof String text) {
      return text;
    }
    if (key instanceof Instant instant) {
      return Values.formatDate(instant);
    }
    if (key instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (key instanceof List<?> parts) {
      return MemoryFile.encodeValue(parts.stream().map(MemoryConnector::keyText).toList());
    }
    return String.valueOf(key);
  }

  /** A memory request as its {@code op} on its {@code model} (the table); no values. */
  @Override
  public NativeCall describe(Object request) {
    if (!(request instanceof Map<?, ?> map) || !(map.get("op") instanceof String op)) {
      return super.describe(request);
    }
    Object table = map.get("model");
    return new NativeCall(
        op,
        table == null ? null : table.toString(),
        op + " " + (table == null ? "" : table),
        List.of());
  }
}
