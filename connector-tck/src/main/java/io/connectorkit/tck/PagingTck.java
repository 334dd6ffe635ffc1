package io.connectorkit.tck;

import static io.connectorkit.tck.FilterFixtures.column;
import static io.connectorkit.tck.FilterFixtures.filter;
import static io.connectorkit.tck.FilterFixtures.json;
import static io.connectorkit.tck.FilterFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.Dao;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Where;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** C4.3 limit, skip, offset. */
public abstract class PagingTck extends TckSection {
  /** More than LoopBack's silent default limit of 100. */
  private static final int ROWS = 150;

  protected PagingTck(ConnectorTck tck) {
    super(tck);
  }

  /**
   * {@value #ROWS} rows with {@code n} = 1 … {@value #ROWS} in id order, {@code odd} telling odd
   * from even, and {@code city} in a nested object.
   */
  private Dao numbers() {
    Dao dao =
        define(
            json(
                "{'name': 'TckPaging', 'properties': {'n': 'number', 'odd': 'boolean',"
                    + " 'address': 'object'}}"));
    List<Map<String, Object>> data = new ArrayList<>();
    for (int n = 1; n <= ROWS; n++) {
      data.add(row("n", n, "odd", n % 2 == 1, "address", Map.of("city", n % 3 == 0 ? "P" : "Q")));
    }
    dao.createAll(data);
    return dao;
  }

  private static List<Object> range(long fromInclusive, long toInclusive) {
    return new ArrayList<>(LongStream.rangeClosed(fromInclusive, toInclusive).boxed().toList());
  }

  private static List<Object> ns(List<Map<String, Object>> rows) {
    return column(rows, "n");
  }

  @Test
  @ContractSection("C4.3")
  void limitReturnsTheFirstRows() {
    Dao dao = numbers();
    assertThat(ns(dao.find(filter("{'limit': 10}"))))
        .as("C4.3: limit 10 returns the first 10 rows in id order")
        .isEqualTo(range(1, 10));
    assertThat(ns(dao.find(Filter.builder().limit(3).build())))
        .as("C4.3: Java builder limit 3")
        .isEqualTo(range(1, 3));
  }

  @Test
  @ContractSection("C4.3")
  void limitAboveTheRowCountReturnsEveryRow() {
    Dao dao = numbers();
    assertThat(ns(dao.find(filter("{'limit': 1000}"))))
        .as("C4.3: limit larger than the number of rows returns all of them")
        .isEqualTo(range(1, ROWS));
  }

  @Test
  @ContractSection("C4.3")
  void noLimitAndLimitZeroReturnEveryRowBeyondOneHundred() {
    Dao dao = numbers();
    assertThat(ns(dao.find(Filter.ALL)))
        .as("C4.3: no limit returns all %s rows (no silent default limit of 100)", ROWS)
        .isEqualTo(range(1, ROWS));
    assertThat(ns(dao.find(filter("{'limit': 0}"))))
        .as("C4.3: limit 0 means no limit")
        .isEqualTo(range(1, ROWS));
    assertThat(ns(dao.find(filter("{'where': {'n': {'gt': 0}}}"))))
        .as("C4.3: a where without limit returns every matching row")
        .hasSize(ROWS);
  }

  @Test
  @ContractSection("C4.3")
  void skipWithLimit() {
    Dao dao = numbers();
    assertThat(ns(dao.find(filter("{'skip': 5, 'limit': 3}"))))
        .as("C4.3: skip 5, limit 3 returns rows 6 to 8")
        .isEqualTo(range(6, 8));
    assertThat(ns(dao.find(Filter.builder().skip(148).limit(10).build())))
        .as("C4.3: the last page may be short")
        .isEqualTo(range(149, 150));
  }

  @Test
  @ContractSection("C4.3")
  void skipWithoutLimitReturnsAllRemainingRows() {
    Dao dao = numbers();
    assertThat(ns(dao.find(filter("{'skip': 10}"))))
        .as(
            "C4.3: skip without limit returns ALL remaining rows (140 here), never a silent"
                + " limit of 100")
        .isEqualTo(range(11, ROWS));
    assertThat(ns(dao.find(filter("{'offset': 10, 'limit': 0}"))))
        .as("C4.3: offset with limit 0 returns all remaining rows")
        .isEqualTo(range(11, ROWS));
  }

  @Test
  @ContractSection("C4.3")
  void skipPastTheEndReturnsNothing() {
    Dao dao = numbers();
    assertThat(dao.find(filter("{'skip': 150}"))).as("C4.3: skip = row count → []").isEmpty();
    assertThat(dao.find(filter("{'skip': 1000, 'limit': 5}")))
        .as("C4.3: skip past the end → []")
        .isEmpty();
    assertThat(dao.findOne(filter("{'skip': 1000}")))
        .as("C4.3: findOne with skip past the end → empty")
        .isEmpty();
  }

  @Test
  @ContractSection("C4.3")
  void offsetIsAnAliasOfSkip() {
    Dao dao = numbers();
    assertThat(ns(dao.find(filter("{'offset': 5, 'limit': 3}"))))
        .as("C4.3: offset is an alias of skip")
        .isEqualTo(range(6, 8));
    assertThat(ns(dao.find(filter("{'skip': 5, 'offset': 5, 'limit': 3}"))))
        .as("C4.3: skip and offset both given and equal are fine")
        .isEqualTo(range(6, 8));
    assertThat(ns(dao.find(filter("{'skip': '5', 'offset': 5, 'limit': 3}"))))
        .as("C4.3: skip \"5\" and offset 5 are equal")
        .isEqualTo(range(6, 8));
  }

