package io.connectorkit.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterEvaluatorTest {

  /** A row from alternating keys and values; null values are stored as explicit nulls. */
  private static Map<String, Object> row(Object... keyValues) {
    Map<String, Object> row = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      row.put((String) keyValues[i], keyValues[i + 1]);
    }
    return row;
  }

  private static boolean matches(Where where, Map<String, Object> row) {
    return FilterEvaluator.matches(where, row);
  }

  private static final Map<String, Object> MISSING = row("id", 1L);
  private static final Map<String, Object> NULL = row("id", 2L, "v", null);

  // ------------------------------------------------------------------ equality

  @Test
  void equalityComparesNumbersNumericallyAcrossTypes() {
    assertThat(matches(Where.eq("v", 30L), row("v", 30.0))).isTrue();
    assertThat(matches(Where.eq("v", 30), row("v", 30L))).isTrue();
    assertThat(matches(Where.eq("v", 30.5), row("v", 30L))).isFalse();
    assertThat(matches(Where.eq("v", 9007199254740993L), row("v", 9007199254740992.0))).isFalse();
  }

  @Test
  void equalityDoesNotConvertBetweenKinds() {
    assertThat(matches(Where.eq("v", "30"), row("v", 30L))).isFalse();
    assertThat(matches(Where.eq("v", true), row("v", 1L))).isFalse();
  }

  @Test
  void equalityIsCaseSensitive() {
    assertThat(matches(Where.eq("v", "abc"), row("v", "ABC"))).isFalse();
  }

  @Test
  void equalityComparesDatesBytesMapsAndListsByContent() {
    Instant t = Instant.parse("1980-12-08T00:00:00Z");
    assertThat(matches(Where.eq("v", Instant.ofEpochMilli(t.toEpochMilli())), row("v", t)))
        .isTrue();
    assertThat(matches(Where.eq("v", new byte[] {1, 2}), row("v", new byte[] {1, 2}))).isTrue();
    assertThat(matches(Where.eq("v", Map.of("a", 1L)), row("v", Map.of("a", 1.0)))).isTrue();
    assertThat(matches(Where.eq("v", Map.of("a", 1L)), row("v", Map.of("a", 1L, "b", 2L))))
        .isFalse();
  }

  @Test
  void equalityWithNullMatchesNullAndMissing() {
    assertThat(matches(Where.eq("v", null), NULL)).isTrue();
    assertThat(matches(Where.eq("v", null), MISSING)).isTrue();
    assertThat(matches(Where.eq("v", null), row("v", "a"))).isFalse();
  }

  @Test
  void equalityWithValueDoesNotMatchNullOrMissing() {
    assertThat(matches(Where.eq("v", "a"), NULL)).isFalse();
    assertThat(matches(Where.eq("v", "a"), MISSING)).isFalse();
  }

  @Test
  void neqMatchesRowsWhereValueIsNullOrMissing() {
    assertThat(matches(Where.neq("v", "a"), NULL)).isTrue();
    assertThat(matches(Where.neq("v", "a"), MISSING)).isTrue();
    assertThat(matches(Where.neq("v", "a"), row("v", "a"))).isFalse();
    assertThat(matches(Where.neq("v", "a"), row("v", "b"))).isTrue();
  }

  @Test
  void neqNullMatchesRowsWithAValue() {
    assertThat(matches(Where.neq("v", null), row("v", "a"))).isTrue();
    assertThat(matches(Where.neq("v", null), NULL)).isFalse();
    assertThat(matches(Where.neq("v", null), MISSING)).isFalse();
  }

  // ------------------------------------------------------------------ ranges

  @Test
  void rangeOperatorsCompareNumbersNumerically() {
    assertThat(matches(Where.gt("v", 9L), row("v", 10.5))).isTrue();
    assertThat(matches(Where.gt("v", 10L), row("v", 10L))).isFalse();
    assertThat(matches(Where.gte("v", 10L), row("v", 10.0))).isTrue();
    assertThat(matches(Where.lt("v", 10L), row("v", 9.99))).isTrue();
    assertThat(matches(Where.lte("v", 10L), row("v", 10L))).isTrue();
    assertThat(matches(Where.lte("v", 10L), row("v", 11L))).isFalse();
  }

  @Test
  void stringsCompareByCodePointNotUtf16Unit() {
    // U+FF5E (one UTF-16 unit) is below U+1F600 (a surrogate pair starting 0xD83D) by code point,
    // though String.compareTo says the opposite.
    assertThat("\uFF5E".compareTo("😀")).isPositive();
    assertThat(matches(Where.lt("v", "😀"), row("v", "\uFF5E"))).isTrue();
    assertThat(matches(Where.gt("v", "B"), row("v", "a"))).isTrue();
    assertThat(matches(Where.gt("v", "a"), row("v", "é"))).isTrue();
    assertThat(matches(Where.gt("v", "é"), row("v", "😀"))).isTrue();
    assertThat(matches(Where.gt("v", "ab"), row("v", "abc"))).isTrue();
  }

  @Test
  void datesCompareByInstantAndBooleansFalseBeforeTrue() {
    Instant t = Instant.parse("2020-01-01T00:00:00Z");
    assertThat(matches(Where.gt("v", t), row("v", t.plusMillis(1)))).isTrue();
    assertThat(matches(Where.lt("v", t), row("v", t))).isFalse();
    assertThat(matches(Where.gt("v", false), row("v", true))).isTrue();
    assertThat(matches(Where.lt("v", false), row("v", true))).isFalse();
  }

  @Test
  void rangeOperatorsNeverMatchValuesOfAnotherKind() {
    assertThat(matches(Where.gt("v", 1L), row("v", "5"))).isFalse();
    assertThat(matches(Where.lt("v", 1L), row("v", "5"))).isFalse();
    assertThat(matches(Where.gt("v", "a"), row("v", Map.of()))).isFalse();
  }

  @Test
  void rangeOperatorsNeverMatchNullOrMissing() {
    for (Where where :
        List.of(Where.gt("v", 1L), Where.gte("v", 1L), Where.lt("v", 1L), Where.lte("v", 1L))) {
      assertThat(matches(where, NULL)).isFalse();
      assertThat(matches(where, MISSING)).isFalse();
    }
  }

  @Test
  void rangeWithNullBoundMatchesNothing() {
    assertThat(matches(Where.gt("v", null), row("v", 1L))).isFalse();
    assertThat(matches(Where.lte("v", null), NULL)).isFalse();
    assertThat(matches(Where.between("v", null, 5L), row("v", 1L))).isFalse();
  }

  @Test
  void betweenIsInclusive() {
    Where between = Where.between("v", 1L, 3L);
    assertThat(matches(between, row("v", 1L))).isTrue();
    assertThat(matches(between, row("v", 3.0))).isTrue();
    assertThat(matches(between, row("v", 3.5))).isFalse();
    assertThat(matches(between, NULL)).isFalse();
  }

  @Test
  void betweenWithReversedBoundsMatchesNothing() {
    assertThat(matches(Where.between("v", 3L, 1L), row("v", 2L))).isFalse();
  }

  // ------------------------------------------------------------------ inq, nin

  @Test
  void inqMatchesAnElement() {
    assertThat(matches(Where.inq("v", List.of(1L, 2L)), row("v", 2.0))).isTrue();
    assertThat(matches(Where.inq("v", List.of(1L, 2L)), row("v", 3L))).isFalse();
  }

  @Test
  void emptyInqMatchesNothingAndEmptyNinEverything() {
    for (Map<String, Object> r : List.of(row("v", 1L), NULL, MISSING)) {
      assertThat(matches(Where.inq("v", List.of()), r)).isFalse();
      assertThat(matches(Where.nin("v", List.of()), r)).isTrue();
    }
  }

  @Test
  void inqWithNullElementMatchesNullAndMissing() {
    Where inq = Where.inq("v", Arrays.asList("a", null));
    assertThat(matches(inq, NULL)).isTrue();
    assertThat(matches(inq, MISSING)).isTrue();
    assertThat(matches(inq, row("v", "b"))).isFalse();
  }

  @Test
  void ninMatchesNullAndMissingUnlessListHoldsNull() {
    assertThat(matches(Where.nin("v", List.of("a")), NULL)).isTrue();
    assertThat(matches(Where.nin("v", List.of("a")), MISSING)).isTrue();
    assertThat(matches(Where.nin("v", Arrays.asList("a", null)), NULL)).isFalse();
    assertThat(matches(Where.nin("v", Arrays.asList("a", null)), MISSING)).isFalse();
    assertThat(matches(Where.nin("v", List.of("a")), row("v", "a"))).isFalse();
  }

  @Test
  void largeInqListMatchesLikeASmallOne() {
    List<Object> values = new ArrayList<>();
    for (long i = 0; i < 10_000; i++) {
      values.add(i * 2);
    }
    values.add("x");
    values.add(List.of("a", "b"));
    Where inq = Where.inq("v", values);
    var predicate = FilterEvaluator.predicate(inq);
    for (Map<String, Object> r :
        List.of(
            row("v", 19_998L),
            row("v", 4.0),
            row("v", 3L),
            row("v", "x"),
            row("v", List.of(7L, 8L)),
            row("v", List.of("a", "b")),
            NULL,
            MISSING)) {
      assertThat(predicate.test(r)).as("%s", r).isEqualTo(matches(inq, r));
    }
    assertThat(predicate.test(row("v", 4.0))).isTrue();
    assertThat(predicate.test(row("v", 3L))).isFalse();
    assertThat(predicate.test(row("v", List.of(7L, 8L)))).isTrue();
    assertThat(predicate.test(row("v", List.of("a", "b")))).isTrue();
    assertThat(predicate.test(NULL)).isFalse();
    assertThat(FilterEvaluator.predicate(Where.nin("v", values)).test(NULL)).isTrue();
  }

  // ------------------------------------------------------------------ like

  @Test
  void likeMatchesTheWholeString() {
    assertThat(matches(Where.like("v", "ab"), row("v", "abc"))).isFalse();
    assertThat(matches(Where.like("v", "ab%"), row("v", "abc"))).isTrue();
    assertThat(matches(Where.like("v", "%c"), row("v", "abc"))).isTrue();
    assertThat(matches(Where.like("v", "%"), row("v", ""))).isTrue();
  }

  @Test
  void likePercentMatchesAnyRunIncludingNewlines() {
    assertThat(matches(Where.like("v", "a%b"), row("v", "a\n\nb"))).isTrue();
  }

  @Test
  void likeUnderscoreMatchesExactlyOneCodePoint() {
    assertThat(matches(Where.like("v", "a_c"), row("v", "a😀c"))).isTrue();
    assertThat(matches(Where.like("v", "a_c"), row("v", "ac"))).isFalse();
    assertThat(matches(Where.like("v", "a_c"), row("v", "abbc"))).isFalse();
    assertThat(matches(Where.like("v", "_"), row("v", "\n"))).isTrue();
  }

  @Test
  void likeBackslashEscapesPercentUnderscoreAndBackslash() {
    assertThat(matches(Where.like("v", "100\\%"), row("v", "100%"))).isTrue();
    assertThat(matches(Where.like("v", "100\\%"), row("v", "1000"))).isFalse();
    assertThat(matches(Where.like("v", "a\\_b"), row("v", "a_b"))).isTrue();
    assertThat(matches(Where.like("v", "a\\_b"), row("v", "axb"))).isFalse();
    assertThat(matches(Where.like("v", "a\\\\b"), row("v", "a\\b"))).isTrue();
    assertThat(matches(Where.like("v", "a\\\\%"), row("v", "a\\xyz"))).isTrue();
  }

  @Test
  void likeTreatsRegexMetacharactersLiterally() {
    assertThat(matches(Where.like("v", "a.c"), row("v", "abc"))).isFalse();
    assertThat(matches(Where.like("v", "(a)\\\\E[b]*"), row("v", "(a)\\E[b]*"))).isTrue();
    assertThat(matches(Where.like("v", "'\"%"), row("v", "'\"x"))).isTrue();
  }

  @Test
  void likeIsCaseSensitive() {
    assertThat(matches(Where.like("v", "abc"), row("v", "ABC"))).isFalse();
  }

  @Test
  void ilikeIgnoresCaseWithUnicodeFolding() {
    assertThat(matches(Where.ilike("v", "abc%"), row("v", "ABCdef"))).isTrue();
    assertThat(matches(Where.ilike("v", "été"), row("v", "ÉTÉ"))).isTrue();
    assertThat(matches(Where.ilike("v", "σ_"), row("v", "Σx"))).isTrue();
    // KELVIN SIGN folds to k.
    assertThat(matches(Where.ilike("v", "k"), row("v", "\u212A"))).isTrue();
    assertThat(matches(Where.ilike("v", "abc"), row("v", "abd"))).isFalse();
  }

  @Test
  void likeNeverMatchesNonStringValues() {
    assertThat(matches(Where.like("v", "1%"), row("v", 10L))).isFalse();
    assertThat(matches(Where.like("v", "%"), NULL)).isFalse();
    assertThat(matches(Where.like("v", "%"), MISSING)).isFalse();
  }

  @Test
  void nlikeAndNilikeMatchNullMissingAndNonStrings() {
    assertThat(matches(Where.nlike("v", "a%"), NULL)).isTrue();
    assertThat(matches(Where.nlike("v", "a%"), MISSING)).isTrue();
    assertThat(matches(Where.nlike("v", "a%"), row("v", 5L))).isTrue();
    assertThat(matches(Where.nlike("v", "a%"), row("v", "abc"))).isFalse();
    assertThat(matches(Where.nlike("v", "a%"), row("v", "Abc"))).isTrue();
    assertThat(matches(Where.nilike("v", "a%"), row("v", "Abc"))).isFalse();
    assertThat(matches(Where.nilike("v", "a%"), MISSING)).isTrue();
  }

  // ------------------------------------------------------------------ regexp

  @Test
  void regexpFindsAMatchAnywhere() {
    assertThat(matches(Where.regexp("v", "b+"), row("v", "abbc"))).isTrue();
    assertThat(matches(Where.regexp("v", "^b"), row("v", "abbc"))).isFalse();
    assertThat(matches(Where.regexp("v", "/B/"), row("v", "abc"))).isFalse();
  }

  @Test
  void regexpFlagsIMS() {
    assertThat(matches(Where.regexp("v", "/ÉT/i"), row("v", "été"))).isTrue();
    assertThat(matches(Where.regexp("v", "^b"), row("v", "a\nb"))).isFalse();
    assertThat(matches(Where.regexp("v", "/^b/m"), row("v", "a\nb"))).isTrue();
    assertThat(matches(Where.regexp("v", "a.b"), row("v", "a\nb"))).isFalse();
    assertThat(matches(Where.regexp("v", "/a.b/s"), row("v", "a\nb"))).isTrue();
    assertThat(
            matches(
                new Where.Comparison("v", Operator.REGEXP, new Regexp("X", "i")), row("v", "x")))
        .isTrue();
  }

  @Test
  void regexpNeverMatchesNonStringValues() {
    assertThat(matches(Where.regexp("v", "1"), row("v", 1L))).isFalse();
    assertThat(matches(Where.regexp("v", ".*"), NULL)).isFalse();
  }

  // ------------------------------------------------------------------ exists

  @Test
  void existsTrueMeansPresentAndNotNull() {
    assertThat(matches(Where.exists("v", true), row("v", 0L))).isTrue();
    assertThat(matches(Where.exists("v", true), row("v", ""))).isTrue();
    assertThat(matches(Where.exists("v", true), NULL)).isFalse();
    assertThat(matches(Where.exists("v", true), MISSING)).isFalse();
  }

  @Test
  void existsFalseMeansNullOrMissing() {
    assertThat(matches(Where.exists("v", false), NULL)).isTrue();
    assertThat(matches(Where.exists("v", false), MISSING)).isTrue();
    assertThat(matches(Where.exists("v", false), row("v", 0L))).isFalse();
  }

  @Test
  void emptyArrayExists() {
    assertThat(matches(Where.exists("v", true), row("v", List.of()))).isTrue();
    assertThat(matches(Where.exists("v", false), row("v", List.of()))).isFalse();
  }

  // ------------------------------------------------------------------ arrays

  @Test
  void positiveOperatorsMatchWhenAnyArrayElementMatches() {
    Map<String, Object> r = row("v", List.of("red", "green", 5L));
    assertThat(matches(Where.eq("v", "green"), r)).isTrue();
    assertThat(matches(Where.inq("v", List.of("blue", "red")), r)).isTrue();
    assertThat(matches(Where.gt("v", 4L), r)).isTrue();
    assertThat(matches(Where.between("v", "a", "f"), r)).isFalse();
    assertThat(matches(Where.like("v", "gr%"), r)).isTrue();
    assertThat(matches(Where.regexp("v", "ee"), r)).isTrue();
    assertThat(matches(Where.eq("v", "blue"), r)).isFalse();
  }

  @Test
  void negativeOperatorsOnArraysAreExactComplements() {
    Map<String, Object> r = row("v", List.of("red", "green"));
    assertThat(matches(Where.neq("v", "red"), r)).isFalse();
    assertThat(matches(Where.neq("v", "blue"), r)).isTrue();
    assertThat(matches(Where.nin("v", List.of("green")), r)).isFalse();
    assertThat(matches(Where.nlike("v", "r%"), r)).isFalse();
    assertThat(matches(Where.nilike("v", "B%"), r)).isTrue();
  }

  @Test
  void emptyArrayMatchesEveryNegativeOperatorAndNoPositiveOne() {
    Map<String, Object> r = row("v", List.of());
    assertThat(matches(Where.eq("v", "a"), r)).isFalse();
    assertThat(matches(Where.eq("v", null), r)).isFalse();
    assertThat(matches(Where.inq("v", Arrays.asList("a", null)), r)).isFalse();
    assertThat(matches(Where.gt("v", 0L), r)).isFalse();
    assertThat(matches(Where.like("v", "%"), r)).isFalse();
    assertThat(matches(Where.regexp("v", ""), r)).isFalse();
    assertThat(matches(Where.neq("v", "a"), r)).isTrue();
    assertThat(matches(Where.neq("v", null), r)).isTrue();
    assertThat(matches(Where.nin("v", Arrays.asList("a", null)), r)).isTrue();
    assertThat(matches(Where.nlike("v", "%"), r)).isTrue();
    assertThat(matches(Where.nilike("v", "%"), r)).isTrue();
  }

  @Test
  void equalityWithAnArrayComparesTheWholeArray() {
    Map<String, Object> r = row("v", List.of("a", "b"));
    assertThat(matches(Where.eq("v", List.of("a", "b")), r)).isTrue();
    assertThat(matches(Where.eq("v", List.of("b", "a")), r)).isFalse();
    assertThat(matches(Where.eq("v", List.of("a")), r)).isFalse();
    assertThat(matches(Where.neq("v", List.of("a", "b")), r)).isFalse();
  }

  // ------------------------------------------------------------------ nested paths

  @Test
  void nestedPathReachesIntoObjects() {
    Map<String, Object> r = row("address", Map.of("city", "Paris", "geo", Map.of("lat", 48L)));
    assertThat(matches(Where.eq("address.city", "Paris"), r)).isTrue();
    assertThat(matches(Where.gt("address.geo.lat", 40L), r)).isTrue();
    assertThat(matches(Where.like("address.city", "P%"), r)).isTrue();
  }

  @Test
  void nestedPathWithMissingStepIsMissing() {
    Map<String, Object> r = row("address", Map.of("city", "Paris"));
    assertThat(matches(Where.eq("address.zip", null), r)).isTrue();
    assertThat(matches(Where.exists("address.zip", false), r)).isTrue();
    assertThat(matches(Where.eq("nothing.zip", null), r)).isTrue();
    assertThat(matches(Where.neq("address.city.x", "a"), r)).isTrue();
    assertThat(matches(Where.eq("address.city.x", null), r)).isTrue();
  }

  @Test
  void nestedPathReachesIntoArraysOfObjects() {
    Map<String, Object> r =
        row("orders", List.of(Map.of("total", 5L), Map.of("total", 7L), Map.of("other", 1L)));
    assertThat(matches(Where.eq("orders.total", 7L), r)).isTrue();
    assertThat(matches(Where.gt("orders.total", 6L), r)).isTrue();
    assertThat(matches(Where.gt("orders.total", 7L), r)).isFalse();
    assertThat(matches(Where.neq("orders.total", 7L), r)).isFalse();
    assertThat(matches(Where.exists("orders.total", true), r)).isTrue();
    assertThat(matches(Where.exists("orders.total", false), r)).isFalse();
    assertThat(matches(Where.eq("orders.total", null), r)).isTrue();
  }

  @Test
  void nestedPathIntoEmptyArrayMatchesNoPositiveOperator() {
    Map<String, Object> r = row("orders", List.of());
    assertThat(matches(Where.eq("orders.total", 7L), r)).isFalse();
    assertThat(matches(Where.eq("orders.total", null), r)).isFalse();
    assertThat(matches(Where.neq("orders.total", 7L), r)).isTrue();
    assertThat(matches(Where.exists("orders.total", false), r)).isTrue();
  }

  @Test
  void nestedPathThroughArraysOfArrays() {
    Map<String, Object> r =
        row(
            "orders",
            List.of(
                Map.of("items", List.of(Map.of("sku", "a"), Map.of("sku", "b"))),
                Map.of("items", List.of(Map.of("sku", "c")))));
    assertThat(matches(Where.eq("orders.items.sku", "c"), r)).isTrue();
    assertThat(matches(Where.nin("orders.items.sku", List.of("a", "b")), r)).isFalse();
    assertThat(FilterEvaluator.valueAt(r, "orders.items.sku")).isEqualTo(List.of("a", "b", "c"));
  }

  @Test
  void valueAtFollowsThePath() {
    Map<String, Object> r = row("a", Map.of("b", Map.of("c", 1L)), "x", 2L);
    assertThat(FilterEvaluator.valueAt(r, "x")).isEqualTo(2L);
    assertThat(FilterEvaluator.valueAt(r, "a.b.c")).isEqualTo(1L);
    assertThat(FilterEvaluator.valueAt(r, "a.b.d")).isNull();
    assertThat(FilterEvaluator.valueAt(r, "a.q.d")).isNull();
    assertThat(FilterEvaluator.valueAt(r, "x.y")).isNull();
    assertThat(FilterEvaluator.valueAt(r, "missing")).isNull();
  }

  // ------------------------------------------------------------------ and, or

  @Test
  void andRequiresAllAndOrAny() {
    Map<String, Object> r = row("a", 1L, "b", 2L);
    assertThat(matches(Where.and(Where.eq("a", 1L), Where.eq("b", 2L)), r)).isTrue();
    assertThat(matches(Where.and(Where.eq("a", 1L), Where.eq("b", 3L)), r)).isFalse();
    assertThat(matches(Where.or(Where.eq("a", 9L), Where.eq("b", 2L)), r)).isTrue();
    assertThat(matches(Where.or(Where.eq("a", 9L), Where.eq("b", 9L)), r)).isFalse();
  }

  @Test
  void emptyAndMatchesEverythingAndEmptyOrNothing() {
    assertThat(matches(Where.all(), MISSING)).isTrue();
    assertThat(matches(Where.none(), MISSING)).isFalse();
  }

  @Test
  void malformedOperandIsInvalidFilter() {
    assertThatThrownBy(() -> matches(new Where.Comparison("v", Operator.INQ, "a"), row("v", "a")))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FILTER);
              assertThat(e.getMessage()).isEqualTo("where.v.inq: must be an array, got \"a\"");
            });
    assertThatThrownBy(
            () -> matches(new Where.Comparison("v", Operator.EXISTS, null), row("v", "a")))
        .isInstanceOf(ConnectorException.class)
        .hasMessage("where.v.exists: must be true or false, got null");
  }

  // ------------------------------------------------------------------ order

  private static List<Object> ids(List<Map<String, Object>> rows) {
    return rows.stream().map(r -> r.get("id")).toList();
  }

  private static List<Object> sorted(List<Order> order, List<Map<String, Object>> rows) {
    List<Map<String, Object>> copy = new ArrayList<>(rows);
    copy.sort(FilterEvaluator.comparator(order, List.of("id")));
    return ids(copy);
  }

  @Test
  void stringsSortByCodePoint() {
    List<Map<String, Object>> rows =
        List.of(
            row("id", 1L, "v", "é"),
            row("id", 2L, "v", "😀"),
            row("id", 3L, "v", "a"),
            row("id", 4L, "v", "B"),
            row("id", 5L, "v", "\uFF5E"));
    assertThat(sorted(List.of(Order.asc("v")), rows)).containsExactly(4L, 3L, 1L, 5L, 2L);
  }

  @Test
  void nullsAndMissingSortFirstAscendingAndLastDescending() {
    List<Map<String, Object>> rows =
        List.of(
            row("id", 1L, "v", 5L),
            row("id", 2L, "v", null),
            row("id", 3L),
            row("id", 4L, "v", 1L));
    assertThat(sorted(List.of(Order.asc("v")), rows)).containsExactly(2L, 3L, 4L, 1L);
    assertThat(sorted(List.of(Order.desc("v")), rows)).containsExactly(1L, 4L, 2L, 3L);
  }

  @Test
  void numbersSortNumericallyAndDatesByInstant() {
    List<Map<String, Object>> rows =
        List.of(row("id", 1L, "v", 10L), row("id", 2L, "v", 9.5), row("id", 3L, "v", 100L));
    assertThat(sorted(List.of(Order.asc("v")), rows)).containsExactly(2L, 1L, 3L);
    Instant t = Instant.parse("2020-01-01T00:00:00Z");
    List<Map<String, Object>> dates =
        List.of(row("id", 1L, "v", t.plusSeconds(1)), row("id", 2L, "v", t));
    assertThat(sorted(List.of(Order.asc("v")), dates)).containsExactly(2L, 1L);
  }

  @Test
  void mixedKindsSortNullBooleanNumberStringDateOther() {
    List<Map<String, Object>> rows =
        List.of(
            row("id", 1L, "v", List.of()),
            row("id", 2L, "v", Instant.EPOCH),
            row("id", 3L, "v", "a"),
            row("id", 4L, "v", 1L),
            row("id", 5L, "v", true),
            row("id", 6L));
    assertThat(sorted(List.of(Order.asc("v")), rows)).containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
  }

  @Test
  void tiesAreBrokenByIdAscendingEvenWhenDescending() {
    List<Map<String, Object>> rows =
        List.of(
            row("id", 3L, "v", "x"),
            row("id", 1L, "v", "x"),
            row("id", 2L, "v", "y"),
            row("id", 4L, "v", "x"));
    assertThat(sorted(List.of(Order.desc("v")), rows)).containsExactly(2L, 1L, 3L, 4L);
  }

  @Test
  void compositeIdBreaksTiesPropertyByProperty() {
    List<Map<String, Object>> rows =
        List.of(
            row("id", 1L, "a", 2L, "b", 1L),
            row("id", 2L, "a", 1L, "b", 2L),
            row("id", 3L, "a", 1L, "b", 1L));
    rows = new ArrayList<>(rows);
    rows.sort(FilterEvaluator.comparator(List.of(), List.of("a", "b")));
    assertThat(ids(rows)).containsExactly(3L, 2L, 1L);
  }

  @Test
  void severalOrderKeysApplyInTurn() {
    List<Map<String, Object>> rows =
        List.of(
            row("id", 1L, "a", 1L, "b", "x"),
            row("id", 2L, "a", 2L, "b", "x"),
            row("id", 3L, "a", 1L, "b", "y"));
    assertThat(sorted(List.of(Order.desc("b"), Order.asc("a")), rows)).containsExactly(3L, 1L, 2L);
  }

  @Test
  void orderByNestedPath() {
    List<Map<String, Object>> rows =
        List.of(
            row("id", 1L, "address", Map.of("city", "Rome")),
            row("id", 2L, "address", Map.of("city", "Oslo")),
            row("id", 3L));
    assertThat(sorted(List.of(Order.asc("address.city")), rows)).containsExactly(3L, 2L, 1L);
  }

  // ------------------------------------------------------------------ apply

  private static final List<Map<String, Object>> PEOPLE =
      List.of(
          row("id", 5L, "age", 50L),
          row("id", 2L, "age", 20L),
          row("id", 4L, "age", 40L),
          row("id", 1L, "age", 10L),
          row("id", 3L, "age", 30L));

  private static List<Object> apply(Filter filter) {
    return ids(FilterEvaluator.apply(filter, PEOPLE, List.of("id")));
  }

  @Test
  void applyWithoutOrderReturnsIdOrder() {
    assertThat(apply(Filter.ALL)).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void applyFiltersThenSortsThenSkipsThenLimits() {
    Filter filter =
        Filter.builder().where(Where.gt("age", 10L)).order("age DESC").skip(1).limit(2).build();
    assertThat(apply(filter)).containsExactly(4L, 3L);
  }

  @Test
  void limitZeroMeansNoLimit() {
    assertThat(apply(Filter.builder().limit(0).build())).hasSize(5);
  }

  @Test
  void skipWithoutLimitReturnsAllRemainingRows() {
    assertThat(apply(Filter.builder().skip(2).build())).containsExactly(3L, 4L, 5L);
  }

  @Test
  void skipPastTheEndReturnsNothing() {
    assertThat(apply(Filter.builder().skip(5).build())).isEmpty();
    assertThat(apply(Filter.builder().skip(Long.MAX_VALUE).limit(Long.MAX_VALUE).build()))
        .isEmpty();
  }

  @Test
  void limitLargerThanTheRowsReturnsAll() {
    assertThat(apply(Filter.builder().skip(3).limit(Long.MAX_VALUE).build()))
        .containsExactly(4L, 5L);
  }
}
