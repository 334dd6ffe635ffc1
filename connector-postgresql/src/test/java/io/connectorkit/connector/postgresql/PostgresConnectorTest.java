package io.connectorkit.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.connectorkit.core.ConnectorException;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.ErrorCode;
import io.connectorkit.core.IsolationLevel;
import io.connectorkit.core.Options;
import io.connectorkit.core.Transaction;
import io.connectorkit.core.dao.Dao;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterParser;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL-specific behaviour against the real server: injection, concurrency, pool, migration,
 * collations, identity sequences and error codes.
 */
class PostgresConnectorTest {
  private static final String ITEM =
      """
      {"name": "CkItem", "properties": {
        "name": {"type": "string", "index": {"unique": true}},
        "label": "string", "n": "number"}}
      """;

  private DataSource db;

  @BeforeEach
  void open() {
    db = PostgresTestDatabase.open();
  }

  @AfterEach
  void close() {
    db.close();
  }

  private Dao items() {
    db.define(ITEM);
    db.automigrate("CkItem");
    return db.dao("CkItem");
  }

  // ---------------------------------------------------------------- injection

  private static final List<String> HOSTILE =
      List.of(
          "O'Reilly",
          "\"quoted\"",
          "back`tick",
          "a'); DROP TABLE CkItem; --",
          "x` = 1 OR 1=1 -- ",
          "/* comment */ 1",
          "100% _done_ \\",
          "\\'; DROP TABLE CkItem; #",
          "ｓｅｌｅｃｔ ＊",
          "ʼ OR ʼ1ʼ=ʼ1",
          "emoji 🎉");

  @Test
  void hostileValuesAreStoredAndMatchedLiterally() {
    Dao items = items();
    for (int i = 0; i < HOSTILE.size(); i++) {
      items.create(Map.of("name", HOSTILE.get(i), "label", HOSTILE.get(i), "n", i));
    }
    for (String value : HOSTILE) {
      assertThat(items.find(Filter.where(Where.eq("label", value))))
          .as("eq %s", value)
          .singleElement()
          .satisfies(r -> assertThat(r).containsEntry("name", value));
      assertThat(items.count(Where.neq("label", value))).isEqualTo(HOSTILE.size() - 1);
    }
    assertThat(items.find(Filter.where(Where.like("label", "100\\% \\_done\\_ \\\\"))))
        .singleElement()
        .satisfies(r -> assertThat(r).containsEntry("name", "100% _done_ \\"));
    assertThat(items.count(null)).as("the table survives").isEqualTo(HOSTILE.size());
  }

  @Test
  void nulBytesInValuesAreStoredLiterallyOrRejected() {
    Dao items = items();
    Throwable thrown = catchThrowable(() -> items.create(Map.of("name", "a\0b")));
    if (thrown == null) {
      assertThat(items.count(Where.eq("name", "a\0b"))).isEqualTo(1);
      assertThat(items.count(Where.eq("name", "a"))).isZero();
    } else {
      assertThat(thrown).isInstanceOf(ConnectorException.class);
    }
    assertThat(items.count(null)).isLessThanOrEqualTo(1);
  }

  @Test
  void hostilePropertyNamesOrderAndFieldsAreInvalidFilters() {
    Dao items = items();
    items.create(Map.of("name", "a"));
    List<String> filters =
        List.of(
            "{\"where\": {\"name` = 'a' OR 1=1 -- \": 1}}",
            "{\"where\": {\"name; DROP TABLE CkItem\": 1}}",
            "{\"order\": \"name; DROP TABLE CkItem\"}",
            "{\"order\": \"name DESC, (SELECT 1)\"}",
            "{\"order\": \"`name`\"}",
            "{\"fields\": [\"name\\\", (SELECT passwd FROM pg_shadow) AS \\\"x\"]}",
            "{\"where\": {\"ｎａｍｅ\": \"a\"}}",
            "{\"where\": {\"na\\u0000me\": \"a\"}}");
    for (String json : filters) {
      Throwable thrown = catchThrowable(() -> items.find(FilterParser.parse(json)));
      assertThat(thrown).as(json).isInstanceOf(ConnectorException.class);
      assertThat(((ConnectorException) thrown).code()).as(json).isEqualTo(ErrorCode.INVALID_FILTER);
    }
    assertThat(items.count(null)).as("the table survives").isEqualTo(1);
  }

