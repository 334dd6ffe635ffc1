package io.connectorkit.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.filter.Operator;
import io.connectorkit.core.spi.sql.ParameterizedSql;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL of nested-path conditions (no server needed). */
class MySqlDialectTest {
  private final MySqlDialect dialect = new MySqlDialect();

  private static final String CANDIDATES =
      "EXISTS (SELECT 1 FROM JSON_TABLE(JSON_EXTRACT(`address`, %s), '$[*]' COLUMNS (j JSON PATH"
          + " '$', s LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin PATH '$' NULL ON"
          + " ERROR)) ck WHERE %s)";

  private ParameterizedSql city(Operator operator, Object value) {
    return dialect.jsonPathCondition("`address`", List.of("city"), operator, value);
  }

  private static String candidates(int paths, String test) {
    return String.format(
        CANDIDATES, String.join(", ", java.util.Collections.nCopies(paths, "?")), test);
  }

  /** The parameters after the JSON paths. */
  private static List<Object> operands(ParameterizedSql sql, int paths) {
    return sql.params().subList(paths, sql.params().size());
  }

  @Test
  void pathsReachEveryKeyDirectlyOrThroughAnArrayAndCandidateArraysToTheDepthLimit() {
    assertThat(MySqlDialect.jsonPaths(List.of("city"), false))
        .containsExactly("$.\"city\"", "$[*].\"city\"");
    List<Object> paths = MySqlDialect.jsonPaths(List.of("geo", "lat"), true);
    assertThat(paths)
        .hasSize(30 + 29 + 29 + 28)
        .startsWith("$.\"geo\".\"lat\"", "$.\"geo\".\"lat\"[*]", "$.\"geo\".\"lat\"[*][*]")
        .contains("$[*].\"geo\"[*].\"lat\"", "$.\"geo\"[*].\"lat\"[*]")
        .endsWith("$[*].\"geo\"[*].\"lat\"" + "[*]".repeat(27));
  }

  @Test
  void equalityAndItsComplementCompareStringCandidatesUnderTheBinaryCollation() {
    ParameterizedSql eq = city(Operator.EQ, "Oslo");
    assertThat(eq.sql()).isEqualTo(candidates(61, "JSON_TYPE(ck.j) = 'STRING' AND ck.s = ?"));
    assertThat(eq.params()).startsWith("$.\"city\"", "$.\"city\"[*]");
    assertThat(operands(eq, 61)).containsExactly("Oslo");

    ParameterizedSql neq = city(Operator.NEQ, "Oslo");
    assertThat(neq.sql()).isEqualTo("NOT " + eq.sql());
    assertThat(neq.params()).isEqualTo(eq.params());
  }

  @Test
  void rangesBetweenAndListsOnStrings() {
    assertThat(city(Operator.GT, "m").sql())
        .isEqualTo(candidates(61, "JSON_TYPE(ck.j) = 'STRING' AND ck.s > ?"));
    assertThat(city(Operator.GTE, "m").sql()).endsWith("ck.s >= ?)");
    assertThat(city(Operator.LT, "m").sql()).endsWith("ck.s < ?)");
    assertThat(city(Operator.LTE, "m").sql()).endsWith("ck.s <= ?)");
    assertThat(operands(city(Operator.LTE, "m"), 61)).containsExactly("m");
    ParameterizedSql between = city(Operator.BETWEEN, List.of("a", "m"));
    assertThat(between.sql()).endsWith("ck.s BETWEEN ? AND ?)");
    assertThat(operands(between, 61)).containsExactly("a", "m");
    ParameterizedSql inq = city(Operator.INQ, List.of("Oslo", "Paris"));
    assertThat(inq.sql()).endsWith("ck.s IN (?, ?))").doesNotStartWith("NOT");
    assertThat(operands(inq, 61)).containsExactly("Oslo", "Paris");
    assertThat(city(Operator.NIN, List.of("Oslo", "Paris")).sql()).isEqualTo("NOT " + inq.sql());
    assertThat(city(Operator.INQ, List.of()).sql()).isEqualTo("1=0");
    assertThat(city(Operator.NIN, List.of()).sql()).isEqualTo("1=1");
    assertThat(city(Operator.GT, null).sql()).isEqualTo("1=0");
    assertThat(city(Operator.BETWEEN, Arrays.asList("a", null)).sql()).isEqualTo("1=0");
  }

  @Test
  void existsLooksAtTheCandidatesThemselves() {
    ParameterizedSql exists = city(Operator.EXISTS, true);
    assertThat(exists.sql()).isEqualTo(candidates(2, "JSON_TYPE(ck.j) <> 'NULL'"));
    assertThat(exists.params()).containsExactly("$.\"city\"", "$[*].\"city\"");
    assertThat(city(Operator.EXISTS, false).sql()).isEqualTo("NOT " + exists.sql());
  }

  @Test
  void whatIsNotExactInSqlIsLeftToTheCore() {
    assertThat(city(Operator.EQ, 1L)).as("numbers").isNull();
    assertThat(city(Operator.EQ, 1.5)).as("numbers").isNull();
    assertThat(city(Operator.EQ, true)).as("booleans").isNull();
    assertThat(city(Operator.EQ, null)).as("null").isNull();
    assertThat(city(Operator.NEQ, null)).as("null").isNull();
    assertThat(city(Operator.INQ, Arrays.asList("a", null))).as("null in a list").isNull();
    assertThat(city(Operator.INQ, List.of("a", 1L))).as("mixed list").isNull();
    assertThat(city(Operator.LIKE, "a%")).isNull();
    assertThat(city(Operator.ILIKE, "a%")).isNull();
    assertThat(dialect.jsonPathCondition("`address`", List.of("a\"b"), Operator.EQ, "x"))
        .as("a key holding a quote")
        .isNull();
    assertThat(dialect.jsonPathCondition("`address`", List.of("a\\b"), Operator.EQ, "x"))
        .as("a key holding a backslash")
        .isNull();
    assertThat(dialect.jsonPathCondition("`address`", List.of(""), Operator.EQ, "x")).isNull();
    assertThat(
            dialect.jsonPathCondition("`address`", List.of("a", "b", "c", "d"), Operator.EQ, "x"))
        .as("deeper than " + MySqlDialect.MAX_JSON_PATH_KEYS + " keys")
        .isNull();
  }

  @Test
  void keysAreBoundNeverSpliced() {
    ParameterizedSql sql =
        dialect.jsonPathCondition("`address`", List.of("x'); DROP TABLE t; --"), Operator.EQ, "v");
    assertThat(sql.sql()).doesNotContain("DROP");
    assertThat(sql.params()).contains("$.\"x'); DROP TABLE t; --\"");
  }
}
