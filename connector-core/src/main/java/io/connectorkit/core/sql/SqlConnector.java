package io.connectorkit.core.sql;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.Connector;
import io.connectorkit.core.ConnectorException;
import io.connectorkit.core.ErrorCode;
import io.connectorkit.core.Feature;
import io.connectorkit.core.Options;
import io.connectorkit.core.Pushdown;
import io.connectorkit.core.Settings;
import io.connectorkit.core.filter.Fields;
import io.connectorkit.core.filter.Filter;
import io.connectorkit.core.filter.Operator;
import io.connectorkit.core.filter.Order;
import io.connectorkit.core.filter.Regexp;
import io.connectorkit.core.filter.Where;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.model.PropertyDefinition;
import io.connectorkit.core.model.PropertyType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The base of SQL connectors: turns the filter tree into {@link ParameterizedSql} through {@link
 * SqlDialect} hooks and implements the CRUD operations on top of a few execution hooks that a
 * subclass supplies (connector-sql's {@code JdbcConnector} over JDBC).
 *
 * <p>Safety: every value is a bound parameter; every identifier comes from the model definition and
 * is quoted by the dialect; a filter path is only ever used to look a property up in the model,
 * never spliced into SQL text.
 *
 * <p>Semantics (CONTRACT C4): only conditions that SQL evaluates exactly as the contract says are
 * pushed down ({@link #pushdown}); the core evaluates the rest. Negative operators include the rows
 * whose value is NULL; {@code inq []} is false and {@code nin []} true; {@code like} escapes with
 * {@code \}; ORDER BY always ends with the id ascending.
 */
public abstract class SqlConnector extends Connector {
  /** {@code IN} lists are split in chunks of this many values (C4.1: at least 10,000 values). */
  static final int IN_CHUNK = 1000;

  private final SqlDialect dialect;
  private final Map<String, SelectFrom> selectFromByModel = new ConcurrentHashMap<>();

  /**
   * @param dialect the backend's SQL hooks, never null
   * @throws NullPointerException for a null dialect
   */
  protected SqlConnector(String name, Settings settings, SqlDialect dialect) {
    super(name, settings);
    this.dialect = requireNonNull(dialect, "dialect is null");
  }

  /** The dialect given at construction; never null. */
  public final SqlDialect dialect() {
    return dialect;
  }

  // ---------------------------------------------------------------- names

  /** The table of a model: the {@code table} of its connector section, else the model name. */
  public String tableName(ModelDefinition model) {
    Object table = model.connectorSettings(dialect.settingsKey()).get("table");
    return table instanceof String text && !text.isEmpty() ? text : model.name();
  }

  /** The column of a property: its section's {@code columnName}, else the property name. */
  public String columnName(PropertyDefinition property) {
    Object column = property.connectorSettings(dialect.settingsKey()).get("columnName");
    return column instanceof String text && !text.isEmpty() ? text : property.name();
  }

  /** The quoted table name. */
  protected final String quotedTable(ModelDefinition model) {
    return dialect.quoteIdentifier(tableName(model));
  }

  /** The quoted column name. */
  protected final String quotedColumn(PropertyDefinition property) {
    return dialect.quoteIdentifier(columnName(property));
  }

  /**
   * Whether the column of a string property already compares by code point, case-sensitively and
   * without padding (a binary collation); when not, comparisons go through {@link
   * SqlDialect#exactString}. Called for every string column a comparison or ORDER BY uses. The
   * default trusts the column.
   */
  protected boolean exactStringColumn(ModelDefinition model, PropertyDefinition property) {
    return true;
  }

  /** The column expression comparisons and ORDER BY use. */
  private String comparable(ModelDefinition model, PropertyDefinition property) {
    String column = quotedColumn(property);
    return property.type().kind() == PropertyType.Kind.STRING && !exactStringColumn(model, property)
        ? dialect.exactString(column)
        : column;
  }

  // ---------------------------------------------------------------- pushdown (C4.6)

  /**
   * {@inheritDoc} Pushed down: comparisons on top-level string, number, boolean and date properties
   * (every operator but {@code ilike}/{@code nilike}, and {@code regexp} only where the dialect
   * evaluates it exactly), {@code exists} on any top-level property, and {@code and}/{@code or} of
   * those, and comparisons on nested paths into {@code object} properties that the dialect's {@link
   * SqlDialect#jsonPathCondition} evaluates exactly. Left to the core: other nested paths, array,
   * object, any and buffer properties. A top-level {@code and} is split; an {@code or} is pushed
   * whole or not at all.
   */
  @Override
  public Pushdown pushdown(ModelDefinition model, Filter filter) {
    List<Where> conjuncts = new ArrayList<>();
    flattenAnd(filter.where(), conjuncts);
    List<Where> enforced = new ArrayList<>();
    List<Where> residual = new ArrayList<>();
    for (Where condition : conjuncts) {
      (pushable(model, condition) ? enforced : residual).add(condition);
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

  /**
   * Whether this connector evaluates a condition exactly as the contract says. Called by {@link
   * #pushdown} for each top-level conjunct; the default applies the rules stated there, recursing
   * into {@code and}/{@code or}.
   */
  protected boolean pushable(ModelDefinition model, Where where) {
    if (where instanceof Where.And and) {
      return and.conditions().stream().allMatch(c -> pushable(model, c));
    }
    if (where instanceof Where.Or or) {
      return or.conditions().stream().allMatch(c -> pushable(model, c));
    }
    // An extension ($-prefixed key) is never SQL: the binder admits one only on a connector that
    // allows extended operators, and a SQL connector that did would still not push it down.
    return where instanceof Where.Comparison comparison && pushableComparison(model, comparison);
  }

  private boolean pushableComparison(ModelDefinition model, Where.Comparison c) {
    if (c.isNested()) {
      return nestedCondition(model, c) != null;
    }
    PropertyDefinition property = model.properties().get(c.path());
    if (property == null) {
      return false;
    }
    if (c.operator() == Operator.EXISTS) {
      return c.value() instanceof Boolean;
    }
    PropertyType.Kind kind = property.type().kind();
    if (!isScalar(kind)) {
      return false;
    }
    Object value = c.value();
    return switch (c.operator()) {
      case EQ, NEQ, GT, GTE, LT, LTE -> value == null || scalarValue(kind, value);
      case BETWEEN, INQ, NIN ->
          value instanceof List<?> list
              && (c.operator() != Operator.BETWEEN || list.size() == 2)
              && list.stream().allMatch(v -> v == null || scalarValue(kind, v));
      case LIKE, NLIKE -> kind == PropertyType.Kind.STRING && value instanceof String;
      case REGEXP ->
          kind == PropertyType.Kind.STRING
              && value instanceof Regexp regexp
              && dialect.regexp(comparable(model, property), regexp) != null;
        // Unicode simple case folding has no exact SQL equivalent.
      case ILIKE, NILIKE -> false;
      case EXISTS -> true;
    };
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

  /**
   * Whether this connector sorts by an order key exactly as the contract says. Called by {@link
   * #pushdown} and {@link #orderByClause}; the default accepts top-level string, number, boolean
   * and date properties.
   */
  protected boolean orderable(ModelDefinition model, Order order) {
    if (order.path().indexOf('.') >= 0) {
      return false;
    }
    PropertyDefinition property = model.properties().get(order.path());
    return property != null && isScalar(property.type().kind());
  }

  // ---------------------------------------------------------------- SQL building

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
   * {@code SELECT … FROM … WHERE … ORDER BY … <pagination>} for a filter whose where and order this
   * connector enforces ({@link #pushdown}).
   *
   * @throws ConnectorException {@link ErrorCode#INVALID_FILTER} for a condition it cannot push
   */
  public ParameterizedSql selectSql(ModelDefinition model, Filter filter) {
    requireNonNull(filter, "filter is null");
    ParameterizedSql sql =
        ParameterizedSql.text(selectFrom(model, filter.fields()))
            .append(whereClause(model, filter.where()))
            .append(orderByClause(model, filter.order()));
    return sql.append(paginationOf(filter.limit(), filter.skip()));
  }

  /**
   * {@code SELECT <columns> FROM <table>}. The text for all fields is kept per model definition:
   * otherwise every find quotes and joins the same columns again (connector-bench's profile).
   */
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

  private ParameterizedSql paginationOf(long limit, long skip) {
    return limit == 0 && skip == 0 ? ParameterizedSql.text("") : dialect.pagination(limit, skip);
  }

  /** {@code SELECT COUNT(*) FROM … WHERE …}. */
  public ParameterizedSql countSql(ModelDefinition model, Where where) {
    return ParameterizedSql.text("SELECT COUNT(*) FROM " + quotedTable(model))
        .append(whereClause(model, where));
  }

  /**
   * {@code INSERT INTO … (columns) VALUES (…), (…)}: the columns are the declared properties that
   * any row has, in declaration order; a row without one of them binds NULL.
   *
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
        if (!model.properties().containsKey(key)) {
          throw new ConnectorException(
              ErrorCode.INVALID_ARGUMENT,
              "`" + key + "` is not a property of model " + model.name());
        }
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
        params.add(toColumnValue(column, row.get(column.name())));
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
   */
  public ParameterizedSql updateSql(ModelDefinition model, Where where, Map<String, Object> data) {
    requireNonNull(data, "data is null");
    if (data.isEmpty()) {
      throw new IllegalArgumentException("no data to update");
    }
    List<String> assignments = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    data.forEach(
        (name, value) -> {
          PropertyDefinition property = model.properties().get(name);
          if (property == null) {
            throw new ConnectorException(
                ErrorCode.INVALID_ARGUMENT,
                "`" + name + "` is not a property of model " + model.name());
          }
          assignments.add(quotedColumn(property) + " = " + dialect.placeholder());
          params.add(toColumnValue(property, value));
        });
    return new ParameterizedSql(
            "UPDATE " + quotedTable(model) + " SET " + String.join(", ", assignments), params)
        .append(whereClause(model, where));
  }

  /** {@code DELETE FROM … WHERE …}. */
  public ParameterizedSql deleteSql(ModelDefinition model, Where where) {
    return ParameterizedSql.text("DELETE FROM " + quotedTable(model))
        .append(whereClause(model, where));
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
   * The SQL condition of a where this connector pushes down; never NULL-valued where the contract
   * needs a definite answer (negative operators).
   *
   * @throws ConnectorException {@link ErrorCode#INVALID_FILTER} for a condition it cannot push
   */
  public ParameterizedSql conditionSql(ModelDefinition model, Where where) {
    requireNonNull(model, "model is null");
    if (where instanceof Where.And and) {
      return junction(model, and.conditions(), " AND ", dialect.trueCondition());
    }
    if (where instanceof Where.Or or) {
      return junction(model, or.conditions(), " OR ", dialect.falseCondition());
    }
    return comparisonSql(model, (Where.Comparison) where);
  }

  private ParameterizedSql junction(
      ModelDefinition model, List<Where> conditions, String separator, String empty) {
    if (conditions.isEmpty()) {
      return ParameterizedSql.text(empty);
    }
    if (conditions.size() == 1) {
      return conditionSql(model, conditions.get(0));
    }
    return ParameterizedSql.join(
            separator, conditions.stream().map(c -> conditionSql(model, c)).toList())
        .parenthesized();
  }

  private ParameterizedSql comparisonSql(ModelDefinition model, Where.Comparison c) {
    if (!pushableComparison(model, c)) {
      throw new ConnectorException(
          ErrorCode.INVALID_FILTER,
          "condition " + c + " on model " + model.name() + " cannot be evaluated in SQL");
    }
    if (c.isNested()) {
      return nestedCondition(model, c);
    }
    PropertyDefinition property = model.properties().get(c.path());
    String column = comparable(model, property);
    String p = dialect.placeholder();
    Object value = c.value();
    return switch (c.operator()) {
      case EQ ->
          value == null
              ? ParameterizedSql.text(column + " IS NULL")
              : ParameterizedSql.of(column + " = " + p, value);
      case NEQ ->
          value == null
              ? ParameterizedSql.text(column + " IS NOT NULL")
              // NOT (x <=> v): rows whose x is NULL match, as the contract requires.
              : ParameterizedSql.of("NOT (" + dialect.nullSafeEquals(column) + ")", value);
      case GT -> bound(column, " > ", value);
      case GTE -> bound(column, " >= ", value);
      case LT -> bound(column, " < ", value);
      case LTE -> bound(column, " <= ", value);
      case BETWEEN -> {
        List<?> bounds = (List<?>) value;
        yield bounds.get(0) == null || bounds.get(1) == null
            ? ParameterizedSql.text(dialect.falseCondition())
            : ParameterizedSql.of(
                column + " BETWEEN " + p + " AND " + p, bounds.get(0), bounds.get(1));
      }
      case INQ -> inq(column, (List<?>) value);
      case NIN -> nin(column, (List<?>) value);
      case LIKE ->
          ParameterizedSql.of(
              column + " LIKE " + p + dialect.likeEscape(), likePattern((String) value));
      case NLIKE ->
          ParameterizedSql.of(
              "("
                  + column
                  + " IS NULL OR NOT ("
                  + column
                  + " LIKE "
                  + p
                  + dialect.likeEscape()
                  + "))",
              likePattern((String) value));
      case REGEXP -> {
        Regexp regexp = (Regexp) value;
        yield ParameterizedSql.of(dialect.regexp(column, regexp), dialect.regexpParameter(regexp));
      }
      case EXISTS ->
          ParameterizedSql.text(
              column + (Boolean.TRUE.equals(value) ? " IS NOT NULL" : " IS NULL"));
      case ILIKE, NILIKE -> throw new IllegalStateException("not pushable: " + c);
    };
  }

  /**
   * The dialect's condition for a nested path into an {@code object} property (stored as JSON), or
   * null when it has none. Only {@code object} properties: arrays and {@code any} values take other
   * paths through the core's rules.
   */
  private ParameterizedSql nestedCondition(ModelDefinition model, Where.Comparison c) {
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
  private ParameterizedSql bound(String column, String operator, Object value) {
    return value == null
        ? ParameterizedSql.text(dialect.falseCondition())
        : ParameterizedSql.of(column + operator + dialect.placeholder(), value);
  }

  private ParameterizedSql inq(String column, List<?> values) {
    List<Object> nonNull = values.stream().filter(Objects::nonNull).map(v -> (Object) v).toList();
    boolean hasNull = nonNull.size() < values.size();
    List<ParameterizedSql> parts = new ArrayList<>();
    for (List<Object> chunk : chunks(nonNull)) {
      parts.add(inList(column, " IN ", chunk));
    }
    if (hasNull) {
      parts.add(ParameterizedSql.text(column + " IS NULL"));
    }
    if (parts.isEmpty()) {
      return ParameterizedSql.text(dialect.falseCondition());
    }
    return parts.size() == 1 ? parts.get(0) : ParameterizedSql.join(" OR ", parts).parenthesized();
  }

  /** The exact complement of {@link #inq}: {@code x NOT IN (…)} alone is NULL for a NULL x. */
  private ParameterizedSql nin(String column, List<?> values) {
    if (values.isEmpty()) {
      return ParameterizedSql.text(dialect.trueCondition());
    }
    List<Object> nonNull = values.stream().filter(Objects::nonNull).map(v -> (Object) v).toList();
    boolean hasNull = nonNull.size() < values.size();
    List<ParameterizedSql> parts = new ArrayList<>();
    for (List<Object> chunk : chunks(nonNull)) {
      parts.add(inList(column, " NOT IN ", chunk));
    }
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

  /** {@code ORDER BY} with the id tie-break (C4.2), with a leading space; empty without keys. */
  public String orderByClause(ModelDefinition model, List<Order> order) {
    List<String> keys = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Order o : order) {
      PropertyDefinition property = model.properties().get(o.path());
      if (property == null || !orderable(model, o)) {
        throw new ConnectorException(
            ErrorCode.INVALID_FILTER,
            "order " + o + " on model " + model.name() + " cannot be evaluated in SQL");
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

  /**
   * The value bound for a property's column. The default is the value itself; a subclass encodes
   * what its driver cannot bind as is (JSON text for object, array and any). Called by {@link
   * #insertSql} and {@link #updateSql} for each written value, null included; filter values are
   * bound as they are.
   */
  protected Object toColumnValue(PropertyDefinition property, Object value) {
    return value;
  }

  // ---------------------------------------------------------------- execution hooks

  /**
   * Runs a query and reads each row's columns, in order, as the values of {@code columns}. Called
   * by {@link #all} (and so by {@link #findById}).
   *
   * @return rows keyed by property name, values in the {@link PropertyType} representation
   */
  protected abstract List<Map<String, Object>> executeQuery(
      ModelDefinition model,
      List<PropertyDefinition> columns,
      ParameterizedSql sql,
      Options options);

  /**
   * Runs a query whose answer is one number (COUNT). Called by {@link #count}, and by updates whose
   * data has nothing but ids.
   */
  protected abstract long executeScalar(
      ModelDefinition model, ParameterizedSql sql, Options options);

  /**
   * Runs an INSERT, UPDATE or DELETE. The base class calls it for UPDATE ({@link #update}, {@link
   * #updateAttributes}, {@link #replaceById}) and DELETE ({@link #destroyAll}); INSERTs go through
   * {@link #executeInsert}.
   *
   * @return the rows matched (not only those changed)
   */
  protected abstract long executeUpdate(
      ModelDefinition model, ParameterizedSql sql, Options options);

  /**
   * Runs an INSERT. Called by {@link #insertRows}.
   *
   * @return the generated keys in row order; empty when the backend generated none
   */
  protected abstract List<Object> executeInsert(
      ModelDefinition model, ParameterizedSql sql, Options options);

  /**
   * Runs {@code work} inside a transaction: the one of {@code options} if any, else a new one,
   * committed when the work returns and rolled back when it throws. Called by {@link
   * #updateAttributes} and {@link #replaceById} (update, then read back), and by {@link
   * #insertRows} for several rows of which some choose their generated id.
   *
   * @param work gets the options that carry the transaction
   */
  protected abstract <T> T atomically(Options options, Function<Options, T> work);

  // ---------------------------------------------------------------- CRUD (C3)

  /**
   * {@inheritDoc} One INSERT through {@link #insertRows}; null data throws NullPointerException.
   */
  @Override
  public Map<String, Object> create(
      ModelDefinition model, Map<String, Object> data, Options options) {
    requireNonNull(data, "data is null");
    return insertRows(model, List.of(data), options).get(0);
  }

  /** {@inheritDoc} One multi-row INSERT when no row chooses a generated id. */
  @Override
  public List<Map<String, Object>> createAll(
      ModelDefinition model, List<Map<String, Object>> data, Options options) {
    if (!supports(Feature.BATCH_CREATE)) {
      throw Feature.BATCH_CREATE.unsupported(name());
    }
    requireNonNull(data, "data is null");
    if (data.isEmpty()) {
      return List.of();
    }
    return insertRows(model, data, options);
  }

  /**
   * Inserts rows, all or none, and returns them as stored, generated ids included. Called by {@link
   * #create} and {@link #createAll}; one multi-row INSERT, except for several rows of which some
   * choose their generated id: then one INSERT per row in {@link #atomically}.
   *
   * @param rows at least one
   * @throws NullPointerException for null options
   * @throws ConnectorException {@link ErrorCode#INVALID_ARGUMENT} for a key that is not a property
   *     (from {@link #insertSql}); what {@link #executeInsert} throws
   */
  protected List<Map<String, Object>> insertRows(
      ModelDefinition model, List<Map<String, Object>> rows, Options options) {
    requireNonNull(options, "options is null");
    PropertyDefinition generated = generatedId(model);
    boolean anyChosen =
        generated != null && rows.stream().anyMatch(r -> r.get(generated.name()) != null);
    if (rows.size() == 1 || generated == null || !anyChosen) {
      List<Map<String, Object>> stripped =
          generated == null ? rows : rows.stream().map(r -> without(r, generated)).toList();
      List<Object> keys =
          executeInsert(model, insertSql(model, anyChosen ? rows : stripped), options);
      List<Map<String, Object>> stored = new ArrayList<>(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        Map<String, Object> row = stored(model, rows.get(i));
        if (generated != null && row.get(generated.name()) == null && i < keys.size()) {
          row.put(generated.name(), keys.get(i));
        }
        stored.add(row);
      }
      return stored;
    }
    // Some rows choose their id: a multi-row INSERT's generated keys would not line up.
    return atomically(
        options,
        tx -> {
          List<Map<String, Object>> stored = new ArrayList<>(rows.size());
          for (Map<String, Object> row : rows) {
            stored.add(insertRows(model, List.of(row), tx).get(0));
          }
          return stored;
        });
  }

  private static Map<String, Object> without(Map<String, Object> row, PropertyDefinition id) {
    if (!row.containsKey(id.name()) || row.get(id.name()) != null) {
      return row;
    }
    Map<String, Object> copy = new LinkedHashMap<>(row);
    copy.remove(id.name());
    return copy;
  }

  /** The single generated id property, or null (no id, a composite id, or one not generated). */
  protected static PropertyDefinition generatedId(ModelDefinition model) {
    List<PropertyDefinition> ids = model.idProperties();
    return ids.size() == 1 && ids.get(0).generated() ? ids.get(0) : null;
  }

  /**
   * A written row as it reads back: every property (null when absent from {@code data}), dates at
   * millisecond precision. Called by {@link #insertRows} for each row.
   */
  protected Map<String, Object> stored(ModelDefinition model, Map<String, Object> data) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (PropertyDefinition property : model.properties().values()) {
      Object value = data.get(property.name());
      row.put(
          property.name(),
          value instanceof Instant instant ? instant.truncatedTo(ChronoUnit.MILLIS) : value);
    }
    return row;
  }

  /**
   * {@inheritDoc} Runs {@link #selectSql} through {@link #executeQuery}, reading {@link
   * #selectedProperties}.
   *
   * @throws ConnectorException {@link ErrorCode#INVALID_FILTER} for a where or order this connector
   *     does not push down
   */
  @Override
  public List<Map<String, Object>> all(ModelDefinition model, Filter filter, Options options) {
    requireNonNull(filter, "filter is null");
    requireNonNull(options, "options is null");
    return executeQuery(
        model, selectedProperties(model, filter.fields()), selectSql(model, filter), options);
  }

  /**
   * {@inheritDoc} Runs {@link #countSql} through {@link #executeScalar}.
   *
   * @throws ConnectorException {@link ErrorCode#INVALID_FILTER} for a where it does not push down
   */
  @Override
  public long count(ModelDefinition model, Where where, Options options) {
    return executeScalar(model, countSql(model, where), requireNonNull(options, "options is null"));
  }

  /**
   * {@inheritDoc} Id properties in {@code data} are dropped; when nothing is left it counts the
   * matches, else runs {@link #updateSql} through {@link #executeUpdate}.
   *
   * @throws ConnectorException {@link ErrorCode#INVALID_ARGUMENT} for a key that is not a property
   */
  @Override
  public long update(
      ModelDefinition model, Where where, Map<String, Object> data, Options options) {
    Map<String, Object> patch = withoutIds(model, data);
    if (patch.isEmpty()) {
      return count(model, where, options);
    }
    return executeUpdate(model, updateSql(model, where, patch), options);
  }

  /** {@inheritDoc} Runs {@link #deleteSql} through {@link #executeUpdate}. */
  @Override
  public long destroyAll(ModelDefinition model, Where where, Options options) {
    return executeUpdate(
        model, deleteSql(model, where), requireNonNull(options, "options is null"));
  }

  /**
   * {@inheritDoc} In {@link #atomically}: an UPDATE of the non-id properties of {@code data}, then
   * {@link #findById}.
   *
   * @throws ConnectorException {@link ErrorCode#ENTITY_NOT_FOUND} when the id does not exist;
   *     {@link ErrorCode#INVALID_ARGUMENT} for a null id (see {@link #idWhere}) or a key that is
   *     not a property
   */
  @Override
  public Map<String, Object> updateAttributes(
      ModelDefinition model, Object id, Map<String, Object> data, Options options) {
    return writeById(model, id, withoutIds(model, data), options);
  }

  /**
   * {@inheritDoc} As {@link #updateAttributes}, with {@link #replacement} as the data.
   *
   * @throws ConnectorException {@link ErrorCode#ENTITY_NOT_FOUND} when the id does not exist;
   *     {@link ErrorCode#INVALID_ARGUMENT} for a null id (see {@link #idWhere}) or a key that is
   *     not a property
   */
  @Override
  public Map<String, Object> replaceById(
      ModelDefinition model, Object id, Map<String, Object> data, Options options) {
    return writeById(model, id, replacement(model, data), options);
  }

  /** Every non-id property: its value in {@code data}, else null (replace semantics). */
  protected static Map<String, Object> replacement(
      ModelDefinition model, Map<String, Object> data) {
    requireNonNull(data, "data is null");
    Map<String, Object> all = new LinkedHashMap<>();
    for (PropertyDefinition property : model.properties().values()) {
      if (!property.isId()) {
        all.put(property.name(), data.get(property.name()));
      }
    }
    return all;
  }

  /** {@code data} without the id properties. */
  protected static Map<String, Object> withoutIds(ModelDefinition model, Map<String, Object> data) {
    requireNonNull(data, "data is null");
    Map<String, Object> patch = new LinkedHashMap<>(data);
    model.idProperties().forEach(id -> patch.remove(id.name()));
    return patch;
  }

  private Map<String, Object> writeById(
      ModelDefinition model, Object id, Map<String, Object> patch, Options options) {
    Where byId = idWhere(model, id);
    return atomically(
        options,
        tx -> {
          long matched =
              patch.isEmpty()
                  ? count(model, byId, tx)
                  : executeUpdate(model, updateSql(model, byId, patch), tx);
          Map<String, Object> row = matched == 0 ? null : findById(model, id, tx);
          if (row == null) {
            throw notFound(model, id);
          }
          return row;
        });
  }

  /**
   * The record with an id, or null when none has it. Called by {@link #updateAttributes} and {@link
   * #replaceById} to read the written record back, inside their transaction.
   */
  protected Map<String, Object> findById(ModelDefinition model, Object id, Options options) {
    List<Map<String, Object>> rows =
        all(model, new Filter(idWhere(model, id), Fields.ALL, List.of(), 1, 0, List.of()), options);
    return rows.isEmpty() ? null : rows.get(0);
  }

  /**
   * The where of one id: {@code eq} on the id, or an {@code and} for a composite id (a missing part
   * compares with null).
   *
   * @param id the value, or a map of id property to value for a composite id
   * @throws ConnectorException {@link ErrorCode#INVALID_ARGUMENT} when the model has no id, the id
   *     is null, or a composite id is not a map
   */
  protected static Where idWhere(ModelDefinition model, Object id) {
    List<PropertyDefinition> ids = model.idProperties();
    if (ids.isEmpty()) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT, "model " + model.name() + " has no id property");
    }
    if (id == null) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT, "an id of model " + model.name() + " is required");
    }
    if (ids.size() == 1) {
      return Where.eq(ids.get(0).name(), id);
    }
    if (!(id instanceof Map<?, ?> parts)) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          "model " + model.name() + " has a composite id: the id must be an object");
    }
    List<Where> conditions = new ArrayList<>();
    for (PropertyDefinition property : ids) {
      conditions.add(Where.eq(property.name(), parts.get(property.name())));
    }
    return Where.and(conditions);
  }

  /** The id of a row: the value (null when absent), or a map for a composite id. */
  protected static Object idOf(ModelDefinition model, Map<String, Object> row) {
    List<PropertyDefinition> ids = model.idProperties();
    if (ids.size() == 1) {
      return row.get(ids.get(0).name());
    }
    Map<String, Object> id = new LinkedHashMap<>();
    ids.forEach(p -> id.put(p.name(), row.get(p.name())));
    return id;
  }

  /** ENTITY_NOT_FOUND for an id. */
  protected static ConnectorException notFound(ModelDefinition model, Object id) {
    return new ConnectorException(
        ErrorCode.ENTITY_NOT_FOUND,
        "could not find a model instance of " + model.name() + " with id " + id,
        Map.of("model", model.name(), "id", String.valueOf(id)));
  }
}
