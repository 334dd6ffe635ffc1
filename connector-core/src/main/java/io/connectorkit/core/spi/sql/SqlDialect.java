package io.connectorkit.core.spi.sql;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Operator;
import io.connectorkit.core.filter.Regexp;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What differs between SQL backends, as hooks of {@link SqlStatements} and {@link SqlConnector}.
 * The defaults are standard SQL (double-quoted identifiers, {@code IS NOT DISTINCT FROM}, {@code
 * OFFSET … FETCH}); a dialect overrides what its backend spells differently. Every hook returns SQL
 * text built from identifiers that {@link SqlConnector} checked against the model, or placeholders:
 * no hook ever receives a value to splice into SQL text.
 */
public interface SqlDialect {

  /**
   * The key of the model and property sections this dialect reads, e.g. {@code "mysql"}: {@link
   * SqlStatements#tableName} reads its {@code table}, {@link SqlStatements#columnName} its {@code
   * columnName}. Never null.
   */
  String settingsKey();

  /**
   * The table or column name a model or property gets when its connector section names none: the
   * name as written by default; loopback-connector-postgresql's lower case on PostgreSQL.
   *
   * @param name a model or property name, never null
   * @return never null
   */
  default String defaultName(String name) {
    return name;
  }

  /**
   * An identifier quoted for this backend. Called for every table and column name {@link
   * SqlConnector} writes into SQL; the default doubles embedded double quotes.
   *
   * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} for a name no quoting makes
   *     safe (empty, or holding a NUL)
   */
  default String quoteIdentifier(String name) {
    checkIdentifier(name);
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /**
   * The parameter placeholder, written once per bound value (the default hooks use it too); the
   * default is {@code ?}.
   */
  default String placeholder() {
    return "?";
  }

  /**
   * The pagination clause (with a leading space) for a non-zero limit and/or skip; limit 0 means
   * none. Called by {@link SqlStatements#selectSql} only when limit or skip is non-zero; the
   * default binds both as parameters of {@code OFFSET ? ROWS FETCH FIRST ? ROWS ONLY}.
   */
  default ParameterizedSql pagination(long limit, long skip) {
    ParameterizedSql result = ParameterizedSql.text("");
    if (skip > 0) {
      result = result.append(ParameterizedSql.of(" OFFSET " + placeholder() + " ROWS", skip));
    }
    if (limit > 0) {
      result =
          result.append(ParameterizedSql.of(" FETCH FIRST " + placeholder() + " ROWS ONLY", limit));
    }
    return result;
  }

  /**
   * {@code column} equals the next parameter, where two NULLs are equal (never NULL itself). Called
   * for {@code neq} on a non-null value, as {@code NOT (…)}; the default is {@code IS NOT DISTINCT
   * FROM}.
   */
  default String nullSafeEquals(String column) {
    return column + " IS NOT DISTINCT FROM " + placeholder();
  }

  /**
   * The expression that compares a string column by Unicode code point, case-sensitively and
   * without trailing-space padding, for a column whose own collation does not. Called for string
   * columns in comparisons and ORDER BY when {@link SqlConnector#exactStringColumn} is false; the
   * default returns the column unchanged.
   */
  default String exactString(String column) {
    return column;
  }

  /**
   * The text after {@code LIKE ?} that makes {@code \} the escape character, for {@code like} and
   * {@code nlike}; the default is {@code ESCAPE '\'}.
   */
  default String likeEscape() {
    return " ESCAPE '\\'";
  }

  /**
   * The SQL of a regexp match of {@code column} against the next parameter, or null when this
   * backend cannot evaluate {@code regexp} exactly as {@code java.util.regex} does (then it is left
   * to the core's residual evaluation). Called on a top-level string property, both to decide the
   * pushdown and to build the condition; the default returns null (never pushed).
   */
  default @Nullable String regexp(String column, Regexp regexp) {
    return null;
  }

  /**
   * The parameter bound to the placeholder of {@link #regexp}: the pattern in this backend's
   * syntax. Called only when {@link #regexp} returned non-null. The default binds the contract's
   * pattern unchanged (flags are left to {@link #regexp}).
   */
  default Object regexpParameter(Regexp regexp) {
    return regexp.pattern();
  }

  /**
   * The SQL condition of a comparison on a nested path into an {@code object} property stored as
   * JSON text, or null when this backend cannot evaluate it exactly as the contract (C4.1, the
   * core's {@code FilterEvaluator}) does; then it is left to the core's residual evaluation. A
   * dialect that returns non-null for some comparisons lets its connector declare {@code
   * NESTED_PROPERTIES}. The condition must never be NULL-valued (negative operators are exact
   * complements). Called for a nested path whose first segment is an {@code object} property, both
   * to decide the pushdown and to build the condition; the default returns null (never pushed).
   *
   * @param column the quoted column of the object property
   * @param keys the path's keys below the property ({@code ["city"]} for {@code address.city});
   *     never empty. They come from the filter: bind them, never splice them into SQL text
   * @param operator the operator, as bound by the core
   * @param value the operand, as bound by the core (nested values are not coerced); null for a
   *     comparison with null
   */
  default @Nullable ParameterizedSql jsonPathCondition(
      String column, List<String> keys, Operator operator, @Nullable Object value) {
    return null;
  }

  /**
   * The ORDER BY keys for one column: nulls first ascending and last descending (CONTRACT C4.2).
   * The default adds an explicit null key, for backends that sort nulls otherwise. Called by {@link
   * SqlStatements#orderByClause} for each key of the filter's order, not for the id tie-break that
   * follows them.
   */
  default String orderKey(String column, boolean descending) {
    return descending
        ? "CASE WHEN " + column + " IS NULL THEN 1 ELSE 0 END, " + column + " DESC"
        : "CASE WHEN " + column + " IS NULL THEN 0 ELSE 1 END, " + column + " ASC";
  }

  /**
   * An INSERT of {@code rows} rows that all take every column's default (only a generated id).
   * Called by {@link SqlStatements#insertSql} when no row holds a property. The default is {@code
   * DEFAULT VALUES}, one row only.
   *
   * @throws IllegalArgumentException from the default, for {@code rows} other than 1
   */
  default String insertWithoutColumns(String quotedTable, int rows) {
    if (rows != 1) {
      throw new IllegalArgumentException("this dialect inserts one row without columns at a time");
    }
    return "INSERT INTO " + quotedTable + " DEFAULT VALUES";
  }

  /**
   * The value bound for a property's column. The default is the value itself; a dialect encodes
   * what its driver cannot bind as is (JSON text for object, array and any). Called by {@link
   * SqlStatements#insertSql} and {@link SqlStatements#updateSql} for each written value, null
   * included; filter values are bound as they are.
   *
   * @return the value to bind; null binds SQL NULL (the default returns null for null)
   */
  default @Nullable Object columnValue(PropertyDefinition property, @Nullable Object value) {
    return value;
  }

  /**
   * Why the backend cannot store {@code value} in a property's column exactly as given (C2), such
   * as {@code "holds a NUL character (U+0000), which PostgreSQL text cannot store"}, or null (the
   * default) when it can. Called by {@link SqlStatements#insertSql} and {@link
   * SqlStatements#assignments} for each non-null written value, before any statement runs; a reason
   * fails the write with {@code VALIDATION_FAILED} naming the model, the property and the value.
   *
   * @param property the property written, never null
   * @param value its coerced value, never null
   * @return the reason, or null
   */
  default @Nullable String valueProblem(PropertyDefinition property, Object value) {
    return null;
  }

  /**
   * A statement that locks a table against other writers until the transaction ends, run before
   * rows that choose their own value of a generated numeric id are inserted, or null (the default)
   * when the backend's generator moves past explicit values by itself (MySQL's AUTO_INCREMENT).
   * When non-null, {@link #advanceGenerated} must be non-null too.
   */
  default @Nullable String lockForChosenIds(String quotedTable) {
    return null;
  }

  /**
   * A query that moves the generator of a table's generated id past {@code highest} (never
   * backwards), run after rows that chose their id were inserted under {@link #lockForChosenIds};
   * null by default.
   *
   * @param column the unquoted column name (bind it)
   */
  default @Nullable ParameterizedSql advanceGenerated(
      String quotedTable, String column, long highest) {
    return null;
  }

  /**
   * {@code inq} (or, when {@code negated}, {@code nin}) of non-null values bound as one array
   * parameter, e.g. {@code column = ANY(?)}, or null (the default) for {@code column IN (?, ?, …)}
   * with one placeholder per value, in chunks of 1,000. A backend that limits the number of bound
   * parameters (PostgreSQL: 65,535) overrides it so that a list of any length works (C4.1). The
   * values are bound, never written into the SQL text. A null column never matches either
   * condition; {@link SqlStatements} adds the null handling of the contract around it.
   *
   * @param column the column as {@link SqlStatements} compares it (possibly with a collation)
   * @param kind the property's type: {@code STRING}, {@code NUMBER}, {@code BOOLEAN} or {@code
   *     DATE}
   * @param values the non-null values, at least one, each of that kind
   * @param negated whether the condition is {@code NOT IN}
   * @return the condition, or null for the default
   */
  default @Nullable ParameterizedSql inArray(
      String column, PropertyType.Kind kind, List<Object> values, boolean negated) {
    return null;
  }

  /**
   * A condition that is always false: {@code or} of nothing, {@code inq []}, a comparison with a
   * null bound. The default is {@code 1=0}.
   */
  default String falseCondition() {
    return "1=0";
  }

  /**
   * A condition that is always true: {@code and} of nothing inside a tree, {@code nin []}. The
   * default is {@code 1=1}.
   */
  default String trueCondition() {
    return "1=1";
  }

  /**
   * Rejects names that no quoting makes safe; the default {@link #quoteIdentifier} calls it.
   *
   * @throws NullPointerException for a null name
   * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} for an empty name or one
   *     holding a NUL
   */
  static void checkIdentifier(String name) {
    requireNonNull(name, "name is null");
    if (name.isEmpty() || name.indexOf('\0') >= 0) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "invalid SQL identifier \"" + name.replace("\0", "\\0") + "\"");
    }
  }
}
