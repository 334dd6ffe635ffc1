package io.connectorkit.connector.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.IsolationLevel;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterParser;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ExecuteContext;
import io.connectorkit.core.spi.ExecuteListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every JDBC connector must do against its real server beyond the TCK: hostile values and
 * names stay literal, unique violations are DUPLICATE_KEY, concurrent atomic writes leave one row
 * per key, abandoned transactions leak no pooled connection, migration round-trips every type and
 * autoupdate keeps data. A connector's test extends it with the backend's SQL for the checks.
 */
public abstract class JdbcConnectorScenarios {
  protected static final String ITEM =
      """
      {"name": "CkItem", "properties": {
        "name": {"type": "string", "index": {"unique": true}},
        "label": "string", "n": "number"}}
      """;

  protected DataSource db;

  /** A datasource of the connector under test on its test database, with extra settings. */
  protected abstract DataSource open(Map<String, Object> settings);

  /** A {@code fields} entry that would read a system table if it reached the SQL unquoted. */
  protected abstract String hostileFieldName();

  /** The backend's own code of a unique violation, as the error's details carry it. */
  protected abstract Map.Entry<String, Object> duplicateKeyDetail();

  /** SQL adding a column {@code legacy} that no model declares to table {@code CkItem}. */
  protected abstract String addLegacyColumnSql();

  /** SQL listing the columns of a table (one parameter) under the label {@code COLUMN_NAME}. */
  protected abstract String columnNamesSql();

  /** SQL listing the indexes of a table (one parameter) under the label {@code INDEX_NAME}. */
  protected abstract String indexNamesSql();

  /** The name the backend gives the index of property {@code added} of {@code CkItem}. */
  protected abstract String addedIndexName();

  /** The connector's name, as a datasource's {@code "connector"} setting gives it. */
  protected abstract String connectorName();

  /** A url of the connector's scheme on port 1 of 127.0.0.1, with the password {@code s3cret}. */
  protected abstract String unreachableUrlWithPassword();

  /**
   * The statements, counted through the execute hooks (C9), that an upsert by id runs on this
   * backend, by case: {@code create}, {@code patch}, {@code replace} on a model with a chosen id,
   * and {@code patchGenerated} on a model whose generated id forbids the create branch.
   */
  protected abstract Map<String, Integer> upsertStatements();

  @BeforeEach
  void openDataSource() {
    db = open(Map.of());
  }

  @AfterEach
  void closeDataSource() {
    db.close();
  }

  protected final Dao items() {
    db.define(ITEM);
    db.automigrate("CkItem");
    return db.dao("CkItem");
  }

  // ---------------------------------------------------------------- long lists (C4.1 limits)

  private static final String BIG =
      """
      {"name": "CkBig", "properties": {
        "name": "string", "n": "number", "at": "date", "ok": "boolean"}}
      """;

