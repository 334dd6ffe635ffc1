package io.connectorkit.core.filter;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The where operators of CONTRACT C4.1. */
public enum Operator {
  /** Equal after coercion; a null value matches null or missing. */
  EQ,
  /** The exact complement of {@link #EQ}: null or missing values match a non-null value. */
  NEQ,
  /** Greater than; never matches a null or missing value, and a null value matches nothing. */
  GT,
  /** Greater than or equal; null as for {@link #GT}. */
  GTE,
  /** Less than; null as for {@link #GT}. */
  LT,
  /** Less than or equal; null as for {@link #GT}. */
  LTE,
  /** Value: a two-element {@code List}, inclusive bounds. */
  BETWEEN,
  /** Value: a {@code List}. */
  INQ,
  /** Value: a {@code List}. */
  NIN,
  /** Value: a String SQL pattern. */
  LIKE,
  /** The exact complement of {@link #LIKE}: null or missing values match. */
  NLIKE,
  /** {@link #LIKE} ignoring case (Unicode simple case folding). */
  ILIKE,
  /** The exact complement of {@link #ILIKE}. */
  NILIKE,
  /** Value: a {@link Regexp}. */
  REGEXP,
  /** Value: a Boolean. */
  EXISTS;

  // Binding and error messages ask for it on every condition of every query.
  private final String jsonName = name().toLowerCase(Locale.ROOT);

  /** The JSON name, e.g. {@code "inq"}. */
  public String jsonName() {
    return jsonName;
  }

  /** The operator of a JSON name such as {@code "inq"}; empty for an unknown name or null. */
  public static Optional<Operator> fromJsonName(String name) {
    return Arrays.stream(values()).filter(op -> op.jsonName().equals(name)).findFirst();
  }

  /** Whether this operator is the exact complement of another ({@link #positive()}). */
  public boolean isNegative() {
    return this == NEQ || this == NIN || this == NLIKE || this == NILIKE;
  }

  /** The positive twin of a negative operator; the operator itself otherwise. */
  public Operator positive() {
    return switch (this) {
      case NEQ -> EQ;
      case NIN -> INQ;
      case NLIKE -> LIKE;
      case NILIKE -> ILIKE;
      default -> this;
    };
  }
}
