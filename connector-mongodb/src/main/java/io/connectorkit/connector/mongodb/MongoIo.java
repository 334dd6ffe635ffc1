package io.connectorkit.connector.mongodb;

import com.mongodb.client.ClientSession;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;

/**
 * The driver calls of one operation: inside a transaction's {@link ClientSession}, or without one.
 * Every call of a transaction runs while holding it ({@link MongoTransaction#run}), so a commit, a
 * rollback or the timeout never interleaves with a call, a finished transaction refuses the call
 * with {@code TRANSACTION_NOT_ACTIVE}, and the session (not thread-safe) is used by one thread at a
 * time. Results are read completely inside the call.
 */
final class MongoIo {
  /** Outside any transaction. */
  static final MongoIo NONE = new MongoIo(null);

  private final MongoTransaction transaction;

  /**
   * @param transaction null for calls outside a transaction
   */
  MongoIo(MongoTransaction transaction) {
    this.transaction = transaction;
  }

  private <T> T run(Function<ClientSession, T> call) {
    if (transaction == null) {
      return call.apply(null);
    }
    return transaction.run(() -> call.apply(transaction.session()));
  }

  /** The documents matching a filter; sort, skip and limit when not null. */
  List<Document> find(
      MongoCollection<Document> collection,
      Document filter,
      Document sort,
      Integer skip,
      Integer limit) {
    return run(
        session -> {
          FindIterable<Document> found =
              session == null ? collection.find(filter) : collection.find(session, filter);
          if (sort != null) {
            found = found.sort(sort);
          }
          if (skip != null) {
            found = found.skip(skip);
          }
          if (limit != null) {
            found = found.limit(limit);
          }
          return found.into(new ArrayList<>());
        });
  }

  /** The first document matching a filter, or null. */
  Document first(MongoCollection<Document> collection, Document filter) {
    return run(
        session ->
            (session == null ? collection.find(filter) : collection.find(session, filter))
                .limit(1)
                .first());
  }

  void insertMany(MongoCollection<Document> collection, List<Document> documents) {
    run(
        session -> {
          if (session == null) {
            collection.insertMany(documents);
          } else {
            collection.insertMany(session, documents);
          }
          return null;
        });
  }

  /**
   * @return the number of documents matched
   */
  long updateOne(MongoCollection<Document> collection, Document filter, Document update) {
    return run(
        session ->
            (session == null
                    ? collection.updateOne(filter, update)
                    : collection.updateOne(session, filter, update))
                .getMatchedCount());
  }

  /**
   * @return the number of documents matched
   */
  long updateMany(MongoCollection<Document> collection, Document filter, Document update) {
    return run(
        session ->
            (session == null
                    ? collection.updateMany(filter, update)
                    : collection.updateMany(session, filter, update))
                .getMatchedCount());
  }

  /**
   * @return the number of documents matched
   */
  long replaceOne(MongoCollection<Document> collection, Document filter, Document replacement) {
    return run(
        session ->
            (session == null
                    ? collection.replaceOne(filter, replacement)
                    : collection.replaceOne(session, filter, replacement))
                .getMatchedCount());
  }

  /**
   * @return the number of documents deleted
   */
  long deleteMany(MongoCollection<Document> collection, Document filter) {
    return run(
        session ->
            (session == null
                    ? collection.deleteMany(filter)
                    : collection.deleteMany(session, filter))
                .getDeletedCount());
  }

  long countDocuments(MongoCollection<Document> collection, Document filter) {
    return run(
        session ->
            session == null
                ? collection.countDocuments(filter)
                : collection.countDocuments(session, filter));
  }

  Document runCommand(MongoDatabase database, Document command) {
    return run(
        session ->
            session == null ? database.runCommand(command) : database.runCommand(session, command));
  }
}
