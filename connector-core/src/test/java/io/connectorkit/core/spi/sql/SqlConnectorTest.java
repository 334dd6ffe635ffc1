package io.connectorkit.core.spi.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.filter.Fields;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Operator;
import io.connectorkit.core.filter.Order;
import io.connectorkit.core.filter.Regexp;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.spi.Pushdown;
import io.connectorkit.core.spi.Settings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The generated SQL, text and parameters, for every operator and operation. */
class SqlConnectorTest {
  /** Standard SQL hooks, with MySQL-style {@code <=>} to see the dialect hook at work. */
  static final class TestDialect implements SqlDialect {
    @Override
    public String settingsKey() {
      return "test";
    }

    @Override
    public String nullSafeEquals(String column) {
      return column + " <=> ?";
    }

    /** Equality on nested paths only, to see which comparisons reach the hook and how. */
    @Override
    public ParameterizedSql jsonPathCondition(
        String column, List<String> keys, Operator operator, Object value) {
      return operator == Operator.EQ
          ? ParameterizedSql.of("JSON_AT(" + column + ", ?) = ?", String.join("/", keys), value)
          : null;
    }
  }

  /** Builds SQL only; execution hooks are never reached. */
  static final class TestConnector extends SqlConnector<TestDialect> {
    TestConnector() {
      super("test", Settings.of(Map.of()), new TestDialect());
    }

    @Override
    public Set<Feature> features() {
      return Set.of(Feature.CRUD, Feature.BATCH_CREATE);
    }

    @Override
    protected List<Map<String, Object>> executeQuery(
        ModelDefinition model,
        List<PropertyDefinition> columns,
        ParameterizedSql sql,
        Options options) {
      throw new UnsupportedOperationException();
    }

    @Override
    protected long executeScalar(ModelDefinition model, ParameterizedSql sql, Options options) {
      throw new UnsupportedOperationException();
    }

    @Override
    protected long executeUpdate(ModelDefinition model, ParameterizedSql sql, Options options) {
      throw new UnsupportedOperationException();
    }

    @Override
    protected List<Object> executeInsert(
        ModelDefinition model, ParameterizedSql sql, Options options) {
      throw new UnsupportedOperationException();
    }

    @Override
    protected <T> T atomically(Options options, Function<Options, T> work) {
      return work.apply(options);
    }
  }

  private final TestConnector connector = new TestConnector();
  private final ModelDefinition model =
      connector.define(
          ModelDefinition.fromJson(
              """
              {"name": "Person", "test": {"table": "people"},
               "properties": {
                 "name": {"type": "string", "test": {"columnName": "full\\"name"}},
                 "age": "number", "vip": "boolean", "born": "date",
                 "address": "object", "tags": ["string"], "photo": "buffer", "extra": "any"}}
              """));

  private ParameterizedSql where(Where where) {
    return connector.statements().conditionSql(model, where);
  }

  private static void assertSql(ParameterizedSql sql, String text, Object... params) {
    assertThat(sql.sql()).isEqualTo(text);
    assertThat(sql.params()).containsExactly(params);
  }

  @Test
  void equalityBindsTheValueAndNullIsIsNull() {
    assertSql(where(Where.eq("age", 30L)), "\"age\" = ?", 30L);
    assertSql(where(Where.eq("age", null)), "\"age\" IS NULL");
    assertSql(where(Where.eq("name", "x")), "\"full\"\"name\" = ?", "x");
  }

  @Test
  void neqIncludesNullRows() {
    assertSql(where(Where.neq("age", 30L)), "NOT (\"age\" <=> ?)", 30L);
    assertSql(where(Where.neq("age", null)), "\"age\" IS NOT NULL");
  }

  @Test
  void boundsAndNullBoundsMatchNothing() {
    assertSql(where(Where.gt("age", 1L)), "\"age\" > ?", 1L);
    assertSql(where(Where.gte("age", 1L)), "\"age\" >= ?", 1L);
    assertSql(where(Where.lt("age", 1.5)), "\"age\" < ?", 1.5);
    assertSql(where(Where.lte("vip", true)), "\"vip\" <= ?", true);
    assertSql(where(Where.gt("age", null)), "1=0");
    Instant t = Instant.parse("2020-01-02T03:04:05.678Z");
    assertSql(where(Where.between("born", t, t)), "\"born\" BETWEEN ? AND ?", t, t);
    assertSql(where(Where.between("age", null, 3L)), "1=0");
  }

