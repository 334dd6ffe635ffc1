package io.connectorkit.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * FilterEvaluator against a naive oracle over a small domain of rows: {@code s} strings, {@code n}
 * numbers (Long and Double), {@code m} any scalar kind, {@code a} arrays, {@code o} an object or an
 * array of objects reached by {@code o.c}; each may be null or missing. The oracle is written from
 * the contract's wording, on purpose without sharing code with the evaluator.
 */
class FilterEvaluatorPropertyTest {
  private static final Object MISSING = new Object();
  private static final List<String> PATHS = List.of("s", "n", "m", "a", "o.c", "x");

  // ------------------------------------------------------------------ properties

  @Property(tries = 500)
  void matchesAgreesWithTheOracle(@ForAll("wheres") Where where, @ForAll("rows") Row row) {
    assertThat(FilterEvaluator.matches(where, row.values()))
        .as("%s on %s", where, row)
        .isEqualTo(Oracle.matches(where, row.values()));
  }

  @Property(tries = 500)
  void everyNegativeOperatorIsTheComplementOfItsPositiveTwin(
      @ForAll("comparisons") Where.Comparison comparison, @ForAll("rows") Row row) {
    Where.Comparison positive =
        new Where.Comparison(
            comparison.path(), comparison.operator().positive(), comparison.value());
    Where.Comparison negative =
        new Where.Comparison(comparison.path(), negativeOf(positive.operator()), positive.value());
    if (negative.operator() == positive.operator()) {
      return;
    }
    assertThat(FilterEvaluator.matches(negative, row.values()))
        .as("%s vs %s on %s", negative, positive, row)
        .isEqualTo(!FilterEvaluator.matches(positive, row.values()));
  }

  /** Small enough for jqwik to try every combination (exhaustive generation). */
  @Property(tries = 5000)
  void comparisonOfScalarsAgreesWithTheOracle(
      @ForAll("scalarsOrNull") Object stored,
      @ForAll("scalarOperators") Operator op,
      @ForAll("scalarsOrNull") Object operand) {
    Map<String, Object> row = new HashMap<>();
    row.put("v", stored);
    Where where = new Where.Comparison("v", op, operand);
    assertThat(FilterEvaluator.matches(where, row))
        .as("%s on %s", where, row)
        .isEqualTo(Oracle.matches(where, row));
  }

  @Property(tries = 500)
  void sortingTwoScalarsAgreesWithTheOracle(
      @ForAll("scalarsOrNull") Object a, @ForAll("scalarsOrNull") Object b) {
    Map<String, Object> ra = new HashMap<>();
    ra.put("v", a);
    ra.put("id", 1L);
    Map<String, Object> rb = new HashMap<>();
    rb.put("v", b);
    rb.put("id", 2L);
    int expected = Oracle.sortOrder(a, b);
    int actual = FilterEvaluator.comparator(List.of(Order.asc("v")), List.of()).compare(ra, rb);
    assertThat(Integer.signum(actual)).as("%s vs %s", a, b).isEqualTo(Integer.signum(expected));
  }

  @Property(tries = 2000)
  void likeAgreesWithTheOracle(
      @ForAll("likePatterns") String pattern,
      @ForAll("likeSubjects") String subject,
      @ForAll boolean ignoreCase) {
    Map<String, Object> row = Map.of("v", subject);
    Where where = ignoreCase ? Where.ilike("v", pattern) : Where.like("v", pattern);
    assertThat(FilterEvaluator.matches(where, row))
        .as("%s on %s", where, row)
        .isEqualTo(Oracle.matches(where, row));
  }

  @Provide
  Arbitrary<String> likePatterns() {
    return Arbitraries.of("a", "B", "é", "É", "%", "_", "\\", "😀", "\n", ".", "*")
        .list()
        .ofMaxSize(4)
        .map(list -> String.join("", list));
  }

  @Provide
  Arbitrary<String> likeSubjects() {
    return Arbitraries.of("a", "b", "A", "é", "É", "%", "_", "\\", "😀", "\n", ".")
        .list()
        .ofMaxSize(3)
        .map(list -> String.join("", list));
  }

