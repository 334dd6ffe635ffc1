package io.connectorkit.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ExecuteContext;
import io.connectorkit.core.spi.ExecuteListener;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The connector against mongo-java-server: ids, storage, concurrency, discovery, errors, C9. */
class MongoConnectorTest {
  private static MongoServerFixture server;
  private static MongoClient raw;
  private DataSource db;

  @BeforeAll
  static void start() {
    server = new MongoServerFixture("unit");
    raw = MongoClients.create(server.url());
  }

  @AfterAll
  static void stop() {
    raw.close();
    server.close();
  }

  @BeforeEach
  void open() {
    db = DataSources.create("unit", Map.of("connector", "mongodb", "url", server.url()));
  }

  @AfterEach
  void closeDataSource() {
    db.close();
  }

  private MongoCollection<Document> collection(String name) {
    return raw.getDatabase("unit").getCollection(name);
  }

  private Dao define(String json) {
    ModelDefinition model = db.define(json);
    db.automigrate(model.name());
    return db.dao(model.name());
  }

  @Test
  void declaresFeaturesHonestly() {
    assertThat(db.features())
        .contains(
            Feature.CRUD, Feature.MIGRATION, Feature.DISCOVERY, Feature.EXECUTE, Feature.STRING_IDS)
        .doesNotContain(Feature.TRANSACTIONS, Feature.OPERATIONS);
  }

