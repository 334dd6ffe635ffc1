package io.connectorkit.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * The mongodb connector's DAO next to mongodb-driver-sync used directly, both over TCP to one
 * in-process mongo-java-server (127.0.0.1, an ephemeral port) holding the same collection.
 *
 * <p>The baseline is idiomatic driver code with the client's default pool: {@code find} with a
 * filter, sort and limit built from {@link Filters} and {@link Sorts}, documents mapped to a {@code
 * Map} per row with the id as its hex string, as the connector shows it. The ids are ObjectIds on
 * both sides (the model's id is a generated string stored as an ObjectId).
 */
final class MongoPair implements AutoCloseable {
  private static final String DATABASE = "bench";
  private static final Bson QUERY =
      Filters.and(Filters.eq("category", Items.CATEGORY), Filters.gte("n", Items.MIN_N));
  private static final Bson ORDER = Sorts.ascending("n", "_id");

  private final MongoServer server = new MongoServer(new MemoryBackend());
  private final DataSource db;
  private final Dao items;
  private final Dao writes;
  private final MongoClient client;
  private final MongoCollection<Document> itemCollection;
  private final MongoCollection<Document> writeCollection;
  private final List<String> ids = new ArrayList<>();

  /** Starts the server and loads {@link Items#ROWS} items; the write collection is empty. */
  MongoPair() {
    server.bind("127.0.0.1", 0);
    InetSocketAddress address = server.getLocalAddress();
    String url = "mongodb://127.0.0.1:" + address.getPort() + "/" + DATABASE;
    db = DataSources.create("bench-mongo", Map.of("connector", "mongodb", "url", url));
    String id = "{\"type\": \"string\", \"id\": true, \"generated\": true}";
    db.define(Items.modelJson(Items.MODEL, id, true));
    db.define(Items.modelJson(Items.WRITE_MODEL, id, true));
    db.automigrate(Items.MODEL, Items.WRITE_MODEL);
    items = db.dao(Items.MODEL);
    writes = db.dao(Items.WRITE_MODEL);
    items.createAll(Items.all()).forEach(row -> ids.add((String) row.get("id")));
    client = MongoClients.create(url);
    itemCollection = client.getDatabase(DATABASE).getCollection(Items.MODEL);
    writeCollection = client.getDatabase(DATABASE).getCollection(Items.WRITE_MODEL);
  }

  /** The ids of items 1..ROWS, in that order. */
  List<String> ids() {
    return ids;
  }

  // ---------------------------------------------------------------- findById

  Optional<Map<String, Object>> daoFindById(String id) {
    return items.findById(id);
  }

  Optional<Map<String, Object>> rawFindById(String id) {
    Document document = itemCollection.find(Filters.eq("_id", new ObjectId(id))).first();
    return document == null ? Optional.empty() : Optional.of(row(document));
  }

  // ---------------------------------------------------------------- find

  List<Map<String, Object>> daoFind() {
    return items.find(Items.QUERY);
  }

  List<Map<String, Object>> rawFind() {
    List<Map<String, Object>> rows = new ArrayList<>(Items.LIMIT);
    for (Document document : itemCollection.find(QUERY).sort(ORDER).limit(Items.LIMIT)) {
      rows.add(row(document));
    }
    return rows;
  }

  private static Map<String, Object> row(Document document) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", document.getObjectId("_id").toHexString());
    for (String column : Items.COLUMNS) {
      row.put(column, document.get(column));
    }
    return row;
  }

  // ---------------------------------------------------------------- create

  Map<String, Object> daoCreate(Map<String, Object> item) {
    return writes.create(item);
  }

  Map<String, Object> rawCreate(Map<String, Object> item) {
    Document document = new Document(item);
    writeCollection.insertOne(document);
    return row(document);
  }

  /** A row of the write collection, read through the DAO. */
  Optional<Map<String, Object>> daoFindWriteById(String id) {
    return writes.findById(id);
  }

  @Override
  public void close() {
    client.close();
    db.close();
    server.shutdownNow();
  }
}
