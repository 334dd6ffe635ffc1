package io.connectorkit.core.filter;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An immutable where condition tree (CONTRACT C4.1). Values in a bound tree (see {@link
 * FilterBinder}) are coerced to the Java representation of the property's type.
 *
 * <p>The factories below check only for a null path or list (NullPointerException). Paths, operand
 * shapes and values are checked against a model when the where is bound: {@link FilterBinder}
 * throws {@code INVALID_FILTER} naming the path and the value.
 */
public sealed interface Where permits Where.And, Where.Or, Where.Comparison, Where.Extension {

  /** Matches everything: {@code {"and": []}}. */
  static Where all() {
    return And.EMPTY;
  }

  /** Matches nothing: {@code {"or": []}}. */
  static Where none() {
    return Or.EMPTY;
  }

  /** Every condition holds; none matches everything. Null conditions are refused. */
  static Where and(Where... conditions) {
    return new And(Arrays.asList(conditions));
  }

  /** Every condition holds; an empty list matches everything. Null conditions are refused. */
  static Where and(List<Where> conditions) {
    return new And(conditions);
  }

  /** At least one condition holds; none matches nothing. Null conditions are refused. */
  static Where or(Where... conditions) {
    return new Or(Arrays.asList(conditions));
  }

  /** At least one condition holds; an empty list matches nothing. Null conditions are refused. */
  static Where or(List<Where> conditions) {
    return new Or(conditions);
  }

  /** The value equals {@code value}; a null {@code value} matches null or missing. */
  static Comparison eq(String path, @Nullable Object value) {
    return new Comparison(path, Operator.EQ, value);
  }

  /** Not {@link #eq}: null or missing values match a non-null {@code value}. */
  static Comparison neq(String path, @Nullable Object value) {
    return new Comparison(path, Operator.NEQ, value);
  }

  /** The value is greater; a null {@code value} matches nothing. */
  static Comparison gt(String path, @Nullable Object value) {
    return new Comparison(path, Operator.GT, value);
  }

  /** The value is greater or equal; a null {@code value} matches nothing. */
  static Comparison gte(String path, @Nullable Object value) {
    return new Comparison(path, Operator.GTE, value);
  }

  /** The value is less; a null {@code value} matches nothing. */
  static Comparison lt(String path, @Nullable Object value) {
    return new Comparison(path, Operator.LT, value);
  }

  /** The value is less or equal; a null {@code value} matches nothing. */
  static Comparison lte(String path, @Nullable Object value) {
    return new Comparison(path, Operator.LTE, value);
  }

  /** {@code low <= value <= high}; reversed bounds, or a null bound, match nothing. */
  static Comparison between(String path, @Nullable Object low, @Nullable Object high) {
    return new Comparison(path, Operator.BETWEEN, Arrays.asList(low, high));
  }

  /**
   * The value equals one of {@code values}; an empty list matches nothing, a null element matches
   * null or missing. A null list fails binding.
   */
  static Comparison inq(String path, List<?> values) {
    return new Comparison(path, Operator.INQ, values);
  }

  /** Not {@link #inq}: an empty list matches everything. A null list fails binding. */
  static Comparison nin(String path, List<?> values) {
    return new Comparison(path, Operator.NIN, values);
  }

  /**
   * The whole string value matches an SQL pattern ({@code %}, {@code _}, {@code \} escapes),
   * case-sensitively; binding needs a string (or free-form) property and a non-null pattern.
   */
  static Comparison like(String path, String pattern) {
    return new Comparison(path, Operator.LIKE, pattern);
  }

  /** Not {@link #like}: null or missing values match. */
  static Comparison nlike(String path, String pattern) {
    return new Comparison(path, Operator.NLIKE, pattern);
  }

  /** {@link #like} ignoring case. */
  static Comparison ilike(String path, String pattern) {
    return new Comparison(path, Operator.ILIKE, pattern);
  }

