package io.connectorkit.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Options;
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
 * What the connector does for speed on the real server: index keys keep their direction so an
 * ordered find is read off the index, the pool is open to {@code minimumIdle} when connect returns,
 * and statements are prepared on the server.
 */
class MySqlIndexOrderTest {
  private static final String MODEL = "perf_index_order";

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> query(DataSource db, String sql, List<Object> params) {
    return (List<Map<String, Object>>) db.execute(sql, params, Options.NONE);
  }

  @Test
  void migrationKeepsIndexDirectionSoAnOrderedFindNeedsNoFilesort() {
    try (DataSource db = MySqlTestDatabase.open()) {
      db.define(
          """
          {"name": "%s",
           "properties": {"name": "string", "city": {"type": "string", "length": 100},
                          "age": "number"},
           "indexes": {"city_age_idx": {"keys": {"city": 1, "age": -1}}}}"""
              .formatted(MODEL));
      db.automigrate(MODEL);
      assertThat(
              query(
                  db,
                  "SELECT column_name AS c, collation AS d FROM information_schema.statistics"
                      + " WHERE table_schema = DATABASE() AND table_name = ?"
                      + " AND index_name = 'city_age_idx' ORDER BY seq_in_index",
                  List.of(MODEL)))
          .extracting(row -> row.get("c") + " " + row.get("d"))
          .containsExactly("city A", "age D");

      Dao dao = db.dao(MODEL);
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 0; i < 6000; i++) {
        rows.add(Map.of("name", "p" + i, "city", "c" + (i % 6), "age", i % 90));
      }
      for (int i = 0; i < rows.size(); i += 1000) {
        dao.createAll(rows.subList(i, i + 1000));
      }
      db.execute("ANALYZE TABLE " + MODEL, List.of(), Options.NONE);
      List<ParameterizedSql> sent = new ArrayList<>();
      ExecuteListener capture =
          new ExecuteListener() {
            @Override
            public void beforeExecute(ExecuteContext context) {
              sent.add((ParameterizedSql) context.request());
            }
          };
      db.addExecuteListener(capture);
      List<Map<String, Object>> found =
          dao.find(
              Filter.builder()
                  .where(Where.and(Where.gt("age", 30), Where.eq("city", "c4")))
                  .order("age DESC")
                  .limit(20)
                  .build());
      db.removeExecuteListener(capture);
      assertThat(found).hasSize(20).allSatisfy(row -> assertThat(row).containsEntry("age", 88L));

      ParameterizedSql find = sent.get(0);
      String plan =
          String.valueOf(
              query(db, "EXPLAIN FORMAT=JSON " + find.sql(), find.params())
                  .get(0)
                  .values()
                  .iterator()
                  .next());
      assertThat(plan).contains("city_age_idx").doesNotContain("filesort");
    }
  }

  @Test
  void connectReturnsWithMinimumIdleConnectionsOpen() {
    try (DataSource db = MySqlTestDatabase.open(Map.of("connectionLimit", 4, "minimumIdle", 4))) {
      db.connect();
      long open =
          ((Number)
                  query(
                          db,
                          "SELECT COUNT(*) AS n FROM information_schema.processlist"
                              + " WHERE id <> CONNECTION_ID() AND user = SUBSTRING_INDEX(USER(), '@', 1)"
                              + " AND db = DATABASE() AND info IS NULL",
                          List.of())
                      .get(0)
                      .get("n"))
              .longValue();
      // Three idle besides the one running the query; other clients may hold more.
      assertThat(open).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void minimumIdleAboveConnectionLimitIsAConfigurationError() {
    assertThatThrownBy(() -> MySqlTestDatabase.open(Map.of("connectionLimit", 2, "minimumIdle", 3)))
        .isInstanceOf(ConnectorException.class)
        .satisfies(
            e ->
                assertThat(((ConnectorException) e).code())
                    .isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .hasMessageContaining("minimumIdle")
        .hasMessageContaining("got 3");
  }
}