  @Property(tries = 500)
  void hashedInqListsAgreeWithTheOracle(
      @ForAll("longInqLists") List<Object> values,
      @ForAll boolean negative,
      @ForAll("rows") Row row) {
    for (String path : PATHS) {
      Where where = negative ? Where.nin(path, values) : Where.inq(path, values);
      assertThat(FilterEvaluator.predicate(where).test(row.values()))
          .as("%s on %s", where, row)
          .isEqualTo(Oracle.matches(where, row.values()));
    }
  }

  @Provide
  Arbitrary<List<Object>> longInqLists() {
    return Arbitraries.oneOf(scalarsOrNull(), arrays()).list().ofMinSize(17).ofMaxSize(30);
  }

  @Property(tries = 300)
  void compiledPredicateAgreesWithMatches(@ForAll("wheres") Where where, @ForAll("rows") Row row) {
    assertThat(FilterEvaluator.predicate(where).test(row.values()))
        .isEqualTo(FilterEvaluator.matches(where, row.values()));
  }

  /** One flat choice (not oneOf) so that jqwik can enumerate it exhaustively. */
  @Provide
  Arbitrary<Object> scalarsOrNull() {
    List<Object> all = new ArrayList<>();
    all.addAll(STRINGS);
    all.addAll(NUMBERS);
    all.addAll(List.of(true, false));
    all.add(null);
    return Arbitraries.of(all);
  }

  @Provide
  Arbitrary<Operator> scalarOperators() {
    return Arbitraries.of(
        Operator.EQ, Operator.NEQ, Operator.GT, Operator.GTE, Operator.LT, Operator.LTE);
  }

  @Property(tries = 500)
  void existsFalseIsTheComplementOfExistsTrue(
      @ForAll("paths") String path, @ForAll("rows") Row row) {
    assertThat(FilterEvaluator.matches(Where.exists(path, false), row.values()))
        .isEqualTo(!FilterEvaluator.matches(Where.exists(path, true), row.values()));
  }

  @Property(tries = 500)
  void andIsConjunctionAndOrIsDisjunction(
      @ForAll("wheres") Where a, @ForAll("wheres") Where b, @ForAll("rows") Row row) {
    boolean ma = FilterEvaluator.matches(a, row.values());
    boolean mb = FilterEvaluator.matches(b, row.values());
    assertThat(FilterEvaluator.matches(Where.and(a, b), row.values())).isEqualTo(ma && mb);
    assertThat(FilterEvaluator.matches(Where.or(a, b), row.values())).isEqualTo(ma || mb);
  }

