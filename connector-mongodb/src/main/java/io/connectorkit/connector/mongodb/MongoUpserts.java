package io.connectorkit.connector.mongodb;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.UpsertResult;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.spi.ConnectorErrors;
import io.connectorkit.core.spi.UpsertData;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The atomic upserts (ATOMIC_UPSERT, ATOMIC_FIND_OR_CREATE): by id through {@code _id}'s uniqueness
 * with a retry on a duplicate key, by where and find-or-create under the collection's lock in
 * {@link MongoIdGenerator#lock}.
 */
final class MongoUpserts {
  /** The update operators a patch without extended operators turns into. */
  private static final Set<String> PATCH_OPERATORS = Set.of("$set", "$unset");

  private final MongoConnector connector;
  private final MongoWriter writer;
  private final MongoIdGenerator ids;

  MongoUpserts(MongoConnector connector, MongoWriter writer, MongoIdGenerator ids) {
    this.connector = requireNonNull(connector, "connector is null");
    this.writer = requireNonNull(writer, "writer is null");
    this.ids = requireNonNull(ids, "ids is null");
  }

  /**
   * Patches the record with the id, or inserts the create branch. When the create branch is valid
   * and the patch holds no update operators, this is one {@code findAndModify} with {@code upsert}:
   * the patch as {@code $set}/{@code $unset}, the rest of the record to create as {@code
   * $setOnInsert} (plus a counter {@code $max} when a numeric id was inserted, C1.2). Otherwise, or
   * when the create branch fails its rules, the patch is tried first and the insert second; a
   * duplicate key on the insert means another caller created it meanwhile, so the patch is tried
   * again. {@code _id} is unique, so concurrent calls create one document.
   */
  UpsertResult updateOrCreate(ModelDefinition model, Object id, UpsertData data, Options options) {
    MongoIo io = connector.io(options);
    MongoModel mapping = connector.mapping(model);
    Document set = MongoUpdates.setOf(mapping, data.patch());
    Document update = oneCommandUpdate(mapping, id, data, set);
    if (update != null) {
      return findAndModifyUpsert(io, mapping, id, update);
    }
    return upsertById(
        io,
        mapping,
        data,
        () -> writer.patchOne(io, mapping, MongoUpdates.idFilter(mapping, id), set));
  }

  /**
   * The update of a one-command upsert: the patch's {@code $set}/{@code $unset} and the create
   * branch's other fields under {@code $setOnInsert}; null when it cannot be one command (update
   * operators in the patch, a composite id, a create branch that fails or names another id).
   */
  private static @Nullable Document oneCommandUpdate(
      MongoModel mapping, Object id, UpsertData data, Document set) {
    PropertyDefinition idProperty = mapping.singleId();
    if (idProperty == null || set.keySet().stream().anyMatch(k -> !PATCH_OPERATORS.contains(k))) {
      return null;
    }
    Map<String, Object> create;
    try {
      create = data.forCreate();
    } catch (ConnectorException e) {
      return null; // the create branch's own error is raised only when no record matches
    }
    if (!String.valueOf(create.get(idProperty.name())).equals(String.valueOf(id))) {
      return null;
    }
    Set<String> patched = new HashSet<>();
    for (String operator : PATCH_OPERATORS) {
      Document fields = set.get(operator, Document.class);
      if (fields != null) {
        patched.addAll(fields.keySet());
      }
    }
    // An _id the query names by equality is the inserted one; one matched by $in (an ObjectId or
    // its hex string) is not, so the create branch's goes under $setOnInsert.
    if (!(MongoUpdates.idFilter(mapping, id).get(MongoModel.ID_FIELD) instanceof Document)) {
      patched.add(MongoModel.ID_FIELD);
    }
    Document onInsert = new Document();
    mapping
        .toDocument(create)
        .forEach(
            (field, value) -> {
              if (!patched.contains(field)) {
                onInsert.put(field, value);
              }
            });
    Document update = new Document(set);
    if (!onInsert.isEmpty()) {
      update.put("$setOnInsert", onInsert);
    }
    // An empty update document would be a replacement by nothing: never one command.
    return update.isEmpty() ? null : update;
  }

  private UpsertResult findAndModifyUpsert(
      MongoIo io, MongoModel mapping, Object id, Document update) {
    String model = mapping.definition().name();
    // oneCommandUpdate gives an update only for a model with a single id.
    PropertyDefinition idProperty = requireNonNull(mapping.singleId(), "singleId is null");
    Document command =
        new Document("findAndModify", mapping.collection())
            .append("query", MongoUpdates.idFilter(mapping, id))
            .append("update", update)
            .append("upsert", true)
            .append("new", true);
    for (int attempt = 0; ; attempt++) {
      Document result;
      try {
        // Serialised per collection in this datasource: mongo-java-server encodes the returned
        // document while a concurrent update of it may modify it (see MongoIdGenerator).
        synchronized (ids.lock(mapping)) {
          result =
              connector.call(
                  model, "updateOrCreate", command, r -> io.runCommand(connector.db(), r));
        }
      } catch (ConnectorException e) {
        // Two upserts of one new id: the server inserts for one and refuses the other; again.
        if (e.code() == ErrorCode.DUPLICATE_KEY && attempt < MongoConnector.WRITE_RETRIES) {
          continue;
        }
        throw e;
      }
      // With upsert and new, findAndModify returns the document it updated or inserted.
      Document value = requireNonNull(result.get("value", Document.class), "value is null");
      Document lastError = result.get("lastErrorObject", Document.class);
      // MongoDB always says updatedExisting; mongo-java-server leaves lastErrorObject out when it
      // inserted.
      boolean created = lastError == null || !Boolean.TRUE.equals(lastError.get("updatedExisting"));
      Map<String, Object> row = mapping.toRow(value);
      if (created && idProperty.type().kind() == PropertyType.Kind.NUMBER) {
        ids.raiseCounter(mapping, row.get(idProperty.name()));
      }
      return new UpsertResult(row, created);
    }
  }

  UpsertResult replaceOrCreate(ModelDefinition model, Object id, UpsertData data, Options options) {
    MongoIo io = connector.io(options);
    MongoModel mapping = connector.mapping(model);
    return upsertById(io, mapping, data, () -> writer.replaceOne(io, mapping, id, data.patch()));
  }

  private UpsertResult upsertById(
      MongoIo io, MongoModel mapping, UpsertData data, Supplier<@Nullable Document> existing) {
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
        return new UpsertResult(writer.insert(io, mapping, create), true);
      } catch (ConnectorException e) {
        if (e.code() != ErrorCode.DUPLICATE_KEY || attempt >= MongoConnector.WRITE_RETRIES) {
          throw e;
        }
      }
    }
  }

  UpsertResult upsertWithWhere(
      ModelDefinition model, Where where, UpsertData data, Options options) {
    MongoIo io = connector.io(options);
    MongoModel mapping = connector.mapping(model);
    Document filter = connector.filterOf(mapping, where, options);
    synchronized (ids.lock(mapping)) {
      Document request =
          new Document("find", mapping.collection()).append("filter", filter).append("limit", 2);
      List<Document> matches =
          connector.call(
              model.name(),
              "upsertWithWhere",
              request,
              r ->
                  io.find(
                      connector.collection(mapping),
                      r.get("filter", Document.class),
                      null,
                      null,
                      2));
      if (matches.size() > 1) {
        throw ConnectorErrors.multipleInstances(model, where);
      }
      if (matches.isEmpty()) {
        return new UpsertResult(writer.insert(io, mapping, data.forCreate()), true);
      }
      Document match = matches.get(0);
      Document updated =
          writer.patchOne(
              io,
              mapping,
              new Document(MongoModel.ID_FIELD, match.get(MongoModel.ID_FIELD)),
              MongoUpdates.setOf(mapping, data.patch()));
      return new UpsertResult(mapping.toRow(updated == null ? match : updated), false);
    }
  }

  UpsertResult findOrCreate(
      ModelDefinition model, Filter filter, Supplier<Map<String, Object>> data, Options options) {
    MongoIo io = connector.io(options);
    MongoModel mapping = connector.mapping(model);
    Filter first = filter.withPage(1, 0);
    synchronized (ids.lock(mapping)) {
      for (int attempt = 0; ; attempt++) {
        List<Map<String, Object>> found = connector.all(model, first, options);
        if (!found.isEmpty()) {
          return new UpsertResult(found.get(0), false);
        }
        try {
          return new UpsertResult(writer.insert(io, mapping, data.get()), true);
        } catch (ConnectorException e) {
          // Another process created a matching record under a unique index: find it.
          if (e.code() != ErrorCode.DUPLICATE_KEY || attempt >= 1) {
            throw e;
          }
        }
      }
    }
  }
}
