package io.connectorkit.connector.mongodb;

import static java.util.Objects.requireNonNull;

import com.mongodb.client.ClientSession;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.spi.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The driver calls of one operation: inside a transaction's {@link ClientSession}, in a causally
 * consistent session of its own per call ({@link MongoCausalClock}), or without one; with the
 * operation's read preference and read and write concern applied to the collection. Every call of a
 * transaction runs while holding it ({@link MongoTransaction#run}), so a commit, a rollback or the
 * timeout never interleaves with a call, a finished transaction refuses the call with {@code
 * TRANSACTION_NOT_ACTIVE}, and the session (not thread-safe) is used by one thread at a time.
 * Results are read completely inside the call.
 */
final class MongoIo {
  /** Outside any transaction, with the datasource's concerns. */
  static final MongoIo NONE = new MongoIo(null, MongoConcerns.NONE, null);

  private final @Nullable MongoTransaction transaction;

  /**
   * The calls of an operation with these options.
   *
   * @param transaction the options' transaction (checked to be this connector's), or null
   * @param options the operation's options; their per-call settings may set concerns
   * @param datasource the datasource's concerns (those not set per call)
   * @param clock the causal clock, or null where the server runs no sessions; asked only when the
   *     operation is causal
   * @throws ConnectorException INVALID_ARGUMENT for a bad per-call value, or a per-call concern
   *     inside a transaction (the transaction's apply to all its operations)
   */
  static MongoIo of(
      @Nullable Transaction transaction,
      Options options,
      MongoConcerns datasource,
      Supplier<@Nullable MongoCausalClock> clock) {
    options = withTypedReadPreference(options);
    MongoConcerns own = MongoConcerns.NONE;
    if (!options.settings().isEmpty()) {
      own = operationConcerns(options);
      if (transaction != null && !own.equals(MongoConcerns.NONE)) {
        throw new ConnectorException(
            ErrorCode.INVALID_ARGUMENT,
            "options "
                + options.settings().keySet()
                + " cannot be set per operation inside transaction "
                + transaction.id()
                + ": the transaction's read and write concern apply to all its operations");
      }
    }
    if (transaction != null) {
      return new MongoIo((MongoTransaction) transaction, MongoConcerns.NONE, null);
    }
    MongoCausalClock causal = own.orElse(datasource).causal() ? clock.get() : null;
    if (own.equals(MongoConcerns.NONE) && causal == null) {
      return NONE;
    }
    return new MongoIo(null, own, causal);
  }

  /**
   * The options with {@link Options#readPreference()}, which every replicated connector reads the
   * same way, as MongoDB's own {@code readPreference} setting (replica is {@code secondary}); a
   * {@code readPreference} among the per-call settings, which may name any of MongoDB's modes,
   * wins.
   */
  private static Options withTypedReadPreference(Options options) {
    if (options.readPreference() == null || options.settings().containsKey("readPreference")) {
      return options;
    }
    String mode =
        switch (options.readPreference()) {
          case PRIMARY -> "primary";
          case REPLICA -> "secondary";
          case REPLICA_PREFERRED -> "secondaryPreferred";
        };
    return options.with("readPreference", mode);
  }

  /**
   * The concerns an operation's options set; a bad value is INVALID_ARGUMENT (the call's input),
   * not CONFIGURATION_INVALID.
   */
  private static MongoConcerns operationConcerns(Options options) {
    try {
      return MongoConcerns.from(Settings.of(options.settings()));
    } catch (ConnectorException e) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          String.valueOf(e.getMessage()).replaceFirst("^setting ", "option "),
          e);
    }
  }

  private final MongoConcerns concerns;
  private final @Nullable MongoCausalClock causal;

  /**
   * @param transaction null for calls outside a transaction
   * @param concerns the operation's own concerns, applied to each collection
   * @param causal the clock whose causally consistent sessions the calls outside a transaction run
   *     in, or null for none
   */
  MongoIo(
      @Nullable MongoTransaction transaction,
      MongoConcerns concerns,
      @Nullable MongoCausalClock causal) {
    this.transaction = transaction;
    this.concerns = requireNonNull(concerns, "concerns is null");
    this.causal = causal;
  }

  /** The operation's own concerns (none inside a transaction). */
  MongoConcerns concerns() {
    return concerns;
  }

  /** Whether the calls outside a transaction run in causally consistent sessions. */
  boolean causal() {
    return causal != null;
  }

  private <T> T run(Function<@Nullable ClientSession, T> call) {
    if (transaction != null) {
      return transaction.run(() -> call.apply(transaction.session()));
    }
    if (causal != null) {
      try (ClientSession session = causal.start()) {
        T result = call.apply(session);
        causal.observe(session);
        return result;
      }
    }
    return call.apply(null);
  }

  /** The documents matching a filter; sort, skip and limit when not null. */
  List<Document> find(
      MongoCollection<Document> target,
      Document filter,
      @Nullable Document sort,
      @Nullable Integer skip,
      @Nullable Integer limit) {
    MongoCollection<Document> collection = concerns.apply(target);
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
  @Nullable Document first(MongoCollection<Document> target, Document filter) {
    MongoCollection<Document> collection = concerns.apply(target);
    return run(
        session ->
            (session == null ? collection.find(filter) : collection.find(session, filter))
                .limit(1)
                .first());
  }

  void insertMany(MongoCollection<Document> target, List<Document> documents) {
    MongoCollection<Document> collection = concerns.apply(target);
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
  long updateOne(MongoCollection<Document> target, Document filter, Document update) {
    MongoCollection<Document> collection = concerns.apply(target);
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
  long updateMany(MongoCollection<Document> target, Document filter, Document update) {
    MongoCollection<Document> collection = concerns.apply(target);
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
  long replaceOne(MongoCollection<Document> target, Document filter, Document replacement) {
    MongoCollection<Document> collection = concerns.apply(target);
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
  long deleteMany(MongoCollection<Document> target, Document filter) {
    MongoCollection<Document> collection = concerns.apply(target);
    return run(
        session ->
            (session == null
                    ? collection.deleteMany(filter)
                    : collection.deleteMany(session, filter))
                .getDeletedCount());
  }

  long countDocuments(MongoCollection<Document> target, Document filter) {
    MongoCollection<Document> collection = concerns.apply(target);
    return run(
        session ->
            session == null
                ? collection.countDocuments(filter)
                : collection.countDocuments(session, filter));
  }

  Document runCommand(MongoDatabase target, Document command) {
    MongoDatabase database = concerns.apply(target);
    return run(
        session ->
            session == null ? database.runCommand(command) : database.runCommand(session, command));
  }
}
