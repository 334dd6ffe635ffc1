package io.connectorkit.core.spi.sql;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.filter.Fields;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Operator;
import io.connectorkit.core.filter.Order;
import io.connectorkit.core.filter.Regexp;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.ModelValidator;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import io.connectorkit.core.spi.Pushdown;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * Statement building: model + filter → {@link ParameterizedSql}, through the {@link SqlDialect} it
 * holds (the only reference a SQL connector keeps to its dialect). It executes nothing.
 *
 * <p>Pushdown and translation are one pass: {@link #condition} returns the SQL of a condition, or
 * null when the contract's semantics cannot be kept in SQL; {@link #pushdown} sorts conjuncts by
 * that answer and the statements use the same answer, so the two can never disagree.
 *
 * <p>Safety: every value is a bound parameter; every identifier comes from the model definition and
 * is quoted by the dialect; a filter path is only ever used to look a property up in the model,
 * never spliced into SQL text.
 *
 * <p>Semantics (docs/contract.md C4): negative operators include the rows whose value is NULL;
 * {@code inq []} is false and {@code nin []} true; {@code like} escapes with {@code \}; ORDER BY
 * always ends with the id ascending.
 */
public final class SqlStatements {
  /** {@code IN} lists are split in chunks of this many values (C4.1: at least 10,000 values). */
  static final int IN_CHUNK = 1000;

  private final SqlDialect dialect;
  private final BiPredicate<ModelDefinition, PropertyDefinition> exactStringColumn;
  private final Map<String, SelectFrom> selectFromByModel = new ConcurrentHashMap<>();

  /**
   * @param dialect the backend's SQL hooks
   * @param exactStringColumn whether a string column already compares by code point,
   *     case-sensitively and without padding (a binary collation); when not, comparisons and ORDER
   *     BY go through {@link SqlDialect#exactString}
   * @throws NullPointerException for a null argument
   */
  public SqlStatements(
      SqlDialect dialect, BiPredicate<ModelDefinition, PropertyDefinition> exactStringColumn) {
    this.dialect = requireNonNull(dialect, "dialect is null");
    this.exactStringColumn = requireNonNull(exactStringColumn, "exactStringColumn is null");
  }

  /** The dialect; never null. */
  public SqlDialect dialect() {
    return dialect;
  }

  // ---------------------------------------------------------------- names

  /**
   * The table of a model: the {@code table} (or {@code tableName}) of its connector section, as
   * written, else the dialect's {@link SqlDialect#defaultName} of the model name.
   */
  public String tableName(ModelDefinition model) {
    return named(model.connectorSettings(dialect.settingsKey()), "table", "tableName")
        .orElseGet(() -> dialect.defaultName(model.name()));
  }

  /**
   * The column of a property: its section's {@code columnName} (or {@code column}), as written,
   * else the dialect's {@link SqlDialect#defaultName} of the property name.
   */
  public String columnName(PropertyDefinition property) {
    return named(property.connectorSettings(dialect.settingsKey()), "columnName", "column")
        .orElseGet(() -> dialect.defaultName(property.name()));
  }

  private static java.util.Optional<String> named(
      java.util.Map<String, Object> section, String key, String alias) {
    for (String name : new String[] {key, alias}) {
      if (section.get(name) instanceof String text && !text.isEmpty()) {
        return java.util.Optional.of(text);
      }
    }
    return java.util.Optional.empty();
  }

  /** The quoted table name. */
  public String quotedTable(ModelDefinition model) {
    return dialect.quoteIdentifier(tableName(model));
  }

  /** The quoted column name. */
  public String quotedColumn(PropertyDefinition property) {
    return dialect.quoteIdentifier(columnName(property));
  }

  /** The column expression comparisons and ORDER BY use. */
  private String comparable(ModelDefinition model, PropertyDefinition property) {
    String column = quotedColumn(property);
    return property.type().kind() == PropertyType.Kind.STRING
            && !exactStringColumn.test(model, property)
        ? dialect.exactString(column)
        : column;
  }

  // ---------------------------------------------------------------- pushdown (C4.6)

  /**
   * The split of a filter into what SQL enforces and what the core evaluates. Pushed down:
   * comparisons on top-level string, number, boolean and date properties (every operator but {@code
   * ilike}/{@code nilike}, and {@code regexp} only where the dialect evaluates it exactly), {@code
   * exists} on any top-level property, {@code and}/{@code or} of those, and comparisons on nested
   * paths into {@code object} properties that {@link SqlDialect#jsonPathCondition} evaluates
   * exactly. A top-level {@code and} is split; an {@code or} is pushed whole or not at all.
   *
   * @throws NullPointerException for a null model or filter
   */
  public Pushdown pushdown(ModelDefinition model, Filter filter) {
    requireNonNull(model, "model is null");
    requireNonNull(filter, "filter is null");
    List<Where> conjuncts = new ArrayList<>();
    flattenAnd(filter.where(), conjuncts);
    List<Where> enforced = new ArrayList<>();
    List<Where> residual = new ArrayList<>();
    for (Where condition : conjuncts) {
      (condition(model, condition) != null ? enforced : residual).add(condition);
    }
    boolean order = filter.order().stream().allMatch(o -> orderable(model, o));
    return new Pushdown(combine(enforced), combine(residual), order);
  }

  private static void flattenAnd(Where where, List<Where> into) {
    if (where instanceof Where.And and) {
      and.conditions().forEach(c -> flattenAnd(c, into));
    } else {
      into.add(where);
    }
  }

  private static Where combine(List<Where> conditions) {
    return conditions.size() == 1 ? conditions.get(0) : Where.and(conditions);
  }

  /** Whether ORDER BY sorts by a key exactly as the contract says: top-level scalar properties. */
  public boolean orderable(ModelDefinition model, Order order) {
    if (order.path().indexOf('.') >= 0) {
      return false;
    }
    PropertyDefinition property = model.properties().get(order.path());
    return property != null && isScalar(property.type().kind());
  }

  // ---------------------------------------------------------------- statements

  /** The properties a SELECT reads: those {@code fields} selects, and the id properties. */
  public List<PropertyDefinition> selectedProperties(ModelDefinition model, Fields fields) {
    List<PropertyDefinition> selected = new ArrayList<>();
    for (PropertyDefinition property : model.properties().values()) {
      if (fields.selects(property.name()) || property.isId()) {
        selected.add(property);
      }
    }
    return selected;
  }

  /**
   * {@code SELECT … FROM … WHERE … ORDER BY … <pagination>} for a filter whose where and order are
   * pushed down entirely ({@link #pushdown}).
   *
   * @throws ConnectorException {@link ErrorCode#INVALID_FILTER} for a condition or order that
   *     cannot be evaluated in SQL
   */
  public ParameterizedSql selectSql(ModelDefinition model, Filter filter) {
    requireNonNull(filter, "filter is null");
    ParameterizedSql sql =
        ParameterizedSql.text(selectFrom(model, filter.fields()))
            .append(whereClause(model, filter.where()))
            .append(orderByClause(model, filter.order()));
    return filter.limit() == 0 && filter.skip() == 0
        ? sql
        : sql.append(dialect.pagination(filter.limit(), filter.skip()));
  }

  /**
   * {@code SELECT <columns> FROM <table>}. The text for all fields is kept per model definition:
   * otherwise every find quotes and joins the same columns again (connector-bench's profile).
   */
  // Identity on purpose: a redefined model (an equal or changed copy) gets its text built anew.
  @SuppressWarnings("ReferenceEquality")
  private String selectFrom(ModelDefinition model, Fields fields) {
    if (!fields.isAll()) {
      return buildSelectFrom(model, fields);
    }
    SelectFrom cached = selectFromByModel.get(model.name());
    if (cached != null && cached.model() == model) {
      return cached.text();
    }
    String text = buildSelectFrom(model, fields);
    selectFromByModel.put(model.name(), new SelectFrom(model, text));
    return text;
  }

  private String buildSelectFrom(ModelDefinition model, Fields fields) {
    List<String> columns =
        selectedProperties(model, fields).stream().map(this::quotedColumn).toList();
    return "SELECT " + String.join(", ", columns) + " FROM " + quotedTable(model);
  }

  /** A cached SELECT list, valid for exactly this definition (a redefined model gets a new one). */
  private record SelectFrom(ModelDefinition model, String text) {}

  /** {@code SELECT COUNT(*) FROM … WHERE …}. */
  public ParameterizedSql countSql(ModelDefinition model, Where where) {
    return ParameterizedSql.text("SELECT COUNT(*) FROM " + quotedTable(model))
        .append(whereClause(model, where));
  }

  /**
   * {@code INSERT INTO … (columns) VALUES (…), (…)}: the columns are the declared properties that
   * any row has, in declaration order; a row without one of them binds NULL.
   *
   * @throws IllegalArgumentException for no rows
   * @throws ConnectorException {@link ErrorCode#INVALID_ARGUMENT} for a key that is not a property
   */
  public ParameterizedSql insertSql(ModelDefinition model, List<Map<String, Object>> rows) {
    requireNonNull(rows, "rows is null");
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no rows to insert");
    }
    Set<String> present = new LinkedHashSet<>();
    for (Map<String, Object> row : rows) {
      for (String key : row.keySet()) {
        property(model, key);
        present.add(key);
      }
    }
    List<PropertyDefinition> columns =
        model.properties().values().stream().filter(p -> present.contains(p.name())).toList();
    if (columns.isEmpty()) {
      return ParameterizedSql.text(dialect.insertWithoutColumns(quotedTable(model), rows.size()));
    }
    String placeholders =
        "(" + String.join(", ", columns.stream().map(c -> dialect.placeholder()).toList()) + ")";
    List<Object> params = new ArrayList<>();
    List<String> tuples = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      for (PropertyDefinition column : columns) {
        params.add(columnValue(model, column, row.get(column.name())));
      }
      tuples.add(placeholders);
    }
    return new ParameterizedSql(
        "INSERT INTO "
            + quotedTable(model)
            + " ("
            + String.join(", ", columns.stream().map(this::quotedColumn).toList())
            + ") VALUES "
            + String.join(", ", tuples),
        params);
  }

  /**
   * {@code UPDATE … SET c = ?, … WHERE …}.
   *
   * @param data property → value, at least one; never an id property
   * @throws IllegalArgumentException for empty data
   * @throws ConnectorException {@link ErrorCode#INVALID_ARGUMENT} for a key that is not a property
   */
  public ParameterizedSql updateSql(ModelDefinition model, Where where, Map<String, Object> data) {
    return ParameterizedSql.text("UPDATE " + quotedTable(model) + " SET ")
        .append(assignments(model, data))
        .append(whereClause(model, where));
  }

  /**
   * {@code c = ?, …} for each entry of {@code data}, in its order.
   *
   * @throws IllegalArgumentException for empty data
   * @throws ConnectorException {@link ErrorCode#INVALID_ARGUMENT} for a key that is not a property
   */
  public ParameterizedSql assignments(ModelDefinition model, Map<String, Object> data) {
    requireNonNull(data, "data is null");
    if (data.isEmpty()) {
      throw new IllegalArgumentException("no data to update");
    }
    List<String> assignments = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    data.forEach(
        (name, value) -> {
          PropertyDefinition property = property(model, name);
          assignments.add(quotedColumn(property) + " = " + dialect.placeholder());
          params.add(columnValue(model, property, value));
        });
    return new ParameterizedSql(String.join(", ", assignments), params);
  }

  /** The quoted columns of a model's properties, comma-separated: a SELECT or RETURNING list. */
  public String columnList(List<PropertyDefinition> properties) {
    return String.join(", ", properties.stream().map(this::quotedColumn).toList());
  }

  /** {@code DELETE FROM … WHERE …}. */
  public ParameterizedSql deleteSql(ModelDefinition model, Where where) {
    return ParameterizedSql.text("DELETE FROM " + quotedTable(model))
        .append(whereClause(model, where));
  }

  /**
   * The declared property of a data key.
   *
   * @throws ConnectorException {@link ErrorCode#INVALID_ARGUMENT} for a key that is not a property
   */
  public PropertyDefinition property(ModelDefinition model, String key) {
    PropertyDefinition property = model.properties().get(key);
    if (property == null) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          "`" + key + "` is not a property of model " + model.name(),
          Map.of("model", model.name(), "property", key));
    }
    return property;
  }

  /** The WHERE clause with a leading space, or nothing for a where that matches everything. */
  public ParameterizedSql whereClause(ModelDefinition model, Where where) {
    requireNonNull(where, "where is null");
    if (where.isAll()) {
      return ParameterizedSql.text("");
    }
    return ParameterizedSql.text(" WHERE ").append(conditionSql(model, where));
  }

  /**
   * The SQL condition of a where that is pushed down entirely.
   *
   * @throws ConnectorException {@link ErrorCode#INVALID_FILTER} for a condition that cannot be
   *     evaluated in SQL
   */
  public ParameterizedSql conditionSql(ModelDefinition model, Where where) {
    ParameterizedSql sql = condition(model, where);
    if (sql == null) {
      throw new ConnectorException(
          ErrorCode.INVALID_FILTER,
          "condition " + where + " on model " + model.name() + " cannot be evaluated in SQL",
          Map.of("model", model.name(), "where", String.valueOf(where)));
    }
    return sql;
  }

  /**
   * The SQL condition of a where, or null when any part of it must be left to the core: the one
   * place that decides pushdown. Never NULL-valued where the contract needs a definite answer
   * (negative operators).
   *
   * @throws NullPointerException for a null model or where
   */
  public @Nullable ParameterizedSql condition(ModelDefinition model, Where where) {
    requireNonNull(model, "model is null");
    requireNonNull(where, "where is null");
    if (where instanceof Where.And and) {
      return junction(model, and.conditions(), " AND ", dialect.trueCondition());
    }
    if (where instanceof Where.Or or) {
      return junction(model, or.conditions(), " OR ", dialect.falseCondition());
    }
    // An extension ($-prefixed key) is never SQL: the binder admits one only on a connector that
    // allows extended operators, and a SQL connector that did would still not push it down.
    return where instanceof Where.Comparison comparison ? comparison(model, comparison) : null;
  }

  private @Nullable ParameterizedSql junction(
      ModelDefinition model, List<Where> conditions, String separator, String empty) {
    if (conditions.isEmpty()) {
      return ParameterizedSql.text(empty);
    }
    List<ParameterizedSql> parts = new ArrayList<>(conditions.size());
    for (Where condition : conditions) {
      ParameterizedSql part = condition(model, condition);
      if (part == null) {
        return null;
      }
      parts.add(part);
    }
    return parts.size() == 1
        ? parts.get(0)
        : ParameterizedSql.join(separator, parts).parenthesized();
  }

  /** A comparison's SQL, or null when SQL cannot evaluate it exactly as the contract says. */
  private @Nullable ParameterizedSql comparison(ModelDefinition model, Where.Comparison c) {
    if (c.isNested()) {
      return nestedCondition(model, c);
    }
    PropertyDefinition property = model.properties().get(c.path());
    if (property == null) {
      return null;
    }
    Object value = c.value();
    if (c.operator() == Operator.EXISTS) {
      return value instanceof Boolean exists
          ? ParameterizedSql.text(
              comparable(model, property) + (exists ? " IS NOT NULL" : " IS NULL"))
          : null;
    }
    PropertyType.Kind kind = property.type().kind();
    if (!isScalar(kind) || !storable(property, value)) {
      return null;
    }
    String column = comparable(model, property);
    String p = dialect.placeholder();
    return switch (c.operator()) {
      case EQ ->
          value == null
              ? ParameterizedSql.text(column + " IS NULL")
              : scalarValue(kind, value) ? ParameterizedSql.of(column + " = " + p, value) : null;
      case NEQ ->
          value == null
              ? ParameterizedSql.text(column + " IS NOT NULL")
              // NOT (x <=> v): rows whose x is NULL match, as the contract requires.
              : scalarValue(kind, value)
                  ? ParameterizedSql.of("NOT (" + dialect.nullSafeEquals(column) + ")", value)
                  : null;
      case GT -> bound(kind, column, " > ", value);
      case GTE -> bound(kind, column, " >= ", value);
      case LT -> bound(kind, column, " < ", value);
      case LTE -> bound(kind, column, " <= ", value);
      case BETWEEN -> {
        List<?> bounds = scalarList(kind, value);
        if (bounds == null || bounds.size() != 2) {
          yield null;
        }
        yield bounds.get(0) == null || bounds.get(1) == null
            ? ParameterizedSql.text(dialect.falseCondition())
            : ParameterizedSql.of(
                column + " BETWEEN " + p + " AND " + p, bounds.get(0), bounds.get(1));
      }
      case INQ -> {
        List<?> values = scalarList(kind, value);
        yield values == null ? null : inq(column, kind, values);
      }
      case NIN -> {
        List<?> values = scalarList(kind, value);
        yield values == null ? null : nin(column, kind, values);
      }
      case LIKE ->
          kind == PropertyType.Kind.STRING && value instanceof String pattern
              ? ParameterizedSql.of(
                  column + " LIKE " + p + dialect.likeEscape(), likePattern(pattern))
              : null;
      case NLIKE ->
          kind == PropertyType.Kind.STRING && value instanceof String pattern
              ? ParameterizedSql.of(
                  "("
                      + column
                      + " IS NULL OR NOT ("
                      + column
                      + " LIKE "
                      + p
                      + dialect.likeEscape()
                      + "))",
                  likePattern(pattern))
              : null;
      case REGEXP -> {
        if (kind != PropertyType.Kind.STRING || !(value instanceof Regexp regexp)) {
          yield null;
        }
        String sql = dialect.regexp(column, regexp);
        yield sql == null ? null : ParameterizedSql.of(sql, dialect.regexpParameter(regexp));
      }
        // Unicode simple case folding has no exact SQL equivalent.
      case ILIKE, NILIKE -> null;
      case EXISTS -> throw new IllegalStateException("handled above");
    };
  }

  /**
   * Whether the backend can bind an operand (each element of a list): one it cannot store ({@link
   * SqlDialect#valueProblem}, such as a NUL on PostgreSQL) would fail the statement, so the
   * comparison is left to the core, where it is exact (no stored value can equal it).
   */
  private boolean storable(PropertyDefinition property, @Nullable Object value) {
    if (value instanceof List<?> list) {
      return list.stream().allMatch(v -> v == null || dialect.valueProblem(property, v) == null);
    }
    return value == null
        || value instanceof Regexp
        || dialect.valueProblem(property, value) == null;
  }

  private static boolean isScalar(PropertyType.Kind kind) {
    return kind == PropertyType.Kind.STRING
        || kind == PropertyType.Kind.NUMBER
        || kind == PropertyType.Kind.BOOLEAN
        || kind == PropertyType.Kind.DATE;
  }

  private static boolean scalarValue(PropertyType.Kind kind, Object value) {
    return switch (kind) {
      case STRING -> value instanceof String;
      case NUMBER ->
          value instanceof Long || (value instanceof Double d && Double.isFinite(d.doubleValue()));
      case BOOLEAN -> value instanceof Boolean;
      case DATE -> value instanceof Instant;
      default -> false;
    };
  }

  /** The list operand of a list operator when each element is null or of the property's kind. */
  private static @Nullable List<?> scalarList(PropertyType.Kind kind, @Nullable Object value) {
    return value instanceof List<?> list
            && list.stream().allMatch(v -> v == null || scalarValue(kind, v))
        ? list
        : null;
  }

  /**
   * The dialect's condition for a nested path into an {@code object} property (stored as JSON), or
   * null when it has none. Only {@code object} properties: arrays and {@code any} values take other
   * paths through the core's rules.
   */
  private @Nullable ParameterizedSql nestedCondition(ModelDefinition model, Where.Comparison c) {
    String path = c.path();
    int dot = path.indexOf('.');
    PropertyDefinition property = model.properties().get(path.substring(0, dot));
    if (property == null || property.type().kind() != PropertyType.Kind.OBJECT) {
      return null;
    }
    List<String> keys = List.of(path.substring(dot + 1).split("\\.", -1));
    return dialect.jsonPathCondition(quotedColumn(property), keys, c.operator(), c.value());
  }

  /** A comparison with a bound; a null bound matches nothing (C4.1). */
  private @Nullable ParameterizedSql bound(
      PropertyType.Kind kind, String column, String operator, @Nullable Object value) {
    if (value == null) {
      return ParameterizedSql.text(dialect.falseCondition());
    }
    return scalarValue(kind, value)
        ? ParameterizedSql.of(column + operator + dialect.placeholder(), value)
        : null;
  }

  private ParameterizedSql inq(String column, PropertyType.Kind kind, List<?> values) {
    List<Object> nonNull = values.stream().filter(Objects::nonNull).map(v -> (Object) v).toList();
    boolean hasNull = nonNull.size() < values.size();
    List<ParameterizedSql> parts = inLists(column, kind, nonNull, false);
    if (hasNull) {
      parts.add(ParameterizedSql.text(column + " IS NULL"));
    }
    if (parts.isEmpty()) {
      return ParameterizedSql.text(dialect.falseCondition());
    }
    return parts.size() == 1 ? parts.get(0) : ParameterizedSql.join(" OR ", parts).parenthesized();
  }

  /** The exact complement of {@link #inq}: {@code x NOT IN (…)} alone is NULL for a NULL x. */
  private ParameterizedSql nin(String column, PropertyType.Kind kind, List<?> values) {
    if (values.isEmpty()) {
      return ParameterizedSql.text(dialect.trueCondition());
    }
    List<Object> nonNull = values.stream().filter(Objects::nonNull).map(v -> (Object) v).toList();
    boolean hasNull = nonNull.size() < values.size();
    List<ParameterizedSql> parts = inLists(column, kind, nonNull, true);
    if (hasNull) {
      parts.add(0, ParameterizedSql.text(column + " IS NOT NULL"));
      return parts.size() == 1
          ? parts.get(0)
          : ParameterizedSql.join(" AND ", parts).parenthesized();
    }
    ParameterizedSql notIn =
        parts.size() == 1 ? parts.get(0) : ParameterizedSql.join(" AND ", parts).parenthesized();
    return ParameterizedSql.text("(" + column + " IS NULL OR ").append(notIn).append(")");
  }

  /**
   * The {@code IN} (or {@code NOT IN}) conditions of the non-null values, to be joined by OR (AND):
   * the dialect's single array parameter, or one list per chunk of {@link #IN_CHUNK} values.
   */
  private List<ParameterizedSql> inLists(
      String column, PropertyType.Kind kind, List<Object> nonNull, boolean negated) {
    List<ParameterizedSql> parts = new ArrayList<>();
    ParameterizedSql array =
        nonNull.isEmpty() ? null : dialect.inArray(column, kind, nonNull, negated);
    if (array != null) {
      parts.add(array);
      return parts;
    }
    for (List<Object> chunk : chunks(nonNull)) {
      parts.add(inList(column, negated ? " NOT IN " : " IN ", chunk));
    }
    return parts;
  }

  /**
   * The value bound for a written column, after the dialect's {@link SqlDialect#valueProblem}
   * check.
   *
   * @throws ConnectorException {@code VALIDATION_FAILED} naming the model, property and value when
   *     the backend cannot store it exactly
   */
  private @Nullable Object columnValue(
      ModelDefinition model, PropertyDefinition property, @Nullable Object value) {
    if (value != null) {
      String problem = dialect.valueProblem(property, value);
      if (problem != null) {
        throw ModelValidator.violation(model, property.name(), problem + ": " + shown(value));
      }
    }
    return dialect.columnValue(property, value);
  }

  /** A value as a message shows it: NUL and other controls escaped, at most 60 characters. */
  private static String shown(Object value) {
    String text = value instanceof Instant ? value.toString() : String.valueOf(value);
    StringBuilder shown = new StringBuilder("\"");
    text.codePoints()
        .limit(60)
        .forEach(
            c -> {
              if (c < 0x20) {
                shown.append(String.format("\\u%04X", c));
              } else {
                shown.appendCodePoint(c);
              }
            });
    return shown.append(text.codePointCount(0, text.length()) > 60 ? "…\"" : "\"").toString();
  }

  private ParameterizedSql inList(String column, String operator, List<Object> values) {
    String placeholders =
        String.join(", ", values.stream().map(v -> dialect.placeholder()).toList());
    return new ParameterizedSql(column + operator + "(" + placeholders + ")", values);
  }

  private static List<List<Object>> chunks(List<Object> values) {
    List<List<Object>> chunks = new ArrayList<>();
    for (int i = 0; i < values.size(); i += IN_CHUNK) {
      chunks.add(values.subList(i, Math.min(values.size(), i + IN_CHUNK)));
    }
    return chunks;
  }

  /**
   * The contract's pattern for SQL's {@code LIKE … ESCAPE '\'}: identical, except that a trailing
   * lone {@code \} (literal in the contract) is doubled so that the backend reads it literally too.
   */
  static String likePattern(String pattern) {
    int i = 0;
    while (i < pattern.length()) {
      if (pattern.charAt(i) == '\\') {
        if (i == pattern.length() - 1) {
          return pattern + "\\";
        }
        i += 2;
      } else {
        i++;
      }
    }
    return pattern;
  }

  /**
   * {@code ORDER BY} with the id tie-break (C4.2), with a leading space; empty without keys.
   *
   * @throws ConnectorException {@link ErrorCode#INVALID_FILTER} for a key that is not {@link
   *     #orderable}
   */
  public String orderByClause(ModelDefinition model, List<Order> order) {
    List<String> keys = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Order o : order) {
      PropertyDefinition property = model.properties().get(o.path());
      if (property == null || !orderable(model, o)) {
        throw new ConnectorException(
            ErrorCode.INVALID_FILTER,
            "order " + o + " on model " + model.name() + " cannot be evaluated in SQL",
            Map.of("model", model.name(), "order", String.valueOf(o)));
      }
      if (seen.add(property.name())) {
        keys.add(dialect.orderKey(comparable(model, property), o.descending()));
      }
    }
    for (PropertyDefinition id : model.idProperties()) {
      if (seen.add(id.name())) {
        keys.add(comparable(model, id) + " ASC");
      }
    }
    return keys.isEmpty() ? "" : " ORDER BY " + String.join(", ", keys);
  }
}