  @Test
  void inqAndNinAreExactComplements() {
    assertSql(where(Where.inq("age", List.of(1L, 2L))), "\"age\" IN (?, ?)", 1L, 2L);
    assertSql(where(Where.inq("age", List.of())), "1=0");
    assertSql(
        where(Where.inq("age", Arrays.asList(1L, null))),
        "(\"age\" IN (?) OR \"age\" IS NULL)",
        1L);
    assertSql(where(Where.nin("age", List.of())), "1=1");
    assertSql(
        where(Where.nin("age", List.of(1L, 2L))),
        "(\"age\" IS NULL OR \"age\" NOT IN (?, ?))",
        1L,
        2L);
    assertSql(
        where(Where.nin("age", Arrays.asList(1L, null))),
        "(\"age\" IS NOT NULL AND \"age\" NOT IN (?))",
        1L);
    assertSql(where(Where.nin("age", Collections.singletonList(null))), "\"age\" IS NOT NULL");
  }

  @Test
  void longInListsAreSplitIntoChunks() {
    List<Long> values = LongStream.range(0, 2500).boxed().toList();
    ParameterizedSql sql = where(Where.inq("age", values));
    assertThat(sql.sql()).startsWith("(\"age\" IN (?").contains(") OR \"age\" IN (?");
    assertThat(sql.params()).hasSize(2500);
  }

  @Test
  void likeEscapesWithBackslashAndNlikeIncludesNullRows() {
    assertSql(where(Where.like("name", "a%_\\%")), "\"full\"\"name\" LIKE ? ESCAPE '\\'", "a%_\\%");
    assertSql(
        where(Where.nlike("name", "a%")),
        "(\"full\"\"name\" IS NULL OR NOT (\"full\"\"name\" LIKE ? ESCAPE '\\'))",
        "a%");
    // A trailing lone backslash is literal in the contract: doubled for SQL.
    assertSql(where(Where.like("name", "a\\")), "\"full\"\"name\" LIKE ? ESCAPE '\\'", "a\\\\");
  }

  @Test
  void existsIsNullness() {
    assertSql(where(Where.exists("address", true)), "\"address\" IS NOT NULL");
    assertSql(where(Where.exists("tags", false)), "\"tags\" IS NULL");
  }

  @Test
  void andOrNestAndEmptyJunctionsAreConstants() {
    assertSql(
        where(Where.or(Where.eq("age", 1L), Where.and(Where.gt("age", 5L), Where.eq("vip", true)))),
        "(\"age\" = ? OR (\"age\" > ? AND \"vip\" = ?))",
        1L,
        5L,
        true);
    assertSql(where(Where.all()), "1=1");
    assertSql(where(Where.none()), "1=0");
  }

  @Test
  void pushdownKeepsWhatSqlCannotEvaluateExactlyAsResidual() {
    Where pushed = Where.eq("age", 1L);
    List<Where> residual =
        List.of(
            Where.ilike("name", "a%"),
            Where.nilike("name", "a%"),
            new Where.Comparison("name", Operator.REGEXP, new Regexp("^a", "")),
            Where.neq("address.city", "x"),
            Where.eq("extra.city", "x"),
            Where.eq("tags", "a"),
            Where.eq("extra", "a"),
            Where.eq("photo", new byte[] {1}));
    for (Where condition : residual) {
      Pushdown pushdown = connector.pushdown(model, Filter.where(Where.and(pushed, condition)));
      assertThat(pushdown.enforced()).as("%s", condition).isEqualTo(pushed);
      assertThat(pushdown.residual()).as("%s", condition).isEqualTo(condition);
    }
    Where or = Where.or(Where.eq("age", 1L), Where.ilike("name", "a"));
    assertThat(connector.pushdown(model, Filter.where(or)).residual()).isEqualTo(or);
    assertThat(connector.pushdown(model, Filter.where(Where.exists("tags", true))).isComplete())
        .isTrue();
  }