  @Test
  void transactionsAreRefusedOnAServerWithoutReplicaSet() {
    // mongo-java-server answers hello without setName: a standalone server, no transactions.
    assertThatThrownBy(() -> db.beginTransaction())
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_OPERATION))
        .hasMessageContaining("replica set");
    assertThat(db.features()).doesNotContain(Feature.TRANSACTIONS);
  }

  @Test
  void defaultIdIsAnObjectIdStoredAsSuchAndShownAsHex() {
    Dao dao = define("{\"name\": \"Note\", \"properties\": {\"text\": \"string\"}}");
    Map<String, Object> created = dao.create(Map.of("text", "hi"));
    assertThat((String) created.get("id")).matches("[0-9a-f]{24}");
    Document stored = collection("Note").find().first();
    assertThat(stored.get("_id")).isEqualTo(new ObjectId((String) created.get("id")));
    assertThat(dao.findById(created.get("id")).orElseThrow()).containsEntry("text", "hi");
  }

  @Test
  void hexLookingStringOnAPlainStringPropertyStaysAString() {
    Dao dao =
        define(
            "{\"name\": \"Ref\", \"properties\": {\"code\": \"string\","
                + " \"owner\": {\"type\": \"string\", \"mongodb\": {\"dataType\": \"ObjectId\"}}}}");
    String hex = new ObjectId().toHexString();
    dao.create(Map.of("code", hex, "owner", hex));
    Document stored = collection("Ref").find().first();
    assertThat(stored.get("code")).isEqualTo(hex);
    assertThat(stored.get("owner")).isEqualTo(new ObjectId(hex));
    assertThat(dao.find(Filter.where(Where.eq("owner", hex)))).hasSize(1);
    assertThat(dao.find(Filter.where(Where.eq("code", hex)))).hasSize(1);
  }

  @Test
  void collectionAndFieldNamesAndBsonTypes() {
    Dao dao =
        define(
            "{\"name\": \"Person\", \"mongodb\": {\"collection\": \"people\"}, \"properties\": {"
                + "\"name\": {\"type\": \"string\", \"mongodb\": {\"fieldName\": \"full_name\"}},"
                + "\"age\": \"number\", \"score\": \"number\", \"born\": \"date\","
                + " \"photo\": \"buffer\", \"address\": \"object\", \"tags\": [\"string\"]}}");
    dao.create(
        Map.of(
            "name",
            "Ann",
            "age",
            30,
            "score",
            1.5,
            "born",
            "1980-12-08T00:00:00.000Z",
            "photo",
            new byte[] {1, 2},
            "address",
            Map.of("city", "Paris"),
            "tags",
            List.of("a")));
    Document stored = collection("people").find().first();
    assertThat(stored.get("full_name")).isEqualTo("Ann");
    assertThat(stored.get("age")).isEqualTo(30L);
    assertThat(stored.get("score")).isEqualTo(1.5);
    assertThat(stored.get("born")).isEqualTo(Date.from(Instant.parse("1980-12-08T00:00:00Z")));
    assertThat(stored.get("address")).isEqualTo(new Document("city", "Paris"));
    Map<String, Object> read =
        dao.findOne(Filter.where(Where.eq("address.city", "Paris"))).orElseThrow();
    assertThat(read)
        .containsEntry("age", 30L)
        .containsEntry("born", Instant.parse("1980-12-08T00:00:00Z"));
    assertThat((byte[]) read.get("photo")).containsExactly(1, 2);
  }

  @Test
  void numericIdsComeFromACounterAboveExplicitIds() {
    Dao dao =
        define(
            "{\"name\": \"Counted\", \"forceId\": false, \"properties\": {"
                + "\"id\": {\"type\": \"number\", \"id\": true, \"generated\": true},"
                + " \"n\": \"string\"}}");
    assertThat(dao.create(Map.of("n", "a")).get("id")).isEqualTo(1L);
    assertThat(dao.create(Map.of("n", "b")).get("id")).isEqualTo(2L);
    dao.create(Map.of("id", 10, "n", "c"));
    assertThat(dao.create(Map.of("n", "d")).get("id")).isEqualTo(11L);
  }

  @Test
  void sixteenThreadsRacingFindOrCreateAndUpsertCreateOneDocumentEach() throws Exception {
    Dao dao =
        define(
            "{\"name\": \"Race\", \"forceId\": false, \"properties\": {"
                + "\"id\": {\"type\": \"string\", \"id\": true}, \"key\": \"string\","
                + " \"n\": \"number\"}}");
    int threads = 16;
    int keys = 20;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                (Callable<Void>)
                    () -> {
                      start.await();
                      for (int k = 0; k < keys; k++) {
                        dao.findOrCreate(
                            Filter.where(Where.eq("key", "k" + k)),
                            Map.of("key", "k" + k, "n", thread));
                        dao.upsert(Map.of("id", "u" + k, "n", thread));
                      }
                      return null;
                    }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    for (int k = 0; k < keys; k++) {
      assertThat(dao.count(Where.eq("key", "k" + k))).as("findOrCreate k" + k).isEqualTo(1);
      assertThat(dao.count(Where.eq("id", "u" + k))).as("upsert u" + k).isEqualTo(1);
    }
    assertThat(dao.count(null)).isEqualTo(2L * keys);
  }

  @Test
  void discoverSchemasReportsTheUnionOfFieldsMixedTypesAndNestedDocuments() {
    MongoCollection<Document> mixed = collection("mixed_things");
    mixed.drop();
    mixed.insertMany(
        List.of(
            new Document("name", "a").append("age", 1).append("tags", List.of("x")),
            new Document("name", "b").append("age", "two").append("born", new Date(0)),
            new Document("name", "c")
                .append("age", 3.5)
                .append("address", new Document("city", "P").append("geo", List.of(1.5, 2.5)))
                .append("lines", List.of(new Document("sku", "x").append("qty", 2))),
            new Document("name", 4).append("flag", true)));
    assertThat(db.discoverModelDefinitions(Map.of()))
        .anySatisfy(t -> assertThat(t).containsEntry("name", "mixed_things"));
    Map<String, Object> schema = db.discoverSchemas("mixed_things", Map.of());
    assertThat(schema).containsEntry("name", "MixedThings");
    @SuppressWarnings("unchecked")
    Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
    assertThat(properties.keySet())
        .containsExactly("id", "name", "age", "tags", "born", "address", "lines", "flag");
    // mixed types across documents are reported, not hidden behind the majority type
    assertThat(properties.get("name"))
        .isEqualTo(
            Map.of("type", "any", "mongodb", Map.of("dataTypes", List.of("string", "number"))));
    assertThat(properties.get("age"))
        .isEqualTo(
            Map.of("type", "any", "mongodb", Map.of("dataTypes", List.of("number", "string"))));
    assertThat(properties.get("tags")).isEqualTo(Map.of("type", List.of("string")));
    assertThat(properties.get("born")).isEqualTo(Map.of("type", "date"));
    assertThat(properties.get("address"))
        .isEqualTo(
            Map.of(
                "type",
                "object",
                "mongodb",
                Map.of(
                    "fields",
                    Map.of(
                        "city", Map.of("type", "string"),
                        "geo", Map.of("type", List.of("number"))))));
    assertThat(properties.get("lines"))
        .isEqualTo(
            Map.of(
                "type",
                List.of("object"),
                "mongodb",
                Map.of(
                    "fields",
                    Map.of("sku", Map.of("type", "string"), "qty", Map.of("type", "number")))));
    assertThat(properties.get("flag")).isEqualTo(Map.of("type", "boolean"));

    ModelDefinition model = db.define(ModelDefinition.fromMap(schema));
    List<Map<String, Object>> rows =
        db.dao(model.name()).find(Filter.builder().order("age").build());
    assertThat(rows).hasSize(4);
    assertThat((String) rows.get(0).get("id")).matches("[0-9a-f]{24}");
  }

  @Test
  void executeRunsACommandDocument() {
    Object result = db.execute("{\"ping\": 1}", List.of(), null);
    assertThat(result).asInstanceOf(InstanceOfAssertFactories.MAP).containsKey("ok");
    assertThatThrownBy(() -> db.execute("{not json", List.of(), null))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void listenersSeeTheNativeCommand() {
    Dao dao = define("{\"name\": \"Heard\", \"properties\": {\"n\": \"number\"}}");
    List<Object> requests = new CopyOnWriteArrayList<>();
    db.unwrap(Connector.class)
        .addExecuteListener(
            new ExecuteListener() {
              @Override
              public void beforeExecute(ExecuteContext context) {
                requests.add(context.request());
              }
            });
    dao.find(Filter.where(Where.gt("n", 1)));
    assertThat(requests)
        .anySatisfy(
            r ->
                assertThat(((Document) r).toJson())
                    .contains("\"find\": \"Heard\"")
                    .contains("\"$gt\""));
  }

  @Test
  void duplicateUniqueValueIsDuplicateKey() {
    Dao dao =
        define(
            "{\"name\": \"Uniq\", \"properties\": {"
                + "\"email\": {\"type\": \"string\", \"index\": {\"unique\": true}}}}");
    dao.create(Map.of("email", "a@x"));
    dao.create(Map.of());
    dao.create(Map.of());
    assertThatThrownBy(() -> dao.create(Map.of("email", "a@x")))
        .isInstanceOfSatisfying(
            ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_KEY));
    assertThat(db.isActual("Uniq")).isTrue();
  }

  @Test
  void unreachableServerFailsFastWithConnectionFailed() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    long started = System.nanoTime();
    assertThatThrownBy(
            () ->
                DataSources.create(
                    "down",
                    Map.of(
                        "connector",
                        "mongodb",
                        "url",
                        "mongodb://u:topsecret@127.0.0.1:" + port + "/x",
                        "connectTimeout",
                        500)))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
              assertThat(e.getMessage()).doesNotContain("topsecret");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }
}
