package io.connectorkit.connector.mongodb;

import static java.util.Objects.requireNonNull;

import com.mongodb.ReadConcern;
import com.mongodb.TransactionOptions;
import com.mongodb.WriteConcern;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
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
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ConnectorErrors;
import io.connectorkit.core.spi.NativeCall;
import io.connectorkit.core.spi.Pushdown;
import io.connectorkit.core.spi.Settings;
import io.connectorkit.core.spi.UpsertData;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code mongodb} connector: models as collections, records as documents (CONTRACT C3–C9).
 *
 * <p>Every driver call goes through {@link #executeNative} (C9) with a command document as its
 * request, shaped like the MongoDB command it runs: {@code {"find": collection, "filter": …,
 * "sort": …, "skip": n, "limit": n}}, {@code {"insert": collection, "documents": […]}}, {@code
 * {"update": collection, "updates": [{"q": filter, "u": update or replacement}]}} (MongoDB's own
 * update command, so the collection is never overwritten), {@code {"delete": collection, "filter":
 * …}}, {@code {"count": collection, "filter": …}}, or the command document of {@link #execute}. A
 * listener that replaces the request's {@code filter}, {@code updates} or {@code documents} changes
 * what runs.
 */
final class MongoConnector extends Connector {
  static final String NAME = "mongodb";

  /** The collection holding the counters of generated numeric ids, one document per collection. */
  static final String COUNTERS = "connectorkit_counters";

  /** A scratch collection for probing the server's string order once per connector. */
  static final String PROBE = "connectorkit_probe";

  private static final Logger LOG = LoggerFactory.getLogger(MongoConnector.class);

  /** How often a write that lost a race (a duplicate key on a generated id) is tried again. */
  static final int WRITE_RETRIES = 16;

  /** The features of every server; {@link Feature#TRANSACTIONS} is added when detected. */
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
              Feature.MIGRATION,
              Feature.DISCOVERY,
              Feature.EXECUTE));

  private final MongoSettings mongoSettings;
  private final Map<String, MongoModel> mappings = new ConcurrentHashMap<>();

  /** Null while disconnected. */
  private volatile @Nullable MongoClient client;

  /** Null while disconnected. */
  private volatile @Nullable MongoDatabase database;

  /** Null while disconnected, and where the server runs no sessions. */
  private volatile @Nullable MongoCausalClock causalClock;

  private volatile Set<Feature> features = FEATURES;
  private final MongoIdGenerator ids;
  private final MongoWriter writer;
  private final MongoUpserts upserts;
  private final MongoReader reader;

  MongoConnector(Settings settings, MongoSettings mongoSettings) {
    super(NAME, settings);
    this.mongoSettings = requireNonNull(mongoSettings, "mongoSettings is null");
    this.ids = new MongoIdGenerator(this, mongoSettings.database(), mongoSettings.idBlockSize());
    this.writer = new MongoWriter(this, ids);
    this.upserts = new MongoUpserts(this, writer, ids);
    this.reader = new MongoReader(this, mongoSettings);
  }

  /**
   * The features; {@link Feature#TRANSACTIONS} when the server runs multi-document transactions (a
   * replica set member or a mongos, detected from {@code hello} when connecting). Before the first
   * connect (with {@code lazyConnect}) the server is unknown and TRANSACTIONS is not declared;
   * after it the set stays as detected, also across disconnects.
   */
  @Override
  public Set<Feature> features() {
    return features;
  }

  /**
   * The datasource setting {@code allowExtendedOperators}: {@code $}-operators in where and update
   * operators in updateAll/updateById, passed to the server (see the README).
   */
  @Override
  public boolean allowsExtendedOperators() {
    return mongoSettings.allowExtendedOperators();
  }

  /** MongoDB's default id: a generated string holding an ObjectId's 24 hex digits. */
  @Override
  public PropertyType defaultIdType() {
    return PropertyType.STRING;
  }

  // ---------------------------------------------------------------- lifecycle

  @Override
  protected void doConnect() {
    MongoClient created;
    try {
      created = MongoClients.create(mongoSettings.connectionString());
    } catch (RuntimeException e) {
      throw new ConnectorException(
          ErrorCode.CONNECTION_FAILED,
          "cannot connect to " + mongoSettings.maskedConnectionString() + ": " + e.getMessage(),
          e);
    }
    MongoDatabase db = created.getDatabase(mongoSettings.database());
    try {
      db.runCommand(new Document("ping", 1));
    } catch (RuntimeException e) {
      created.close();
      throw new ConnectorException(
          ErrorCode.CONNECTION_FAILED,
          "cannot connect to "
              + mongoSettings.maskedConnectionString()
              + ": "
              + Settings.maskUrl(String.valueOf(e.getMessage())),
          e);
    }
    boolean transactions = detectTransactions(db);
    client = created;
    causalClock = sessionsSupported(created) ? new MongoCausalClock(created) : null;
    // The datasource's concerns on every call; an operation's own replace them for that call.
    database = mongoSettings.concerns().apply(db);
    if (transactions) {
      EnumSet<Feature> detected = EnumSet.copyOf(FEATURES);
      detected.add(Feature.TRANSACTIONS);
      features = Collections.unmodifiableSet(detected);
    } else {
      features = FEATURES;
    }
  }

  /**
   * Whether the server runs sessions; one that does not (a single server without them, as
   * mongo-java-server) serves every read from the node that took the writes, so it is causally
   * consistent without one and {@code causalConsistency} asks for nothing more there.
   */
  private boolean sessionsSupported(MongoClient created) {
    boolean supported = created.getClusterDescription().getLogicalSessionTimeoutMinutes() != null;
    if (!supported && mongoSettings.concerns().causal()) {
      LOG.info(
          "{} runs no sessions: causalConsistency needs none on a single server",
          mongoSettings.maskedConnectionString());
    }
    return supported;
  }

  /**
   * Asks the server whether it runs transactions ({@code hello}, or {@code isMaster} on a server
   * older than 4.4 or one that lacks {@code hello}); false when it cannot tell.
   */
  private boolean detectTransactions(MongoDatabase db) {
    for (String command : List.of("hello", "isMaster")) {
      try {
        return MongoTopology.supportsTransactions(db.runCommand(new Document(command, 1)));
      } catch (RuntimeException e) {
        LOG.debug("{} failed on {}", command, mongoSettings.maskedConnectionString(), e);
      }
    }
    LOG.warn(
        "cannot tell whether {} runs transactions; TRANSACTIONS is not declared",
        mongoSettings.maskedConnectionString());
    return false;
  }

  /**
   * Starts a multi-document transaction on a replica set or sharded cluster. The server reads a
   * snapshot taken at the transaction's first operation and aborts a transaction whose write
   * conflicts with another's: snapshot isolation. That holds for {@code READ_UNCOMMITTED} and
   * {@code READ_COMMITTED} (read concern {@code majority}) and {@code REPEATABLE_READ} (read
   * concern {@code snapshot}, write concern {@code majority}); {@code SERIALIZABLE} is refused,
   * since snapshot isolation allows write skew. Feature {@link Feature#TRANSACTIONS}.
   *
   * @throws ConnectorException {@link ErrorCode#UNSUPPORTED_OPERATION} on a standalone server and
   *     for {@code SERIALIZABLE}
   */
  @Override
  public Transaction beginTransaction(IsolationLevel isolation, @Nullable Duration timeout) {
    requireNonNull(isolation, "isolation is null");
    if (!supports(Feature.TRANSACTIONS)) {
      throw new ConnectorException(
          ErrorCode.UNSUPPORTED_OPERATION,
          Feature.TRANSACTIONS.unsupportedMessage(NAME)
              + " (MongoDB runs transactions on a replica set or sharded cluster only; "
              + mongoSettings.maskedConnectionString()
              + " is neither)");
    }
    TransactionOptions options =
        switch (isolation) {
          case READ_UNCOMMITTED, READ_COMMITTED ->
              TransactionOptions.builder().readConcern(ReadConcern.MAJORITY).build();
          case REPEATABLE_READ ->
              TransactionOptions.builder()
                  .readConcern(ReadConcern.SNAPSHOT)
                  .writeConcern(WriteConcern.MAJORITY)
                  .build();
          case SERIALIZABLE ->
              throw new ConnectorException(
                  ErrorCode.UNSUPPORTED_OPERATION,
                  NAME
                      + ": SERIALIZABLE is not offered: MongoDB transactions are snapshot"
                      + " isolation, which allows write skew (use REPEATABLE_READ)");
        };
    MongoClient current = client;
    if (current == null) {
      db();
      current = client;
      if (current == null) {
        throw new ConnectorException(ErrorCode.CONNECTION_FAILED, NAME + " is disconnected");
      }
    }
    ClientSession session;
    try {
      session = current.startSession();
      session.startTransaction(options);
    } catch (RuntimeException e) {
      throw MongoErrors.map(e, "begin transaction");
    }
    return new MongoTransaction(this, isolation, timeout, session);
  }

  @Override
  protected void doDisconnect() {
    MongoClient closing = client;
    client = null;
    database = null;
    if (closing != null) {
      closing.close();
    }
  }

  /** Runs {@code {"ping": 1}}; bounded by the connect timeout (server selection timeout). */
  @Override
  public boolean ping() {
    connect();
    Document command = new Document("ping", 1);
    try {
      executeNative(null, command, request -> db().runCommand((Document) request));
    } catch (RuntimeException e) {
      throw new ConnectorException(
          ErrorCode.CONNECTION_FAILED,
          "MongoDB at "
              + mongoSettings.maskedConnectionString()
              + " does not answer: "
              + Settings.maskUrl(String.valueOf(e.getMessage())),
          e);
    }
    return true;
  }

  MongoDatabase db() {
    MongoDatabase db = database;
    if (db == null) {
      connect();
      db = database;
      if (db == null) {
        throw new ConnectorException(ErrorCode.CONNECTION_FAILED, NAME + " is disconnected");
      }
    }
    return db;
  }

  // ---------------------------------------------------------------- models

  @Override
  protected void onDefine(ModelDefinition model) {
    mappings.put(model.name(), new MongoModel(model));
  }

  // Identity on purpose: the mapping is rebuilt for a redefined model, even an equal one.
  @SuppressWarnings("ReferenceEquality")
  MongoModel mapping(ModelDefinition model) {
    MongoModel mapping = mappings.get(model.name());
    if (mapping == null || mapping.definition() != model) {
      mapping = new MongoModel(model);
      mappings.put(model.name(), mapping);
    }
    return mapping;
  }

  MongoCollection<Document> collection(MongoModel mapping) {
    return db().getCollection(mapping.collection());
  }

  @Override
  public Pushdown pushdown(ModelDefinition model, Filter filter) {
    return reader.query(mapping(model)).pushdown(filter);
  }

  /** Whether the server compares strings by code point (see {@link MongoReader}). */
  boolean codePointStrings() {
    return reader.codePointStrings();
  }

  @Override
  public List<Map<String, Object>> all(ModelDefinition model, Filter filter, Options options) {
    return reader.all(io(options), mapping(model), filter, options);
  }

  @Override
  public long count(ModelDefinition model, Where where, Options options) {
    return reader.count(io(options), mapping(model), where, options);
  }

  /** The BSON filter of a where: translated, or through the matching ids when not translatable. */
  Document filterOf(MongoModel mapping, Where where, Options options) {
    return reader.filterOf(mapping, where, options);
  }

  /**
   * The driver calls of an operation: in the session of the options' transaction (checked to be
   * this connector's and active), with the operation's own concerns, or in a causally consistent
   * session of its own.
   */
  MongoIo io(Options options) {
    return MongoIo.of(
        transactionOf(options),
        options,
        mongoSettings.concerns(),
        () -> {
          db(); // connects, so the clock exists where the server runs sessions
          return causalClock;
        });
  }

  /**
   * A command document as its name (the first key) and collection (that key's value), its text the
   * command's shape with every value elided, and the command as JSON for the only parameter.
   */
  @Override
  public NativeCall describe(Object request) {
    if (!(request instanceof Document command) || command.isEmpty()) {
      return super.describe(request);
    }
    Map.Entry<String, Object> first = command.entrySet().iterator().next();
    String target = first.getValue() instanceof String collection ? collection : null;
    return new NativeCall(
        first.getKey(), target, MongoShapes.elide(command), List.of(command.toJson()));
  }

  /** Runs one driver call as a native call (C9) and maps its failure (C5). */
  <T> T call(@Nullable String model, String what, Document request, Function<Document, T> call) {
    try {
      return executeNative(model, request, r -> call.apply((Document) r));
    } catch (RuntimeException e) {
      throw MongoErrors.map(e, what + " of " + model);
    }
  }

  /**
   * Runs one driver call as a native call (C9) without mapping its failure: for callers that
   * inspect the driver's exception first.
   */
  <T> T runNative(String model, Document request, Function<Document, T> call) {
    return executeNative(model, request, r -> call.apply((Document) r));
  }

  // ---------------------------------------------------------------- CRUD

  @Override
  public Map<String, Object> create(
      ModelDefinition model, Map<String, Object> data, Options options) {
    return writer.insert(io(options), mapping(model), data);
  }

  @Override
  public List<Map<String, Object>> createAll(
      ModelDefinition model, List<Map<String, Object>> data, Options options) {
    MongoIo io = io(options);
    return data.isEmpty() ? List.of() : writer.createAll(io, mapping(model), data);
  }

  @Override
  public long update(
      ModelDefinition model, Where where, Map<String, Object> data, Options options) {
    MongoIo io = io(options);
    MongoModel mapping = mapping(model);
    Document set = MongoUpdates.setOf(mapping, data);
    Document filter = filterOf(mapping, where, options);
    if (set.isEmpty()) {
      return count(model, where, options);
    }
    Document request = MongoUpdates.updateCommand(mapping.collection(), filter, set, true, false);
    return call(
        model.name(),
        "updateAll",
        request,
        r ->
            io.updateMany(
                collection(mapping),
                MongoUpdates.statement(r).get("q", Document.class),
                MongoUpdates.statement(r).get("u", Document.class)));
  }

  @Override
  public long destroyAll(ModelDefinition model, Where where, Options options) {
    MongoIo io = io(options);
    MongoModel mapping = mapping(model);
    Document request =
        new Document("delete", mapping.collection())
            .append("filter", filterOf(mapping, where, options));
    return call(
        model.name(),
        "deleteAll",
        request,
        r -> io.deleteMany(collection(mapping), r.get("filter", Document.class)));
  }

  @Override
  public Map<String, Object> updateAttributes(
      ModelDefinition model, Object id, Map<String, Object> data, Options options) {
    MongoIo io = io(options);
    MongoModel mapping = mapping(model);
    Document updated =
        writer.patchOne(
            io, mapping, MongoUpdates.idFilter(mapping, id), MongoUpdates.setOf(mapping, data));
    if (updated == null) {
      throw ConnectorErrors.notFound(model, id);
    }
    return mapping.toRow(updated);
  }

  @Override
  public Map<String, Object> replaceById(
      ModelDefinition model, Object id, Map<String, Object> data, Options options) {
    MongoIo io = io(options);
    MongoModel mapping = mapping(model);
    Document replaced = writer.replaceOne(io, mapping, id, data);
    if (replaced == null) {
      throw ConnectorErrors.notFound(model, id);
    }
    return mapping.toRow(replaced);
  }

  // ---------------------------------------------------------------- atomic upserts

  @Override
  public UpsertResult updateOrCreate(
      ModelDefinition model, Object id, UpsertData data, Options options) {
    return upserts.updateOrCreate(model, id, data, options);
  }

  @Override
  public UpsertResult replaceOrCreate(
      ModelDefinition model, Object id, UpsertData data, Options options) {
    return upserts.replaceOrCreate(model, id, data, options);
  }

  @Override
  public UpsertResult upsertWithWhere(
      ModelDefinition model, Where where, UpsertData data, Options options) {
    return upserts.upsertWithWhere(model, where, data, options);
  }

  @Override
  public UpsertResult findOrCreate(
      ModelDefinition model, Filter filter, Supplier<Map<String, Object>> data, Options options) {
    return upserts.findOrCreate(model, filter, data, options);
  }

  // ---------------------------------------------------------------- migration

  @Override
  public void automigrate(List<ModelDefinition> models) {
    for (ModelDefinition model : models) {
      MongoModel mapping = mapping(model);
      MongoMigration migration = new MongoMigration(this::runCommand, mapping);
      migration.recreate();
      ids.dropIdBlock(mapping);
      call(
          model.name(),
          "automigrate",
          new Document("delete", COUNTERS)
              .append("filter", new Document("_id", mapping.collection())),
          r -> db().getCollection(COUNTERS).deleteMany(r.get("filter", Document.class)));
    }
  }

  @Override
  public void autoupdate(List<ModelDefinition> models, boolean destructive) {
    for (ModelDefinition model : models) {
      new MongoMigration(this::runCommand, mapping(model)).update(destructive);
    }
  }

  @Override
  public boolean isActual(List<ModelDefinition> models) {
    for (ModelDefinition model : models) {
      if (!new MongoMigration(this::runCommand, mapping(model)).isActual()) {
        return false;
      }
    }
    return true;
  }

  /** Runs a database command as a native call; used by migration and discovery. */
  Document runCommand(@Nullable String model, String what, Document command) {
    return call(model, what, command, r -> db().runCommand(r));
  }

  // ---------------------------------------------------------------- discovery

  @Override
  public List<Map<String, Object>> discoverModelDefinitions(Map<String, Object> options) {
    return discovery().modelDefinitions();
  }

  @Override
  public List<Map<String, Object>> discoverModelProperties(
      String table, Map<String, Object> options) {
    return discovery().properties(requireNonNull(table, "table is null"));
  }

  @Override
  public List<Map<String, Object>> discoverPrimaryKeys(String table, Map<String, Object> options) {
    return discovery().primaryKeys(requireNonNull(table, "table is null"));
  }

  @Override
  public List<Map<String, Object>> discoverForeignKeys(String table, Map<String, Object> options) {
    requireNonNull(table, "table is null");
    return List.of();
  }

  @Override
  public Map<String, Object> discoverSchemas(String table, Map<String, Object> options) {
    return discovery().schema(requireNonNull(table, "table is null"));
  }

  private MongoDiscovery discovery() {
    return new MongoDiscovery(
        this::runCommand, mongoSettings.database(), mongoSettings.sampleSize());
  }

  // ---------------------------------------------------------------- execute

  /**
   * Runs a database command given as JSON (MongoDB extended JSON), e.g. {@code {"ping": 1}}, and
   * returns its result document.
   *
   * @param params must be empty: a command document carries its values itself
   */
  @Override
  public Object execute(String command, List<Object> params, Options options) {
    requireNonNull(command, "command is null");
    MongoIo io = io(options);
    if (params != null && !params.isEmpty()) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          "a MongoDB command takes no parameters: put the values into the command document");
    }
    Document parsed;
    try {
      parsed = Document.parse(command);
    } catch (RuntimeException e) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT, "not a MongoDB command document: " + e.getMessage(), e);
    }
    if (parsed.isEmpty()) {
      throw new ConnectorException(ErrorCode.INVALID_ARGUMENT, "empty MongoDB command document");
    }
    Document result = call(null, "execute", parsed, r -> io.runCommand(db(), r));
    return requireNonNull(MongoModel.fromBson(result), "a document converts to a map");
  }

  static Logger log() {
    return LOG;
  }
}
