package io.connectorkit.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterBinder;
import io.connectorkit.core.filter.FilterEvaluator;
import io.connectorkit.core.filter.Operator;
import io.connectorkit.core.filter.Regexp;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.spi.Connector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Regexps pushed down to MariaDB's REGEXP match exactly the rows {@code java.util.regex} (the
 * core's evaluator) matches, on subjects chosen where the engines differ: line terminators, case
 * folding, supplementary characters, padding.
 */
class MySqlRegexpTest {
  private static DataSource db;
  private static ModelDefinition model;
  private static Dao texts;
  private static List<Map<String, Object>> stored;

  private static final List<String> SUBJECTS =
      List.of(
          "abc",
          "ABC",
          "a\nb",
          "a\rb",
          "a\r\nb",
          "a\u0085b",
          "a\u2028b",
          "ab\n",
          "ab\r\n",
          "ab\r",
          "ab\u2029",
          "ab\n\n",
          "ab ",
          "İstanbul",
          "ıi",
          "\u212A",
          "k",
          "\u017F",
          "s",
          "🎉x",
          "x🎉",
          "é",
          "e\u0301",
          "12-34",
          "foo_bar",
          "tab\there",
          "\u000B",
          "",
          "a.b*c");

  private static final List<String> PATTERNS =
      List.of(
          "abc",
          "^abc$",
          "b$",
          "^a.b$",
          "a.b",
          "^.$",
          "^..$",
          "x.$",
          "\\d+-\\d+",
          "\\w+",
          "\\W",
          "\\s",
          "\\S+",
          "^\\s$",
          "[^a-z]",
          "[a-c]+$",
          "(ab|ba)c?",
          "a{1,2}b",
          "ab*?",
          "k",
          "s",
          "K",
          "S",
          "é",
          "^e.$",
          "🎉",
          "\\.b\\*",
          "[\\d\\-]+",
          "^$",
          "b\\s*$",
          "ab++",
          "",
          "a|",
          "(|x)y",
          "[^\\s]+$",
          "\\r\\n",
          "\\n$",
          "$",
          "^",
          "x*",
          "[🎉é]",
          "\\S$");

  @BeforeAll
  static void load() {
    db = MySqlTestDatabase.open();
    model =
        db.define(
            """
            {"name": "CkRegexp", "properties": {
              "id": {"type": "number", "id": true, "generated": true}, "text": "string"}}
            """);
    db.automigrate("CkRegexp");
    texts = db.dao("CkRegexp");
    List<Map<String, Object>> rows = new ArrayList<>();
    SUBJECTS.forEach(subject -> rows.add(Map.of("text", subject)));
    texts.createAll(rows);
    stored = texts.find(null);
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void pushedRegexpsMatchExactlyWhatJavaMatches() {
    int pushed = 0;
    for (String pattern : PATTERNS) {
      for (String flags : List.of("", "i", "s", "m", "is")) {
        Filter filter =
            FilterBinder.bind(
                Filter.where(
                    new Where.Comparison("text", Operator.REGEXP, new Regexp(pattern, flags))),
                model);
        boolean complete = db.unwrap(Connector.class).pushdown(model, filter).residual().isAll();
        assertThat(complete)
            .as("/%s/%s pushed exactly when translatable", pattern, flags)
            .isEqualTo(PcrePatterns.translate(new Regexp(pattern, flags)) != null);
        if (complete) {
          pushed++;
        }
        assertThat(ids(texts.find(filter)))
            .as("/%s/%s", pattern, flags)
            .isEqualTo(ids(FilterEvaluator.apply(filter, stored, List.of("id"))));
      }
    }
    assertThat(pushed).as("most of these are pushed down").isGreaterThan(100);
  }

  private static List<Object> ids(List<Map<String, Object>> rows) {
    List<Object> ids = new ArrayList<>();
    rows.forEach(row -> ids.add(row.get("id")));
    return ids;
  }
}
