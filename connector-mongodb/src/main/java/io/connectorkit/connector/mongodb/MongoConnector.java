package io.connectorkit.connector.mongodb;

import static java.util.Objects.requireNonNull;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.ReadConcern;
import com.mongodb.TransactionOptions;
import com.mongodb.WriteConcern;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.IsolationLevel;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.common.UpsertResult;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterEvaluator;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ConnectorErrors;
import io.connectorkit.core.spi.EntityIds;
import io.connectorkit.core.spi.NativeCall;
import io.connectorkit.core.spi.Pushdown;
import io.connectorkit.core.spi.Settings;
import io.connectorkit.core.spi.UpsertData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.types.ObjectId;
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
  private static final int WRITE_RETRIES = 16;

  /**
   * Serialises the create branch of upsertWithWhere and findOrCreate per collection within this
   * connector instance: MongoDB has no atomic "insert unless a document matches this filter"
   * without a unique index on the filter's fields. Per instance, not JVM-global: a global map keyed
   * by database and collection made datasources on different servers with the same database name
   * wait for each other. So ATOMIC_UPSERT/ATOMIC_FIND_OR_CREATE hold among the callers of one
   * datasource, not across processes (docs/reliability.md).
   */
  private final Map<String, Object> createLocks = new ConcurrentHashMap<>();

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
  private volatile MongoClient client;
  private volatile MongoDatabase database;
  private volatile Boolean codePointStrings;
  private volatile Set<Feature> features = FEATURES;

  MongoConnector(Settings settings, MongoSettings mongoSettings) {
    super(NAME, settings);
    this.mongoSettings = requireNonNull(mongoSettings, "mongoSettings is null");
    this.idBlockSize = settings.integer("idBlockSize", 1);
    if (idBlockSize < 1) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "setting \"idBlockSize\" must be at least 1, got " + idBlockSize);
    }
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
    database = db;
    if (transactions) {
      EnumSet<Feature> detected = EnumSet.copyOf(FEATURES);
      detected.add(Feature.TRANSACTIONS);
      features = Collections.unmodifiableSet(detected);
    } else {
      features = FEATURES;
    }
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
  public Transaction beginTransaction(IsolationLevel isolation, Duration timeout) {
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

  private MongoDatabase db() {
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
  private MongoModel mapping(ModelDefinition model) {
    MongoModel mapping = mappings.get(model.name());
    if (mapping == null || mapping.definition() != model) {
      mapping = new MongoModel(model);
      mappings.put(model.name(), mapping);
    }
    return mapping;
  }

  private MongoCollection<Document> collection(MongoModel mapping) {
    return db().getCollection(mapping.collection());
  }

  private MongoQuery query(MongoModel mapping) {
    return new MongoQuery(mapping, codePointStrings());
  }

  /**
   * Whether the server compares strings by code point, probed once: MongoDB compares UTF-8 bytes
   * (code-point order), mongo-java-server UTF-16 units. The setting {@code codePointStringOrder}
   * skips the probe. When the probe cannot run, strings are assumed not to be (they stay residual).
   */
  boolean codePointStrings() {
    Boolean known = codePointStrings;
    if (known == null) {
      known =
          settings().has("codePointStringOrder")
              ? settings().bool("codePointStringOrder", false)
              : probeCodePointStrings();
      codePointStrings = known;
    }
    return known;
  }

  private boolean probeCodePointStrings() {
    MongoCollection<Document> probe = db().getCollection(PROBE);
    String id = new ObjectId().toHexString();
    try {
      probe.insertOne(new Document("_id", id).append("s", "\uD83D\uDE00"));
      Document filter = new Document("_id", id).append("s", new Document("$gt", "\uFF5A"));
      return probe.find(filter).first() != null;
    } catch (RuntimeException e) {
      LOG.warn(
          "cannot probe how {} orders strings, leaving string order to the core: {}",
          mongoSettings.maskedConnectionString(),
          e.toString());
      return false;
    } finally {
      try {
        probe.deleteOne(new Document("_id", id));
      } catch (RuntimeException e) {
        LOG.debug("probe clean-up failed", e);
      }
    }
  }

  @Override
  public Pushdown pushdown(ModelDefinition model, Filter filter) {
    return query(mapping(model)).pushdown(filter);
  }

  /**
   * The driver calls of an operation: in the session of the options' transaction (checked to be
   * this connector's and active), or without a session.
   */
  private MongoIo io(Options options) {
    Transaction transaction = transactionOf(options);
    return transaction == null ? MongoIo.NONE : new MongoIo((MongoTransaction) transaction);
  }

  /**
   * MongoDB's update command: the collection under {@code update}, the one statement under {@code
   * updates} (the filter {@code q}, the update or replacement {@code u}).
   */
  static Document updateCommand(
      String collection, Document filter, Document update, boolean multi, boolean upsert) {
    Document statement = new Document("q", filter).append("u", update);
    if (multi) {
      statement.append("multi", true);
    }
    if (upsert) {
      statement.append("upsert", true);
    }
    return new Document("update", collection).append("updates", List.of(statement));
  }

  /** The single statement of an {@link #updateCommand}, as a listener may have replaced it. */
  private static Document statement(Document command) {
    return command.getList("updates", Document.class).get(0);
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
  private <T> T call(String model, String what, Document request, Function<Document, T> call) {
    try {
      return executeNative(model, request, r -> call.apply((Document) r));
    } catch (RuntimeException e) {
      throw MongoErrors.map(e, what + " of " + model);
    }
  }

  // ---------------------------------------------------------------- CRUD

  @Override
  public Map<String, Object> create(
      ModelDefinition model, Map<String, Object> data, Options options) {
    return insert(io(options), mapping(model), data);
  }

  private Map<String, Object> insert(MongoIo io, MongoModel mapping, Map<String, Object> data) {
    PropertyDefinition id = mapping.singleId();
    boolean generateNumber =
        id != null && data.get(id.name()) == null && id.type().kind() == PropertyType.Kind.NUMBER;
    for (int attempt = 0; ; attempt++) {
      Map<String, Object> row = withId(mapping, data);
      Document document = mapping.toDocument(row);
      String model = mapping.definition().name();
      try {
        call(
            model,
            "create",
            new Document("insert", mapping.collection()).append("documents", List.of(document)),
            request -> {
              io.insertMany(collection(mapping), documents(request));
              return null;
            });
      } catch (ConnectorException e) {
        if (generateNumber && attempt < WRITE_RETRIES && e.code() == ErrorCode.DUPLICATE_KEY) {
          // An explicit id taken by another client after the counter moved: skip past it.
          catchUpCounter(mapping);
          continue;
        }
        throw e;
      }
      if (id != null && id.type().kind() == PropertyType.Kind.NUMBER && !generateNumber) {
        raiseCounter(mapping, row.get(id.name()));
      }
      return mapping.toRow(document);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Document> documents(Document request) {
    return (List<Document>) request.get("documents");
  }

  /** The record with its id generated when it has none: an ObjectId, or the next number. */
  private Map<String, Object> withId(MongoModel mapping, Map<String, Object> data) {
    PropertyDefinition id = mapping.singleId();
    if (id == null || data.get(id.name()) != null) {
      return data;
    }
    Map<String, Object> row = new LinkedHashMap<>(data);
    if (id.type().kind() == PropertyType.Kind.NUMBER) {
      row.put(id.name(), nextNumber(mapping));
    } else {
      row.put(id.name(), new ObjectId().toHexString());
    }
    return row;
  }

  /** Generated numbers a counter {@code $inc} takes at once (the {@code idBlockSize} setting). */
  private final int idBlockSize;

  /**
   * Per collection, {next, last} of the numbers taken from its counter and not handed out yet;
   * guarded by the collection's {@link #createLock}.
   */
  private final Map<String, long[]> idBlocks = new java.util.concurrent.ConcurrentHashMap<>();

  private MongoCollection<Document> counters() {
    return db().getCollection(COUNTERS);
  }

  /**
   * The next generated number of a collection: {@code $inc} on its counter. A new counter starts
   * after the largest numeric id already stored.
   */
  private long nextNumber(MongoModel mapping) {
    // Atomic on the server; serialised in this JVM too because mongo-java-server encodes the
    // returned counter document while concurrent $inc calls modify it.
    synchronized (createLock(mapping, mongoSettings.database())) {
      long[] block = idBlocks.get(mapping.collection());
      if (block != null && block[0] <= block[1]) {
        return block[0]++;
      }
      long last = nextNumberUnlocked(mapping);
      long first = last - idBlockSize + 1;
      if (idBlockSize > 1) {
        idBlocks.put(mapping.collection(), new long[] {first + 1, last});
      }
      return first;
    }
  }

  /** Forgets the numbers taken but not handed out: an explicit id or a migration passed them. */
  private void dropIdBlock(MongoModel mapping) {
    idBlocks.remove(mapping.collection());
  }

  private long nextNumberUnlocked(MongoModel mapping) {
    String model = mapping.definition().name();
    Document filter = new Document("_id", mapping.collection());
    Document counter =
        call(
            model,
            "generate id",
            new Document("findAndModify", COUNTERS)
                .append("query", filter)
                .append("update", new Document("$inc", new Document("seq", (long) idBlockSize)))
                .append("upsert", true),
            request ->
                counters()
                    .findOneAndUpdate(
                        request.get("query", Document.class),
                        request.get("update", Document.class),
                        new FindOneAndUpdateOptions()
                            .upsert(true)
                            .returnDocument(ReturnDocument.AFTER)));
    // The last number of the block taken: idBlockSize numbers ending here are ours.
    long seq = ((Number) counter.get("seq")).longValue();
    if (seq == idBlockSize) {
      // A new counter: numbers already stored (explicit ids, data from elsewhere) come first.
      long max = maxNumericId(mapping);
      if (max >= seq - idBlockSize + 1) {
        raiseCounter(mapping, max);
        return nextNumberUnlocked(mapping);
      }
    }
    return seq;
  }

  private long maxNumericId(MongoModel mapping) {
    Document request =
        new Document("find", mapping.collection())
            .append("filter", new Document("_id", new Document("$type", "number")))
            .append("sort", new Document("_id", -1))
            .append("limit", 1);
    Document top =
        call(
            mapping.definition().name(),
            "generate id",
            request,
            r ->
                collection(mapping)
                    .find(r.get("filter", Document.class))
                    .sort(r.get("sort", Document.class))
                    .limit(1)
                    .first());
    return top == null ? 0 : ((Number) top.get("_id")).longValue();
  }

  private void catchUpCounter(MongoModel mapping) {
    raiseCounter(mapping, maxNumericId(mapping));
  }

  /** Keeps the counter at or above an explicit id, so later generated ids are greater (C1.2). */
  private void raiseCounter(MongoModel mapping, Object id) {
    if (!(id instanceof Number number)) {
      return;
    }
    dropIdBlock(mapping);
    Document filter = new Document("_id", mapping.collection());
    Document update = new Document("$max", new Document("seq", number.longValue()));
    call(
        mapping.definition().name(),
        "generate id",
        updateCommand(COUNTERS, filter, update, false, true),
        r ->
            counters()
                .updateOne(
                    statement(r).get("q", Document.class),
                    statement(r).get("u", Document.class),
                    new UpdateOptions().upsert(true)));
  }

  @Override
  public List<Map<String, Object>> createAll(
      ModelDefinition model, List<Map<String, Object>> data, Options options) {
    MongoIo io = io(options);
    if (data.isEmpty()) {
      return List.of();
    }
    MongoModel mapping = mapping(model);
    PropertyDefinition id = mapping.singleId();
    List<Document> documents = new ArrayList<>(data.size());
    for (Map<String, Object> item : data) {
      documents.add(mapping.toDocument(withId(mapping, item)));
    }
    Document request = new Document("insert", mapping.collection()).append("documents", documents);
    try {
      executeNative(
          model.name(),
          request,
          r -> {
            io.insertMany(collection(mapping), documents((Document) r));
            return null;
          });
    } catch (MongoBulkWriteException e) {
      // An ordered insertMany stops at the first error: remove what it wrote, all or none (C3).
      int failed = e.getWriteErrors().isEmpty() ? 0 : e.getWriteErrors().get(0).getIndex();
      List<Object> written = new ArrayList<>();
      for (int i = 0; i < failed; i++) {
        written.add(documents.get(i).get("_id"));
      }
      if (!written.isEmpty()) {
        io.deleteMany(collection(mapping), new Document("_id", new Document("$in", written)));
      }
      throw MongoErrors.map(e, "create of " + model.name());
    } catch (RuntimeException e) {
      throw MongoErrors.map(e, "create of " + model.name());
    }
    List<Map<String, Object>> rows = new ArrayList<>(documents.size());
    long maxExplicit = Long.MIN_VALUE;
    for (int i = 0; i < documents.size(); i++) {
      Map<String, Object> row = mapping.toRow(documents.get(i));
      rows.add(row);
      if (id != null
          && data.get(i).get(id.name()) instanceof Number n
          && id.type().kind() == PropertyType.Kind.NUMBER) {
        maxExplicit = Math.max(maxExplicit, n.longValue());
      }
    }
    if (maxExplicit != Long.MIN_VALUE) {
      raiseCounter(mapping, maxExplicit);
    }
    return rows;
  }

  @Override
  public List<Map<String, Object>> all(ModelDefinition model, Filter filter, Options options) {
    MongoIo io = io(options);
    MongoModel mapping = mapping(model);
    MongoQuery query = query(mapping);
    Pushdown pushdown = query.pushdown(filter);
    boolean serverSide = pushdown.residual().isAll() && query.serverSorts(filter.order());
    Document request =
        new Document("find", mapping.collection())
            .append("filter", query.filter(pushdown.enforced()))
            .append("sort", query.sort(serverSide ? filter.order() : List.of()));
    if (serverSide && filter.skip() > 0) {
      request.append("skip", filter.skip());
    }
    if (serverSide && filter.limit() > 0) {
      request.append("limit", filter.limit());
    }
    List<Map<String, Object>> rows = find(io, mapping, "find", request);
    if (serverSide) {
      return rows;
    }
    // The rest of the where (when called with more than pushdown() enforces), the order the server
    // cannot sort by exactly, and paging: in memory, with the core's semantics.
    return FilterEvaluator.apply(filter.withWhere(pushdown.residual()), rows, idNames(model));
  }

  private static List<String> idNames(ModelDefinition model) {
    return model.idProperties().stream().map(PropertyDefinition::name).toList();
  }

  private List<Map<String, Object>> find(
      MongoIo io, MongoModel mapping, String what, Document request) {
    List<Document> documents =
        call(
            mapping.definition().name(),
            what,
            request,
            r ->
                io.find(
                    collection(mapping),
                    r.get("filter", Document.class),
                    r.get("sort", Document.class),
                    r.get("skip") == null
                        ? null
                        : Math.toIntExact(((Number) r.get("skip")).longValue()),
                    r.get("limit") == null
                        ? null
                        : Math.toIntExact(((Number) r.get("limit")).longValue())));
    List<Map<String, Object>> rows = new ArrayList<>(documents.size());
    documents.forEach(document -> rows.add(mapping.toRow(document)));
    return rows;
  }

  /** The BSON filter of a where: translated, or through the matching ids when not translatable. */
  private Document filterOf(MongoModel mapping, Where where, Options options) {
    MongoQuery query = query(mapping);
    Pushdown pushdown = query.pushdown(Filter.where(where));
    if (pushdown.residual().isAll()) {
      return query.filter(pushdown.enforced());
    }
    List<Object> ids = new ArrayList<>();
    List<Map<String, Object>> rows = all(mapping.definition(), Filter.where(where), options);
    for (Map<String, Object> row : rows) {
      ids.add(idFilter(mapping, idOf(mapping, row)));
    }
    if (ids.isEmpty()) {
      return MongoQuery.NOTHING;
    }
    return new Document("$or", ids);
  }

  private static Object idOf(MongoModel mapping, Map<String, Object> row) {
    if (mapping.definition().idProperties().isEmpty()) {
      throw ConnectorErrors.noId(mapping.definition(), "upsertWithWhere");
    }
    return EntityIds.of(mapping.definition(), row);
  }

  /** The filter of one id: {@code {_id: v}} (an ObjectId or its hex string) or the id fields. */
  private static Document idFilter(MongoModel mapping, Object id) {
    List<PropertyDefinition> ids = mapping.definition().idProperties();
    if (ids.isEmpty()) {
      throw ConnectorErrors.noId(mapping.definition(), "by id");
    }
    if (ids.size() == 1) {
      PropertyDefinition property = ids.get(0);
      if (mapping.isObjectId(property) && MongoModel.looksLikeObjectId(id)) {
        return new Document(
            MongoModel.ID_FIELD, new Document("$in", List.of(new ObjectId((String) id), id)));
      }
      return new Document(MongoModel.ID_FIELD, mapping.toBson(property, id));
    }
    if (!(id instanceof Map<?, ?> key)) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          "model " + mapping.definition().name() + " has a composite id: give a map of its parts");
    }
    Document filter = new Document();
    for (PropertyDefinition property : ids) {
      filter.put(
          mapping.field(property.name()), mapping.toBson(property, key.get(property.name())));
    }
    return filter;
  }

  @Override
  public long count(ModelDefinition model, Where where, Options options) {
    MongoIo io = io(options);
    MongoModel mapping = mapping(model);
    Document request =
        new Document("count", mapping.collection())
            .append("filter", filterOf(mapping, where, options));
    return call(
        model.name(),
        "count",
        request,
        r -> io.countDocuments(collection(mapping), r.get("filter", Document.class)));
  }

  /**
   * The patch as an update document: {@code $set} of the values, {@code $unset} of the nulls (a
   * null is stored as an absent field, see {@link MongoModel#toDocument}); the id fields never
   * change. Update operators ({@code $inc}, {@code $push}, …, allowed by allowExtendedOperators and
   * validated by the core) are added with their field names mapped and their operands in BSON.
   * Empty for an empty patch.
   */
  private static Document setOf(MongoModel mapping, Map<String, Object> data) {
    Map<String, Object> patch = new LinkedHashMap<>(data);
    mapping.definition().idProperties().forEach(id -> patch.remove(id.name()));
    Document set = new Document();
    Document unset = new Document();
    Map<String, Document> operators = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : patch.entrySet()) {
      String key = entry.getKey();
      if (key.startsWith("$") && entry.getValue() instanceof Map<?, ?> fields) {
        Document operator =
            key.equals("$set")
                ? set
                : key.equals("$unset")
                    ? unset
                    : operators.computeIfAbsent(key, k -> new Document());
        fields.forEach(
            (field, operand) ->
                operator.put(
                    mapping.fieldPath(String.valueOf(field)),
                    operatorOperand(mapping, key, String.valueOf(field), operand)));
      } else if (entry.getValue() == null) {
        unset.put(mapping.field(key), "");
      } else {
        set.put(mapping.field(key), mapping.toBson(mapping.property(key), entry.getValue()));
      }
    }
    Document update = new Document();
    if (!set.isEmpty()) {
      update.put("$set", set);
    }
    if (!unset.isEmpty()) {
      update.put("$unset", unset);
    }
    update.putAll(operators);
    return update;
  }

  /** The BSON operand of one field of an update operator. */
  private static Object operatorOperand(
      MongoModel mapping, String operator, String field, Object operand) {
    if (operator.equals("$rename") && operand instanceof String target) {
      return mapping.fieldPath(target); // the new name of a property is its field name
    }
    PropertyDefinition property = field.indexOf('.') < 0 ? mapping.property(field) : null;
    if (property == null || property.type().isArray() || operand instanceof Map<?, ?>) {
      return MongoModel.toBson(operand);
    }
    return mapping.toBson(property, operand);
  }

  @Override
  public long update(
      ModelDefinition model, Where where, Map<String, Object> data, Options options) {
    MongoIo io = io(options);
    MongoModel mapping = mapping(model);
    Document set = setOf(mapping, data);
    Document filter = filterOf(mapping, where, options);
    if (set.isEmpty()) {
      return count(model, where, options);
    }
    Document request = updateCommand(mapping.collection(), filter, set, true, false);
    return call(
        model.name(),
        "updateAll",
        request,
        r ->
            io.updateMany(
                collection(mapping),
                statement(r).get("q", Document.class),
                statement(r).get("u", Document.class)));
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
    Document updated = patchOne(io, mapping, idFilter(mapping, id), setOf(mapping, data));
    if (updated == null) {
      throw notFound(model, id);
    }
    return mapping.toRow(updated);
  }

  /** Patches the first document matching a filter; the patched document, or null for none. */
  private Document patchOne(MongoIo io, MongoModel mapping, Document filter, Document set) {
    if (set.isEmpty()) {
      Document request =
          new Document("find", mapping.collection()).append("filter", filter).append("limit", 1);
      return call(
          mapping.definition().name(),
          "update",
          request,
          r -> io.first(collection(mapping), r.get("filter", Document.class)));
    }
    // updateOne, then read: a findAndModify returning the document races with concurrent
    // updates of it inside mongo-java-server (ConcurrentModificationException while encoding).
    Document request = updateCommand(mapping.collection(), filter, set, false, false);
    long matched =
        call(
            mapping.definition().name(),
            "update",
            request,
            r ->
                io.updateOne(
                    collection(mapping),
                    statement(r).get("q", Document.class),
                    statement(r).get("u", Document.class)));
    return matched == 0 ? null : findFirst(io, mapping, filter);
  }

  private Document findFirst(MongoIo io, MongoModel mapping, Document filter) {
    Document request =
        new Document("find", mapping.collection()).append("filter", filter).append("limit", 1);
    return call(
        mapping.definition().name(),
        "find",
        request,
        r -> io.first(collection(mapping), r.get("filter", Document.class)));
  }

  private Document replaceOne(MongoIo io, MongoModel mapping, Object id, Map<String, Object> data) {
    Map<String, Object> row = new LinkedHashMap<>(data);
    Document replacement;
    if (mapping.singleId() != null) {
      // The stored _id is kept: it may be an ObjectId or its hex string.
      row.remove(mapping.singleId().name());
      replacement = mapping.toDocument(row);
    } else {
      replacement = mapping.toDocument(row);
      if (id instanceof Map<?, ?> key) {
        for (PropertyDefinition property : mapping.definition().idProperties()) {
          replacement.put(
              mapping.field(property.name()), mapping.toBson(property, key.get(property.name())));
        }
      }
    }
    Document filter = idFilter(mapping, id);
    Document request = updateCommand(mapping.collection(), filter, replacement, false, false);
    long matched =
        call(
            mapping.definition().name(),
            "replace",
            request,
            r ->
                io.replaceOne(
                    collection(mapping),
                    statement(r).get("q", Document.class),
                    statement(r).get("u", Document.class)));
    return matched == 0 ? null : findFirst(io, mapping, filter);
  }

  @Override
  public Map<String, Object> replaceById(
      ModelDefinition model, Object id, Map<String, Object> data, Options options) {
    MongoIo io = io(options);
    MongoModel mapping = mapping(model);
    Document replaced = replaceOne(io, mapping, id, data);
    if (replaced == null) {
      throw notFound(model, id);
    }
    return mapping.toRow(replaced);
  }

  private static ConnectorException notFound(ModelDefinition model, Object id) {
    return ConnectorErrors.notFound(model, id);
  }

  // ---------------------------------------------------------------- atomic upserts

  /**
   * Patches the record with the id, or inserts the create branch; a duplicate key on the insert
   * means another caller created it meanwhile, so the patch is tried again. {@code _id} is unique,
   * so concurrent calls create one document.
   */
  @Override
  public UpsertResult updateOrCreate(
      ModelDefinition model, Object id, UpsertData data, Options options) {
    MongoIo io = io(options);
    MongoModel mapping = mapping(model);
    Document set = setOf(mapping, data.patch());
    return upsertById(
        io, mapping, id, data, () -> patchOne(io, mapping, idFilter(mapping, id), set));
  }

  @Override
  public UpsertResult replaceOrCreate(
      ModelDefinition model, Object id, UpsertData data, Options options) {
    MongoIo io = io(options);
    MongoModel mapping = mapping(model);
    return upsertById(io, mapping, id, data, () -> replaceOne(io, mapping, id, data.patch()));
  }

  private UpsertResult upsertById(
      MongoIo io, MongoModel mapping, Object id, UpsertData data, Supplier<Document> existing) {
    Map<String, Object> create = null;
    for (int attempt = 0; ; attempt++) {
      Document found = existing.get();
      if (found != null) {
        return new UpsertResult(mapping.toRow(found), false);
      }
      if (create == null) {
        create = data.forCreate();
      }
      try {
        return new UpsertResult(insert(io, mapping, create), true);
      } catch (ConnectorException e) {
        if (e.code() != ErrorCode.DUPLICATE_KEY || attempt >= WRITE_RETRIES) {
          throw e;
        }
      }
    }
  }

  private Object createLock(MongoModel mapping, String database) {
    return createLocks.computeIfAbsent(database + "." + mapping.collection(), key -> new Object());
  }

  @Override
  public UpsertResult upsertWithWhere(
      ModelDefinition model, Where where, UpsertData data, Options options) {
    MongoIo io = io(options);
    MongoModel mapping = mapping(model);
    Document filter = filterOf(mapping, where, options);
    synchronized (createLock(mapping, mongoSettings.database())) {
      Document request =
          new Document("find", mapping.collection()).append("filter", filter).append("limit", 2);
      List<Document> matches =
          call(
              model.name(),
              "upsertWithWhere",
              request,
              r -> io.find(collection(mapping), r.get("filter", Document.class), null, null, 2));
      if (matches.size() > 1) {
        throw ConnectorErrors.multipleInstances(model, where);
      }
      if (matches.isEmpty()) {
        return new UpsertResult(insert(io, mapping, data.forCreate()), true);
      }
      Document match = matches.get(0);
      Document updated =
          patchOne(
              io,
              mapping,
              new Document(MongoModel.ID_FIELD, match.get(MongoModel.ID_FIELD)),
              setOf(mapping, data.patch()));
      return new UpsertResult(mapping.toRow(updated == null ? match : updated), false);
    }
  }

  @Override
  public UpsertResult findOrCreate(
      ModelDefinition model, Filter filter, Supplier<Map<String, Object>> data, Options options) {
    MongoIo io = io(options);
    MongoModel mapping = mapping(model);
    Filter first = filter.withPage(1, 0);
    synchronized (createLock(mapping, mongoSettings.database())) {
      for (int attempt = 0; ; attempt++) {
        List<Map<String, Object>> found = all(model, first, options);
        if (!found.isEmpty()) {
          return new UpsertResult(found.get(0), false);
        }
        try {
          return new UpsertResult(insert(io, mapping, data.get()), true);
        } catch (ConnectorException e) {
          // Another process created a matching record under a unique index: find it.
          if (e.code() != ErrorCode.DUPLICATE_KEY || attempt >= 1) {
            throw e;
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------- migration

  @Override
  public void automigrate(List<ModelDefinition> models) {
    for (ModelDefinition model : models) {
      MongoModel mapping = mapping(model);
      MongoMigration migration = new MongoMigration(this::runCommand, mapping);
      migration.recreate();
      dropIdBlock(mapping);
      call(
          model.name(),
          "automigrate",
          new Document("delete", COUNTERS)
              .append("filter", new Document("_id", mapping.collection())),
          r -> counters().deleteMany(r.get("filter", Document.class)));
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
  Document runCommand(String model, String what, Document command) {
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
    return MongoModel.fromBson(call(null, "execute", parsed, r -> io.runCommand(db(), r)));
  }

  static Logger log() {
    return LOG;
  }
}
