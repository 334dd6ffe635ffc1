package io.connectorkit.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterBinder;
import io.connectorkit.core.filter.FilterEvaluator;
import io.connectorkit.core.filter.FilterParser;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.Pushdown;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nested paths pushed down as JSON path expressions answer exactly what the core's reference
 * evaluator answers, on documents of every awkward shape (arrays on the path, arrays of arrays,
 * case, padding, unicode beyond the BMP, escapes, NUL, non-strings).
 */
class MySqlNestedPathTest {
  private static DataSource db;
  private static ModelDefinition model;
  private static Dao places;
  private static List<Map<String, Object>> stored;

  @BeforeAll
  static void load() {
    db = MySqlTestDatabase.open();
    model =
        db.define(
            """
            {"name": "CkNested", "properties": {
              "id": {"type": "number", "id": true, "generated": true},
              "address": "object"}}
            """);
    db.automigrate("CkNested");
    places = db.dao("CkNested");
    List<Object> documents =
        Arrays.asList(
            Map.of("city", "Oslo"),
            Map.of("city", "oslo"),
            Map.of("city", "Oslo "),
            nullCity(),
            Map.of(),
            null,
            Map.of("city", List.of("Bergen", List.of("Oslo"))),
            Map.of("city", List.of()),
            Map.of("city", Map.of("x", "Oslo")),
            Map.of("city", 1L),
            Map.of("city", true),
            Map.of("city", "é"),
            Map.of("city", "e\u0301"),
            Map.of("city", "\uD83C\uDF89"),
            Map.of("city", "\uFFFF"),
            Map.of("city", "\u0000x"),
            Map.of("city", "a\"b\\c\n"),
            Map.of("city", "Zürich"),
            Map.of("city", "Ｏｓｌｏ"),
            Map.of("geo", Map.of("lat", "Oslo")),
            Map.of("geo", List.of(Map.of("lat", "Oslo"), Map.of("lat", List.of("x")))),
            Map.of("geo", List.of(List.of(Map.of("lat", "Oslo")))),
            Map.of("geo", List.of(Map.of("lat", List.of(List.of("deep"))))),
            Map.of("lines", Arrays.asList(Map.of("street", "Main"), "Main", nullStreet())),
            Map.of("lines", List.of()),
            Map.of("city", nested(25, "abyss")),
            Map.of("a b", "spaced", "ключ", "значение"));
    for (Object document : documents) {
      Map<String, Object> row = new HashMap<>();
      row.put("address", document);
      places.create(row);
    }
    stored = places.find(null);
  }

  /** A value inside {@code depth} nested arrays. */
  private static Object nested(int depth, Object value) {
    Object result = value;
    for (int i = 0; i < depth; i++) {
      result = List.of(result);
    }
    return result;
  }

  private static Map<String, Object> nullCity() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("city", null);
    return map;
  }

  private static Map<String, Object> nullStreet() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("street", null);
    return map;
  }

  @AfterAll
  static void close() {
    db.close();
  }

  private static final List<String> PATHS =
      List.of(
          "address.city", "address.geo.lat", "address.lines.street", "address.a b", "address.ключ");

  private static final List<String> CONDITIONS =
      List.of(
          "\"Oslo\"",
          "{\"eq\": \"oslo\"}",
          "{\"eq\": \"Oslo \"}",
          "{\"eq\": \"é\"}",
          "{\"eq\": \"\\u0000x\"}",
          "{\"eq\": \"a\\\"b\\\\c\\n\"}",
          "{\"eq\": \"Main\"}",
          "{\"eq\": \"deep\"}",
          "{\"eq\": \"abyss\"}",
          "{\"eq\": \"spaced\"}",
          "{\"eq\": \"значение\"}",
          "{\"neq\": \"Oslo\"}",
          "{\"neq\": \"x\"}",
          "{\"gt\": \"O\"}",
          "{\"gt\": \"\\uFFFF\"}",
          "{\"gte\": \"Oslo\"}",
          "{\"lt\": \"Oslo\"}",
          "{\"lte\": \"Oslo\"}",
          "{\"lt\": \"\"}",
          "{\"between\": [\"A\", \"P\"]}",
          "{\"between\": [\"P\", \"A\"]}",
          "{\"inq\": [\"Oslo\", \"é\", \"x\"]}",
          "{\"nin\": [\"Oslo\", \"é\"]}",
          "{\"inq\": []}",
          "{\"nin\": []}",
          "{\"exists\": true}",
          "{\"exists\": false}",
          "{\"gt\": \"A\", \"lt\": \"P\"}");

  @Test
  void everyPushedConditionAnswersExactlyWhatTheCoreDoes() {
    int checked = 0;
    for (String path : PATHS) {
      for (String condition : CONDITIONS) {
        String json = "{\"where\": {\"" + path + "\": " + condition + "}}";
        Filter filter = FilterBinder.bind(FilterParser.parse(json), model);
        Pushdown pushdown = db.unwrap(Connector.class).pushdown(model, filter);
        assertThat(pushdown.residual().isAll()).as("pushed down whole: %s", json).isTrue();
        assertThat(ids(places.find(filter)))
            .as("%s", json)
            .isEqualTo(ids(FilterEvaluator.apply(filter, stored, List.of("id"))));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(PATHS.size() * CONDITIONS.size());
  }

  @Test
  void numbersBooleansNullsAndPatternsStayResidualAndStillAnswerCorrectly() {
    for (String condition :
        List.of("1", "true", "null", "{\"neq\": null}", "{\"like\": \"O%\"}", "{\"gt\": 0}")) {
      String json = "{\"where\": {\"address.city\": " + condition + "}}";
      Filter filter = FilterBinder.bind(FilterParser.parse(json), model);
      assertThat(db.unwrap(Connector.class).pushdown(model, filter).residual().isAll())
          .as(json)
          .isFalse();
      assertThat(ids(places.find(filter)))
          .as("%s", json)
          .isEqualTo(ids(FilterEvaluator.apply(filter, stored, List.of("id"))));
    }
  }

  private static List<Object> ids(List<Map<String, Object>> rows) {
    List<Object> ids = new ArrayList<>();
    rows.forEach(row -> ids.add(row.get("id")));
    return ids;
  }
}
