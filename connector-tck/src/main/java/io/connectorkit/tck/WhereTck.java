package io.connectorkit.tck;

import static io.connectorkit.tck.FilterFixtures.json;
import static io.connectorkit.tck.FilterFixtures.row;
import static io.connectorkit.tck.FilterFixtures.where;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.core.Dao;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.FilterParser;
import io.connectorkit.core.filter.Where;
import io.connectorkit.tck.FilterFixtures.Numbered;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * C4.1 where: every operator.
 *
 * <p>Most tests run on one fixture of six rows (see {@link #fixture()}), named by number:
 *
 * <ol>
 *   <li>alpha, 10, 1990, vip, tags [x, y], Paris, lines A(1) B(2)
 *   <li>Beta, 20, 2000, not vip, tags [], Berlin, no lines
 *   <li>gamma, 30, 2010, vip, tags [y], paris (lower case), line C(3)
 *   <li>every property explicitly null
 *   <li>no property set at all (missing)
 *   <li>{@code a_b%c\d}, 2, no date, not vip, tags [X], address without a city, no lines
 * </ol>
 */
public abstract class WhereTck extends TckSection {
  private static final String FIXTURE_MODEL =
      "{'name': 'TckWhere', 'properties': {'name': 'string', 'age': 'number', 'born': 'date',"
          + " 'vip': 'boolean', 'tags': {'type': ['string']}, 'address': 'object',"
          + " 'lines': {'type': ['object']}}}";

  protected WhereTck(ConnectorTck tck) {
    super(tck);
  }

  /** The six fixture rows described in the class comment. */
  private Numbered fixture() {
    Numbered rows = new Numbered(define(json(FIXTURE_MODEL)));
    rows.add(
        row(
            "name",
            "alpha",
            "age",
            10,
            "born",
            "1990-01-01T00:00:00.000Z",
            "vip",
            true,
            "tags",
            List.of("x", "y"),
            "address",
            Map.of("city", "Paris", "zip", "75001"),
            "lines",
            List.of(Map.of("sku", "A", "qty", 1), Map.of("sku", "B", "qty", 2))));
    rows.add(
        row(
            "name",
            "Beta",
            "age",
            20,
            "born",
            "2000-06-15T12:00:00.000Z",
            "vip",
            false,
            "tags",
            List.of(),
            "address",
            Map.of("city", "Berlin"),
            "lines",
            List.of()));
    rows.add(
        row(
            "name",
            "gamma",
            "age",
            30,
            "born",
            "2010-12-31T23:59:59.999Z",
            "vip",
            true,
            "tags",
            List.of("y"),
            "address",
            Map.of("city", "paris"),
            "lines",
            List.of(Map.of("sku", "C", "qty", 3))));
    rows.add(
        row(
            "name", null, "age", null, "born", null, "vip", null, "tags", null, "address", null,
            "lines", null));
    rows.add(row());
    rows.add(
        row(
            "name",
            "a_b%c\\d",
            "age",
            2,
            "vip",
            false,
            "tags",
            List.of("X"),
            "address",
            Map.of("zip", "10115")));
    return rows;
  }

  private static SortedSet<Integer> set(Integer... numbers) {
    return new TreeSet<>(Arrays.asList(numbers));
  }

  private static SortedSet<Integer> parse(String numbers) {
    TreeSet<Integer> set = new TreeSet<>();
    if (numbers != null && !numbers.isBlank()) {
      for (String number : numbers.trim().split("\\s+", -1)) {
        set.add(Integer.parseInt(number));
      }
    }
    return set;
  }

  /** A strict model with one string property {@code s}, holding the given values in order. */
  private Numbered strings(String... values) {
    Numbered rows =
        new Numbered(define(json("{'name': 'TckWhereText', 'properties': {'s': 'string'}}")));
    for (String value : values) {
      rows.add(row("s", value));
    }
    return rows;
  }

  // ---------------------------------------------------------------- equality

  @Test
  @ContractSection("C4.1")
  void neqIncludesRowsWhereTheValueIsNull() {
    Dao items = define("{\"name\": \"TckItem\", \"properties\": {\"name\": \"string\"}}");
    items.create(Map.of("name", "a"));
    items.create(Map.of("name", "b"));
    Map<String, Object> unnamed = new HashMap<>();
    unnamed.put("name", null);
    items.create(unnamed);

    assertThat(items.find(Filter.where(Where.neq("name", "a"))))
        .as("C4.1: neq is the exact complement of equality, so null rows match {\"neq\": \"a\"}")
        .extracting(row -> row.get("name"))
        .containsExactly("b", null);
  }

  @ParameterizedTest(name = "{0} matches rows {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "{'name': 'alpha'}                | 1",
        "{'name': {'eq': 'alpha'}}        | 1",
        "{'age': 20}                      | 2",
        "{'age': {'eq': 20}}              | 2",
        "{'vip': true}                    | 1 3",
        "{'vip': {'eq': false}}           | 2 6",
        "{'name': null}                   | 4 5",
        "{'name': {'eq': null}}           | 4 5",
        "{'name': {'neq': null}}          | 1 2 3 6",
        "{'name': {'neq': 'alpha'}}       | 2 3 4 5 6",
        "{'age': {'neq': 20}}             | 1 3 4 5 6",
        "{'name': 'ALPHA'}                | ",
        "{'name': 'alph'}                 | "
      })
  @ContractSection("C4.1")
  void equalityAndNeq(String where, String expected) {
    Numbered rows = fixture();
    assertThat(rows.matching(where))
        .as("C4.1: %s (equality matches equal values exactly; null matches null or missing)", where)
        .isEqualTo(parse(expected));
  }

  @Test
  @ContractSection("C4.1")
  void javaApiEqualityIsTheSameAsJsonEquality() {
    Numbered rows = fixture();
    assertThat(rows.numbers(Filter.where(Where.eq("name", "gamma"))))
        .as("C4.1: Where.eq(\"name\", \"gamma\") matches the gamma row")
        .containsExactly(3);
    assertThat(rows.numbers(Filter.where(Where.eq("name", null))))
        .as("C4.1: Where.eq(\"name\", null) matches null and missing rows")
        .containsExactly(4, 5);
  }

  // ---------------------------------------------------------------- comparisons

  @ParameterizedTest(name = "{0} matches rows {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "{'age': {'gt': 10}}                                  | 2 3",
        "{'age': {'gte': 10}}                                 | 1 2 3",
        "{'age': {'lt': 20}}                                  | 1 6",
        "{'age': {'lte': 20}}                                 | 1 2 6",
        "{'age': {'lt': 10}}                                  | 6",
        "{'age': {'gt': 9}}                                   | 1 2 3",
        "{'age': {'gt': 2.5}}                                 | 1 2 3",
        "{'age': {'gt': null}}                                | ",
        "{'age': {'gte': null}}                               | ",
        "{'age': {'lt': null}}                                | ",
        "{'age': {'lte': null}}                               | ",
        "{'name': {'gt': 'beta'}}                             | 3",
        "{'name': {'lt': 'alpha'}}                            | 2 6",
        "{'born': {'gt': '2000-06-15T12:00:00.000Z'}}         | 3",
        "{'born': {'gte': '2000-06-15T12:00:00.000Z'}}        | 2 3",
        "{'born': {'gte': '2000-06-15T14:00:00.000+02:00'}}   | 2 3",
        "{'born': {'lt': '2000-06-15'}}                       | 1",
        "{'born': {'lte': '2010-12-31T23:59:59.999Z'}}        | 1 2 3",
        "{'born': {'gt': '2010-12-31T23:59:59.999Z'}}         | ",
        "{'vip': {'gt': false}}                               | 1 3",
        "{'vip': {'lt': true}}                                | 2 6",
        "{'vip': {'gte': false}}                              | 1 2 3 6"
      })
  @ContractSection("C4.1")
  void comparisons(String where, String expected) {
    Numbered rows = fixture();
    assertThat(rows.matching(where))
        .as(
            "C4.1: %s (numbers numerically, dates by instant, strings by code point, false < true;"
                + " null values and null bounds never match)",
            where)
        .isEqualTo(parse(expected));
  }

  @Test
  @ContractSection("C4.1")
  void numbersCompareNumericallyNotAsText() {
    Dao dao =
        define(json("{'name': 'TckWhereNumbers', 'properties': {'n': 'number', 's': 'string'}}"));
    Numbered rows = new Numbered(dao);
    rows.add(row("n", 2));
    rows.add(row("n", 10));
    rows.add(row("n", 100));
    rows.add(row("n", -3));
    rows.add(row("n", 1.5));
    assertThat(rows.matching("{'n': {'gt': 2}}"))
        .as("C4.1: 10 and 100 are greater than 2 (2 < 10 numerically, not as text)")
        .isEqualTo(set(2, 3));
    assertThat(rows.matching("{'n': {'lt': 2}}"))
        .as("C4.1: -3 and 1.5 are less than 2")
        .isEqualTo(set(4, 5));
    assertThat(rows.matching("{'n': {'between': [1.5, 10]}}"))
        .as("C4.1: between compares integral and fractional numbers numerically")
        .isEqualTo(set(1, 2, 5));
  }

  @Test
  @ContractSection("C4.1")
  void stringComparisonsAreByUnicodeCodePoint() {
    // Code points: B (U+0042) < a (U+0061) < é (U+00E9) < ｚ (U+FF5A) < 😀 (U+1F600). In UTF-16
    // the emoji's surrogates (U+D83D) sort before U+FF5A: a connector must compare code points.
    Numbered rows = strings("B", "a", "é", "ｚ", "😀");
    assertThat(rows.matching("{'s': {'gt': 'B'}}"))
        .as("C4.1: 'a', 'é', 'ｚ', '😀' are greater than 'B' by code point")
        .isEqualTo(set(2, 3, 4, 5));
    assertThat(rows.matching("{'s': {'gt': 'a'}}"))
        .as("C4.1: 'é', 'ｚ', '😀' are greater than 'a' by code point")
        .isEqualTo(set(3, 4, 5));
    assertThat(rows.matching("{'s': {'gt': 'é'}}"))
        .as("C4.1: 'ｚ' and '😀' are greater than 'é' by code point")
        .isEqualTo(set(4, 5));
    assertThat(rows.matching("{'s': {'gt': 'ｚ'}}"))
        .as("C4.1: '😀' (U+1F600) is greater than 'ｚ' (U+FF5A) by code point, not by UTF-16 unit")
        .isEqualTo(set(5));
    assertThat(rows.matching("{'s': {'lt': 'a'}}"))
        .as("C4.1: only 'B' is less than 'a' (upper case sorts before lower case)")
        .isEqualTo(set(1));
  }

  @Test
  @ContractSection("C4.1")
  void comparisonsAreCaseSensitive() {
    Numbered rows = strings("a", "A", "b", "B");
    assertThat(rows.matching("{'s': 'a'}"))
        .as("C4.1: equality is case-sensitive: 'a' does not equal 'A'")
        .isEqualTo(set(1));
    assertThat(rows.matching("{'s': {'gt': 'A'}}"))
        .as("C4.1: by code point 'a', 'b' and 'B' are greater than 'A'")
        .isEqualTo(set(1, 3, 4));
    assertThat(rows.matching("{'s': {'gte': 'a'}}"))
        .as("C4.1: 'A' and 'B' are less than 'a' (no case-insensitive collation)")
        .isEqualTo(set(1, 3));
    assertThat(rows.matching("{'s': {'inq': ['A']}}"))
        .as("C4.1: inq is case-sensitive")
        .isEqualTo(set(2));
  }

  @ParameterizedTest(name = "{0} matches rows {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "{'age': {'between': [10, 20]}}                               | 1 2",
        "{'age': {'between': [2, 2]}}                                 | 6",
        "{'age': {'between': [20, 10]}}                               | ",
        "{'age': {'between': [11, 19]}}                               | ",
        "{'name': {'between': ['a', 'gamma']}}                        | 1 3 6",
        "{'born': {'between': ['1990-01-01', '2000-06-15T12:00:00Z']}} | 1 2",
        "{'born': {'between': ['2020-01-01', '1980-01-01']}}          | ",
        "{'age': {'between': {'0': 10, '1': 20}}}                     | 1 2"
      })
  @ContractSection("C4.1")
  void betweenIsInclusiveAndReversedBoundsMatchNothing(String where, String expected) {
    Numbered rows = fixture();
    assertThat(rows.matching(where))
        .as("C4.1: %s (lo <= x <= hi inclusive; reversed bounds match nothing)", where)
        .isEqualTo(parse(expected));
  }

  @Test
  @ContractSection("C4.1")
  void javaApiBetweenWithReversedBoundsMatchesNothing() {
    Numbered rows = fixture();
    assertThat(rows.numbers(Filter.where(Where.between("age", 30, 10))))
        .as("C4.1: between [30, 10] has reversed bounds and matches nothing")
        .isEmpty();
    assertThat(rows.numbers(Filter.where(Where.between("age", 10, 30))))
        .as("C4.1: between [10, 30] matches 10, 20 and 30")
        .containsExactly(1, 2, 3);
  }

  // ---------------------------------------------------------------- inq / nin

  @ParameterizedTest(name = "{0} matches rows {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "{'name': {'inq': ['alpha', 'gamma']}}         | 1 3",
        "{'name': {'inq': []}}                          | ",
        "{'name': {'inq': ['alpha', null]}}            | 1 4 5",
        "{'name': {'inq': [null]}}                     | 4 5",
        "{'age': {'inq': [10, 30, 99]}}                | 1 3",
        "{'age': {'inq': {'0': 10, '1': 20}}}          | 1 2",
        "{'name': {'nin': ['alpha']}}                   | 2 3 4 5 6",
        "{'name': {'nin': []}}                          | 1 2 3 4 5 6",
        "{'name': {'nin': ['alpha', null]}}            | 2 3 6",
        "{'name': {'nin': [null]}}                     | 1 2 3 6",
        "{'age': {'nin': [10, 30]}}                    | 2 4 5 6",
        "{'age': {'nin': {'0': 10, '1': 20}}}          | 3 4 5 6"
      })
  @ContractSection("C4.1")
  void inqAndNin(String where, String expected) {
    Numbered rows = fixture();
    assertThat(rows.matching(where))
        .as(
            "C4.1: %s (inq: x equals an element, [] matches nothing, a null element matches"
                + " null/missing; nin: the exact complement)",
            where)
        .isEqualTo(parse(expected));
  }

  @Test
  @ContractSection("C4.1")
  void inqWithTenThousandValuesWorks() {
    Numbered rows = fixture();
    List<Object> values = new ArrayList<>();
    for (long i = 0; i < 10_000; i++) {
      values.add(i * 10);
    }
    assertThat(rows.numbers(Filter.where(Where.inq("age", values))))
        .as("C4.1: an inq list may hold at least 10,000 values (10, 20, 30 are multiples of 10)")
        .containsExactly(1, 2, 3);
    assertThat(rows.numbers(Filter.where(Where.nin("age", values))))
        .as("C4.1: a nin list may hold at least 10,000 values; null rows match nin")
        .containsExactly(4, 5, 6);
    assertThat(rows.dao.count(Where.inq("age", values)))
        .as("C4.1: count with a 10,000-value inq")
        .isEqualTo(3);
  }

  @Test
  @ContractSection("C4.1")
  void inqWithTenThousandStringValuesFromJsonWorks() {
    Numbered rows = fixture();
    String list =
        Stream.concat(
                Stream.of("gamma"),
                java.util.stream.IntStream.range(0, 9_999).mapToObj(i -> "v" + i))
            .map(value -> "\"" + value + "\"")
            .collect(Collectors.joining(","));
    Filter filter = FilterParser.parse("{\"where\": {\"name\": {\"inq\": [" + list + "]}}}");
    assertThat(rows.numbers(filter))
        .as("C4.1: an inq list of 10,000 strings parsed from JSON")
        .containsExactly(3);
  }

  // ---------------------------------------------------------------- like family

  @ParameterizedTest(name = "{0} matches rows {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "{'name': {'like': '%a'}}              | 1 2 3",
        "{'name': {'like': 'a%'}}              | 1 6",
        "{'name': {'like': 'lph'}}             | ",
        "{'name': {'like': '%lph%'}}           | 1",
        "{'name': {'like': 'alph'}}            | ",
        "{'name': {'like': 'alpha'}}           | 1",
        "{'name': {'like': '_lpha'}}           | 1",
        "{'name': {'like': '__pha'}}           | 1",
        "{'name': {'like': '_pha'}}            | ",
        "{'name': {'like': '%'}}               | 1 2 3 6",
        "{'name': {'like': 'beta'}}            | ",
        "{'name': {'like': 'B%'}}              | 2",
        "{'name': {'nlike': '%a'}}             | 4 5 6",
        "{'name': {'nlike': 'B%'}}             | 1 3 4 5 6",
        "{'name': {'nlike': '%'}}              | 4 5",
        "{'name': {'ilike': 'BETA'}}           | 2",
        "{'name': {'ilike': '%A'}}             | 1 2 3",
        "{'name': {'ilike': 'b%'}}             | 2",
        "{'name': {'nilike': 'BETA'}}          | 1 3 4 5 6",
        "{'name': {'nilike': '%A'}}            | 4 5 6",
        "{'name': {'like': 'b%', 'options': 'i'}} | 2"
      })
  @ContractSection("C4.1")
  void likeFamily(String where, String expected) {
    Numbered rows = fixture();
    assertThat(rows.matching(where))
        .as(
            "C4.1: %s (like: the WHOLE string matches, %% any run, _ one character,"
                + " case-sensitive; ilike ignores case; nlike/nilike are exact complements)",
            where)
        .isEqualTo(parse(expected));
  }

  @Test
  @ContractSection("C4.1")
  void likeUnderscoreMatchesExactlyOneCharacter() {
    Numbered rows = strings("ab", "axb", "axxb", "a😀b", "a\nb");
    assertThat(rows.numbers(Filter.where(Where.like("s", "a_b"))))
        .as("C4.1: _ matches exactly one character (a code point, also an emoji or a newline)")
        .containsExactly(2, 4, 5);
    assertThat(rows.numbers(Filter.where(Where.like("s", "a%b"))))
        .as("C4.1: %% matches any run of characters, including none and newlines")
        .containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  @ContractSection("C4.1")
  void likeBackslashEscapesPercentUnderscoreAndBackslash() {
    Numbered rows = strings("a%b", "axb", "a_b", "a\\b", "ab", "a%%b");
    assertThat(rows.numbers(Filter.where(Where.like("s", "a\\%b"))))
        .as("C4.1: \\%% in a like pattern is a literal %%")
        .containsExactly(1);
    assertThat(rows.numbers(Filter.where(Where.like("s", "a\\_b"))))
        .as("C4.1: \\_ in a like pattern is a literal _")
        .containsExactly(3);
    assertThat(rows.numbers(Filter.where(Where.like("s", "a\\\\b"))))
        .as("C4.1: \\\\ in a like pattern is a literal backslash")
        .containsExactly(4);
    assertThat(rows.numbers(Filter.where(Where.like("s", "a_b"))))
        .as("C4.1: an unescaped _ matches any one character")
        .containsExactly(1, 2, 3, 4);
    assertThat(rows.numbers(Filter.where(Where.nlike("s", "a\\%b"))))
        .as("C4.1: nlike with an escaped %% is the exact complement")
        .containsExactly(2, 3, 4, 5, 6);
    assertThat(rows.numbers(Filter.where(Where.like("s", "a%\\%b"))))
        .as("C4.1: %% then a literal %% matches a%%b and a%%%%b")
        .containsExactly(1, 6);
  }

  @Test
  @ContractSection("C4.1")
  void likeEscapesWorkInJsonToo() {
    Numbered rows = strings("50%", "50", "500", "5_0");
    // JSON "50\\%" is the pattern 50\% : a literal percent sign.
    Filter literalPercent = FilterParser.parse("{\"where\": {\"s\": {\"like\": \"50\\\\%\"}}}");
    assertThat(rows.numbers(literalPercent))
        .as("C4.1: the JSON pattern \"50\\\\%%\" matches only the string 50%%")
        .containsExactly(1);
    Filter literalUnderscore = FilterParser.parse("{\"where\": {\"s\": {\"like\": \"5\\\\_0\"}}}");
    assertThat(rows.numbers(literalUnderscore))
        .as("C4.1: the JSON pattern \"5\\\\_0\" matches only the string 5_0")
        .containsExactly(4);
  }

  @Test
  @ContractSection("C4.1")
  void likeTreatsRegexAndSqlSpecialCharactersLiterally() {
    Numbered rows = strings("a.b", "axb", "a*b", "[ab]", "a'b", "a\"b", "(a|b)");
    assertThat(rows.numbers(Filter.where(Where.like("s", "a.b"))))
        .as("C4.1: . in a like pattern is a literal dot, not a regex wildcard")
        .containsExactly(1);
    assertThat(rows.numbers(Filter.where(Where.like("s", "a*b"))))
        .as("C4.1: * in a like pattern is literal")
        .containsExactly(3);
    assertThat(rows.numbers(Filter.where(Where.like("s", "[ab]"))))
        .as("C4.1: [ab] in a like pattern is literal (no character classes)")
        .containsExactly(4);
    assertThat(rows.numbers(Filter.where(Where.like("s", "a'b"))))
        .as("C4.1: a quote in a like pattern is literal")
        .containsExactly(5);
    assertThat(rows.numbers(Filter.where(Where.like("s", "a\"b"))))
        .as("C4.1: a double quote in a like pattern is literal")
        .containsExactly(6);
    assertThat(rows.numbers(Filter.where(Where.like("s", "(a|b)"))))
        .as("C4.1: parentheses and | in a like pattern are literal")
        .containsExactly(7);
  }

  @Test
  @ContractSection("C4.1")
  void ilikeIgnoresCaseBeyondAscii() {
    Numbered rows = strings("école", "ÉCOLE", "ecole", "Straße", "σ", "Σ");
    assertThat(rows.numbers(Filter.where(Where.ilike("s", "ÉCOLE"))))
        .as("C4.1: ilike ignores case for non-ASCII letters (é/É) but not accents")
        .containsExactly(1, 2);
    assertThat(rows.numbers(Filter.where(Where.ilike("s", "STRAßE"))))
        .as("C4.1: ilike STRAßE matches Straße")
        .containsExactly(4);
    assertThat(rows.numbers(Filter.where(Where.ilike("s", "σ"))))
        .as("C4.1: ilike σ matches σ and Σ")
        .containsExactly(5, 6);
    assertThat(rows.numbers(Filter.where(Where.like("s", "école"))))
        .as("C4.1: like stays case-sensitive for non-ASCII letters")
        .containsExactly(1);
    assertThat(rows.numbers(Filter.where(Where.nilike("s", "ÉCOLE"))))
        .as("C4.1: nilike is the exact complement of ilike")
        .containsExactly(3, 4, 5, 6);
  }

  @Test
  @ContractSection("C4.1")
  void likeNeverMatchesANonStringStoredValueOfAnAnyProperty() {
    Dao dao = define(json("{'name': 'TckWhereAny', 'properties': {'v': 'any'}}"));
    Numbered rows = new Numbered(dao);
    rows.add(row("v", "5"));
    rows.add(row("v", 5));
    rows.add(row("v", true));
    rows.add(row("v", null));
    assertThat(rows.matching("{'v': {'like': '5'}}"))
        .as("C4.1: like on an any property matches the string '5' only, never the number 5")
        .isEqualTo(set(1));
    assertThat(rows.matching("{'v': {'nlike': '5'}}"))
        .as("C4.1: nlike is the exact complement: the number, the boolean and null match")
        .isEqualTo(set(2, 3, 4));
    assertThat(rows.matching("{'v': {'regexp': '^5$'}}"))
        .as("C4.1: regexp matches string values only")
        .isEqualTo(set(1));
  }

  // ---------------------------------------------------------------- regexp

  @ParameterizedTest(name = "{0} matches rows {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "{'name': {'regexp': '^a'}}          | 1 6",
        "{'name': {'regexp': 'amm'}}         | 3",
        "{'name': {'regexp': 'a$'}}          | 1 2 3",
        "{'name': {'regexp': '^BETA$'}}      | ",
        "{'name': {'regexp': '/^BETA$/i'}}   | 2",
        "{'name': {'regexp': '/^beta$/'}}    | ",
        "{'name': {'regexp': '/^Beta$/'}}    | 2",
        "{'name': {'regexp': '/A/i'}}        | 1 2 3 6",
        "{'name': {'regexp': 'x'}}           | ",
        "{'name': {'regexp': '.'}}           | 1 2 3 6",
        "{'name': {'regexp': 'b%c'}}         | 6",
        "{'tags': {'regexp': '^x$'}}         | 1",
        "{'tags': {'regexp': '/^x$/i'}}      | 1 6",
        "{'address.city': {'regexp': '/^PARIS$/i'}} | 1 3"
      })
  @ContractSection("C4.1")
  void regexp(String where, String expected) {
    Numbered rows = fixture();
    assertThat(rows.matching(where))
        .as(
            "C4.1: %s (regexp finds a match anywhere in a string value; /pat/flags form;"
                + " null never matches)",
            where)
        .isEqualTo(parse(expected));
  }

  @Test
  @ContractSection("C4.1")
  void regexpFlagsMultilineAndDotall() {
    Numbered rows = strings("a\nb", "ab", "a\tb", "xa\nbx");
    assertThat(rows.numbers(Filter.where(Where.regexp("s", "^b$"))))
        .as("C4.1: without m, ^ and $ anchor the whole string")
        .isEmpty();
    assertThat(rows.numbers(Filter.where(Where.regexp("s", "/^b$/m"))))
        .as("C4.1: with m, ^ and $ anchor lines")
        .containsExactly(1);
    assertThat(rows.numbers(Filter.where(Where.regexp("s", "a.b"))))
        .as("C4.1: without s, . does not match a newline")
        .containsExactly(3);
    assertThat(rows.numbers(Filter.where(Where.regexp("s", "/a.b/s"))))
        .as("C4.1: with s, . matches a newline too")
        .containsExactly(1, 3, 4);
    assertThat(rows.numbers(Filter.where(Where.regexp("s", "/^A.B$/ims"))))
        .as("C4.1: flags combine: i, m and s together")
        .containsExactly(1, 3);
  }

  @Test
  @ContractSection("C4.1")
  void regexpCaseInsensitiveFlagIsUnicodeAware() {
    Numbered rows = strings("école", "ÉCOLE", "ecole");
    assertThat(rows.numbers(Filter.where(Where.regexp("s", "/^école$/i"))))
        .as("C4.1: the i flag is Unicode case-insensitive (é matches É)")
        .containsExactly(1, 2);
    assertThat(rows.numbers(Filter.where(Where.regexp("s", "^école$"))))
        .as("C4.1: without i, regexp is case-sensitive")
        .containsExactly(1);
  }

  @ParameterizedTest(name = "regexp {0} is INVALID_FILTER")
  @ValueSource(strings = {"/abc/g", "/abc/x", "/abc/u", "/abc/I", "/abc/im g"})
  @ContractSection("C4.1")
  void regexpWithAnUnsupportedFlagIsInvalid(String regexp) {
    Dao dao = fixture().dao;
    assertError(
        ErrorCode.INVALID_FILTER,
        "C4.1: regexp flags are i, m, s; another flag (" + regexp + ") is INVALID_FILTER",
        () -> dao.find(Filter.where(Where.regexp("name", regexp))));
  }

  // ---------------------------------------------------------------- exists

  @ParameterizedTest(name = "{0} matches rows {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "{'name': {'exists': true}}            | 1 2 3 6",
        "{'name': {'exists': false}}           | 4 5",
        "{'born': {'exists': true}}            | 1 2 3",
        "{'born': {'exists': false}}           | 4 5 6",
        "{'tags': {'exists': true}}            | 1 2 3 6",
        "{'tags': {'exists': false}}           | 4 5",
        "{'lines': {'exists': true}}           | 1 2 3",
        "{'address.city': {'exists': true}}    | 1 2 3",
        "{'address.city': {'exists': false}}   | 4 5 6",
        "{'vip': {'exists': true}}             | 1 2 3 6"
      })
  @ContractSection("C4.1")
  void exists(String where, String expected) {
    Numbered rows = fixture();
    assertThat(rows.matching(where))
        .as(
            "C4.1: %s (exists true: present and not null, an empty array exists; exists false:"
                + " null or missing)",
            where)
        .isEqualTo(parse(expected));
  }

  // ---------------------------------------------------------------- complements

  static Stream<Arguments> complementPairs() {
    return Stream.of(
        Arguments.of("name", "{'eq': 'alpha'}", "{'neq': 'alpha'}"),
        Arguments.of("name", "{'eq': null}", "{'neq': null}"),
        Arguments.of("age", "{'eq': 20}", "{'neq': 20}"),
        Arguments.of(
            "born", "{'eq': '2000-06-15T12:00:00.000Z'}", "{'neq': '2000-06-15T14:00:00+02:00'}"),
        Arguments.of("vip", "{'eq': true}", "{'neq': true}"),
        Arguments.of("vip", "{'eq': false}", "{'neq': false}"),
        Arguments.of("tags", "{'eq': 'y'}", "{'neq': 'y'}"),
        Arguments.of("address.city", "{'eq': 'Paris'}", "{'neq': 'Paris'}"),
        Arguments.of("lines.sku", "{'eq': 'A'}", "{'neq': 'A'}"),
        Arguments.of("lines.qty", "{'eq': 3}", "{'neq': 3}"),
        Arguments.of("name", "{'inq': ['alpha', 'gamma']}", "{'nin': ['alpha', 'gamma']}"),
        Arguments.of("name", "{'inq': ['alpha', null]}", "{'nin': ['alpha', null]}"),
        Arguments.of("name", "{'inq': []}", "{'nin': []}"),
        Arguments.of("age", "{'inq': [10, null]}", "{'nin': [10, null]}"),
        Arguments.of("tags", "{'inq': ['x', 'X']}", "{'nin': ['x', 'X']}"),
        Arguments.of("tags", "{'inq': []}", "{'nin': []}"),
        Arguments.of("address.city", "{'inq': ['Berlin']}", "{'nin': ['Berlin']}"),
        Arguments.of("name", "{'like': '%a'}", "{'nlike': '%a'}"),
        Arguments.of("name", "{'like': 'a\\\\_b%'}", "{'nlike': 'a\\\\_b%'}"),
        Arguments.of("name", "{'like': '%'}", "{'nlike': '%'}"),
        Arguments.of("tags", "{'like': 'x'}", "{'nlike': 'x'}"),
        Arguments.of("address.city", "{'like': 'P%'}", "{'nlike': 'P%'}"),
        Arguments.of("name", "{'ilike': '%A'}", "{'nilike': '%A'}"),
        Arguments.of("tags", "{'ilike': 'x'}", "{'nilike': 'x'}"),
        Arguments.of("address.city", "{'ilike': 'paris'}", "{'nilike': 'paris'}"),
        Arguments.of("name", "{'exists': true}", "{'exists': false}"),
        Arguments.of("tags", "{'exists': true}", "{'exists': false}"),
        Arguments.of("address.city", "{'exists': true}", "{'exists': false}"));
  }

  @ParameterizedTest(name = "{0}: {1} and {2} partition the rows")
  @MethodSource("complementPairs")
  @ContractSection("C4.1")
  void negativeOperatorIsTheExactComplementOfItsPositiveTwin(
      String property, String positive, String negative) {
    Numbered rows = fixture();
    SortedSet<Integer> pos = rows.matching("{'" + property + "': " + positive + "}");
    SortedSet<Integer> neg = rows.matching("{'" + property + "': " + negative + "}");
    SortedSet<Integer> union = new TreeSet<>(pos);
    union.addAll(neg);
    SortedSet<Integer> both = new TreeSet<>(pos);
    both.retainAll(neg);
    assertThat(both)
        .as(
            "C4.1: no row may match both %s and %s on %s (positive: %s, negative: %s)",
            positive, negative, property, pos, neg)
        .isEmpty();
    assertThat(union)
        .as(
            "C4.1: every row (null and missing ones included) matches %s or %s on %s"
                + " (positive: %s, negative: %s)",
            positive, negative, property, pos, neg)
        .isEqualTo(rows.all());
  }

  @ParameterizedTest(name = "the empty array matches {0}")
  @ValueSource(
      strings = {
        "{'neq': 'x'}",
        "{'neq': null}",
        "{'nin': ['x']}",
        "{'nin': []}",
        "{'nlike': '%'}",
        "{'nilike': '%'}"
      })
  @ContractSection("C4.1")
  void emptyArrayMatchesEveryNegativeOperator(String negative) {
    Numbered rows = fixture();
    assertThat(rows.matching("{'tags': " + negative + "}"))
        .as("C4.1: row 2 has tags [], which matches every negative operator (%s)", negative)
        .contains(2);
  }

  @ParameterizedTest(name = "the empty array does not match {0}")
  @ValueSource(
      strings = {
        "{'eq': 'x'}",
        "{'inq': ['x', 'y', 'X']}",
        "{'like': '%'}",
        "{'ilike': '%'}",
        "{'regexp': '.*'}",
        "{'gte': ''}",
        "{'lt': 'zzz'}"
      })
  @ContractSection("C4.1")
  void emptyArrayMatchesNoPositiveOperator(String positive) {
    Numbered rows = fixture();
    assertThat(rows.matching("{'tags': " + positive + "}"))
        .as("C4.1: row 2 has tags [], which matches no positive operator (%s)", positive)
        .doesNotContain(2);
  }

  // ---------------------------------------------------------------- array-valued properties

  @ParameterizedTest(name = "{0} matches rows {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "{'tags': 'y'}                         | 1 3",
        "{'tags': 'x'}                         | 1",
        "{'tags': {'neq': 'y'}}                | 2 4 5 6",
        "{'tags': {'inq': ['x', 'X']}}         | 1 6",
        "{'tags': {'nin': ['y']}}              | 2 4 5 6",
        "{'tags': {'like': 'X'}}               | 6",
        "{'tags': {'ilike': 'X'}}              | 1 6",
        "{'tags': {'gt': 'x'}}                 | 1 3",
        "{'tags': {'lt': 'x'}}                 | 6"
      })
  @ContractSection("C4.1")
  void arrayValuedPropertyMatchesWhenAnyElementMatches(String where, String expected) {
    Numbered rows = fixture();
    assertThat(rows.matching(where))
        .as(
            "C4.1: %s on a [string] property (positive: any element matches; negative: the exact"
                + " complement)",
            where)
        .isEqualTo(parse(expected));
  }

  // ---------------------------------------------------------------- nested paths

  @ParameterizedTest(name = "{0} matches rows {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "{'address.city': 'Paris'}                    | 1",
        "{'address.city': {'neq': 'Paris'}}           | 2 3 4 5 6",
        "{'address.city': {'like': '%aris'}}          | 1 3",
        "{'address.city': {'gt': 'P'}}                | 1 3",
        "{'address.zip': {'inq': ['75001', '10115']}} | 1 6",
        "{'address.city': null}                       | 4 5 6",
        "{'address.country': null}                    | 1 2 3 4 5 6",
        "{'lines.sku': 'C'}                           | 3",
        "{'lines.sku': {'inq': ['A', 'C']}}           | 1 3",
        "{'lines.qty': {'gt': 1}}                     | 1 3",
        "{'lines.qty': {'gte': 3}}                    | 3",
        "{'lines.sku': {'nin': ['A']}}                | 2 3 4 5 6",
        "{'lines.sku': {'exists': true}}              | 1 3"
      })
  @ContractSection("C4.1")
  void nestedPathsReachIntoObjectsAndArraysOfObjects(String where, String expected) {
    Numbered rows = fixture();
    assertThat(rows.matching(where))
        .as(
            "C4.1: %s (nested paths reach into object properties and into arrays of objects,"
                + " on every connector; residual evaluation if not pushed down)",
            where)
        .isEqualTo(parse(expected));
  }

  @Test
  @ContractSection("C4.1")
  void nestedPathsWorkThroughSeveralLevels() {
    Dao dao = define(json("{'name': 'TckWhereDeep', 'properties': {'doc': 'object'}}"));
    Numbered rows = new Numbered(dao);
    rows.add(row("doc", Map.of("a", Map.of("b", Map.of("c", 1)))));
    rows.add(row("doc", Map.of("a", Map.of("b", Map.of("c", 2)))));
    rows.add(row("doc", Map.of("a", "flat")));
    assertThat(rows.matching("{'doc.a.b.c': 2}"))
        .as("C4.1: a nested path goes through several object levels")
        .isEqualTo(set(2));
    assertThat(rows.matching("{'doc.a.b.c': {'neq': 2}}"))
        .as("C4.1: neq on a deep path: a path that does not reach a value is missing, so matches")
        .isEqualTo(set(1, 3));
  }

  @Test
  @ContractSection("C4.1")
  void nestedPathsWorkInCountUpdateAllAndDeleteAll() {
    Numbered rows = fixture();
    Where paris = FilterParser.parseWhere(json("{'address.city': {'ilike': 'paris'}}"));
    assertThat(rows.dao.count(paris)).as("C4.1/C4.6: count honours a nested path").isEqualTo(2);
    assertThat(rows.dao.updateAll(paris, Map.of("age", 99)))
        .as("C4.1/C4.6: updateAll honours a nested path")
        .isEqualTo(2);
    assertThat(rows.matching("{'age': 99}"))
        .as("C4.1/C4.6: updateAll changed exactly the matching rows")
        .isEqualTo(set(1, 3));
    assertThat(rows.dao.deleteAll(paris))
        .as("C4.1/C4.6: deleteAll honours a nested path")
        .isEqualTo(2);
    assertThat(rows.matching("{}")).as("C4.1: the others remain").isEqualTo(set(2, 4, 5, 6));
  }

  // ---------------------------------------------------------------- and / or

  @ParameterizedTest(name = "{0} matches rows {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "{}                                                       | 1 2 3 4 5 6",
        "{'name': 'alpha', 'age': 10}                             | 1",
        "{'name': 'alpha', 'age': 20}                             | ",
        "{'age': {'gt': 5, 'lt': 25}}                             | 1 2",
        "{'age': {'gte': 10, 'lte': 10}}                          | 1",
        "{'age': {'gt': 25, 'lt': 15}}                            | ",
        "{'name': {'like': '%a', 'neq': 'Beta'}}                  | 1 3",
        "{'or': [{'name': 'alpha'}, {'age': 30}]}                 | 1 3",
        "{'and': [{'vip': true}, {'age': {'gt': 10}}]}            | 3",
        "{'or': [{'and': [{'vip': true}, {'age': 10}]}, {'name': null}]} | 1 4 5",
        "{'and': [{'or': [{'age': 2}, {'age': 30}]}, {'or': [{'vip': false}, {'name': 'x'}]}]} | 6",
        "{'and': []}                                              | 1 2 3 4 5 6",
        "{'or': []}                                               | ",
        "{'and': [], 'name': 'alpha'}                             | 1",
        "{'or': [], 'name': 'alpha'}                              | ",
        "{'or': [{'and': []}]}                                    | 1 2 3 4 5 6",
        "{'and': [{'or': []}]}                                    | ",
        "{'or': {'0': {'name': 'alpha'}, '1': {'name': 'gamma'}}} | 1 3",
        "{'and': {'0': {'vip': true}, '1': {'age': 30}}}          | 3",
        "{'or': [{'name': 'alpha'}], 'age': 10}                   | 1",
        "{'or': [{'name': 'alpha'}], 'age': 30}                   | "
      })
  @ContractSection("C4.1")
  void andOrAndSeveralOperators(String where, String expected) {
    Numbered rows = fixture();
    assertThat(rows.matching(where))
        .as(
            "C4.1: %s (keys at one level AND; every operator in one object applies; and/or nest;"
                + " {and: []} matches all, {or: []} none; {\"0\":..} is an array)",
            where)
        .isEqualTo(parse(expected));
  }

  @Test
  @ContractSection("C4.1")
  void severalOperatorsInOneObjectAreAndedAsARange() {
    Dao dao = define(json("{'name': 'TckWhereRange', 'properties': {'age': 'number'}}"));
    Numbered rows = new Numbered(dao);
    for (int age : new int[] {15, 20, 21, 25, 29, 30, 35}) {
      rows.add(row("age", age));
    }
    assertThat(rows.numbers(FilterParser.parse("{\"where\": {\"age\": {\"gt\": 20, \"lt\": 30}}}")))
        .as("C4.1: {\"age\": {\"gt\": 20, \"lt\": 30}} is a range: every operator applies (AND)")
        .containsExactly(3, 4, 5);
  }

  @Test
  @ContractSection("C4.1")
  void javaApiAllAndNone() {
    Numbered rows = fixture();
    assertThat(rows.numbers(Filter.where(Where.all())))
        .as("C4.1: Where.all() ({and: []}) matches every row")
        .containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(rows.numbers(Filter.where(Where.none())))
        .as("C4.1: Where.none() ({or: []}) matches nothing")
        .isEmpty();
    assertThat(rows.dao.count(Where.none())).as("C4.1: count of {or: []} is 0").isZero();
  }

  // ---------------------------------------------------------------- coercion

  @ParameterizedTest(name = "{0} matches rows {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "{'age': '30'}                            | 3",
        "{'age': {'gt': '10'}}                    | 2 3",
        "{'age': {'inq': ['10', '20']}}           | 1 2",
        "{'age': {'between': ['2', '10']}}        | 1 6",
        "{'vip': 'true'}                          | 1 3",
        "{'vip': 'false'}                         | 2 6",
        "{'vip': 1}                               | 1 3",
        "{'vip': '0'}                             | 2 6",
        "{'born': '2000-06-15T12:00:00Z'}         | 2",
        "{'born': '2000-06-15T14:00:00+02:00'}    | 2",
        "{'born': '2000-06-15T12:00:00'}          | 2",
        "{'born': 961070400000}                   | 2",
        "{'born': '1990-01-01'}                   | 1",
        "{'born': {'inq': [631152000000]}}        | 1"
      })
  @ContractSection("C4.1")
  void valuesAreCoercedByThePropertyType(String where, String expected) {
    Numbered rows = fixture();
    assertThat(rows.matching(where))
        .as("C4.1/C2: %s (values in a where are coerced by the property's type)", where)
        .isEqualTo(parse(expected));
  }

  @Test
  @ContractSection("C4.1")
  void numberIsCoercedToStringForAStringProperty() {
    Numbered rows = strings("30", "3", "abc");
    assertThat(rows.numbers(Filter.where(Where.eq("s", 30))))
        .as("C4.1/C2: {\"s\": 30} on a string property matches \"30\"")
        .containsExactly(1);
  }

  // ---------------------------------------------------------------- invalid filters

  @Test
  @ContractSection("C4.1")
  void unknownOperatorIsInvalidAndNamesThePath() {
    Dao dao = fixture().dao;
    ConnectorException error =
        assertError(
            ErrorCode.INVALID_FILTER,
            "C4.1: an unknown operator is INVALID_FILTER",
            () -> dao.find(where("{'age': {'gtt': 5}}")));
    assertThat(error.getMessage())
        .as("C4.1/C5: the message names the path of the bad operator")
        .contains("where.age.gtt");
  }

  @ParameterizedTest(name = "{0} is INVALID_FILTER")
  @ValueSource(
      strings = {
        "{'nickname': 'x'}",
        "{'or': [{'name': 'alpha'}, {'nickname': 'x'}]}",
        "{'and': [{'and': [{'nickname': {'neq': null}}]}]}",
        "{'name.first': 'x'}",
        "{'age.value': 1}",
        "{'age': {'like': '1%'}}",
        "{'age': {'nlike': '1%'}}",
        "{'age': {'ilike': '1%'}}",
        "{'vip': {'nilike': 't%'}}",
        "{'born': {'like': '1990%'}}",
        "{'name': {'like': 5}}",
        "{'age': 'abc'}",
        "{'age': {'gt': 'abc'}}",
        "{'age': {'inq': [1, 'abc']}}",
        "{'vip': 'X'}",
        "{'vip': 'yes'}",
        "{'born': 'notadate'}",
        "{'born': '2/1/2015'}",
        "{'age': {'between': [1, 2, 3]}}",
        "{'age': {'between': [1]}}",
        "{'age': {'between': []}}",
        "{'age': {'between': 5}}",
        "{'age': {'inq': 5}}",
        "{'age': {'nin': 'abc'}}",
        "{'or': {'0': {'age': 1}, '2': {'age': 2}}}",
        "{'age': {'inq': {'1': 10, '2': 20}}}",
        "{'and': {'a': {'age': 1}}}",
        "{'or': {'age': 1}}",
        "{'and': 5}",
        "{'$where': 'this.age > 1'}",
        "{'$or': [{'age': 1}]}",
        "{'age': {'$gt': 1}}",
        "{'address.$ne': 'x'}",
        "{'name': {}}",
        "{'name': {'foo': 1}}",
        "{'address': {'city': 'Paris'}}",
        "{'name': {'exists': 'maybe'}}",
        "{'name': {'regexp': 5}}",
        "{'name': {'regexp': '(unclosed'}}"
      })
  @ContractSection("C4.1")
  void malformedWhereIsInvalidFilter(String where) {
    Dao dao = fixture().dao;
    assertError(
        ErrorCode.INVALID_FILTER,
        "C4.1: the where " + json(where) + " is INVALID_FILTER",
        () -> dao.find(where(where)));
  }

  @Test
  @ContractSection("C4.1")
  void invalidWhereIsRefusedByCountUpdateAllAndDeleteAllToo() {
    Numbered rows = fixture();
    assertError(
        ErrorCode.INVALID_FILTER,
        "C4.1: count with an unknown property is INVALID_FILTER",
        () -> rows.dao.count(Where.eq("nickname", "x")));
    assertError(
        ErrorCode.INVALID_FILTER,
        "C4.1: updateAll with an unknown property is INVALID_FILTER (never updates every row)",
        () -> rows.dao.updateAll(Where.eq("nickname", "x"), Map.of("age", 1)));
    assertError(
        ErrorCode.INVALID_FILTER,
        "C4.1: deleteAll with an unknown property is INVALID_FILTER (never deletes every row)",
        () -> rows.dao.deleteAll(Where.eq("nickname", "x")));
    assertThat(rows.dao.count(Where.all())).as("C4.1: nothing was deleted").isEqualTo(6);
    assertThat(rows.matching("{'age': 1}")).as("C4.1: nothing was updated").isEmpty();
  }

  @Test
  @ContractSection("C4.1")
  void unknownTopLevelFilterKeyIsInvalid() {
    Dao dao = fixture().dao;
    assertError(
        ErrorCode.INVALID_FILTER,
        "C4: a top-level filter key other than where/fields/order/limit/skip/offset/include",
        () -> dao.find(FilterParser.parse(json("{'wher': {'age': 1}}"))));
  }

  private static String nestedWhere(int levels) {
    // Level 1 is the top-level where object; each {"and": [...]} adds one level.
    String where = "{'age': 10}";
    for (int i = 1; i < levels; i++) {
      where = "{'and': [" + where + "]}";
    }
    return where;
  }

  @Test
  @ContractSection("C4.1")
  void whereNestedDeeperThan32LevelsIsInvalid() {
    Numbered rows = fixture();
    assertThat(rows.matching(nestedWhere(32)))
        .as("C4.1: a where nested 32 levels deep (the limit) is accepted")
        .isEqualTo(set(1));
    assertError(
        ErrorCode.INVALID_FILTER,
        "C4.1: a where nested 33 levels deep (more than 32) is INVALID_FILTER",
        () -> rows.dao.find(where(nestedWhere(33))));
    assertError(
        ErrorCode.INVALID_FILTER,
        "C4.1: a where nested 1000 levels deep is INVALID_FILTER (not a stack overflow)",
        () -> rows.dao.find(where(nestedWhere(1000))));
  }

  @Test
  @ContractSection("C4.1")
  void javaApiWhereNestedDeeperThan32LevelsIsInvalid() {
    Numbered rows = fixture();
    Where where = Where.eq("age", 10);
    for (int i = 1; i < 100; i++) {
      where = Where.or(where);
    }
    Where deep = where;
    assertError(
        ErrorCode.INVALID_FILTER,
        "C4.1: a where built in Java nested 100 levels deep is INVALID_FILTER",
        () -> rows.dao.find(Filter.where(deep)));
  }

  // ---------------------------------------------------------------- strict: false

  private static final String FREE_FORM_MODEL =
      "{'name': 'TckWhereFree', 'strict': false, 'properties': {'name': 'string'}}";

  @Test
  @ContractSection(
      value = "C4.1",
      features = {Feature.FREE_FORM_PROPERTIES})
  void undeclaredKeyAddressesTheFreeFormPropertyOnNonStrictModels() {
    if (!supports(Feature.FREE_FORM_PROPERTIES)) {
      assertUnsupported(Feature.FREE_FORM_PROPERTIES, () -> define(json(FREE_FORM_MODEL)));
      return;
    }
    Numbered rows = new Numbered(define(json(FREE_FORM_MODEL)));
    rows.add(row("name", "a", "color", "red"));
    rows.add(row("name", "b", "color", "blue"));
    rows.add(row("name", "c", "color", 5));
    rows.add(row("name", "d"));
    assertThat(rows.matching("{'color': 'red'}"))
        .as("C4.1: on a strict:false model an undeclared key addresses the free-form property")
        .isEqualTo(set(1));
    assertThat(rows.matching("{'color': {'neq': 'red'}}"))
        .as("C4.1: neq on a free-form property includes rows without it")
        .isEqualTo(set(2, 3, 4));
    assertThat(rows.matching("{'color': {'like': '%e%'}}"))
        .as("C4.1: like is allowed on a free-form property and matches string values only")
        .isEqualTo(set(1, 2));
    assertThat(rows.matching("{'color': {'exists': false}}"))
        .as("C4.1: exists false on a free-form property matches rows that never set it")
        .isEqualTo(set(4));
    assertThat(rows.matching("{'shape': null}"))
        .as("C4.1: a never-used free-form key is missing on every row")
        .isEqualTo(set(1, 2, 3, 4));
  }

  @Test
  @ContractSection(
      value = "C4.1",
      features = {Feature.FREE_FORM_PROPERTIES})
  void objectValueIsAnOperatorObjectEvenOnNonStrictModels() {
    if (!supports(Feature.FREE_FORM_PROPERTIES)) {
      assertUnsupported(Feature.FREE_FORM_PROPERTIES, () -> define(json(FREE_FORM_MODEL)));
      return;
    }
    Dao dao = define(json(FREE_FORM_MODEL));
    dao.create(row("name", "a", "color", "red"));
    assertError(
        ErrorCode.INVALID_FILTER,
        "C4.1: an object value is an operator object, also on strict:false models",
        () -> dao.find(where("{'color': {'shade': 'dark'}}")));
  }

  @Test
  @ContractSection("C4.1")
  void whereResultsAreTheSameThroughFindCountAndFindOne() {
    Numbered rows = fixture();
    Where where = FilterParser.parseWhere(json("{'name': {'neq': 'alpha'}}"));
    assertThat(rows.dao.count(where))
        .as("C4.1: count applies the same where semantics as find")
        .isEqualTo(5);
    assertThat(rows.dao.findOne(Filter.where(where)))
        .as("C4.1: findOne returns the first matching row in id order")
        .hasValueSatisfying(row -> assertThat(rows.numberOf(row.get("id"))).isEqualTo(2));
  }

  // ---------------------------------------------------------------- indexes

  /**
   * A model with a composite index on (city, age) and an index on name, holding six rows: 1 Oslo 40
   * a, 2 Oslo 30 b, 3 Oslo (null age) a, 4 (null city) 40 c, 5 (no city, no name) 30, 6 Bergen 40
   * b.
   */
  private Numbered indexed() {
    Numbered rows =
        new Numbered(
            define(
                json(
                    "{'name': 'TckWhereIndexed', 'properties': {'city': 'string', 'age': 'number',"
                        + " 'name': {'type': 'string', 'index': true}},"
                        + " 'indexes': {'tck_city_age': {'keys': {'city': 1, 'age': 1}}}}")));
    rows.add(row("city", "Oslo", "age", 40, "name", "a"));
    rows.add(row("city", "Oslo", "age", 30, "name", "b"));
    rows.add(row("city", "Oslo", "age", null, "name", "a"));
    rows.add(row("city", null, "age", 40, "name", "c"));
    rows.add(row("age", 30));
    rows.add(row("city", "Bergen", "age", 40, "name", "b"));
    return rows;
  }

  // A connector may answer equalities on indexed properties from its index instead of scanning
  // (memory's hash indexes do). Nulls are not in such an index, a where may cover only a leading
  // part of a composite index, and every write must keep the index in step: each of those is a
  // way for an index to change an answer that the where alone defines.
  @ParameterizedTest(name = "{0} matches rows {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "{'city': 'Oslo'}                                    | 1 2 3",
        "{'city': null}                                      | 4 5",
        "{'city': 'oslo'}                                    | ",
        "{'city': 'Oslo', 'age': 40}                         | 1",
        "{'city': 'Oslo', 'age': 40.0}                       | 1",
        "{'city': 'Oslo', 'age': null}                       | 3",
        "{'and': [{'city': 'Oslo'}, {'age': {'gt': 35}}]}    | 1",
        "{'city': 'Oslo', 'name': 'b'}                       | 2",
        "{'age': 40}                                         | 1 4 6",
        "{'name': 'a'}                                       | 1 3",
        "{'name': null}                                      | 5",
        "{'or': [{'city': 'Bergen'}, {'name': 'c'}]}         | 4 6",
        "{'city': {'neq': 'Oslo'}}                           | 4 5 6",
        "{'city': {'inq': ['Oslo', 'Bergen']}, 'age': 40}    | 1 6"
      })
  @ContractSection("C4.1")
  void indexesNeverChangeWhatAWhereMatches(String where, String expected) {
    Numbered rows = indexed();
    assertThat(rows.matching(where))
        .as(
            "C4.1: %s on properties with indexes (an index is a storage detail: nulls, a leading"
                + " part of a composite index and numbers of another Java type match as without"
                + " one)",
            where)
        .isEqualTo(parse(expected));
    assertThat(rows.dao.count(FilterParser.parseWhere(json(where))))
        .as("C4.1: count(%s) on indexed properties agrees with find", where)
        .isEqualTo(parse(expected).size());
  }

  @Test
  @ContractSection("C4.1")
  void indexedEqualitiesSeeEveryWrite() {
    Numbered rows = indexed();
    Dao dao = rows.dao;
    assertThat(dao.updateAll(where("{'name': 'a'}").where(), Map.of("city", "Bergen")))
        .as("C3: updateAll of the two rows named a")
        .isEqualTo(2);
    assertThat(rows.matching("{'city': 'Oslo'}"))
        .as("C4.1: after updateAll moved rows 1 and 3 to Bergen, {city: Oslo} matches row 2 only")
        .isEqualTo(set(2));
    assertThat(rows.matching("{'city': 'Bergen', 'age': 40}"))
        .as("C4.1: after updateAll, {city: Bergen, age: 40} matches rows 1 and 6")
        .isEqualTo(set(1, 6));

    dao.updateById(rows.ids.get(1), Map.of("age", 41));
    assertThat(rows.matching("{'city': 'Oslo', 'age': 30}"))
        .as("C4.1: after updateById set row 2's age to 41, {city: Oslo, age: 30} matches nothing")
        .isEmpty();
    assertThat(rows.matching("{'city': 'Oslo', 'age': 41}"))
        .as("C4.1: after updateById, {city: Oslo, age: 41} matches row 2")
        .isEqualTo(set(2));

    dao.replaceById(rows.ids.get(3), row("city", "Oslo", "age", 40, "name", "d"));
    assertThat(rows.matching("{'city': null}"))
        .as("C4.1: after replaceById gave row 4 a city, {city: null} matches row 5 only")
        .isEqualTo(set(5));
    assertThat(rows.matching("{'name': 'c'}"))
        .as("C4.1: after replaceById renamed row 4, {name: c} matches nothing")
        .isEmpty();

    dao.deleteById(rows.ids.get(5));
    assertThat(rows.matching("{'city': 'Bergen'}"))
        .as("C4.1: after deleteById of row 6, {city: Bergen} matches rows 1 and 3")
        .isEqualTo(set(1, 3));
    assertThat(rows.matching("{'name': 'b'}"))
        .as("C4.1: after deleteById of row 6, {name: b} matches row 2")
        .isEqualTo(set(2));
  }
}
