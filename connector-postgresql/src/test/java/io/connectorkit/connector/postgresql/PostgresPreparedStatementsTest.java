package io.connectorkit.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.spi.ExecuteContext;
import io.connectorkit.core.spi.ExecuteListener;
import io.connectorkit.core.spi.sql.ParameterizedSql;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Server-side prepared statements (pgjdbc's default prepareThreshold) and what migration does so
 * that they stay correct, and index directions: on the real server.
 */
class PostgresPreparedStatementsTest {
  private static final String MODEL = "perf_prepared";

  private static String model(String extraProperty) {
    return """
        {"name": "%s",
         "properties": {"name": "string", "city": "string", "age": "number"%s},
         "indexes": {"city_age_idx": {"keys": {"city": 1, "age": -1}}}}"""
        .formatted(MODEL, extraProperty);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> query(DataSource db, String sql) {
    return query(db, sql, List.of());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> query(DataSource db, String sql, List<Object> params) {
    return (List<Map<String, Object>>) db.execute(sql, params, Options.NONE);
  }

  @Test
  void aRepeatedFindIsPreparedOnTheServerAndMigrationDoesNotReuseItsStalePlan() {
    // One connection: every statement below runs where the prepared ones live.
    try (DataSource db = PostgresTestDatabase.open(Map.of("connectionLimit", 1))) {
      db.define(model(""));
      db.automigrate(MODEL);
      Dao dao = db.dao(MODEL);
      dao.create(Map.of("name", "ada", "city", "london", "age", 36));
      Filter byCity = Filter.where(Where.eq("city", "london"));
      for (int i = 0; i < 6; i++) {
        assertThat(dao.find(byCity)).hasSize(1);
      }
      assertThat(query(db, "SELECT statement FROM pg_prepared_statements"))
          .extracting(row -> (String) row.get("statement"))
          .anySatisfy(statement -> assertThat(statement).contains("FROM \"" + MODEL + "\""));

      // The same SELECT text now returns another row type: a reused plan would fail with
      // "cached plan must not change result type", in a transaction as outside one.
      db.define(model(", \"email\": \"string\""));
      db.autoupdate(MODEL);
      dao = db.dao(MODEL);
      dao.updateAll(Where.all(), Map.of("email", "ada@example.com"));
      try (Transaction tx = db.beginTransaction()) {
        for (int i = 0; i < 6; i++) {
          assertThat(dao.find(byCity, Options.of(tx)))
              .singleElement()
              .satisfies(row -> assertThat(row).containsEntry("email", "ada@example.com"));
        }
        tx.commit();
      }
      db.automigrate(MODEL);
      assertThat(db.dao(MODEL).find(byCity)).isEmpty();
    }
  }

  @Test
  void migrationKeepsIndexDirectionAndNullsOrderSoAnOrderedFindReadsTheIndex() {
    try (DataSource db = PostgresTestDatabase.open()) {
      db.define(model(""));
      db.automigrate(MODEL);
      assertThat(
              query(
                  db,
                  "SELECT indexdef FROM pg_indexes WHERE tablename = '"
                      + MODEL
                      + "' AND indexname LIKE '%city_age_idx'"))
          .singleElement()
          .satisfies(
              row ->
                  assertThat((String) row.get("indexdef"))
                      .contains("(city NULLS FIRST, age DESC NULLS LAST)"));

      Dao dao = db.dao(MODEL);
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 0; i < 12_000; i++) {
        rows.add(Map.of("name", "p" + i, "city", "c" + (i % 6), "age", i % 90));
      }
      for (int i = 0; i < rows.size(); i += 1000) {
        dao.createAll(rows.subList(i, i + 1000));
      }
      db.execute("ANALYZE \"" + MODEL + "\"", List.of(), Options.NONE);
      // The connector's own statement for the find, as its execute hook sees it.
      List<ParameterizedSql> sent = new ArrayList<>();
      ExecuteListener capture =
          new ExecuteListener() {
            @Override
            public void beforeExecute(ExecuteContext context) {
              sent.add((ParameterizedSql) context.request());
            }
          };
      db.addExecuteListener(capture);
      dao.find(
          Filter.builder()
              .where(Where.and(Where.gt("age", 30), Where.eq("city", "c4")))
              .order("age DESC")
              .limit(20)
              .build());
      db.removeExecuteListener(capture);
      ParameterizedSql find = sent.get(0);
      assertThat(find.sql()).contains("ORDER BY");
      String plan =
          String.join(
              "\n",
              query(db, "EXPLAIN " + find.sql(), find.params()).stream()
                  .map(row -> String.valueOf(row.values().iterator().next()))
                  .toList());
      // The rows come off the index in age order; only ties on age are sorted by id.
      assertThat(plan).as(plan).contains("Index Scan using");
      assertThat(plan.lines().map(String::trim))
          .as("no full Sort node")
          .noneMatch(line -> line.matches("(->\\s+)?Sort\\s+\\(.*"));
    }
  }
}