  @Test
  @ContractSection("C4.3")
  void skipAndOffsetThatDifferAreInvalid() {
    Dao dao = numbers();
    assertError(
        ErrorCode.INVALID_FILTER,
        "C4.3: skip and offset both given and different is INVALID_FILTER",
        () -> dao.find(filter("{'skip': 5, 'offset': 6}")));
    assertError(
        ErrorCode.INVALID_FILTER,
        "C4.3: skip 0 and offset 3 differ: INVALID_FILTER",
        () -> dao.find(filter("{'skip': 0, 'offset': 3}")));
  }

  @Test
  @ContractSection("C4.3")
  void stringsHoldingIntegersAreAccepted() {
    Dao dao = numbers();
    assertThat(ns(dao.find(filter("{'limit': '3', 'skip': '2'}"))))
        .as("C4.3: limit \"3\" and skip \"2\" (query-string forms) are integers")
        .isEqualTo(range(3, 5));
    assertThat(ns(dao.find(filter("{'limit': '2', 'offset': '148'}"))))
        .as("C4.3: offset \"148\" is an integer")
        .isEqualTo(range(149, 150));
    assertThat(dao.find(filter("{'limit': '0'}")))
        .as("C4.3: limit \"0\" means no limit")
        .hasSize(ROWS);
  }

  @ParameterizedTest(name = "{0} is INVALID_FILTER")
  @ValueSource(
      strings = {
        "{'limit': -1}",
        "{'skip': -1}",
        "{'offset': -3}",
        "{'limit': 2.5}",
        "{'skip': 0.5}",
        "{'limit': '-1'}",
        "{'limit': 'abc'}",
        "{'limit': '2.5'}",
        "{'skip': 'ten'}",
        "{'limit': ''}",
        "{'limit': true}",
        "{'limit': [1]}",
        "{'limit': {'n': 1}}"
      })
  @ContractSection("C4.3")
  void negativeOrNonIntegerLimitSkipOffsetIsInvalid(String filter) {
    Dao dao = numbers();
    assertError(
        ErrorCode.INVALID_FILTER,
        "C4.3: " + json(filter) + " is INVALID_FILTER (non-negative integers only)",
        () -> dao.find(filter(filter)));
  }

  @Test
  @ContractSection("C4.3")
  void pagingAppliesAfterWhereAndOrder() {
    Dao dao = numbers();
    assertThat(
            ns(
                dao.find(
                    filter(
                        "{'where': {'n': {'gt': 100}}, 'order': 'n DESC', 'skip': 2,"
                            + " 'limit': 5}"))))
        .as("C4.3: where (n > 100), then order (n DESC), then skip 2, limit 5")
        .containsExactly(148L, 147L, 146L, 145L, 144L);
    assertThat(
            ns(
                dao.find(
                    filter(
                        "{'where': {'odd': true}, 'order': 'n DESC', 'skip': 70, 'limit': 10}"))))
        .as("C4.3: the last odd rows, after where and order: 75 odd rows, skip 70 leaves 5")
        .containsExactly(9L, 7L, 5L, 3L, 1L);
  }

  @Test
  @ContractSection("C4.3")
  void pagingAfterAResidualWhereIsStillCorrect() {
    Dao dao = numbers();
    // address.city is a nested path: a connector may leave it to the core (C4.6), which must then
    // page after evaluating it, not before.
    assertThat(
            ns(
                dao.find(
                    Filter.builder()
                        .where(Where.eq("address.city", "P"))
                        .order("n DESC")
                        .skip(3)
                        .limit(4)
                        .build())))
        .as("C4.3/C4.6: paging applies after a nested-path where (multiples of 3, descending)")
        .containsExactly(141L, 138L, 135L, 132L);
    assertThat(ns(dao.find(Filter.builder().where(Where.eq("address.city", "P")).skip(45).build())))
        .as("C4.3/C4.6: skip without limit after a nested-path where: 50 matches, skip 45 → 5")
        .containsExactly(138L, 141L, 144L, 147L, 150L);
  }

  @Test
  @ContractSection("C4.3")
  void findOneForcesLimitOne() {
    Dao dao = numbers();
    assertThat(dao.findOne(filter("{'limit': 10}")))
        .as("C4.3: findOne forces limit 1 and returns the first row")
        .hasValueSatisfying(row -> assertThat(row.get("n")).isEqualTo(1L));
    assertThat(dao.findOne(filter("{'skip': 3, 'order': 'n DESC'}")))
        .as("C4.3: findOne honours skip and order")
        .hasValueSatisfying(row -> assertThat(row.get("n")).isEqualTo(147L));
    assertThat(dao.findOne(filter("{'where': {'n': {'gt': 1000}}}")))
        .as("C4.3: findOne with no match is empty")
        .isEmpty();
    assertThat(dao.findOne(filter("{'offset': 9}")))
        .as("C4.3: findOne honours offset")
        .hasValueSatisfying(row -> assertThat(row.get("n")).isEqualTo(10L));
  }

  @Test
  @ContractSection("C4.3")
  void pagingThroughEveryRowVisitsEachExactlyOnce() {
    Dao dao = numbers();
    List<Object> seen = new ArrayList<>();
    for (int skip = 0; skip < ROWS; skip += 40) {
      seen.addAll(ns(dao.find(filter("{'limit': 40, 'skip': " + skip + "}"))));
    }
    assertThat(seen)
        .as("C4.3: consecutive pages of 40 concatenate to every row once, in id order")
        .isEqualTo(range(1, ROWS));
  }
}