  @Property(tries = 300)
  void applyAgreesWithTheOracle(
      @ForAll("rowLists") List<Row> rows,
      @ForAll("wheres") Where where,
      @ForAll("orders") List<Order> order,
      @ForAll("counts") long limit,
      @ForAll("counts") long skip) {
    List<Map<String, Object>> values = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> withId = new HashMap<>(rows.get(i).values());
      // Ids in reverse insertion order so that the id tie-break does real work.
      withId.put("id", (long) (rows.size() - i));
      values.add(withId);
    }
    Filter filter = new Filter(where, Fields.ALL, order, limit, skip, List.of());
    assertThat(ids(FilterEvaluator.apply(filter, values, List.of("id"))))
        .as("%s", filter)
        .isEqualTo(ids(Oracle.apply(filter, values)));
  }

  private static List<Object> ids(List<Map<String, Object>> rows) {
    return rows.stream().map(r -> r.get("id")).toList();
  }

  private static Operator negativeOf(Operator positive) {
    return switch (positive) {
      case EQ -> Operator.NEQ;
      case INQ -> Operator.NIN;
      case LIKE -> Operator.NLIKE;
      case ILIKE -> Operator.NILIKE;
      default -> positive;
    };
  }

  // ------------------------------------------------------------------ generators

  /** A row; wrapped so that jqwik's shrinking output stays readable. */
  record Row(Map<String, Object> values) {}

  private static final List<Object> STRINGS =
      List.of(
          "", "a", "b", "B", "ab", "aB", "ba", "é", "É", "😀", "\uFF5E", "\uFF5Ea", "a%", "a_b",
          "\\", "a\nb");
  private static final List<Object> NUMBERS = List.of(-1L, 0L, 1L, 2L, 1.0, 2.5, -0.5);

  private static Arbitrary<Object> strings() {
    return Arbitraries.of(STRINGS);
  }

  private static Arbitrary<Object> numbers() {
    return Arbitraries.of(NUMBERS);
  }

  private static Arbitrary<Object> scalars() {
    return Arbitraries.oneOf(strings(), numbers(), Arbitraries.of(true, false));
  }

  private static Arbitrary<Object> slot(Arbitrary<Object> values) {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, Arbitraries.just(MISSING)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just((Object) null)),
        net.jqwik.api.Tuple.of(5, values));
  }

  private static Arbitrary<Object> arrays() {
    return Arbitraries.oneOf(strings(), numbers(), Arbitraries.just((Object) null))
        .list()
        .ofMaxSize(3)
        .map(list -> (Object) list);
  }

  private static Arbitrary<Object> objects() {
    Arbitrary<Object> object =
        slot(Arbitraries.oneOf(strings(), numbers()))
            .map(
                c -> {
                  Map<String, Object> map = new HashMap<>();
                  if (c != MISSING) {
                    map.put("c", c);
                  }
                  return (Object) map;
                });
    return Arbitraries.oneOf(
        object, object.list().ofMaxSize(2).map(list -> (Object) list), strings());
  }

  @Provide
  Arbitrary<Row> rows() {
    return Combinators.combine(
            slot(strings()), slot(numbers()), slot(scalars()), slot(arrays()), slot(objects()))
        .as(
            (s, n, m, a, o) -> {
              Map<String, Object> row = new HashMap<>();
              put(row, "s", s);
              put(row, "n", n);
              put(row, "m", m);
              put(row, "a", a);
              put(row, "o", o);
              return new Row(row);
            });
  }

  @Provide
  Arbitrary<List<Row>> rowLists() {
    return rows().list().ofMaxSize(8);
  }

  private static void put(Map<String, Object> row, String key, Object value) {
    if (value != MISSING) {
      row.put(key, value);
    }
  }

  @Provide
  Arbitrary<String> paths() {
    return Arbitraries.of(PATHS);
  }

  @Provide
  Arbitrary<Where.Comparison> comparisons() {
    return Arbitraries.of(Operator.values())
        .flatMap(
            op ->
                Combinators.combine(paths(), operand(op))
                    .as((path, value) -> new Where.Comparison(path, op, value)));
  }

  private static Arbitrary<Object> operand(Operator op) {
    Arbitrary<Object> scalarOrNull =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, scalars()),
            net.jqwik.api.Tuple.of(1, Arbitraries.just((Object) null)));
    return switch (op) {
      case EQ, NEQ ->
          Arbitraries.frequencyOf(
              net.jqwik.api.Tuple.of(8, scalarOrNull), net.jqwik.api.Tuple.of(1, arrays()));
      case GT, GTE, LT, LTE -> scalarOrNull;
      case BETWEEN -> scalarOrNull.list().ofSize(2).map(list -> (Object) list);
      case INQ, NIN -> scalarOrNull.list().ofMaxSize(3).map(list -> (Object) list);
      case LIKE, NLIKE, ILIKE, NILIKE ->
          Arbitraries.of("a", "b", "B", "é", "É", "%", "_", "\\", "😀", "\n")
              .list()
              .ofMaxSize(4)
              .map(list -> (Object) String.join("", list));
      case REGEXP ->
          Arbitraries.of("a", "^a", "b$", "A", "/a/i", "é", "/É/i", "/^b/m", "/a.b/s", "a.b", "")
              .map(p -> (Object) p);
      case EXISTS -> Arbitraries.of(true, false).map(b -> (Object) b);
    };
  }

  @Provide
  Arbitrary<Where> wheres() {
    return where(3);
  }

  private Arbitrary<Where> where(int depth) {
    Arbitrary<Where> leaf = comparisons().map(c -> (Where) c);
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<List<Where>> children = where(depth - 1).list().ofMaxSize(3);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, leaf),
        net.jqwik.api.Tuple.of(1, children.map(Where::and)),
        net.jqwik.api.Tuple.of(1, children.map(Where::or)));
  }

  @Provide
  Arbitrary<List<Order>> orders() {
    return Combinators.combine(Arbitraries.of("s", "n", "m", "x"), Arbitraries.of(true, false))
        .as(Order::new)
        .list()
        .ofMaxSize(2);
  }

  @Provide
  Arbitrary<Long> counts() {
    return Arbitraries.longs().between(0, 10);
  }

  // ------------------------------------------------------------------ the oracle

  /** The contract's wording over the test domain, written as plainly as possible. */
  static final class Oracle {
    /** Values a path through an array of objects reaches, one per element. */
    record Candidates(List<Object> values) {}

    static boolean matches(Where where, Map<String, Object> row) {
      if (where instanceof Where.And and) {
        return and.conditions().stream().allMatch(c -> matches(c, row));
      }
      if (where instanceof Where.Or or) {
        return or.conditions().stream().anyMatch(c -> matches(c, row));
      }
      Where.Comparison c = (Where.Comparison) where;
      Object x = valueAt(row, c.path());
      Object v = c.value();
      return switch (c.operator()) {
        case EXISTS -> exists(x) == (Boolean) v;
        case NEQ -> !positive(Operator.EQ, v, x);
        case NIN -> !positive(Operator.INQ, v, x);
        case NLIKE -> !positive(Operator.LIKE, v, x);
        case NILIKE -> !positive(Operator.ILIKE, v, x);
        default -> positive(c.operator(), v, x);
      };
    }

    static Object valueAt(Map<String, Object> row, String path) {
      if (!path.equals("o.c")) {
        return row.get(path);
      }
      Object o = row.get("o");
      if (o instanceof Map<?, ?> map) {
        return map.get("c");
      }
      if (o instanceof List<?> list) {
        List<Object> values = new ArrayList<>();
        for (Object element : list) {
          values.add(((Map<?, ?>) element).get("c"));
        }
        return new Candidates(values);
      }
      return null;
    }

    static boolean exists(Object x) {
      if (x instanceof Candidates c) {
        return c.values().stream().anyMatch(value -> value != null);
      }
      return x != null;
    }

    static boolean positive(Operator op, Object v, Object x) {
      if (x instanceof Candidates c) {
        return c.values().stream().anyMatch(value -> positive(op, v, value));
      }
      if (x instanceof List<?> list) {
        if (op == Operator.EQ && v instanceof List<?> whole && sameList(list, whole)) {
          return true;
        }
        if (op == Operator.INQ) {
          for (Object element : (List<?>) v) {
            if (element instanceof List<?> whole && sameList(list, whole)) {
              return true;
            }
          }
        }
        return list.stream().anyMatch(element -> positive(op, v, element));
      }
      return switch (op) {
        case EQ -> same(x, v);
        case INQ -> ((List<?>) v).stream().anyMatch(element -> same(x, element));
        case GT -> order(x, v) != null && order(x, v) > 0;
        case GTE -> order(x, v) != null && order(x, v) >= 0;
        case LT -> order(x, v) != null && order(x, v) < 0;
        case LTE -> order(x, v) != null && order(x, v) <= 0;
        case BETWEEN -> {
          Object low = ((List<?>) v).get(0);
          Object high = ((List<?>) v).get(1);
          yield order(low, x) != null
              && order(low, x) <= 0
              && order(x, high) != null
              && order(x, high) <= 0;
        }
        case LIKE, ILIKE ->
            x instanceof String s
                && like(
                    ((String) v).codePoints().toArray(),
                    0,
                    s.codePoints().toArray(),
                    0,
                    op == Operator.ILIKE);
        case REGEXP -> x instanceof String s && regexp((String) v).matcher(s).find();
        default -> throw new AssertionError(op);
      };
    }

    static boolean sameList(List<?> a, List<?> b) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!same(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }

    static boolean same(Object a, Object b) {
      if (a == null || b == null) {
        return a == b;
      }
      if (a instanceof Number x && b instanceof Number y) {
        return x.doubleValue() == y.doubleValue();
      }
      return a.equals(b);
    }

    /** The order of two values of one orderable kind; null when they cannot be compared. */
    static Integer order(Object a, Object b) {
      if (a instanceof Number x && b instanceof Number y) {
        return Double.compare(x.doubleValue(), y.doubleValue());
      }
      if (a instanceof String x && b instanceof String y) {
        return Arrays.compare(x.codePoints().toArray(), y.codePoints().toArray());
      }
      if (a instanceof Boolean x && b instanceof Boolean y) {
        return Boolean.compare(x, y);
      }
      return null;
    }

    /** A direct SQL LIKE matcher over code points. */
    static boolean like(int[] p, int i, int[] s, int j, boolean ignoreCase) {
      if (i == p.length) {
        return j == s.length;
      }
      if (p[i] == '%') {
        return like(p, i + 1, s, j, ignoreCase)
            || (j < s.length && like(p, i, s, j + 1, ignoreCase));
      }
      if (p[i] == '_') {
        return j < s.length && like(p, i + 1, s, j + 1, ignoreCase);
      }
      int literal = p[i];
      if (literal == '\\' && i + 1 < p.length) {
        i++;
        literal = p[i];
      }
      return j < s.length
          && fold(literal, ignoreCase) == fold(s[j], ignoreCase)
          && like(p, i + 1, s, j + 1, ignoreCase);
    }

    static int fold(int cp, boolean ignoreCase) {
      return ignoreCase ? Character.toLowerCase(Character.toUpperCase(cp)) : cp;
    }

    static Pattern regexp(String spec) {
      String pattern = spec;
      int flags = 0;
      if (spec.startsWith("/")) {
        int end = spec.lastIndexOf('/');
        pattern = spec.substring(1, end);
        for (char f : spec.substring(end + 1).toCharArray()) {
          flags |=
              switch (f) {
                case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'm' -> Pattern.MULTILINE;
                case 's' -> Pattern.DOTALL;
                default -> throw new AssertionError(f);
              };
        }
      }
      return Pattern.compile(pattern, flags);
    }

    static List<Map<String, Object>> apply(Filter filter, List<Map<String, Object>> rows) {
      List<Map<String, Object>> selected = new ArrayList<>();
      for (Map<String, Object> row : rows) {
        if (matches(filter.where(), row)) {
          selected.add(row);
        }
      }
      Comparator<Map<String, Object>> comparator = (a, b) -> 0;
      for (Order order : filter.order()) {
        Comparator<Map<String, Object>> key =
            (a, b) -> sortOrder(a.get(order.path()), b.get(order.path()));
        comparator = comparator.thenComparing(order.descending() ? key.reversed() : key);
      }
      comparator = comparator.thenComparing(r -> (Long) r.get("id"));
      selected.sort(comparator);
      List<Map<String, Object>> page = new ArrayList<>();
      for (int i = 0; i < selected.size(); i++) {
        boolean skipped = i < filter.skip();
        boolean beyondLimit = filter.limit() > 0 && i >= filter.skip() + filter.limit();
        if (!skipped && !beyondLimit) {
          page.add(selected.get(i));
        }
      }
      return page;
    }

    /** null, then booleans, numbers, strings (the evaluator's documented mixed-kind order). */
    static int sortOrder(Object a, Object b) {
      int ka = kindRank(a);
      int kb = kindRank(b);
      if (ka != kb) {
        return Integer.compare(ka, kb);
      }
      return a == null ? 0 : order(a, b);
    }

    static int kindRank(Object value) {
      if (value == null) {
        return 0;
      }
      if (value instanceof Boolean) {
        return 1;
      }
      if (value instanceof Number) {
        return 2;
      }
      return 3;
    }
  }
}
