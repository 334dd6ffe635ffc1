package io.connectorkit.core.filter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Equality and order of values in the Java representation of {@link
 * io.connectorkit.core.model.PropertyType}: numbers numerically whatever their class, strings by
 * Unicode code point, dates by instant, byte arrays by content, maps and lists deeply.
 */
final class ValueOrder {
  /**
   * The kinds of value, in their sort order when kinds are mixed (C4.2 leaves it open; this order
   * is fixed so that sorting is deterministic): null, boolean, number, string, date, other.
   */
  enum Kind {
    NULL,
    BOOLEAN,
    NUMBER,
    STRING,
    DATE,
    OTHER
  }

  private ValueOrder() {}

  static Kind kind(@Nullable Object value) {
    if (value == null) {
      return Kind.NULL;
    }
    if (value instanceof Boolean) {
      return Kind.BOOLEAN;
    }
    if (value instanceof Number) {
      return Kind.NUMBER;
    }
    if (value instanceof String) {
      return Kind.STRING;
    }
    if (value instanceof Instant) {
      return Kind.DATE;
    }
    return Kind.OTHER;
  }

  /** Whether two values are equal: numbers numerically, deep for maps, lists and byte arrays. */
  static boolean same(@Nullable Object a, @Nullable Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return compareNumbers(x, y) == 0;
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      Iterator<?> i = x.iterator();
      Iterator<?> j = y.iterator();
      while (i.hasNext()) {
        if (!same(i.next(), j.next())) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<?, ?> entry : x.entrySet()) {
        if (!y.containsKey(entry.getKey()) || !same(entry.getValue(), y.get(entry.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** Whether two values can be ordered for gt/gte/lt/lte/between: both non-null, same kind. */
  static boolean comparable(@Nullable Object a, @Nullable Object b) {
    Kind kind = kind(a);
    return kind != Kind.NULL && kind != Kind.OTHER && kind == kind(b);
  }

  /** Order of two {@link #comparable} values. */
  static int compareSameKind(Object a, Object b) {
    return switch (kind(a)) {
      case BOOLEAN -> Boolean.compare((Boolean) a, (Boolean) b);
      case NUMBER -> compareNumbers((Number) a, (Number) b);
      case STRING -> compareCodePoints((String) a, (String) b);
      case DATE -> ((Instant) a).compareTo((Instant) b);
      default -> throw new IllegalArgumentException("not comparable: " + a + ", " + b);
    };
  }

  /**
   * A total order over all values, for sorting: by {@link Kind} first, then within the kind; null
   * (and missing) is the smallest value.
   */
  static int compareTotal(@Nullable Object a, @Nullable Object b) {
    Kind ka = kind(a);
    Kind kb = kind(b);
    if (ka != kb) {
      return ka.compareTo(kb);
    }
    if (a == null || b == null) {
      return 0; // both null: their kinds are equal
    }
    return ka == Kind.OTHER ? compareOther(a, b) : compareSameKind(a, b);
  }

  /** Strings by Unicode code point (String.compareTo compares UTF-16 units, which differs). */
  static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        // Prefixes are equal, so at a low surrogate both sides share the high surrogate before it.
        return Integer.compare(a.codePointAt(i), b.codePointAt(i));
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  static int compareNumbers(Number a, Number b) {
    if (isIntegral(a) && isIntegral(b)) {
      return Long.compare(a.longValue(), b.longValue());
    }
    if (isFloating(a) && isFloating(b)) {
      return Double.compare(a.doubleValue(), b.doubleValue());
    }
    BigDecimal x = toDecimal(a);
    BigDecimal y = toDecimal(b);
    if (x == null || y == null) {
      // NaN and infinities: double order, which places NaN above everything.
      return Double.compare(a.doubleValue(), b.doubleValue());
    }
    return x.compareTo(y);
  }

  private static boolean isIntegral(Number n) {
    return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
  }

  private static boolean isFloating(Number n) {
    return n instanceof Double || n instanceof Float;
  }

  private static @Nullable BigDecimal toDecimal(Number n) {
    if (isIntegral(n)) {
      return BigDecimal.valueOf(n.longValue());
    }
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    double d = n.doubleValue();
    return Double.isFinite(d) ? new BigDecimal(d) : null;
  }

  /** Byte arrays, then lists, then maps, then anything else; each compared deterministically. */
  private static int compareOther(Object a, Object b) {
    int ra = otherRank(a);
    int rb = otherRank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.compareUnsigned(x, y);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      return compareLists(x, y);
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return compareLists(sortedEntries(x), sortedEntries(y));
    }
    return compareCodePoints(String.valueOf(a), String.valueOf(b));
  }

  private static int otherRank(Object value) {
    if (value instanceof byte[]) {
      return 0;
    }
    if (value instanceof List<?>) {
      return 1;
    }
    if (value instanceof Map<?, ?>) {
      return 2;
    }
    return 3;
  }

  private static int compareLists(List<?> a, List<?> b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = compareTotal(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** A map as the list [k1, v1, k2, v2, …] with keys in code-point order. */
  private static List<Object> sortedEntries(Map<?, ?> map) {
    List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
    entries.sort(
        (x, y) -> compareCodePoints(String.valueOf(x.getKey()), String.valueOf(y.getKey())));
    List<Object> flat = new ArrayList<>(entries.size() * 2);
    for (Map.Entry<?, ?> entry : entries) {
      flat.add(String.valueOf(entry.getKey()));
      flat.add(entry.getValue());
    }
    return flat;
  }
}
