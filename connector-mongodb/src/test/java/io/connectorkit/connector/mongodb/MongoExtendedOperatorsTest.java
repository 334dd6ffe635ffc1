package io.connectorkit.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterParser;
import io.connectorkit.core.filter.Where;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** allowExtendedOperators against mongo-java-server: update operators and {@code $}-where. */
class MongoExtendedOperatorsTest {
  private static final String COUNTER =
      """
      {"name": "Counter", "properties": {
        "name": "string",
        "count": {"type": "number", "mongodb": {"fieldName": "n"}},
        "tags": ["string"]}}
      """;

  private static MongoServerFixture server;
  private static MongoClient raw;
  private final List<DataSource> opened = new ArrayList<>();

  @BeforeAll
  static void start() {
    server = new MongoServerFixture("ext");
    raw = MongoClients.create(server.url());
  }

  @AfterAll
  static void stop() {
    raw.close();
    server.close();
  }

  @AfterEach
  void closeDataSources() {
    opened.forEach(DataSource::close);
  }

  private Dao counters(boolean allowExtendedOperators) {
    DataSource db =
        DataSources.create(
            "ext",
            Map.of(
                "connector",
                "mongodb",
                "url",
                server.url(),
                "allowExtendedOperators",
                allowExtendedOperators));
    opened.add(db);
    db.define(COUNTER);
    db.automigrate("Counter");
    return db.dao("Counter");
  }

  private static Where where(String json) {
    return FilterParser.parseWhere(json);
  }

  private static void assertCode(Runnable call, ErrorCode code, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageContaining(message);
  }

  @Test
  void withoutTheSettingOperatorsAreRefusedNamingTheKey() {
    Dao dao = counters(false);
    Object id = dao.create(Map.of("name", "a", "count", 1)).get("id");
    assertCode(
        () -> dao.updateById(id, Map.of("$inc", Map.of("count", 1))),
        ErrorCode.VALIDATION_FAILED,
        "`$inc` is an update operator");
    assertCode(
        () -> dao.find(Filter.where(where("{\"count\": {\"$mod\": [2, 1]}}"))),
        ErrorCode.INVALID_FILTER,
        "where.count.$mod: \"$\"-prefixed keys are not allowed");
    assertThat(dao.findById(id).orElseThrow()).containsEntry("count", 1L);
  }

  @Test
  void incrementIsAtomicUnderSixteenThreads() throws Exception {
    Dao dao = counters(true);
    Object id = dao.create(Map.of("name", "hits", "count", 0)).get("id");
    int threads = 16;
    int perThread = 20;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    dao.updateById(id, Map.of("$inc", Map.of("count", 1)));
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
    assertThat(dao.findById(id).orElseThrow()).containsEntry("count", (long) threads * perThread);
    // stored under the property's field name, as an Int64
    Document stored = raw.getDatabase("ext").getCollection("Counter").find().first();
    assertThat(stored.get("n")).isEqualTo((long) threads * perThread);
  }

  @Test
  void pushAddToSetPullAndSetInOneUpdate() {
    Dao dao = counters(true);
    Object id = dao.create(Map.of("name", "a", "tags", List.of("x"))).get("id");
    Map<String, Object> updated =
        dao.updateById(
            id, Map.of("$push", Map.of("tags", "y"), "$set", Map.of("name", "b"), "count", 3));
    assertThat(updated).containsEntry("tags", List.of("x", "y")).containsEntry("name", "b");
    dao.updateById(id, Map.of("$addToSet", Map.of("tags", Map.of("$each", List.of("y", "z")))));
    dao.updateById(id, Map.of("$pull", Map.of("tags", "x"), "$mul", Map.of("count", 2)));
    assertThat(dao.findById(id).orElseThrow())
        .containsEntry("tags", List.of("y", "z"))
        .containsEntry("count", 6L);
  }

  @Test
  void dollarWhereSelectsOnTheServerInFindCountAndUpdateAll() {
    Dao dao = counters(true);
    for (int i = 1; i <= 6; i++) {
      dao.create(Map.of("name", "c" + i, "count", i));
    }
    Where even = where("{\"count\": {\"$mod\": [2, 0]}}");
    assertThat(dao.count(even)).isEqualTo(3);
    assertThat(
            dao
                .find(Filter.where(Where.and(even, Where.gt("count", 2L))).withOrder(List.of()))
                .stream()
                .map(row -> row.get("name"))
                .sorted()
                .toList())
        .containsExactly("c4", "c6");
    assertThat(dao.updateAll(even, Map.of("$inc", Map.of("count", 100)))).isEqualTo(3);
    assertThat(dao.count(where("{\"count\": {\"$gt\": 100}}"))).isEqualTo(3);
    assertCode(
        () -> dao.count(where("{\"$where\": \"this.n > 1\"}")),
        ErrorCode.INVALID_FILTER,
        "server-side JavaScript is not allowed");
  }

  @Test
  void operandsAreStillValidatedByPropertyType() {
    Dao dao = counters(true);
    Object id = dao.create(Map.of("name", "a")).get("id");
    assertCode(
        () -> dao.updateById(id, Map.of("$inc", Map.of("name", 1))),
        ErrorCode.VALIDATION_FAILED,
        "`name` is a string property: $inc needs a number property");
    assertCode(
        () -> dao.updateAll(Where.all(), Map.of("$inc", Map.of("count", "many"))),
        ErrorCode.VALIDATION_FAILED,
        "`count`");
  }
}
