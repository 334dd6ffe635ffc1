package io.connectorkit.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.connectorkit.connector.sql.JdbcConnectorScenarios;
import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.IsolationLevel;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.filter.FilterParser;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.spi.Connector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL-specific behaviour against the real server: injection, concurrency, pool, migration,
 * collations, identity sequences and error codes.
 */
class PostgresConnectorTest extends JdbcConnectorScenarios {
  /**
   * The shared scenarios name tables and columns as their models do (their SQL says {@code
   * "CkItem"}), so they run with {@code exactCaseNames}; LoopBack's lower-case naming, the default,
   * has its own tests below.
   */
  @Override
  protected DataSource open(Map<String, Object> settings) {
    Map<String, Object> exact = new java.util.LinkedHashMap<>(settings);
    exact.putIfAbsent("exactCaseNames", true);
    return PostgresTestDatabase.open(exact);
  }

  @Test
  void tablesAndColumnsAreLowerCaseByDefaultAndExplicitNamesWin() {
    try (DataSource db = PostgresTestDatabase.open()) {
      db.define(
          """
          {"name": "LbCaseNote", "properties": {"noteTitle": "string",
             "authorRef": {"type": "number", "postgresql": {"columnName": "Author_Ref"}}}}
          """);
      db.define(
          """
          {"name": "LbCaseMapped", "properties": {"label": "string"},
           "postgresql": {"table": "LbCase_Mapped"}}
          """);
      db.automigrate("LbCaseNote", "LbCaseMapped");
      db.dao("LbCaseNote").create(Map.of("noteTitle", "t", "authorRef", 7));
      db.dao("LbCaseMapped").create(Map.of("label", "x"));
      assertThat(
              db.execute(
                  "SELECT notetitle, \"Author_Ref\" FROM lbcasenote", List.of(), Options.NONE))
          .asString()
          .contains("t")
          .contains("7");
      assertThat(db.execute("SELECT label FROM \"LbCase_Mapped\"", List.of(), Options.NONE))
          .asString()
          .contains("x");
      assertThat(db.dao("LbCaseNote").find(null))
          .singleElement()
          .satisfies(
              row ->
                  assertThat(row).containsEntry("noteTitle", "t").containsEntry("authorRef", 7L));
    }
  }

  @Test
  void exactCaseNamesKeepsTheModelsCase() {
    try (DataSource db = PostgresTestDatabase.open(Map.of("exactCaseNames", true))) {
      db.define("{\"name\": \"LbExactCase\", \"properties\": {\"someValue\": \"string\"}}");
      db.automigrate("LbExactCase");
      db.dao("LbExactCase").create(Map.of("someValue", "v"));
      assertThat(db.execute("SELECT \"someValue\" FROM \"LbExactCase\"", List.of(), Options.NONE))
          .asString()
          .contains("v");
    }
  }

  @Override
  protected String hostileFieldName() {
    return "name\\\", (SELECT passwd FROM pg_shadow) AS \\\"x";
  }

  @Override
  protected Map.Entry<String, Object> duplicateKeyDetail() {
    return Map.entry("sqlState", "23505");
  }

  @Override
  protected String addLegacyColumnSql() {
    return "ALTER TABLE \"CkItem\" ADD COLUMN legacy VARCHAR(10)";
  }

  @Override
  protected String columnNamesSql() {
    return "SELECT column_name AS \"COLUMN_NAME\" FROM information_schema.columns WHERE table_schema = CURRENT_SCHEMA AND table_name = ?";
  }

  @Override
  protected String indexNamesSql() {
    return "SELECT indexname AS \"INDEX_NAME\" FROM pg_indexes WHERE schemaname = CURRENT_SCHEMA AND tablename = ?";
  }

  @Override
  protected String addedIndexName() {
    return "CkItem_added";
  }

  @Override
  protected String connectorName() {
    return "postgresql";
  }

