package io.connectorkit.connector.mongodb;

import static java.util.Objects.requireNonNull;

import com.mongodb.MongoBulkWriteException;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The writes of records: insert (one or all-or-nothing many), patch and replace of one document,
 * each as MongoDB's own command through the connector's native calls (C9).
 */
final class MongoWriter {
  private final MongoConnector connector;
  private final MongoIdGenerator ids;

  MongoWriter(MongoConnector connector, MongoIdGenerator ids) {
    this.connector = requireNonNull(connector, "connector is null");
    this.ids = requireNonNull(ids, "ids is null");
  }

  Map<String, Object> insert(MongoIo io, MongoModel mapping, Map<String, Object> data) {
    PropertyDefinition id = mapping.singleId();
    boolean generateNumber =
        id != null && data.get(id.name()) == null && id.type().kind() == PropertyType.Kind.NUMBER;
    for (int attempt = 0; ; attempt++) {
      Map<String, Object> row = ids.withId(mapping, data);
      Document document = mapping.toDocument(row);
      String model = mapping.definition().name();
      try {
        connector.call(
            model,
            "create",
            new Document("insert", mapping.collection()).append("documents", List.of(document)),
            request -> {
              io.insertMany(connector.collection(mapping), documents(request));
              return null;
            });
      } catch (ConnectorException e) {
        if (generateNumber
            && attempt < MongoConnector.WRITE_RETRIES
            && e.code() == ErrorCode.DUPLICATE_KEY) {
          // An explicit id taken by another client after the counter moved: skip past it.
          ids.catchUpCounter(mapping);
          continue;
        }
        throw e;
      }
      if (id != null && id.type().kind() == PropertyType.Kind.NUMBER && !generateNumber) {
        ids.raiseCounter(mapping, row.get(id.name()));
      }
      return mapping.toRow(document);
    }
  }

  /**
   * The documents of an insert command, as a listener may have replaced them; one that left none is
   * BACKEND_ERROR (as the driver's refusal of a null list was) rather than a null for the driver.
   */
  @SuppressWarnings("unchecked")
  private static List<Document> documents(Document request) {
    if (!(request.get("documents") instanceof List<?> documents)) {
      throw new ConnectorException(
          ErrorCode.BACKEND_ERROR,
          "an insert command needs a \"documents\" list: " + MongoShapes.elide(request));
    }
    return (List<Document>) documents;
  }

  List<Map<String, Object>> createAll(
      MongoIo io, MongoModel mapping, List<Map<String, Object>> data) {
    if (data.isEmpty()) {
      return List.of();
    }
    PropertyDefinition id = mapping.singleId();
    List<Document> documents = new ArrayList<>(data.size());
    for (Map<String, Object> item : data) {
      documents.add(mapping.toDocument(ids.withId(mapping, item)));
    }
    Document request = new Document("insert", mapping.collection()).append("documents", documents);
    try {
      connector.runNative(
          mapping.definition().name(),
          request,
          r -> {
            io.insertMany(connector.collection(mapping), documents(r));
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
        io.deleteMany(
            connector.collection(mapping), new Document("_id", new Document("$in", written)));
      }
      throw MongoErrors.map(e, "create of " + mapping.definition().name());
    } catch (RuntimeException e) {
      throw MongoErrors.map(e, "create of " + mapping.definition().name());
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
      ids.raiseCounter(mapping, maxExplicit);
    }
    return rows;
  }

  /** Patches the first document matching a filter; the patched document, or null for none. */
  @Nullable Document patchOne(MongoIo io, MongoModel mapping, Document filter, Document set) {
    if (set.isEmpty()) {
      Document request =
          new Document("find", mapping.collection()).append("filter", filter).append("limit", 1);
      return connector.call(
          mapping.definition().name(),
          "update",
          request,
          r -> io.first(connector.collection(mapping), r.get("filter", Document.class)));
    }
    // updateOne, then read: a findAndModify returning the document races with concurrent
    // updates of it inside mongo-java-server (ConcurrentModificationException while encoding).
    Document request = MongoUpdates.updateCommand(mapping.collection(), filter, set, false, false);
    long matched =
        connector.call(
            mapping.definition().name(),
            "update",
            request,
            r ->
                io.updateOne(
                    connector.collection(mapping),
                    MongoUpdates.statement(r).get("q", Document.class),
                    MongoUpdates.statement(r).get("u", Document.class)));
    return matched == 0 ? null : findFirst(io, mapping, filter);
  }

  /** The first document matching a filter, or null for none. */
  @Nullable Document findFirst(MongoIo io, MongoModel mapping, Document filter) {
    Document request =
        new Document("find", mapping.collection()).append("filter", filter).append("limit", 1);
    return connector.call(
        mapping.definition().name(),
        "find",
        request,
        r -> io.first(connector.collection(mapping), r.get("filter", Document.class)));
  }

  /** Replaces the document with the id; the replacement as stored, or null for none. */
  @Nullable Document replaceOne(
      MongoIo io, MongoModel mapping, Object id, Map<String, Object> data) {
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
    Document filter = MongoUpdates.idFilter(mapping, id);
    Document request =
        MongoUpdates.updateCommand(mapping.collection(), filter, replacement, false, false);
    long matched =
        connector.call(
            mapping.definition().name(),
            "replace",
            request,
            r ->
                io.replaceOne(
                    connector.collection(mapping),
                    MongoUpdates.statement(r).get("q", Document.class),
                    MongoUpdates.statement(r).get("u", Document.class)));
    return matched == 0 ? null : findFirst(io, mapping, filter);
  }
}
