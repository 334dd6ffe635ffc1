package io.connectorkit.connector.mongodb;

import static java.util.Objects.requireNonNull;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * Generated ids of one connector instance: an ObjectId's hex string, or the next number of the
 * collection's counter document in {@link MongoConnector#COUNTERS} (C1.2: a generated number is
 * above every explicit one), taken {@code idBlockSize} at a time.
 */
final class MongoIdGenerator {
  /**
   * Serialises the create branch of upsertWithWhere and findOrCreate per collection within this
   * connector instance: MongoDB has no atomic "insert unless a document matches this filter"
   * without a unique index on the filter's fields. Per instance, not JVM-global: a global map keyed
   * by database and collection made datasources on different servers with the same database name
   * wait for each other. So ATOMIC_UPSERT/ATOMIC_FIND_OR_CREATE hold among the callers of one
   * datasource, not across processes (docs/reliability.md).
   */
  private final Map<String, Object> createLocks = new ConcurrentHashMap<>();

  private final MongoConnector connector;
  private final String database;

  /** Generated numbers a counter {@code $inc} takes at once (the {@code idBlockSize} setting). */
  private final int idBlockSize;

  MongoIdGenerator(MongoConnector connector, String database, int idBlockSize) {
    this.connector = requireNonNull(connector, "connector is null");
    this.database = requireNonNull(database, "database is null");
    this.idBlockSize = idBlockSize;
  }

  /** The record with its id generated when it has none: an ObjectId, or the next number. */
  Map<String, Object> withId(MongoModel mapping, Map<String, Object> data) {
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

  /**
   * Per collection, {next, last} of the numbers taken from its counter and not handed out yet;
   * guarded by the collection's {@link #lock}.
   */
  private final Map<String, long[]> idBlocks = new ConcurrentHashMap<>();

  private MongoCollection<Document> counters() {
    return connector.db().getCollection(MongoConnector.COUNTERS);
  }

  /**
   * The next generated number of a collection: {@code $inc} on its counter. A new counter starts
   * after the largest numeric id already stored.
   */
  private long nextNumber(MongoModel mapping) {
    // Atomic on the server; serialised in this JVM too because mongo-java-server encodes the
    // returned counter document while concurrent $inc calls modify it.
    synchronized (lock(mapping)) {
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
  void dropIdBlock(MongoModel mapping) {
    idBlocks.remove(mapping.collection());
  }

  private long nextNumberUnlocked(MongoModel mapping) {
    String model = mapping.definition().name();
    Document filter = new Document("_id", mapping.collection());
    Document counter =
        connector.call(
            model,
            "generate id",
            new Document("findAndModify", MongoConnector.COUNTERS)
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
    // The last number of the block taken: idBlockSize numbers ending here are ours. An upsert
    // returning the document after its $inc: the counter exists and holds a numeric seq.
    long seq = ((Number) requireNonNull(counter.get("seq"), "seq is null")).longValue();
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
        connector.call(
            mapping.definition().name(),
            "generate id",
            request,
            r ->
                connector
                    .collection(mapping)
                    .find(r.get("filter", Document.class))
                    .sort(r.get("sort", Document.class))
                    .limit(1)
                    .first());
    // Found by {_id: {$type: "number"}}: its _id is a number.
    return top == null ? 0 : ((Number) requireNonNull(top.get("_id"), "_id is null")).longValue();
  }

  void catchUpCounter(MongoModel mapping) {
    raiseCounter(mapping, maxNumericId(mapping));
  }

  /** Keeps the counter at or above an explicit id, so later generated ids are greater (C1.2). */
  void raiseCounter(MongoModel mapping, @Nullable Object id) {
    if (!(id instanceof Number number)) {
      return;
    }
    dropIdBlock(mapping);
    Document filter = new Document("_id", mapping.collection());
    Document update = new Document("$max", new Document("seq", number.longValue()));
    connector.call(
        mapping.definition().name(),
        "generate id",
        MongoUpdates.updateCommand(MongoConnector.COUNTERS, filter, update, false, true),
        r ->
            counters()
                .updateOne(
                    MongoUpdates.statement(r).get("q", Document.class),
                    MongoUpdates.statement(r).get("u", Document.class),
                    new UpdateOptions().upsert(true)));
  }

  /**
   * The lock of a collection within this connector instance: id blocks and the create branch of the
   * upserts that cannot be one atomic command hold it.
   */
  Object lock(MongoModel mapping) {
    return createLocks.computeIfAbsent(database + "." + mapping.collection(), key -> new Object());
  }
}