  /** Not {@link #ilike}: null or missing values match. */
  static Comparison nilike(String path, String pattern) {
    return new Comparison(path, Operator.NILIKE, pattern);
  }

  /**
   * A string value contains a match of {@code "pattern"} or {@code "/pattern/flags"} (flags {@code
   * i}, {@code m}, {@code s}); binding refuses null, another flag or a bad pattern.
   */
  static Comparison regexp(String path, String patternOrSlashForm) {
    return new Comparison(path, Operator.REGEXP, patternOrSlashForm);
  }

  /** With true, the value is present and not null; with false, it is null or missing. */
  static Comparison exists(String path, boolean exists) {
    return new Comparison(path, Operator.EXISTS, exists);
  }

  /** Whether this condition matches every row ({@code and} of nothing). */
  default boolean isAll() {
    return this instanceof And and && and.conditions().isEmpty();
  }

  /** All conditions hold; an empty list matches everything. */
  record And(List<Where> conditions) implements Where {
    static final And EMPTY = new And(List.of());

    /**
     * @throws NullPointerException for a null list or condition
     */
    public And {
      conditions = List.copyOf(requireNonNull(conditions, "conditions is null"));
    }
  }

  /** One condition holds; an empty list matches nothing. */
  record Or(List<Where> conditions) implements Where {
    static final Or EMPTY = new Or(List.of());

    /**
     * @throws NullPointerException for a null list or condition
     */
    public Or {
      conditions = List.copyOf(requireNonNull(conditions, "conditions is null"));
    }
  }

  /**
   * One operator on one property path.
   *
   * @param path a property name or a dotted path into an object property, never null
   * @param operator never null
   * @param value the operand; see {@link Operator} for list-valued operators; may be null
   */
  record Comparison(String path, Operator operator, @Nullable Object value) implements Where {
    /**
     * Copies a list value (unmodifiable, null elements kept).
     *
     * @throws NullPointerException for a null path or operator
     */
    public Comparison {
      requireNonNull(path, "path is null");
      requireNonNull(operator, "operator is null");
      if (value instanceof List<?> list) {
        value = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(list));
      }
    }

    /** The top-level property the path starts with. */
    public String property() {
      int dot = path.indexOf('.');
      return dot < 0 ? path : path.substring(0, dot);
    }

    /** Whether the path goes below a top-level property (holds a dot). */
    public boolean isNested() {
      return path.indexOf('.') >= 0;
    }
  }

  /**
   * A {@code $}-prefixed operator of the backend, passed through untouched: a documented extension
   * of a connector (CONTRACT C4.1), accepted by {@link FilterBinder} only when the connector {@link
   * io.connectorkit.core.spi.Connector#allowsExtendedOperators() allows extended operators}. The
   * core cannot evaluate it: a connector that allows it must enforce it ({@link
   * io.connectorkit.core.spi.Connector#pushdown}).
   *
   * @param path the property path the operator applies to ({@code {"age": {"$mod": [2, 0]}}}), or
   *     empty for an operator on the whole record ({@code {"$expr": …}}); never null
   * @param operator the key, {@code $} included, e.g. {@code "$mod"}; never null
   * @param value the operand, {@link io.connectorkit.core.model.Values#normalize normalised} but
   *     not coerced; may be null
   */
  record Extension(String path, String operator, Object value) implements Where {
    /**
     * @throws NullPointerException for a null path or operator
     * @throws IllegalArgumentException for an operator that is not {@code $} and a name
     */
    public Extension {
      requireNonNull(path, "path is null");
      requireNonNull(operator, "operator is null");
      if (!operator.startsWith("$") || operator.length() < 2) {
        throw new IllegalArgumentException("not a $-prefixed operator: " + operator);
      }
    }

    /** The key as it appears in filter JSON, e.g. {@code age.$mod} or {@code $expr}. */
    public String key() {
      return path.isEmpty() ? operator : path + "." + operator;
    }
  }
}
