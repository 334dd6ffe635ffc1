package io.connectorkit.core.filter;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.model.Values;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The reference semantics of CONTRACT C4, in memory: the memory connector's query engine and the
 * core's residual evaluation (C4.6). Rows hold values in the Java representation of {@link
 * io.connectorkit.core.model.PropertyType}.
 *
 * <p>Rules the contract leaves open, fixed here:
 *
 * <ul>
 *   <li>A missing value and a {@code null} value are the same.
 *   <li>A path through a list of objects ({@code "orders.total"} where {@code orders} is a list)
 *       yields one candidate per element; a positive operator matches when any candidate does (an
 *       empty list gives no candidate, so no positive operator matches), a negative one is its
 *       complement. {@code exists: false} is the complement of {@code exists: true}.
 *   <li>Sorting values of different kinds: null &lt; boolean &lt; number &lt; string &lt; date &lt;
 *       other (byte arrays, then lists, then maps).
 * </ul>
 */
public final class FilterEvaluator {
  private FilterEvaluator() {}

  /**
   * Whether a row satisfies a where. The where should be bound ({@link FilterBinder}); an unbound
   * one works too, without coercion (numbers still compare numerically).
   *
   * @throws io.connectorkit.core.common.ConnectorException {@code INVALID_FILTER} for a malformed
   *     operand (e.g. an {@code inq} that is not a list)
   */
  public static boolean matches(Where where, Map<String, Object> row) {
    requireNonNull(where, "where is null");
    requireNonNull(row, "row is null");
    return compile(where, false).test(row);
  }

  /**
   * A where compiled once for testing many rows: the same answers as {@link #matches}, with
   * patterns compiled and large {@code inq}/{@code nin} lists hashed up front.
   *
   * @throws io.connectorkit.core.common.ConnectorException {@code INVALID_FILTER} for a malformed
   *     operand
   */
  public static Predicate<Map<String, Object>> predicate(Where where) {
    requireNonNull(where, "where is null");
    Predicate<Map<String, Object>> compiled = compile(where, true);
    return row -> compiled.test(requireNonNull(row, "row is null"));
  }

  /**
   * The C4.2 order: the given keys (nulls and missing first ascending, last descending), then the
   * id properties ascending.
   */
  public static Comparator<Map<String, Object>> comparator(
      List<Order> order, List<String> idNames) {
    requireNonNull(order, "order is null");
    requireNonNull(idNames, "idNames is null");
    List<Order> keys = new ArrayList<>(order);
    for (String id : idNames) {
      keys.add(Order.asc(id));
    }
    int n = keys.size();
    String[] paths = new String[n];
    String[][] segments = new String[n][];
    boolean[] descending = new boolean[n];
    for (int i = 0; i < n; i++) {
      paths[i] = keys.get(i).path();
      segments[i] = paths[i].indexOf('.') < 0 ? null : paths[i].split("\\.", -1);
      descending[i] = keys.get(i).descending();
    }
    return (a, b) -> {
      for (int i = 0; i < n; i++) {
        int c =
            ValueOrder.compareTotal(
                sortKey(resolve(a, paths[i], segments[i])),
                sortKey(resolve(b, paths[i], segments[i])));
        if (c != 0) {
          // null is the smallest value, so reversing puts nulls last in DESC.
          return descending[i] ? -c : c;
        }
      }
      return 0;
    };
  }

  private static @Nullable Object sortKey(@Nullable Object resolved) {
    return resolved instanceof Candidates candidates ? candidates.values() : resolved;
  }