  @Override
  protected String unreachableUrlWithPassword() {
    return "postgres://postgres:s3cret@127.0.0.1:1/ck_pg";
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
      assertThat(lazy.unwrap(Connector.class).isConnected()).isFalse();
    }
  }

  /** Was 9 to 10 with GET_LOCK and a read before each write. */
  @Override
  protected Map<String, Integer> upsertStatements() {
    return java.util.Collections.unmodifiableMap(
        new java.util.LinkedHashMap<>(
            Map.of("create", 1, "patch", 1, "replace", 1, "patchGenerated", 1)));
  }

  // ---------------------------------------------------------------- values and names PostgreSQL
  // cannot keep

  private static final String LIMITS =
      """
      {"name": "CkLimits", "properties": {"name": "string", "at": "date"}}
      """;

  private Dao limits() {
    db.define(LIMITS);
    db.automigrate("CkLimits");
    return db.dao("CkLimits");
  }

  private static ConnectorException validationFailure(Runnable write) {
    Throwable thrown = catchThrowable(write::run);
    assertThat(thrown).isInstanceOf(ConnectorException.class);
    ConnectorException e = (ConnectorException) thrown;
    assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    return e;
  }

  @Test
  void aNulCharacterIsValidationFailedNamingModelPropertyAndValueAndNothingIsWritten() {
    Dao limits = limits();
    ConnectorException e =
        validationFailure(
            () -> limits.createAll(List.of(Map.of("name", "fine"), Map.of("name", "a\u0000b"))));
    assertThat(e.getMessage()).contains("CkLimits", "`name`", "NUL", "\"a\\u0000b\"");
    assertThat(e.details()).containsKey("name");
    assertThat(limits.count(null)).as("the valid row of the batch is not written").isZero();
    limits.create(Map.of("name", "kept"));
    validationFailure(() -> limits.updateAll(Where.eq("name", "kept"), Map.of("name", "\u0000")));
    validationFailure(
        () ->
            limits.upsertWithWhere(
                Where.eq("name", "kept"), Map.of("name", "x\u0000", "at", "2020-01-01")));
    assertThat(limits.count(Where.eq("name", "kept"))).isEqualTo(1);
    // In a where, such a value is compared by the core (no stored value can equal it).
    assertThat(limits.count(Where.eq("name", "kept\u0000"))).isZero();
    assertThat(limits.count(Where.neq("name", "kept\u0000"))).isEqualTo(1);
    assertThat(limits.count(Where.inq("name", List.of("kept", "\u0000")))).isEqualTo(1);
    assertThat(limits.count(Where.like("name", "kep%\u0000"))).isZero();
  }

  @Test
  void datesOutsideTheYearsOneTo9999AreValidationFailedAndTheEdgesRoundTrip() {
    Dao limits = limits();
    ConnectorException e = validationFailure(() -> limits.create(Map.of("at", "0000-01-01")));
    assertThat(e.getMessage()).contains("CkLimits", "`at`", "year 0", "0000-01-01T00:00:00Z");
    long year10000 = Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli();
    validationFailure(() -> limits.create(Map.of("at", year10000)));
    assertThat(limits.count(null)).isZero();
    for (String edge : List.of("0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z")) {
      Object id = limits.create(Map.of("name", edge, "at", edge)).get("id");
      assertThat(limits.findById(id).orElseThrow().get("at")).isEqualTo(Instant.parse(edge));
    }
    assertThat(limits.count(Where.gt("at", "0000-01-01"))).isEqualTo(2);
    assertThat(limits.count(Where.lt("at", year10000))).isEqualTo(2);
  }

  @Test
  void aNameLongerThan63BytesFailsAtDefineNamingModelAndNameInsteadOfBeingTruncated() {
    String column = "c".repeat(62) + "é"; // 64 bytes in UTF-8, 63 characters
    Throwable thrown =
        catchThrowable(
            () ->
                db.define(
                    "{\"name\": \"CkLongName\", \"properties\": {\""
                        + column
                        + "\": \"string\"}}"));
    assertThat(thrown).isInstanceOf(ConnectorException.class);
    ConnectorException e = (ConnectorException) thrown;
    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    assertThat(e.getMessage()).contains("CkLongName", column, "64 bytes", "63");
    assertThat(e.details()).containsEntry("model", "CkLongName").containsEntry("name", column);
    String table = "T".repeat(64);
    Throwable tableName =
        catchThrowable(
            () ->
                db.define(
                    "{\"name\": \"CkLongTable\", \"properties\": {\"a\": \"string\"},"
                        + " \"postgresql\": {\"table\": \""
                        + table
                        + "\"}}"));
    assertThat(tableName)
        .isInstanceOfSatisfying(
            ConnectorException.class,
            t -> assertThat(t.getMessage()).contains("CkLongTable", "table name", table));
    // 63 bytes is kept exactly.
    String longest = "c".repeat(61) + "é";
    db.define("{\"name\": \"CkLongName\", \"properties\": {\"" + longest + "\": \"string\"}}");
    db.automigrate("CkLongName");
    db.dao("CkLongName").create(Map.of(longest, "kept"));
    assertThat(db.dao("CkLongName").find(null))
        .singleElement()
        .satisfies(row -> assertThat(row).containsEntry(longest, "kept"));
  }
}
