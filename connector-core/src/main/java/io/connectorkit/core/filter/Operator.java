package io.connectorkit.core.filter;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The where operators of CONTRACT C4.1. */
public enum Operator {
  EQ,
  NEQ,
  GT,
  GTE,
  LT,
  LTE,
  /** Value: a two-element {@code List}, inclusive bounds. */
  BETWEEN,
  /** Value: a {@code List}. */
  INQ,
  /** Value: a {@code List}. */
  NIN,
  /** Value: a String SQL pattern. */
  LIKE,
  NLIKE,
  ILIKE,
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