  /**
   * Where, order (with id tie-break), skip and limit applied to rows; fields are not applied.
   * {@code limit} 0 means no limit.
   *
   * @return a new mutable list holding the selected rows themselves (not copies)
   */
  public static List<Map<String, Object>> apply(
      Filter filter, Collection<Map<String, Object>> rows, List<String> idNames) {
    requireNonNull(filter, "filter is null");
    requireNonNull(rows, "rows is null");
    requireNonNull(idNames, "idNames is null");
    Predicate<Map<String, Object>> where = compile(filter.where(), true);
    List<Map<String, Object>> selected = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      if (where.test(row)) {
        selected.add(row);
      }
    }
    selected.sort(comparator(filter.order(), idNames));
    int from = (int) Math.min(filter.skip(), selected.size());
    int remaining = selected.size() - from;
    int to = from + (int) (filter.limit() == 0 ? remaining : Math.min(filter.limit(), remaining));
    return new ArrayList<>(selected.subList(from, to));
  }

  /**
   * The value at a dotted path; null when any step is missing. A step through a list of objects
   * collects that step from every element, so {@code "orders.total"} over {@code orders: [{total:
   * 5}, {total: 7}]} is {@code [5, 7]}.
   */
  public static @Nullable Object valueAt(Map<String, Object> row, String path) {
    requireNonNull(row, "row is null");
    requireNonNull(path, "path is null");
    if (path.indexOf('.') < 0) {
      return row.get(path);
    }
    return sortKey(resolve(row, path.split("\\.", -1), 0));
  }

  // ---------------------------------------------------------------- paths

  /** The values a path reaches through a list of objects: one per element. */
  private record Candidates(List<Object> values) {}

  private static @Nullable Object resolve(@Nullable Object current, String[] segments, int index) {
    if (index == segments.length) {
      return current;
    }
    if (current instanceof Map<?, ?> map) {
      return resolve(map.get(segments[index]), segments, index + 1);
    }
    if (current instanceof List<?> list) {
      List<Object> values = new ArrayList<>(list.size());
      for (Object element : list) {
        Object value = element instanceof List<?> ? null : resolve(element, segments, index);
        if (value instanceof Candidates nested) {
          values.addAll(nested.values());
        } else {
          values.add(value);
        }
      }
      return new Candidates(values);
    }
    return null;
  }

  // ---------------------------------------------------------------- operators

  private static Predicate<Map<String, Object>> compile(Where where, boolean hashLists) {
    if (where instanceof Where.And and) {
      List<Predicate<Map<String, Object>>> all = compileAll(and.conditions(), hashLists);
      return row -> {
        for (Predicate<Map<String, Object>> condition : all) {
          if (!condition.test(row)) {
            return false;
          }
        }
        return true;
      };
    }
    if (where instanceof Where.Or or) {
      List<Predicate<Map<String, Object>>> any = compileAll(or.conditions(), hashLists);
      return row -> {
        for (Predicate<Map<String, Object>> condition : any) {
          if (condition.test(row)) {
            return true;
          }
        }
        return false;
      };
    }
    if (where instanceof Where.Extension extension) {
      // Only the connector that allowed it knows what it means (Connector#pushdown enforces it).
      throw FilterParser.invalid(
          "where." + extension.key(),
          "the extended operator "
              + Values.show(extension.operator())
              + " must be enforced by the connector; the core cannot evaluate it");
    }
    return compile((Where.Comparison) where, hashLists);
  }

  private static List<Predicate<Map<String, Object>>> compileAll(
      List<Where> conditions, boolean hashLists) {
    List<Predicate<Map<String, Object>>> compiled = new ArrayList<>(conditions.size());
    for (Where condition : conditions) {
      compiled.add(compile(condition, hashLists));
    }
    return compiled;
  }

  private static Predicate<Map<String, Object>> compile(
      Where.Comparison comparison, boolean hashLists) {
    String path = comparison.path();
    String[] segments = path.indexOf('.') < 0 ? null : path.split("\\.", -1);
    Operator op = comparison.operator();
    Object operand = comparison.value();
    if (op == Operator.EXISTS) {
      if (!(operand instanceof Boolean wanted)) {
        throw FilterParser.invalid(
            "where." + path + ".exists", "must be true or false, got " + Values.show(operand));
      }
      return row -> exists(resolve(row, path, segments)) == wanted;
    }
    Operator positive = op.positive();
    Object prepared = prepare(comparison, hashLists);
    // C4.1: a negative operator matches exactly the rows its positive twin does not.
    boolean negate = op.isNegative();
    return row -> matchesPositive(positive, prepared, resolve(row, path, segments)) != negate;
  }

  private static @Nullable Object resolve(
      Map<String, Object> row, String path, String @Nullable [] segments) {
    return segments == null ? row.get(path) : resolve(row, segments, 0);
  }

  /** The operand in the form the operator works with, checked. */
  private static @Nullable Object prepare(Where.Comparison comparison, boolean hashLists) {
    Operator op = comparison.operator().positive();
    Object operand = comparison.value();
    String path = "where." + comparison.path() + "." + comparison.operator().jsonName();
    return switch (op) {
      case BETWEEN, INQ -> {
        if (!(operand instanceof List<?> list)) {
          throw FilterParser.invalid(path, "must be an array, got " + Values.show(operand));
        }
        if (op == Operator.BETWEEN && list.size() != 2) {
          throw FilterParser.invalid(
              path, "needs exactly 2 values [low, high], got " + list.size());
        }
        yield op == Operator.INQ && hashLists && list.size() > HASH_THRESHOLD
            ? new HashedList(list)
            : list;
      }
      case LIKE, ILIKE -> {
        if (!(operand instanceof String pattern)) {
          throw FilterParser.invalid(path, "pattern must be a string, got " + Values.show(operand));
        }
        yield Patterns.like(pattern, op == Operator.ILIKE);
      }
      case REGEXP -> Patterns.regexp(FilterParser.parseRegexp(operand, path));
      default -> operand;
    };
  }

  /** Below this size a linear scan of an inq list is as fast as hashing it. */
  private static final int HASH_THRESHOLD = 16;

  /**
   * An inq list split into hashable scalars (by a key that is equal exactly when {@link
   * ValueOrder#same} is) and the rest (lists, maps, byte arrays), which are scanned.
   */
  private static final class HashedList {
    private final Set<Object> keys = new HashSet<>();
    private final List<Object> others = new ArrayList<>();
    private boolean hasNull;

    HashedList(List<?> values) {
      for (Object value : values) {
        Object key = hashKey(value);
        if (value == null) {
          hasNull = true;
        } else if (key != null) {
          keys.add(key);
        } else {
          others.add(value);
        }
      }
    }

    /** Whether x itself equals an element (no descent into a list x). */
    boolean containsItself(@Nullable Object x) {
      if (x == null) {
        return hasNull;
      }
      Object key = hashKey(x);
      if (key != null) {
        return keys.contains(key);
      }
      for (Object other : others) {
        if (ValueOrder.same(x, other)) {
          return true;
        }
      }
      return false;
    }

    /** Numbers as Long when integral (exactly), else Double; strings, booleans, dates as is. */
    private static @Nullable Object hashKey(Object value) {
      if (value instanceof Number number) {
        Object normalized = Values.normalize(number);
        return normalized instanceof Number ? normalized : null;
      }
      if (value instanceof String || value instanceof Boolean || value instanceof Instant) {
        return value;
      }
      return null;
    }
  }

  private static boolean exists(@Nullable Object x) {
    if (x instanceof Candidates candidates) {
      return candidates.values().stream().anyMatch(FilterEvaluator::exists);
    }
    return x != null;
  }

  /**
   * @param operand as {@link #prepare} left it: null only for a comparison with null, an inq list
   *     or {@link HashedList} for inq
   */
  private static boolean matchesPositive(
      Operator op, @Nullable Object operand, @Nullable Object x) {
    if (x instanceof Candidates candidates) {
      for (Object candidate : candidates.values()) {
        if (matchesPositive(op, operand, candidate)) {
          return true;
        }
      }
      return false;
    }
    return switch (op) {
      case EQ -> equalsOrHas(x, operand);
      case INQ -> {
        if (operand instanceof HashedList hashed) {
          yield inHashed(x, hashed);
        }
        for (Object element : (List<?>) requireNonNull(operand, "inq list is null")) {
          if (equalsOrHas(x, element)) {
            yield true;
          }
        }
        yield false;
      }
      default -> anyElement(op, operand, x);
    };
  }

  /** Same as the linear inq: x equals an element, or x is a list with an element that does. */
  private static boolean inHashed(@Nullable Object x, HashedList hashed) {
    if (hashed.containsItself(x)) {
      return true;
    }
    if (x instanceof List<?> list) {
      for (Object element : list) {
        if (inHashed(element, hashed)) {
          return true;
        }
      }
    }
    return false;
  }

  /** x equals v, or x is a list with an element that equals v. */
  private static boolean equalsOrHas(@Nullable Object x, @Nullable Object v) {
    if (ValueOrder.same(x, v)) {
      return true;
    }
    if (x instanceof List<?> list) {
      for (Object element : list) {
        if (equalsOrHas(element, v)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean anyElement(Operator op, @Nullable Object operand, @Nullable Object x) {
    if (x instanceof List<?> list) {
      for (Object element : list) {
        if (anyElement(op, operand, element)) {
          return true;
        }
      }
      return false;
    }
    return switch (op) {
      case GT, GTE, LT, LTE -> {
        // A null x or operand is comparable with nothing.
        if (x == null || operand == null || !ValueOrder.comparable(x, operand)) {
          yield false;
        }
        int c = ValueOrder.compareSameKind(x, operand);
        yield switch (op) {
          case GT -> c > 0;
          case GTE -> c >= 0;
          case LT -> c < 0;
          default -> c <= 0;
        };
      }
      case BETWEEN -> {
        List<?> bounds = (List<?>) requireNonNull(operand, "between bounds are null");
        Object low = bounds.get(0);
        Object high = bounds.get(1);
        yield x != null
            && ValueOrder.comparable(x, low)
            && ValueOrder.comparable(x, high)
            && ValueOrder.compareSameKind(low, x) <= 0
            && ValueOrder.compareSameKind(x, high) <= 0;
      }
      case LIKE, ILIKE ->
          x instanceof String text
              && ((Patterns.LikePattern) requireNonNull(operand, "pattern is null")).matches(text);
      case REGEXP ->
          x instanceof String text
              && ((Patterns.BoundedRegexp) requireNonNull(operand, "pattern is null")).find(text);
      default -> throw new IllegalStateException("not a positive list-wise operator: " + op);
    };
  }
}
