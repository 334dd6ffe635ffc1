package io.connectorkit.connector.mongodb;

import static java.util.Objects.requireNonNull;

import com.mongodb.client.MongoCollection;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterEvaluator;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.spi.Pushdown;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * The reads: a filter as a {@code find} command pushed down as far as the server matches and orders
 * exactly (C4.6), counts, the BSON filter of a where for the writes, and the one probe of how the
 * server orders strings that decides how far string comparisons are pushed down.
 */
final class MongoReader {
  private final MongoConnector connector;
  private final MongoSettings mongoSettings;
  private volatile @Nullable Boolean codePointStrings;

  MongoReader(MongoConnector connector, MongoSettings mongoSettings) {
    this.connector = requireNonNull(connector, "connector is null");
    this.mongoSettings = requireNonNull(mongoSettings, "mongoSettings is null");
  }

  MongoQuery query(MongoModel mapping) {
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
          mongoSettings.codePointStringOrder() != null
              ? mongoSettings.codePointStringOrder()
              : probeCodePointStrings();
      codePointStrings = known;
    }
    return known;
  }

  private boolean probeCodePointStrings() {
    MongoCollection<Document> probe = connector.db().getCollection(MongoConnector.PROBE);
    String id = new ObjectId().toHexString();
    try {
      probe.insertOne(new Document("_id", id).append("s", "\uD83D\uDE00"));
      Document filter = new Document("_id", id).append("s", new Document("$gt", "\uFF5A"));
      return probe.find(filter).first() != null;
    } catch (RuntimeException e) {
      MongoConnector.log()
          .warn(
              "cannot probe how {} orders strings, leaving string order to the core: {}",
              mongoSettings.maskedConnectionString(),
              e.toString());
      return false;
    } finally {
      try {
        probe.deleteOne(new Document("_id", id));
      } catch (RuntimeException e) {
        MongoConnector.log().debug("probe clean-up failed", e);
      }
    }
  }

  /** The rows of a filter: pushed down as far as the server orders exactly, the rest here. */
  List<Map<String, Object>> all(MongoIo io, MongoModel mapping, Filter filter, Options options) {
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
    return FilterEvaluator.apply(
        filter.withWhere(pushdown.residual()), rows, idNames(mapping.definition()));
  }

  private static List<String> idNames(ModelDefinition model) {
    return model.idProperties().stream().map(PropertyDefinition::name).toList();
  }

  private List<Map<String, Object>> find(
      MongoIo io, MongoModel mapping, String what, Document request) {
    List<Document> documents =
        connector.call(
            mapping.definition().name(),
            what,
            request,
            r ->
                io.find(
                    connector.collection(mapping),
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
  Document filterOf(MongoModel mapping, Where where, Options options) {
    MongoQuery query = query(mapping);
    Pushdown pushdown = query.pushdown(Filter.where(where));
    if (pushdown.residual().isAll()) {
      return query.filter(pushdown.enforced());
    }
    List<Object> ids = new ArrayList<>();
    List<Map<String, Object>> rows =
        connector.all(mapping.definition(), Filter.where(where), options);
    for (Map<String, Object> row : rows) {
      ids.add(MongoUpdates.idFilter(mapping, MongoUpdates.idOf(mapping, row)));
    }
    if (ids.isEmpty()) {
      return MongoQuery.NOTHING;
    }
    return new Document("$or", ids);
  }

  long count(MongoIo io, MongoModel mapping, Where where, Options options) {
    Document request =
        new Document("count", mapping.collection())
            .append("filter", filterOf(mapping, where, options));
    return connector.call(
        mapping.definition().name(),
        "count",
        request,
        r -> io.countDocuments(connector.collection(mapping), r.get("filter", Document.class)));
  }
}
