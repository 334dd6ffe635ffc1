package io.connectorkit.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Operator;
import io.connectorkit.core.filter.Regexp;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.Pushdown;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pushed-down regexps find exactly the rows {@code java.util.regex} finds, on the real server. */
class PostgresRegexpTest {
  private static final List<String> VALUES =
      List.of(
          "abc",
          "ABC",
          "xabcx",
          "ab\nc",
          "line1\nabc",
          "50% off",
          "50_off",
          "50x off",
          "",
          " abc ",
          "é😀ab",
          "a\\b",
          "Ab");

  private static final List<Regexp> PATTERNS =
      List.of(
          new Regexp("abc", ""),
          new Regexp("abc", "s"),
          new Regexp("^abc", ""),
          new Regexp("^abc", "s"),
          new Regexp("50% off", ""),
          new Regexp("50_off", ""),
          new Regexp("^", ""),
          new Regexp("", ""),
          new Regexp("😀a", ""),
          new Regexp("^é", ""),
          new Regexp(" ", ""),
          new Regexp("b", "s"));

  private DataSource db;
  private Dao texts;

  @BeforeEach
  void open() {
    db = PostgresTestDatabase.open();
    db.define("{\"name\": \"CkRegexp\", \"properties\": {\"s\": \"string\"}}");
    db.automigrate("CkRegexp");
    texts = db.dao("CkRegexp");
    List<Map<String, Object>> rows = new ArrayList<>();
    VALUES.forEach(v -> rows.add(Map.of("s", v)));
    rows.add(new java.util.HashMap<>(java.util.Collections.singletonMap("s", null)));
    texts.createAll(rows);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void literalPatternsArePushedAndMatchAsJavaDoes() {
    for (Regexp regexp : PATTERNS) {
      Where where = new Where.Comparison("s", Operator.REGEXP, regexp);
      Pushdown pushdown =
          db.unwrap(Connector.class).pushdown(db.model("CkRegexp"), Filter.where(where));
      assertThat(pushdown.residual().isAll()).as("%s is pushed", regexp).isTrue();
      int flags = regexp.flags().contains("s") ? Pattern.DOTALL : 0;
      Pattern java = Pattern.compile(regexp.pattern(), flags);
      List<Object> expected =
          VALUES.stream().filter(v -> java.matcher(v).find()).map(v -> (Object) v).toList();
      assertThat(texts.find(Filter.where(where)))
          .as(regexp.toString())
          .extracting(r -> r.get("s"))
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }
}