  @Test
  void inqAndNinOfSeventyThousandValuesMatchExactlyOnEveryType() {
    db.define(BIG);
    db.automigrate("CkBig");
    Dao big = db.dao("CkBig");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(
          Map.of("name", "v" + i, "n", i, "at", Instant.ofEpochSecond(i).toString(), "ok", i < 3));
    }
    big.createAll(rows);
    // Past PostgreSQL's 65,535 bound parameters: the even values 0 … 139,998 match 5 records.
    List<Object> numbers = new ArrayList<>();
    List<Object> names = new ArrayList<>();
    for (int i = 0; i < 70_000; i++) {
      numbers.add(2L * i);
      names.add("v" + 2 * i);
    }
    assertThat(big.count(Where.inq("n", numbers))).isEqualTo(5);
    assertThat(big.count(Where.nin("n", numbers))).isEqualTo(5);
    assertThat(big.count(Where.nin("name", names))).isEqualTo(5);
    assertThat(big.find(Filter.where(Where.inq("name", names))))
        .extracting(row -> row.get("name"))
        .containsExactly("v0", "v2", "v4", "v6", "v8");
    // Every type, with null elements and mixed numbers, on lists longer than one chunk (1,000).
    List<Object> dates = new ArrayList<>();
    List<Object> booleans = new ArrayList<>();
    for (int i = 0; i < 1_500; i++) {
      dates.add(Instant.ofEpochSecond(2L * i).toString());
      booleans.add(i % 7 == 0);
    }
    for (String property : List.of("n", "name", "at")) {
      List<Object> values = new ArrayList<>();
      values.add(null);
      values.addAll(
          switch (property) {
            case "n" -> numbers.subList(0, 1_500);
            case "name" -> names.subList(0, 1_500);
            default -> dates;
          });
      assertThat(big.count(Where.inq(property, values))).as("inq %s", property).isEqualTo(5);
      assertThat(big.count(Where.nin(property, values))).as("nin %s", property).isEqualTo(5);
    }
    List<Object> mixed = new ArrayList<>(numbers.subList(0, 1_500));
    mixed.add(1.5);
    assertThat(big.count(Where.inq("n", mixed))).isEqualTo(5);
    assertThat(big.count(Where.inq("ok", booleans))).isEqualTo(10);
    assertThat(big.count(Where.nin("ok", List.of(true)))).isEqualTo(7);
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
      // Refused before anything is written, as a value the backend cannot store (PostgreSQL).
      assertThat(thrown).isInstanceOf(ConnectorException.class);
      assertThat(((ConnectorException) thrown).code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
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
            "{\"fields\": [\"" + hostileFieldName() + "\"]}",
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
    assertThat(e.details()).contains(duplicateKeyDetail());
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
  void outOfRangePoolSettingsAndANonNumericPortAreConfigurationInvalidNamingTheKey() {
    Map<String, Object> bad = new LinkedHashMap<>();
    bad.put("connectionLimit", 0);
    bad.put("connectionTimeout", -1);
    bad.put("validationTimeout", -5);
    bad.put("lockTimeout", -1);
    bad.put("port", "abc");
    bad.forEach(
        (key, value) -> {
          Throwable thrown =
              catchThrowable(
                  () ->
                      DataSources.create(
                          "bad",
                          Map.of("connector", connectorName(), key, value, "lazyConnect", true)));
          assertThat(thrown).as(key).isInstanceOf(ConnectorException.class);
          assertThat(((ConnectorException) thrown).code())
              .as(key)
              .isEqualTo(ErrorCode.CONFIGURATION_INVALID);
          assertThat(thrown.getMessage()).as(key).contains("\"" + key + "\"");
          if (!key.equals("port")) {
            assertThat(thrown.getMessage()).as(key).contains(" from ").contains(" to ");
          }
        });
    Throwable badUrlPort =
        catchThrowable(
            () ->
                DataSources.create(
                    "bad",
                    Map.of(
                        "connector",
                        connectorName(),
                        "url",
                        unreachableUrlWithPassword().replace(":1/", ":abc/"),
                        "lazyConnect",
                        true)));
    assertThat(badUrlPort).isInstanceOf(ConnectorException.class);
    assertThat(((ConnectorException) badUrlPort).code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    assertThat(badUrlPort.getMessage()).contains("\"url\"").doesNotContain("s3cret");
  }

  private static final String KEYED =
      """
      {"name": "CkKeyed", "properties": {
        "code": {"type": "string", "id": true},
        "label": "string", "note": "string", "n": {"type": "number", "default": 7}}}
      """;

  @Test
  void upsertsByIdRunTheBackendsFewStatementsAndKeepPatchReplaceAndDefaults() {
    db.define(KEYED);
    db.automigrate("CkKeyed");
    Dao keyed = db.dao("CkKeyed");
    Dao items = items();
    Object itemId = items.create(Map.of("name", "one", "n", 1)).get("id");
    List<Object> statements = new CopyOnWriteArrayList<>();
    db.unwrap(Connector.class)
        .addExecuteListener(
            new ExecuteListener() {
              @Override
              public void beforeExecute(ExecuteContext context) {
                statements.add(context.request());
              }
            });
    Map<String, Integer> counts = new LinkedHashMap<>();

    statements.clear();
    Map<String, Object> created = keyed.upsert(Map.of("code", "a", "label", "x", "note", "kept"));
    counts.put("create", statements.size());
    assertThat(created).containsEntry("label", "x").containsEntry("n", 7L);

    keyed.updateAll(Where.eq("code", "a"), Map.of("n", 8));
    statements.clear();
    Map<String, Object> patched = keyed.upsert(Map.of("code", "a", "label", "y"));
    counts.put("patch", statements.size());
    assertThat(patched)
        .containsEntry("label", "y")
        .containsEntry("note", "kept")
        .containsEntry("n", 8L);

    statements.clear();
    Map<String, Object> replaced = keyed.replaceOrCreate(Map.of("code", "a", "label", "z"));
    counts.put("replace", statements.size());
    assertThat(replaced).containsEntry("label", "z").containsEntry("note", null);

    statements.clear();
    Map<String, Object> item = items.upsert(Map.of("id", itemId, "label", "q"));
    counts.put("patchGenerated", statements.size());
    assertThat(item).containsEntry("name", "one").containsEntry("label", "q");
    Throwable newGenerated = catchThrowable(() -> items.upsert(Map.of("id", 999_999, "n", 1)));
    assertThat(newGenerated).isInstanceOf(ConnectorException.class);
    assertThat(((ConnectorException) newGenerated).code()).isEqualTo(ErrorCode.ENTITY_NOT_FOUND);

    Throwable duplicate = catchThrowable(() -> keyed.upsert(Map.of("code", "b", "label", "z")));
    assertThat(duplicate).isNull();
    assertThat(keyed.count(Where.all())).isEqualTo(2);
    System.out.println(connectorName() + " statements per upsert by id: " + counts);
    assertThat(counts).isEqualTo(upsertStatements());
  }

  @Test
  void abandonedTransactionsDoNotLeakPooledConnections() {
    try (DataSource small = open(Map.of("connectionLimit", 2, "connectionTimeout", 3000))) {
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
    db.execute(addLegacyColumnSql(), List.of(), Options.NONE);
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
        (List<Map<String, Object>>) db.execute(columnNamesSql(), List.of("CkItem"), Options.NONE);
    assertThat(columns.stream().map(c -> c.get("COLUMN_NAME")).toList())
        .contains("legacy", "added");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> indexes =
        (List<Map<String, Object>>) db.execute(indexNamesSql(), List.of("CkItem"), Options.NONE);
    assertThat(indexes.stream().map(c -> c.get("INDEX_NAME")).toList()).contains(addedIndexName());
  }

  @Test
  void unreachableServerIsConnectionFailedWithoutThePassword() {
    Throwable thrown =
        catchThrowable(
            () ->
                DataSources.create(
                    "down",
                    Map.of(
                        "connector", connectorName(),
                        "url", unreachableUrlWithPassword(),
                        "connectionTimeout", 1000)));
    assertThat(thrown).isInstanceOf(ConnectorException.class);
    ConnectorException e = (ConnectorException) thrown;
    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
    assertThat(e.getCause()).isNotNull();
    assertThat(e.getMessage()).doesNotContain("s3cret");
  }
}