  @Test
  void duplicateUniqueValueIsDuplicateKey() {
    Dao items = items();
    items.create(Map.of("name", "a"));
    Throwable thrown = catchThrowable(() -> items.create(Map.of("name", "a")));
    assertThat(thrown).isInstanceOf(ConnectorException.class);
    ConnectorException e = (ConnectorException) thrown;
    assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_KEY);
    assertThat(e.details()).containsEntry("sqlState", "23505");
  }

  @Test
  void caseAndTrailingSpacesAreSignificant() {
    Dao items = items();
    items.create(Map.of("name", "a"));
    items.create(Map.of("name", "A"));
    items.create(Map.of("name", "a "));
    assertThat(items.count(Where.eq("name", "a"))).isEqualTo(1);
    assertThat(items.count(Where.like("name", "a%"))).isEqualTo(2);
  }

  // ---------------------------------------------------------------- concurrency

  @Test
  void sixteenThreadsRacingFindOrCreateAndUpsertLeaveOneRowPerKey() throws Exception {
    Dao items = items();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      for (int round = 0; round < 5; round++) {
        String key = "k" + round;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
          int thread = t;
          Callable<Object> call =
              () -> {
                start.await();
                if (thread % 2 == 0) {
                  return items.findOrCreate(
                      Filter.where(Where.eq("name", key)), Map.of("name", key, "n", thread));
                }
                return items.upsertWithWhere(
                    Where.eq("name", key), Map.of("name", key, "n", thread), Options.NONE);
              };
          futures.add(pool.submit(call));
        }
        start.countDown();
        for (Future<?> future : futures) {
          future.get(60, TimeUnit.SECONDS);
        }
        assertThat(items.count(Where.eq("name", key))).as("rows of %s", key).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void abandonedTransactionsDoNotLeakPooledConnections() {
    try (DataSource small =
        PostgresTestDatabase.open(Map.of("connectionLimit", 2, "connectionTimeout", 3000))) {
      small.define(ITEM);
      small.automigrate("CkItem");
      Dao items = small.dao("CkItem");
      for (int i = 0; i < 100; i++) {
        Transaction tx =
            small.beginTransaction(
                IsolationLevel.READ_COMMITTED, i % 2 == 0 ? null : Duration.ofMillis(1));
        if (i % 2 == 0) {
          items.create(Map.of("name", "t" + i), Options.of(tx));
          tx.close();
        } else {
          // Left alone: the 1 ms timeout rolls it back and releases the connection.
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
          while (tx.isActive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
          }
        }
      }
      assertThat(items.count(null)).as("the next query still succeeds; nothing committed").isZero();
    }
  }

  // ---------------------------------------------------------------- migration and discovery

  private static final String EVERY_TYPE =
      """
      {"name": "CkEveryType", "properties": {
        "id": {"type": "number", "id": true, "generated": true},
        "s": {"type": "string", "length": 100, "index": true},
        "n": "number", "b": "boolean", "d": "date", "o": "object",
        "a": ["string"], "ad": ["date"], "u": "array", "buf": "buffer", "x": "any"}}
      """;

  @Test
  void automigrateThenDiscoverSchemasRoundTripsEveryType() {
    ModelDefinition model = db.define(EVERY_TYPE);
    db.automigrate("CkEveryType");
    assertThat(db.isActual("CkEveryType")).isTrue();
    ModelDefinition discovered =
        ModelDefinition.fromMap(db.discoverSchemas("CkEveryType", Map.of()));
    for (PropertyDefinition property : model.properties().values()) {
      assertThat(discovered.properties()).containsKey(property.name());
      PropertyDefinition found = discovered.properties().get(property.name());
      assertThat(found.type()).as(property.name()).isEqualTo(property.type());
      assertThat(found.idPosition()).as(property.name()).isEqualTo(property.idPosition());
      assertThat(found.generated()).as(property.name()).isEqualTo(property.generated());
    }
    assertThat(discovered.properties().get("s").length()).isEqualTo(100);
    Dao dao = db.dao("CkEveryType");
    Map<String, Object> created =
        dao.create(
            Map.of(
                "s",
                "x",
                "n",
                0.1,
                "b",
                true,
                "d",
                Instant.parse("2001-01-01T00:00:00.123Z"),
                "o",
                Map.of("k", List.of(1, 2.5)),
                "a",
                List.of("p"),
                "ad",
                List.of("2001-01-01T00:00:00.123Z"),
                "u",
                List.of(1, "two"),
                "buf",
                new byte[] {0, 1, 2},
                "x",
                "text"));
    Map<String, Object> read = dao.findById(created.get("id")).orElseThrow();
    assertThat(read)
        .containsEntry("n", 0.1)
        .containsEntry("b", true)
        .containsEntry("o", Map.of("k", List.of(1L, 2.5)))
        .containsEntry("ad", List.of(Instant.parse("2001-01-01T00:00:00.123Z")))
        .containsEntry("x", "text");
    assertThat((byte[]) read.get("buf")).containsExactly(0, 1, 2);
  }

  @Test
  void autoupdateAddsAColumnAndIndexWithoutTouchingDataOrUnknownColumns() {
    Dao items = items();
    items.create(Map.of("name", "keep", "n", 30));
    db.execute("ALTER TABLE \"CkItem\" ADD COLUMN legacy VARCHAR(10)", List.of(), Options.NONE);
    db.define(
        """
        {"name": "CkItem", "properties": {
          "name": {"type": "string", "index": {"unique": true}},
          "label": "string", "n": "number", "added": {"type": "number", "index": true}}}
        """);
    assertThat(db.isActual("CkItem")).isFalse();
    db.autoupdate("CkItem");
    assertThat(db.isActual("CkItem")).isTrue();
    Dao updated = db.dao("CkItem");
    assertThat(updated.find(null))
        .singleElement()
        .satisfies(r -> assertThat(r).containsEntry("name", "keep").containsEntry("added", null));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> columns =
        (List<Map<String, Object>>)
            db.execute(
                "SELECT column_name AS \"COLUMN_NAME\" FROM information_schema.columns"
                    + " WHERE table_schema = CURRENT_SCHEMA AND table_name = ?",
                List.of("CkItem"),
                Options.NONE);
    assertThat(columns.stream().map(c -> c.get("COLUMN_NAME")).toList())
        .contains("legacy", "added");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> indexes =
        (List<Map<String, Object>>)
            db.execute(
                "SELECT indexname AS \"INDEX_NAME\" FROM pg_indexes"
                    + " WHERE schemaname = CURRENT_SCHEMA AND tablename = ?",
                List.of("CkItem"),
                Options.NONE);
    assertThat(indexes.stream().map(c -> c.get("INDEX_NAME")).toList())
        .contains("CkItem_added", "CkItem_name");
  }

  // ---------------------------------------------------------------- PostgreSQL specifics

  @Test
  void aTableWithTheDatabaseCollationStillComparesAndSortsByCodePoint() {
    db.execute("DROP TABLE IF EXISTS ck_foreign", List.of(), Options.NONE);
    db.execute(
        "CREATE TABLE ck_foreign (id BIGINT PRIMARY KEY, name TEXT COLLATE \"en-US-x-icu\")",
        List.of(),
        Options.NONE);
    db.execute(
        "INSERT INTO ck_foreign VALUES (1, 'b'), (2, 'B'), (3, 'a'), (4, NULL), (5, '\u00e9')",
        List.of(),
        Options.NONE);
    db.define(
        """
        {"name": "CkForeign", "postgresql": {"table": "ck_foreign"},
         "properties": {"id": {"type": "number", "id": true}, "name": "string"}}
        """);
    Dao foreign = db.dao("CkForeign");
    assertThat(foreign.find(FilterParser.parse("{\"order\": \"name\"}")))
        .extracting(r -> r.get("id"))
        .containsExactly(4L, 2L, 3L, 1L, 5L);
    assertThat(foreign.find(FilterParser.parse("{\"order\": \"name DESC\"}")))
        .extracting(r -> r.get("id"))
        .containsExactly(5L, 1L, 3L, 2L, 4L);
    assertThat(foreign.count(Where.gt("name", "Z"))).isEqualTo(3);
    assertThat(foreign.count(Where.neq("name", "b"))).as("NULL rows match neq").isEqualTo(4);
    assertThat(foreign.count(Where.like("name", "b"))).isEqualTo(1);
  }

  @Test
  void anExplicitIdMovesTheIdentityPastIt() {
    Dao items = items();
    assertThat(items.create(Map.of("name", "one")).get("id")).isEqualTo(1L);
    db.define(
        """
        {"name": "CkItem", "forceId": false, "properties": {
          "name": {"type": "string", "index": {"unique": true}},
          "label": "string", "n": "number"}}
        """);
    Dao chosen = db.dao("CkItem");
    assertThat(chosen.create(Map.of("id", 10, "name", "ten")).get("id")).isEqualTo(10L);
    assertThat(chosen.create(Map.of("name", "next")).get("id")).isEqualTo(11L);
    assertThat(chosen.create(Map.of("id", 5, "name", "five")).get("id")).isEqualTo(5L);
    assertThat(chosen.create(Map.of("name", "after")).get("id")).isEqualTo(12L);
    List<Map<String, Object>> batch =
        chosen.createAll(List.of(Map.of("name", "b1"), Map.of("id", 20, "name", "b2")));
    assertThat(batch).extracting(r -> r.get("id")).containsExactly(13L, 20L);
    assertThat(chosen.create(Map.of("name", "last")).get("id")).isEqualTo(21L);
  }

  @Test
  void sixteenThreadsUpsertingTheSameChosenGeneratedIdCreateOneRecordAndMoveTheIdentity()
      throws Exception {
    items();
    db.define(
        """
        {"name": "CkItem", "forceId": false, "properties": {
          "name": {"type": "string", "index": {"unique": true}},
          "label": "string", "n": "number"}}
        """);
    Dao chosen = db.dao("CkItem");
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      for (int round = 0; round < 5; round++) {
        long id = 100 + round;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Map<String, Object>>> futures = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
          int thread = t;
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    return chosen.updateOrCreate(
                        Map.of("id", id, "name", "k" + id, "n", thread), Options.NONE);
                  }));
        }
        start.countDown();
        for (Future<Map<String, Object>> future : futures) {
          assertThat(future.get(60, TimeUnit.SECONDS)).containsEntry("id", id);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(chosen.count(null)).isEqualTo(5);
    assertThat(chosen.create(Map.of("name", "next")).get("id")).isEqualTo(105L);
  }

  @Test
  void datesRoundTripWhateverTheJvmTimeZone() {
    java.util.TimeZone saved = java.util.TimeZone.getDefault();
    java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Europe/Berlin"));
    try {
      db.define(
          """
          {"name": "CkWhen", "properties": {"at": "date"}}
          """);
      db.automigrate("CkWhen");
      Dao when = db.dao("CkWhen");
      // 02:30 on these days does not exist (spring) or exists twice (autumn) in Berlin.
      List<Instant> instants =
          List.of(
              Instant.parse("2021-03-28T02:30:00.123Z"),
              Instant.parse("2021-10-31T02:30:00.456Z"),
              Instant.parse("1970-01-01T00:00:00.000Z"),
              Instant.parse("1900-01-01T00:00:00.001Z"));
      for (Instant instant : instants) {
        Object id = when.create(Map.of("at", instant)).get("id");
        assertThat(when.findById(id).orElseThrow()).as("%s", instant).containsEntry("at", instant);
        assertThat(when.count(Where.eq("at", instant))).as("%s", instant).isEqualTo(1);
      }
    } finally {
      java.util.TimeZone.setDefault(saved);
    }
  }

  @Test
  void batchCreateReturnsGeneratedIdsInInputOrder() {
    Dao items = items();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      rows.add(Map.of("name", "r" + i, "n", i));
    }
    List<Map<String, Object>> created = items.createAll(rows);
    for (int i = 0; i < 50; i++) {
      assertThat(created.get(i)).containsEntry("name", "r" + i).containsEntry("id", i + 1L);
    }
  }

  @Test
  void statementTimeoutIsTimeoutKeepingTheSqlState() {
    Transaction tx = db.beginTransaction(IsolationLevel.READ_COMMITTED, null);
    try {
      db.execute("SET LOCAL statement_timeout = 50", List.of(), Options.of(tx));
      Throwable thrown =
          catchThrowable(() -> db.execute("SELECT pg_sleep(2)", List.of(), Options.of(tx)));
      assertThat(thrown).isInstanceOf(ConnectorException.class);
      ConnectorException e = (ConnectorException) thrown;
      assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
      assertThat(e.details()).containsEntry("sqlState", "57014");
    } finally {
      tx.close();
    }
  }

  @Test
  void otherErrorsAreBackendErrorsKeepingTheSqlState() {
    Throwable thrown =
        catchThrowable(() -> db.execute("SELECT * FROM ck_no_such_table", List.of(), Options.NONE));
    assertThat(thrown).isInstanceOf(ConnectorException.class);
    ConnectorException e = (ConnectorException) thrown;
    assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_ERROR);
    assertThat(e.details()).containsEntry("sqlState", "42P01");
  }

  @Test
  void everyIsolationLevelBeginsAndIsolates() {
    Dao items = items();
    for (IsolationLevel level : IsolationLevel.values()) {
      try (Transaction tx = db.beginTransaction(level, null)) {
        items.create(Map.of("name", level.name()), Options.of(tx));
        assertThat(items.count(Where.eq("name", level.name()))).as(level.name()).isZero();
        tx.commit();
      }
      assertThat(items.count(Where.eq("name", level.name()))).as(level.name()).isEqualTo(1);
    }
  }

  // ---------------------------------------------------------------- settings and errors

  @Test
  void unreachableServerIsConnectionFailedWithoutThePassword() {
    Throwable thrown =
        catchThrowable(
            () ->
                DataSources.create(
                    "down",
                    Map.of(
                        "connector", "postgresql",
                        "url", "postgres://postgres:s3cret@127.0.0.1:1/ck_pg",
                        "connectionTimeout", 1000)));
    assertThat(thrown).isInstanceOf(ConnectorException.class);
    ConnectorException e = (ConnectorException) thrown;
    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
    assertThat(e.getCause()).isNotNull();
    assertThat(e.getMessage()).doesNotContain("s3cret");
  }

  @Test
  void missingDatabaseIsConnectionFailed() {
    Throwable thrown =
        catchThrowable(
            () ->
                DataSources.create(
                    "auth",
                    Map.of(
                        "connector", "postgresql",
                        "host", "127.0.0.1",
                        "user", "postgres",
                        "password", "wrong-secret",
                        "database", "ck_pg_no_such_database")));
    assertThat(thrown).isInstanceOf(ConnectorException.class);
    assertThat(((ConnectorException) thrown).code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
    assertThat(thrown.getMessage()).doesNotContain("wrong-secret");
  }

  @Test
  void lazyConnectDefersTheConnection() {
    try (DataSource lazy =
        DataSources.create(
            "lazy",
            Map.of(
                "connector", "postgresql",
                "url", "postgres://postgres@127.0.0.1:1/x",
                "lazyConnect", true))) {
      assertThat(lazy.connector().isConnected()).isFalse();
    }
  }
}
