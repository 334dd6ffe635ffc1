package io.connectorkit.tck;

import static io.connectorkit.tck.FilterFixtures.column;
import static io.connectorkit.tck.FilterFixtures.filter;
import static io.connectorkit.tck.FilterFixtures.json;
import static io.connectorkit.tck.FilterFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.Dao;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Order;
import io.connectorkit.core.filter.Where;
import io.connectorkit.tck.FilterFixtures.Numbered;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * C4.2 order.
 *
 * <p>Most tests use one fixture of rows (see {@link #people()}), named by creation number.
 */
public abstract class OrderTck extends TckSection {
  private static final String MODEL =
      "{'name': 'TckOrder', 'properties': {'name': 'string', 'age': 'number', 'born': 'date',"
          + " 'vip': 'boolean', 'address': 'object'}}";

  protected OrderTck(ConnectorTck tck) {
    super(tck);
  }

  /**
   * Six rows: 1 carol 30, 2 alice 25, 3 bob 30, 4 (no name) 25, 5 dave (no age), 6 alice 40.
   * Cities: 1 Paris, 2 Berlin, 3 (none), 4 Amsterdam, 5 (no address), 6 Paris.
   */
  private Numbered people() {
    Numbered rows = new Numbered(define(json(MODEL)));
    rows.add(row("name", "carol", "age", 30, "address", Map.of("city", "Paris")));
    rows.add(row("name", "alice", "age", 25, "address", Map.of("city", "Berlin")));
    rows.add(row("name", "bob", "age", 30, "address", Map.of("zip", "1000")));
    rows.add(row("name", null, "age", 25, "address", Map.of("city", "Amsterdam")));
    rows.add(row("name", "dave"));
    rows.add(row("name", "alice", "age", 40, "address", Map.of("city", "Paris")));
    return rows;
  }

  @Test
  @ContractSection("C4.2")
  void orderByNameStringFormIsAscending() {
    Numbered rows = people();
    assertThat(rows.numbers(filter("{'order': 'name'}")))
        .as("C4.2: \"name\" sorts ascending, null first, ties (alice) by id ascending")
        .containsExactly(4, 2, 6, 3, 1, 5);
  }

  @Test
  @ContractSection("C4.2")
  void orderByNameDescending() {
    Numbered rows = people();
    assertThat(rows.numbers(filter("{'order': 'name DESC'}")))
        .as("C4.2: \"name DESC\": descending, null last, ties (alice) still by id ascending")
        .containsExactly(5, 1, 3, 2, 6, 4);
  }

  @ParameterizedTest(name = "order \"{0}\" is descending")
  @ValueSource(strings = {"age DESC", "age desc", "age Desc", "age dEsC", "  age   DESC  "})
  @ContractSection("C4.2")
  void directionIsCaseInsensitive(String order) {
    Numbered rows = people();
    assertThat(rows.numbers(Filter.builder().order(order).build()))
        .as("C4.2: \"%s\" sorts by age descending (direction is case-insensitive)", order)
        .containsExactly(6, 1, 3, 2, 4, 5);
  }

  @ParameterizedTest(name = "order \"{0}\" is ascending")
  @ValueSource(strings = {"age", "age ASC", "age asc", "age Asc"})
  @ContractSection("C4.2")
  void ascendingForms(String order) {
    Numbered rows = people();
    assertThat(rows.numbers(Filter.builder().order(order).build()))
        .as("C4.2: \"%s\" sorts by age ascending, null first, ties by id", order)
        .containsExactly(5, 2, 4, 1, 3, 6);
  }

  @Test
  @ContractSection("C4.2")
  void severalKeysInTheStringForm() {
    Numbered rows = people();
    assertThat(rows.numbers(filter("{'order': 'age ASC, name DESC'}")))
        .as("C4.2: \"age ASC, name DESC\": by age, then by name descending (null last)")
        .containsExactly(5, 2, 4, 1, 3, 6);
    assertThat(rows.numbers(filter("{'order': 'name ASC, age DESC'}")))
        .as("C4.2: \"name ASC, age DESC\": alice 40 before alice 25")
        .containsExactly(4, 6, 2, 3, 1, 5);
  }

  @Test
  @ContractSection("C4.2")
  void arrayForm() {
    Numbered rows = people();
    assertThat(rows.numbers(filter("{'order': ['name ASC', 'age DESC']}")))
        .as("C4.2: [\"name ASC\", \"age DESC\"] is the same as \"name ASC, age DESC\"")
        .containsExactly(4, 6, 2, 3, 1, 5);
  }

  @Test
  @ContractSection("C4.2")
  void javaApiOrder() {
    Numbered rows = people();
    assertThat(rows.numbers(Filter.builder().order(Order.desc("age"), Order.asc("name")).build()))
        .as("C4.2: Order.desc(age), Order.asc(name)")
        .containsExactly(6, 3, 1, 4, 2, 5);
  }

  @ParameterizedTest(name = "order {0} is INVALID_FILTER")
  @ValueSource(
      strings = {
        "'name UP'",
        "'name DESCENDING'",
        "'name ASC DESC'",
        "'nickname'",
        "'nickname DESC'",
        "'name, nickname'",
        "['name', 'nickname DESC']",
        "'name,'",
        "'name;DROP'",
        "5",
        "true",
        "[5]",
        "{'a': 'name'}",
        "'age.value'"
      })
  @ContractSection("C4.2")
  void badOrderIsInvalidFilter(String order) {
    Dao dao = people().dao;
    assertError(
        ErrorCode.INVALID_FILTER,
        "C4.2: order " + json(order) + " is INVALID_FILTER (bad direction or unknown property)",
        () -> dao.find(filter("{'order': " + order + "}")));
  }

  @Test
  @ContractSection("C4.2")
  void nullAndMissingSortFirstAscendingLastDescending() {
    Dao dao = define(json("{'name': 'TckOrderNulls', 'properties': {'n': 'number'}}"));
    Numbered rows = new Numbered(dao);
    rows.add(row("n", 2));
    rows.add(row("n", null));
    rows.add(row("n", 1));
    rows.add(row());
    rows.add(row("n", -5));
    assertThat(rows.numbers(filter("{'order': 'n ASC'}")))
        .as("C4.2: null and missing sort first ascending (ties by id)")
        .containsExactly(2, 4, 5, 3, 1);
    assertThat(rows.numbers(filter("{'order': 'n DESC'}")))
        .as("C4.2: null and missing sort last descending (ties still by id ascending)")
        .containsExactly(1, 3, 5, 2, 4);
  }

  @Test
  @ContractSection("C4.2")
  void stringsSortByUnicodeCodePoint() {
    Dao dao = define(json("{'name': 'TckOrderText', 'properties': {'s': 'string'}}"));
    Numbered rows = new Numbered(dao);
    for (String s : new String[] {"😀", "é", "a", "B", "ｚ", "b", "A", "", "aa", "Z"}) {
      rows.add(row("s", s));
    }
    assertThat(column(dao.find(filter("{'order': 's'}")), "s"))
        .as(
            "C4.2: strings sort by Unicode code point: '' < A < B < Z < a < aa < b < é < ｚ (U+FF5A)"
                + " < 😀 (U+1F600), no case-insensitive or locale collation, not UTF-16 order")
        .containsExactly("", "A", "B", "Z", "a", "aa", "b", "é", "ｚ", "😀");
    assertThat(column(dao.find(filter("{'order': 's DESC'}")), "s"))
        .as("C4.2: descending code-point order")
        .containsExactly("😀", "ｚ", "é", "b", "aa", "a", "Z", "B", "A", "");
  }

  @Test
  @ContractSection("C4.2")
  void numbersSortNumerically() {
    Dao dao = define(json("{'name': 'TckOrderNumbers', 'properties': {'n': 'number'}}"));
    for (Object n : new Object[] {10, 2, 100, -1, 1.5, 0, -0.5, 9007199254740992L}) {
      dao.create(row("n", n));
    }
    assertThat(column(dao.find(filter("{'order': 'n'}")), "n"))
        .as("C4.2: numbers sort numerically (2 < 10 < 100), integral and fractional together")
        .containsExactly(-1L, -0.5, 0L, 1.5, 2L, 10L, 100L, 9007199254740992L);
  }

  @Test
  @ContractSection("C4.2")
  void datesSortByInstant() {
    Dao dao = define(json("{'name': 'TckOrderDates', 'properties': {'d': 'date'}}"));
    Numbered rows = new Numbered(dao);
    rows.add(row("d", "2000-01-01T00:00:00.001Z"));
    rows.add(row("d", "1901-05-06T07:08:09.010Z"));
    rows.add(row("d", "2000-01-01T01:00:00.000+02:00"));
    rows.add(row("d", "9999-12-31T23:59:59.999Z"));
    rows.add(row("d", "1969-12-31T23:59:59.999Z"));
    rows.add(row("d", "2000-01-01T00:00:00.000Z"));
    assertThat(rows.numbers(filter("{'order': 'd'}")))
        .as("C4.2: dates sort by instant (an offset is converted; before 1970 and far future)")
        .containsExactly(2, 5, 3, 6, 1, 4);
    assertThat(column(dao.find(filter("{'order': 'd DESC', 'limit': 1}")), "d"))
        .as("C4.2: the latest date first descending")
        .containsExactly(Instant.parse("9999-12-31T23:59:59.999Z"));
  }

  @Test
  @ContractSection("C4.2")
  void booleansSortFalseBeforeTrue() {
    Dao dao = define(json("{'name': 'TckOrderBooleans', 'properties': {'b': 'boolean'}}"));
    Numbered rows = new Numbered(dao);
    rows.add(row("b", true));
    rows.add(row("b", false));
    rows.add(row("b", null));
    rows.add(row("b", true));
    rows.add(row("b", false));
    assertThat(rows.numbers(filter("{'order': 'b'}")))
        .as("C4.2: null < false < true, ties by id")
        .containsExactly(3, 2, 5, 1, 4);
    assertThat(rows.numbers(filter("{'order': 'b DESC'}")))
        .as("C4.2: true > false > null descending, ties by id ascending")
        .containsExactly(1, 4, 2, 5, 3);
  }

  @Test
  @ContractSection("C4.2")
  void tiesAreBrokenByIdAscendingInBothDirections() {
    Dao dao = define(json("{'name': 'TckOrderTies', 'properties': {'g': 'string'}}"));
    Numbered rows = new Numbered(dao);
    for (String g : new String[] {"b", "a", "b", "a", "b", "a", "b"}) {
      rows.add(row("g", g));
    }
    assertThat(rows.numbers(filter("{'order': 'g ASC'}")))
        .as("C4.2: equal keys come in id order under ASC")
        .containsExactly(2, 4, 6, 1, 3, 5, 7);
    assertThat(rows.numbers(filter("{'order': 'g DESC'}")))
        .as("C4.2: equal keys come in id ASCENDING order under DESC too")
        .containsExactly(1, 3, 5, 7, 2, 4, 6);
  }

  @Test
  @ContractSection("C4.2")
  void tiesAreBrokenByIdWhenPaging() {
    Dao dao = define(json("{'name': 'TckOrderTiePages', 'properties': {'g': 'number'}}"));
    Numbered rows = new Numbered(dao);
    for (int i = 0; i < 30; i++) {
      rows.add(row("g", i % 3));
    }
    List<Integer> all = rows.numbers(filter("{'order': 'g DESC'}"));
    List<Integer> paged = new java.util.ArrayList<>();
    for (int skip = 0; skip < 30; skip += 7) {
      paged.addAll(rows.numbers(filter("{'order': 'g DESC', 'limit': 7, 'skip': " + skip + "}")));
    }
    assertThat(paged)
        .as(
            "C4.2/C4.3: pages of an order with ties concatenate to the full, fully determined order")
        .isEqualTo(all);
    assertThat(all.subList(0, 10))
        .as("C4.2: the g = 2 rows first, in id order")
        .containsExactly(3, 6, 9, 12, 15, 18, 21, 24, 27, 30);
  }

  @Test
  @ContractSection("C4.2")
  void withoutOrderRowsComeInIdOrder() {
    Dao dao =
        define(
            json(
                "{'name': 'TckOrderIds', 'forceId': false, 'properties': {"
                    + "'id': {'type': 'number', 'id': true}, 's': 'string'}}"));
    for (long id : new long[] {30, 4, 200, 1, 17}) {
      dao.create(row("id", id, "s", "x"));
    }
    assertThat(column(dao.find(Filter.ALL), "id"))
        .as("C4.2: with no order, rows come in id order (not insertion order, not text order)")
        .containsExactly(1L, 4L, 17L, 30L, 200L);
    assertThat(column(dao.find(filter("{'where': {'s': 'x'}, 'limit': 3}")), "id"))
        .as("C4.2: id order also with a where and a limit")
        .containsExactly(1L, 4L, 17L);
  }

  @Test
  @ContractSection("C4.2")
  void withoutOrderStringIdsComeInIdOrder() {
    Dao dao =
        define(
            json(
                "{'name': 'TckOrderStringIds', 'forceId': false, 'properties': {"
                    + "'code': {'type': 'string', 'id': true}, 'n': 'number'}}"));
    for (String code : new String[] {"b", "B", "a", "é", "A"}) {
      dao.create(row("code", code, "n", 1));
    }
    assertThat(column(dao.find(Filter.ALL), "code"))
        .as("C4.2: string ids come in code-point order (A < B < a < b < é)")
        .containsExactly("A", "B", "a", "b", "é");
  }

  @Test
  @ContractSection("C4.2")
  void orderByIdDescending() {
    Numbered rows = people();
    assertThat(rows.numbers(filter("{'order': 'id DESC'}")))
        .as("C4.2: order by the id descending")
        .containsExactly(6, 5, 4, 3, 2, 1);
  }

  @Test
  @ContractSection("C4.2")
  void nestedPathOrder() {
    Numbered rows = people();
    assertThat(rows.numbers(filter("{'order': 'address.city DESC'}")))
        .as(
            "C4.2: order by a nested path: Paris (1, 6), Berlin, Amsterdam, then rows without a"
                + " city (3, 5) last, ties by id")
        .containsExactly(1, 6, 2, 4, 3, 5);
    assertThat(rows.numbers(filter("{'order': 'address.city'}")))
        .as("C4.2: a nested path ascending: missing values first")
        .containsExactly(3, 5, 4, 2, 1, 6);
    assertThat(rows.numbers(filter("{'order': ['address.city DESC', 'age DESC']}")))
        .as("C4.2: a nested path then a second key")
        .containsExactly(6, 1, 2, 4, 3, 5);
  }

  @Test
  @ContractSection("C4.2")
  void orderAppliesToTheRowsTheWhereSelects() {
    Numbered rows = people();
    assertThat(rows.numbers(filter("{'where': {'age': {'gte': 25}}, 'order': 'age DESC'}")))
        .as("C4.2: where then order")
        .containsExactly(6, 1, 3, 2, 4);
    assertThat(
            rows.numbers(
                Filter.builder()
                    .where(Where.eq("address.city", "Paris"))
                    .order("name DESC")
                    .build()))
        .as("C4.2: a nested-path where with an order")
        .containsExactly(1, 6);
  }

  @Test
  @ContractSection("C4.2")
  void findOneHonoursOrder() {
    Numbered rows = people();
    assertThat(rows.dao.findOne(filter("{'order': 'age DESC'}")))
        .as("C4.2: findOne returns the first row of the order")
        .hasValueSatisfying(row -> assertThat(rows.numberOf(row.get("id"))).isEqualTo(6));
    assertThat(rows.dao.findOne(filter("{'order': 'name'}")))
        .as("C4.2: findOne with nulls first ascending")
        .hasValueSatisfying(row -> assertThat(rows.numberOf(row.get("id"))).isEqualTo(4));
  }
}