  @Test
  void nestedPathsIntoObjectPropertiesGoToTheDialectWithTheirKeys() {
    assertSql(
        where(Where.eq("address.geo.lat", "x")), "JSON_AT(\"address\", ?) = ?", "geo/lat", "x");
    Pushdown pushdown = connector.pushdown(model, Filter.where(Where.eq("address.city", "Oslo")));
    assertThat(pushdown.isComplete()).isTrue();
    // A dialect without the hook (the default) leaves every nested path to the core.
    SqlDialect plain = () -> "test";
    assertThat(plain.jsonPathCondition("\"address\"", List.of("city"), Operator.EQ, "x")).isNull();
  }

  @Test
  void orderByAlwaysEndsWithTheIdAndNestedPathsAreNotPushed() {
    assertThat(
            connector
                .statements()
                .orderByClause(model, List.of(Order.desc("age"), Order.asc("name"))))
        .isEqualTo(
            " ORDER BY CASE WHEN \"age\" IS NULL THEN 1 ELSE 0 END, \"age\" DESC,"
                + " CASE WHEN \"full\"\"name\" IS NULL THEN 0 ELSE 1 END, \"full\"\"name\" ASC,"
                + " \"id\" ASC");
    assertThat(connector.statements().orderByClause(model, List.of()))
        .isEqualTo(" ORDER BY \"id\" ASC");
    Filter nested = Filter.builder().order(Order.asc("address.city")).build();
    assertThat(connector.pushdown(model, nested).orderEnforced()).isFalse();
  }

  @Test
  void selectHasWhereOrderAndPagination() {
    Filter filter =
        Filter.builder()
            .where(Where.gt("age", 3L))
            .fields(Fields.only("name"))
            .order(Order.asc("age"))
            .limit(10)
            .skip(20)
            .build();
    assertSql(
        connector.statements().selectSql(model, filter),
        "SELECT \"id\", \"full\"\"name\" FROM \"people\" WHERE \"age\" > ? ORDER BY CASE WHEN"
            + " \"age\" IS NULL THEN 0 ELSE 1 END, \"age\" ASC, \"id\" ASC OFFSET ? ROWS FETCH"
            + " FIRST ? ROWS ONLY",
        3L,
        20L,
        10L);
  }

  @Test
  void countUpdateDeleteAndMultiRowInsert() {
    assertSql(
        connector.statements().countSql(model, Where.eq("vip", true)),
        "SELECT COUNT(*) FROM \"people\" WHERE \"vip\" = ?",
        true);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("age", 5L);
    data.put("name", null);
    assertSql(
        connector.statements().updateSql(model, Where.eq("id", 1L), data),
        "UPDATE \"people\" SET \"age\" = ?, \"full\"\"name\" = ? WHERE \"id\" = ?",
        5L,
        null,
        1L);
    assertSql(connector.statements().deleteSql(model, Where.all()), "DELETE FROM \"people\"");
    List<Map<String, Object>> rows = new ArrayList<>();
    rows.add(Map.of("name", "a"));
    rows.add(Map.of("age", 2L));
    assertSql(
        connector.statements().insertSql(model, rows),
        "INSERT INTO \"people\" (\"full\"\"name\", \"age\") VALUES (?, ?), (?, ?)",
        "a",
        null,
        null,
        2L);
  }

  @Test
  void valuesNeverReachTheSqlText() {
    String evil = "x'; DROP TABLE people; --";
    ParameterizedSql sql = where(Where.or(Where.eq("name", evil), Where.like("name", evil)));
    assertThat(sql.sql()).doesNotContain("DROP");
    assertThat(sql.params()).containsExactly(evil, evil);
  }

  @Test
  void unknownPropertiesAndBadIdentifiersAreRejected() {
    assertThatThrownBy(() -> where(Where.eq("nope", 1L)))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FILTER));
    assertThatThrownBy(() -> connector.dialect().quoteIdentifier("a\0b"))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID));
  }
}
