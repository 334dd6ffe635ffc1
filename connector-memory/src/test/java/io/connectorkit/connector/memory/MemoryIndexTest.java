package io.connectorkit.connector.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A composite index serves equalities on a leading part of its paths ({@code city = ? AND age > ?}
 * on {@code (city, age)}), and the rows found through it are the rows a full scan finds, through
 * writes, nulls and rolled-back transactions.
 */
class MemoryIndexTest {
  private static final String MODEL =
      """
      {"name": "%s", "forceId": false,
       "properties": {"id": {"type": "number", "id": true}, "city": "string", "age": "number"}%s}""";
  private static final String INDEXED =
      MODEL.formatted(
          "Indexed", ", \"indexes\": {\"city_age_idx\": {\"keys\": {\"city\": 1, \"age\": -1}}}");
  private static final String PLAIN = MODEL.formatted("Plain", "");

  private DataSource db;
  private Dao indexed;
  private Dao plain;

  @BeforeEach
  void open() {
    db = DataSources.create("memory-index", Map.of("connector", "memory"));
    db.define(INDEXED);
    db.define(PLAIN);
    indexed = db.dao("Indexed");
    plain = db.dao("Plain");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (long i = 1; i <= 300; i++) {
      Map<String, Object> row = new HashMap<>();
      row.put("id", i);
      row.put("city", i % 7 == 0 ? null : "c" + (i % 5));
      row.put("age", i % 11 == 0 ? null : i % 60);
      rows.add(row);
    }
    indexed.createAll(rows);
    plain.createAll(rows);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void anEqualityPrefixReadsOnlyThatPrefixsRows() {
    ModelDefinition model = db.model("Indexed");
    Table table = new Table(model);
    for (long i = 1; i <= 100; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", i);
      row.put("city", "c" + (i % 4));
      row.put("age", i % 3 == 0 ? null : i);
      table.put(i, row);
    }
    Where cityAndRange = Where.and(Where.eq("city", "c1"), Where.gt("age", 50));

    assertThat(table.candidates(cityAndRange))
        .as("the 25 rows of c1, nulls in age included, not the 100 of the table")
        .hasSize(25);
    assertThat(table.candidates(Where.and(Where.eq("city", "c1"), Where.eq("age", 5))))
        .extracting(Table.Entry::key)
        .containsExactly(5L);
    assertThat(table.candidates(Where.gt("age", 50))).as("no equality: a scan").hasSize(100);

    table.remove(1L);
    Map<String, Object> moved = new LinkedHashMap<>(table.get(2L));
    moved.put("city", "c1");
    table.put(2L, moved);
    assertThat(table.candidates(cityAndRange)).hasSize(25);
    assertThat(table.candidates(Where.eq("city", "c2"))).hasSize(24);
  }

  @Test
  void findsThroughThePrefixMatchAFullScan() {
    for (String city : List.of("c0", "c1", "c4", "none")) {
      for (long age : List.of(0L, 20L, 59L)) {
        Where where = Where.and(Where.eq("city", city), Where.gt("age", age));
        Filter filter = Filter.builder().where(where).order("age DESC").limit(7).build();
        assertThat(indexed.find(filter)).isEqualTo(plain.find(filter));
        assertThat(indexed.count(where)).isEqualTo(plain.count(where));
      }
      assertThat(indexed.count(Where.eq("city", city)))
          .isEqualTo(plain.count(Where.eq("city", city)));
    }
    assertThat(indexed.count(Where.eq("city", "c1"))).isPositive();
  }

  @Test
  void writesAndRolledBackTransactionsKeepThePrefixInStep() {
    for (Dao dao : List.of(indexed, plain)) {
      dao.updateAll(Where.eq("city", "c1"), Map.of("city", "c2"));
      dao.updateAll(Where.and(Where.eq("city", "c2"), Where.lt("age", 10)), Map.of("age", 99));
      dao.deleteAll(Where.and(Where.eq("city", "c3"), Where.gt("age", 30)));
      try (Transaction tx = db.beginTransaction()) {
        dao.deleteAll(Where.eq("city", "c2"), Options.of(tx));
        assertThat(dao.count(Where.eq("city", "c2"), Options.of(tx))).isZero();
        tx.rollback();
      }
    }
    for (String city : List.of("c1", "c2", "c3")) {
      Filter filter =
          Filter.builder().where(Where.and(Where.eq("city", city), Where.gt("age", 20))).build();
      assertThat(indexed.find(filter)).isEqualTo(plain.find(filter));
    }
    assertThat(indexed.count(Where.eq("city", "c2"))).isGreaterThan(60);
  }
}
