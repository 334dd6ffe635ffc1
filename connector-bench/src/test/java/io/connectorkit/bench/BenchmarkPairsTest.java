package io.connectorkit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Runs each benchmark pair's two sides once, outside JMH, and checks that they return the same
 * thing, and the right thing: a benchmark whose baseline returned other rows, or nothing, would
 * measure something else. Uses CK_MYSQL_URL's database (else ck_bench_test), not the benchmarks'
 * ck_bench, so it can run while benchmarks do.
 */
class BenchmarkPairsTest {
  /** CK_MYSQL_URL's database when it names one (the build's own), else ck_bench_test. */
  private static final String MYSQL_DATABASE = databaseOf(System.getenv("CK_MYSQL_URL"));

  private static String databaseOf(String url) {
    if (url == null || url.isBlank()) {
      return "ck_bench_test";
    }
    String path = java.net.URI.create(url.startsWith("jdbc:") ? url.substring(5) : url).getPath();
    return path == null || path.length() <= 1 ? "ck_bench_test" : path.substring(1);
  }

  @Test
  void memoryDaoAndMapReturnTheSameRows() {
    try (MemoryPair pair = new MemoryPair()) {
      Optional<Map<String, Object>> byId = pair.daoFindById(42);
      assertThat(byId).isEqualTo(pair.rawFindById(42));
      assertItem(byId, 42);
      assertThat(pair.daoFindById(Items.ROWS + 1)).isEmpty().isEqualTo(pair.rawFindById(7_000));

      List<Map<String, Object>> found = pair.daoFind();
      assertThat(found).isEqualTo(pair.rawFind());
      assertQueryRows(found);
    }
  }

  @Test
  void mysqlDaoAndJdbcReturnTheSameRows() throws Exception {
    try (MySqlPair pair = new MySqlPair(MYSQL_DATABASE)) {
      Optional<Map<String, Object>> byId = pair.daoFindById(42);
      assertThat(byId).isEqualTo(pair.rawFindById(42));
      assertItem(byId, 42);

      List<Map<String, Object>> found = pair.daoFind();
      assertThat(found).isEqualTo(pair.rawFind());
      assertQueryRows(found);

      Map<String, Object> item = Items.item(5);
      Map<String, Object> viaDao = pair.daoCreate(item);
      Map<String, Object> viaJdbc = pair.rawCreate(item);
      assertThat(viaDao.get("id")).isInstanceOf(Long.class);
      assertThat(viaJdbc.get("id")).isInstanceOf(Long.class).isNotEqualTo(viaDao.get("id"));
      assertThat(Items.withoutId(viaDao)).isEqualTo(Items.withoutId(viaJdbc)).isEqualTo(item);
      assertThat(pair.daoFindWriteById((Long) viaJdbc.get("id")))
          .as("a row JDBC wrote reads back through the DAO")
          .contains(viaJdbc);

      List<Map<String, Object>> batchViaDao = pair.daoCreateAll(Items.batch());
      List<Map<String, Object>> batchViaJdbc = pair.rawCreateAll(Items.batch());
      assertThat(batchViaDao).hasSize(Items.BATCH);
      assertThat(batchViaDao.stream().map(Items::withoutId).toList())
          .isEqualTo(batchViaJdbc.stream().map(Items::withoutId).toList())
          .isEqualTo(Items.batch());
      assertThat(batchViaJdbc.stream().map(row -> (Long) row.get("id")).toList())
          .as("generated ids, in input order")
          .isSorted()
          .doesNotHaveDuplicates()
          .doesNotContainAnyElementsOf(
              batchViaDao.stream().map(row -> (Long) row.get("id")).toList());
    }
  }

  @Test
  void mongoDaoAndDriverReturnTheSameRows() {
    try (MongoPair pair = new MongoPair()) {
      String id = pair.ids().get(41);
      Optional<Map<String, Object>> byId = pair.daoFindById(id);
      assertThat(byId).isEqualTo(pair.rawFindById(id));
      assertItem(byId, 42);
      assertThat(byId.orElseThrow()).containsEntry("id", id);

      List<Map<String, Object>> found = pair.daoFind();
      assertThat(found).isEqualTo(pair.rawFind());
      assertQueryRows(found);

      Map<String, Object> item = Items.item(5);
      Map<String, Object> viaDao = pair.daoCreate(item);
      Map<String, Object> viaDriver = pair.rawCreate(item);
      assertThat(viaDao.get("id")).asString().hasSize(24);
      assertThat(viaDriver.get("id")).asString().hasSize(24).isNotEqualTo(viaDao.get("id"));
      assertThat(Items.withoutId(viaDao)).isEqualTo(Items.withoutId(viaDriver)).isEqualTo(item);
      assertThat(pair.daoFindWriteById((String) viaDriver.get("id")))
          .as("a document the driver wrote reads back through the DAO")
          .contains(viaDriver);
    }
  }

  private static void assertItem(Optional<Map<String, Object>> row, long i) {
    assertThat(row).isPresent();
    assertThat(Items.withoutId(row.get())).isEqualTo(Items.item(i));
  }

  private static void assertQueryRows(List<Map<String, Object>> rows) {
    assertThat(rows).hasSize(Items.LIMIT);
    assertThat(rows.get(0)).containsEntry("n", Items.FIRST_N).containsEntry("category", "c3");
    assertThat(rows.get(rows.size() - 1)).containsEntry("n", Items.LAST_N);
    assertThat(rows.stream().map(row -> (Long) row.get("n")).toList()).isSorted();
  }
}
