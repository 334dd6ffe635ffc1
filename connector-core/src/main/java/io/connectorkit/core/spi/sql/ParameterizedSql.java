package io.connectorkit.core.spi.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SQL text with {@code ?}-style placeholders and the values bound to them, in order. Values never
 * appear in the text: every value of a filter or of written data is a parameter.
 *
 * @param sql the statement text, never null
 * @param params the bound values in placeholder order; may hold nulls
 */
public record ParameterizedSql(String sql, List<Object> params) {
  /**
   * Copies the parameters (unmodifiable; null elements kept, they bind SQL NULL).
   *
   * @throws NullPointerException for a null text or list
   */
  public ParameterizedSql {
    requireNonNull(sql, "sql is null");
    // List.copyOf rejects nulls, and SQL NULL is a legitimate parameter; a list that is already
    // one of ours is immutable and shared instead of copied.
    params = Parameters.of(requireNonNull(params, "params is null"));
  }

  /** Text and parameters. */
  public static ParameterizedSql of(String sql, Object... params) {
    return new ParameterizedSql(sql, Arrays.asList(params));
  }

  /** Text without parameters. */
  public static ParameterizedSql text(String sql) {
    return new ParameterizedSql(sql, List.of());
  }

  /** This statement followed by {@code other}: texts concatenated, parameters in order. */
  public ParameterizedSql append(ParameterizedSql other) {
    requireNonNull(other, "other is null");
    return new ParameterizedSql(sql + other.sql, Parameters.concat(params, other.params));
  }

  /** This statement followed by fixed text. */
  public ParameterizedSql append(String text) {
    return new ParameterizedSql(sql + requireNonNull(text, "text is null"), params);
  }

  /** The parts joined by {@code separator}; parameters in order. */
  public static ParameterizedSql join(String separator, List<ParameterizedSql> parts) {
    requireNonNull(separator, "separator is null");
    StringBuilder text = new StringBuilder();
    List<Object> all = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        text.append(separator);
      }
      text.append(parts.get(i).sql);
      all.addAll(parts.get(i).params);
    }
    return new ParameterizedSql(text.toString(), all);
  }

  /** Wrapped in parentheses. */
  public ParameterizedSql parenthesized() {
    return new ParameterizedSql("(" + sql + ")", params);
  }

  /** The text, then the parameter values: for debugging, since values may be user data. */
  @Override
  public String toString() {
    return sql + " " + params;
  }
}
